package io.gcvm.maven.report;

import io.gcvm.Outcome;
import io.gcvm.heap.GcEvent;
import io.gcvm.heap.HeapStats;
import io.gcvm.maven.GcSeries;
import io.gcvm.maven.Job;
import io.gcvm.maven.ProgramResult;
import io.gcvm.maven.ResultsXml;
import io.gcvm.maven.RunData;
import io.gcvm.maven.Verdict;
import io.gcvm.maven.report.GcResults.GcPoint;
import io.gcvm.maven.report.GcResults.Run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultsReaderTest {

    /** A results directory written by a real {@code gc-vm:run} (see the files' programs in the report IT). */
    static Path sample(String name) {
        try {
            return Path.of(ResultsReaderTest.class.getResource(name + "/" + ResultsXml.SUMMARY).toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(from)) {
            for (Path p : s.toList()) Files.copy(p, to.resolve(p.getFileName()));
        }
        return to;
    }

    @Test
    void readsTheSummaryAndEveryProgramFile() {
        GcResults r = ResultsReader.read(sample("sample"));
        assertTrue(r.exists());
        assertEquals(List.of(), r.problems());
        assertEquals(List.of(), r.otherFiles());
        assertEquals(8, r.summary().programs());
        assertEquals(5, r.summary().passed());
        assertEquals(3, r.summary().failed());
        assertEquals("in-process", r.summary().mode());
        assertEquals(1, r.summary().verdictCounts().get("WRONG_OUTPUT"));
        assertEquals(9, r.summary().verdictCounts().size());
        assertEquals(List.of("cast.mit", "churn.mit", "churn.mit@oom", "count.mit", "grow.mit", "hello.mit",
                "tight.mit", "tight.mit@oom"), r.runs().stream().map(Run::name).toList());
        assertEquals(3, r.failedCount());

        Run churn = run(r, "churn.mit@oom");
        assertEquals("PASS", churn.verdict());
        assertTrue(churn.passed());
        assertEquals(1, churn.memMb());
        assertEquals(1 << 20, churn.limitBytes());
        assertEquals(churn.collections(), churn.series().collections());
        assertEquals(churn.collections(), churn.series().points().size());
        assertTrue(churn.series().hasAllocationClock());
        assertTrue(churn.series().exact());
        assertEquals("OUT_OF_MEMORY", churn.detail().outcome());
        assertTrue(churn.finalHeapBytes() > 0);

        Run count = run(r, "count.mit");
        assertEquals("WRONG_OUTPUT", count.verdict());
        assertFalse(count.passed());
        assertEquals(3, count.detail().diff().firstDifference());
        assertTrue(count.detail().diff().text().contains("-three\n+3\n"));

        Run grow = run(r, "grow.mit");
        assertEquals("OVER_MEMORY", grow.verdict());
        assertEquals("OutOfMemoryException", grow.detail().error().name());
        assertEquals(6, grow.detail().error().line());
    }

    @Test
    void forkModeSeriesHaveNoAllocationClock() {
        GcResults r = ResultsReader.read(sample("fork"));
        Run oom = run(r, "oom.mit");
        assertEquals("fork", oom.detail().mode());
        assertFalse(oom.series().hasAllocationClock());
        assertFalse(oom.series().exact());
        assertNotNull(oom.detail().rss());
        assertTrue(oom.detail().rss().peakKb() > 0);
    }

    @Test
    void aMissingDirectoryIsNoResultsNotAnError(@TempDir Path tmp) {
        GcResults r = ResultsReader.read(tmp.resolve("target/gc-vm-reports"));
        assertFalse(r.exists());
        assertTrue(r.isEmpty());
        assertNull(r.summary());
        assertEquals(List.of(), r.problems());
    }

    @Test
    void anEmptyDirectoryHasNoRuns(@TempDir Path tmp) {
        GcResults r = ResultsReader.read(tmp);
        assertTrue(r.exists());
        assertTrue(r.isEmpty());
        assertEquals(List.of(), r.problems());
    }

    @Test
    void withoutASummaryTheProgramFilesAreReadOnTheirOwn(@TempDir Path tmp) throws IOException {
        Path dir = copy(sample("sample"), tmp.resolve("r"));
        Files.delete(dir.resolve(ResultsXml.SUMMARY));
        GcResults r = ResultsReader.read(dir);
        assertNull(r.summary());
        assertEquals(8, r.runs().size());
        assertEquals(1, r.problems().size());
        assertTrue(r.problems().get(0).contains("no gc-vm-summary.xml"), r.problems().toString());
        GcResults withSummary = ResultsReader.read(sample("sample"));
        for (Run a : withSummary.runs()) {
            Run b = run(r, a.name());
            assertEquals(a.verdict(), b.verdict());
            assertEquals(a.collections(), b.collections());
            assertEquals(a.totalPauseNanos(), b.totalPauseNanos());
            assertEquals(a.bytesAllocated(), b.bytesAllocated());
            assertEquals(a.peakHeapBytes(), b.peakHeapBytes());
            assertEquals(a.liveBytesAfterLastGc(), b.liveBytesAfterLastGc());
            assertEquals(a.memMb(), b.memMb());
            assertEquals(a.time(), b.time());
            assertEquals(a.message(), b.message());
        }
    }

    @Test
    void unreadableAndLeftoverFilesAreNamedNotFatal(@TempDir Path tmp) throws IOException {
        Path dir = copy(sample("sample"), tmp.resolve("r"));
        Files.writeString(dir.resolve("grow.mit.xml"), "<gc-vm-program name=\"grow.mit\"");     // cut short
        Files.delete(dir.resolve("hello.mit.xml"));
        Files.writeString(dir.resolve("old.mit.xml"), "<gc-vm-program name=\"old.mit\"/>");
        GcResults r = ResultsReader.read(dir);
        assertEquals(8, r.runs().size());
        assertNull(run(r, "grow.mit").detail());
        assertEquals("OVER_MEMORY", run(r, "grow.mit").verdict());
        assertNull(run(r, "hello.mit").detail());
        assertEquals(2, r.problems().size(), r.problems().toString());
        assertTrue(r.problems().get(0).startsWith("grow.mit.xml: cannot be read"), r.problems().toString());
        assertTrue(r.problems().get(1).contains("hello.mit.xml is missing"), r.problems().toString());
        assertEquals(List.of("old.mit.xml"), r.otherFiles());
    }

    @Test
    void aCorruptSummaryFallsBackToTheProgramFiles(@TempDir Path tmp) throws IOException {
        Path dir = copy(sample("sample"), tmp.resolve("r"));
        Files.writeString(dir.resolve(ResultsXml.SUMMARY), "not xml");
        GcResults r = ResultsReader.read(dir);
        assertNull(r.summary());
        assertEquals(8, r.runs().size());
        assertTrue(r.problems().get(0).startsWith("gc-vm-summary.xml: cannot be read"), r.problems().toString());
    }

    /** What {@link ResultsXml} writes, the reader reads back, field by field. */
    @Test
    void readsBackWhatTheRunGoalWrites(@TempDir Path dir) throws IOException {
        Instant when = Instant.parse("2026-01-02T03:04:05.678Z");
        GcSeries s = new GcSeries(4);
        for (int i = 1; i <= 9; i++) {
            s.onCollection(new GcEvent(i, i == 9 ? "compact" : "full", 100_000L * i, 50_000L * i, 40_000L * i,
                    6L << 20, 1000 + i, 1_000_000L * i, i == 9 ? 64 : 0));
        }
        HeapStats h = new HeapStats(6L << 20, 9, 12_345_678, 2_000_000, 90_000_000, 900, 5_000_000, 360_000, 400_000,
                450_000);
        Job job = new Job("sub/w.mit", "src/gcvm/sub/w.mit", Path.of("w.mit"), Path.of("w.mit.out"), null, 6, 60,
                "OutOfMemoryException", false, null);
        ProgramResult failed = new ProgramResult(job, new RunData(Outcome.OK, null, 0, 0, "", h, 1_234_567_890L, s,
                null, null), Verdict.EXPECTED_FAILURE_MISSING, "expected OutOfMemoryException, but <&> \"ended\"", null);
        Job bad = new Job("bad.mit", "src/gcvm/bad.mit", Path.of("bad.mit"), Path.of("bad.mit.out"), null, 3, 60, null,
                false, "src/gcvm/bad.mit:1: unknown directive '@memory'");
        ProgramResult error = new ProgramResult(bad, null, Verdict.ERROR, bad.setupError(), null);
        ResultsXml.writeProgram(dir, failed, "in-process", when);
        ResultsXml.writeProgram(dir, error, "in-process", when);
        ResultsXml.writeSummary(dir, List.of(error, failed), "in-process", 2, 1_500_000_000L, when);

        GcResults r = ResultsReader.read(dir);
        assertEquals(List.of(), r.problems());
        assertEquals("1.500", r.summary().time());
        assertEquals(2, r.summary().threads());
        assertEquals("2026-01-02T03:04:05.678Z", r.summary().timestamp());
        Run w = run(r, "sub/w.mit");
        assertEquals("sub.w.mit.xml", w.fileName());
        assertEquals("src/gcvm/sub/w.mit", w.source());
        assertEquals("EXPECTED_FAILURE_MISSING", w.verdict());
        assertFalse(w.passed());
        assertEquals(failed.message(), w.message());
        assertEquals("1.235", w.time());
        assertEquals(6, w.memMb());
        assertEquals(6L << 20, w.limitBytes());
        assertEquals(9, w.collections());
        assertEquals(12_345_678, w.totalPauseNanos());
        assertEquals(2_000_000, w.maxPauseNanos());
        assertEquals(90_000_000, w.bytesAllocated());
        assertEquals(900, w.objectsAllocated());
        assertEquals(5_000_000, w.peakHeapBytes());
        assertEquals(360_000, w.liveBytesAfterLastGc());
        assertEquals(400_000, w.peakLiveBytes());
        assertEquals(450_000, w.finalHeapBytes());
        assertEquals("OutOfMemoryException", w.detail().expect());
        // capped at 4 points: every 4th collection (1, 5, 9), 9 being the last
        assertEquals(9, w.series().collections());
        assertEquals(4, w.series().stride());
        assertEquals(4, w.series().cap());
        assertEquals(List.of(1, 5, 9), w.series().points().stream().map(GcPoint::n).toList());
        GcPoint last = w.series().points().get(2);
        assertEquals(new GcPoint(9, "compact", 900_000, 450_000, 360_000, 6L << 20, 1009, 9_000_000, 64), last);

        Run e = run(r, "bad.mit");
        assertEquals("ERROR", e.verdict());
        assertEquals(0, e.collections());
        assertEquals(3L << 20, e.limitBytes());
        assertEquals(0, e.series().points().size());
        assertNull(e.detail().outcome());
    }

    static Run run(GcResults r, String name) {
        return r.runs().stream().filter(x -> x.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no run " + name));
    }
}
