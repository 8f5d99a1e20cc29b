package io.gcvm.maven;

import io.gcvm.Outcome;
import io.gcvm.heap.GcEvent;
import io.gcvm.heap.HeapStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultsXmlTest {
    static final Instant WHEN = Instant.parse("2026-01-02T03:04:05.678Z");

    static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    static Element one(Document d, String tag) {
        NodeList l = d.getElementsByTagName(tag);
        assertEquals(1, l.getLength(), tag);
        return (Element) l.item(0);
    }

    static Job job(String name) {
        return new Job(name, "src/gcvm/" + name, Path.of(name), Path.of(name + ".out"), Path.of(name + ".in"), 6, 60,
                null, false, null);
    }

    static ProgramResult wrongOutput() {
        GcSeries s = new GcSeries(4);
        for (int i = 1; i <= 9; i++) {
            s.onCollection(new GcEvent(i, "full", 1000L * i, 500L * i, 400L * i, 6L << 20, 1000 + i, 10_000L * i,
                    i == 9 ? 64 : 0));
        }
        HeapStats h = new HeapStats(6L << 20, 9, 12_345_678, 2_000_000, 90_000, 900, 5_000_000, 3600, 4000, 4500);
        RunData run = new RunData(Outcome.OK, null, 0, 0, "a\nb & <c>\u0001\n", h, 1_234_567_890L, s, null, null);
        return Judge.judge(job("w.mit"), run, "a\nb\n");
    }

    @Test
    void programFileHasEverythingTheReportNeeds() throws Exception {
        ProgramResult r = wrongOutput();
        Document d = parse(ResultsXml.program(r, "in-process", WHEN));
        Element root = d.getDocumentElement();
        assertEquals("gc-vm-program", root.getTagName());
        assertEquals("w.mit", root.getAttribute("name"));
        assertEquals("src/gcvm/w.mit", root.getAttribute("file"));
        assertEquals("WRONG_OUTPUT", root.getAttribute("verdict"));
        assertEquals("false", root.getAttribute("passed"));
        assertEquals("1.235", root.getAttribute("time"));
        assertEquals("in-process", root.getAttribute("mode"));
        assertEquals("2026-01-02T03:04:05.678Z", root.getAttribute("timestamp"));
        assertEquals(r.message(), one(d, "message").getTextContent());

        Element settings = one(d, "settings");
        assertEquals("6", settings.getAttribute("memMb"));
        assertEquals("6291456", settings.getAttribute("limitBytes"));
        assertEquals("w.mit.in", settings.getAttribute("stdin"));

        Element heap = one(d, "heap");
        assertEquals("6291456", heap.getAttribute("limitBytes"));
        assertEquals("9", heap.getAttribute("collections"));
        assertEquals("12345678", heap.getAttribute("totalPauseNanos"));
        assertEquals("2000000", heap.getAttribute("maxPauseNanos"));
        assertEquals("90000", heap.getAttribute("bytesAllocated"));
        assertEquals("5000000", heap.getAttribute("peakHeapBytes"));
        assertEquals("3600", heap.getAttribute("liveBytesAfterLastGc"));
        assertEquals("4000", heap.getAttribute("peakLiveBytes"));

        Element diff = one(d, "diff");
        assertEquals("2", diff.getAttribute("firstDifference"));
        String text = diff.getTextContent();
        assertTrue(text.contains("-b\n"), text);
        assertTrue(text.contains("+b & <c>\\x01\n"), text);   // escaped, control character made visible

        Element series = one(d, "gcSeries");
        assertEquals("9", series.getAttribute("collections"));
        assertEquals("4", series.getAttribute("stride"));
        assertEquals("4", series.getAttribute("cap"));
        NodeList gcs = d.getElementsByTagName("gc");
        assertEquals(3, gcs.getLength());   // 1, 5, 9
        Element last = (Element) gcs.item(2);
        assertEquals("9", last.getAttribute("n"));
        assertEquals("9000", last.getAttribute("usedBefore"));
        assertEquals("4500", last.getAttribute("usedAfter"));
        assertEquals("3600", last.getAttribute("live"));
        assertEquals("6291456", last.getAttribute("limit"));
        assertEquals("90000", last.getAttribute("allocated"));
        assertEquals("1009", last.getAttribute("pauseNanos"));
        assertEquals("64", last.getAttribute("moved"));
    }

    @Test
    void errorAndRssAreRecorded() throws Exception {
        HeapStats h = new HeapStats(2L << 20, 4, 1, 1, 1, 1, 1, 2016544, 2016544, 1);
        RunData run = new RunData(Outcome.OUT_OF_MEMORY, JudgeTest.OOM, 4, 0, "", h, 5, new GcSeries(), null, null)
                .withRss(new Rss(60_000, 45_000, 7 << 10, "/usr/bin/time -v"));
        ProgramResult r = Judge.judge(job("o.mit"), run, "");
        Document d = parse(ResultsXml.program(r, "fork", WHEN));
        assertEquals("OVER_MEMORY", d.getDocumentElement().getAttribute("verdict"));
        Element err = one(d, "error");
        assertEquals("OutOfMemoryException", err.getAttribute("name"));
        assertEquals("4", err.getAttribute("line"));
        assertEquals(JudgeTest.OOM, err.getTextContent());
        Element rss = one(d, "rss");
        assertEquals("15000", rss.getAttribute("deltaKb"));
        assertEquals("true", rss.getAttribute("exceeded"));
        assertEquals(0, d.getElementsByTagName("gc").getLength());
    }

    @Test
    void summaryListsEveryRunAndCounts(@TempDir Path dir) throws Exception {
        ProgramResult bad = wrongOutput();
        ProgramResult good = Judge.judge(job("g.mit"), new RunData(Outcome.OK, null, 0, 0, "x\n",
                RunData.emptyStats(6), 1_000_000, new GcSeries(), null, null), "x\n");
        Path f = ResultsXml.writeSummary(dir, List.of(good, bad), "in-process", 2, 3_000_000_000L, WHEN);
        assertEquals(dir.resolve("gc-vm-summary.xml"), f);
        Document d = parse(Files.readString(f));
        Element root = d.getDocumentElement();
        assertEquals("gc-vm-summary", root.getTagName());
        assertEquals("2", root.getAttribute("programs"));
        assertEquals("1", root.getAttribute("passed"));
        assertEquals("1", root.getAttribute("failed"));
        assertEquals("3.000", root.getAttribute("time"));
        NodeList programs = d.getElementsByTagName("program");
        assertEquals(2, programs.getLength());
        Element p = (Element) programs.item(1);
        assertEquals("w.mit", p.getAttribute("name"));
        assertEquals("w.mit.xml", p.getAttribute("file"));
        assertEquals("WRONG_OUTPUT", p.getAttribute("verdict"));
        assertEquals("9", p.getAttribute("collections"));
        NodeList verdicts = d.getElementsByTagName("verdict");
        assertEquals(Verdict.values().length, verdicts.getLength());
        for (int i = 0; i < verdicts.getLength(); i++) {
            Element v = (Element) verdicts.item(i);
            String expected = v.getAttribute("name").equals("PASS") || v.getAttribute("name").equals("WRONG_OUTPUT")
                    ? "1" : "0";
            assertEquals(expected, v.getAttribute("count"), v.getAttribute("name"));
        }
        Path pf = ResultsXml.writeProgram(dir, bad, "in-process", WHEN);
        assertEquals("w.mit.xml", pf.getFileName().toString());
    }

    @Test
    void fileNames() {
        assertEquals("a.mit.xml", ResultsXml.fileName("a.mit"));
        assertEquals("sub.a.mit@oom.xml", ResultsXml.fileName("sub/a.mit@oom"));
    }

    @Test
    void cleaning() {
        assertEquals("a&amp;b&lt;&gt;&quot;&#10;\\x07", ResultsXml.clean("a&b<>\"\n\u0007", true));
        assertEquals("\"\n\t", ResultsXml.clean("\"\n\t", false));
        assertEquals("\uD83D\uDE00 \\xd800", ResultsXml.clean("\uD83D\uDE00 \uD800", false));
    }
}
