package io.gcvm.maven.report;

import io.gcvm.maven.ResultsXml;

import org.apache.maven.doxia.sink.impl.Xhtml5BaseSink;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static io.gcvm.maven.report.ResultsReaderTest.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Renders the report from results files written by a real {@code gc-vm:run} through Doxia's
 * XHTML5 sink (the one the site renderer extends), parses the page as a browser would, and
 * checks every figure of the table against the files, read here independently of the
 * report's reader.
 */
class GcReportRendererTest {

    static String render(Path dir) {
        StringWriter w = new StringWriter();
        Xhtml5BaseSink sink = new Xhtml5BaseSink(w);
        new GcReportRenderer(sink, ResultsReader.read(dir), "target/gc-vm-reports").render();
        sink.close();
        return w.toString();
    }

    /** The {@code <program>} elements of a summary, as attribute maps. */
    static List<org.w3c.dom.Element> summaryPrograms(Path dir) throws Exception {
        org.w3c.dom.Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(dir.resolve(ResultsXml.SUMMARY).toFile());
        NodeList l = d.getElementsByTagName("program");
        List<org.w3c.dom.Element> out = new ArrayList<>();
        for (int i = 0; i < l.getLength(); i++) out.add((org.w3c.dom.Element) l.item(i));
        return out;
    }

    static org.w3c.dom.Element heapOf(Path dir, String file) throws Exception {
        return elementOf(dir, file, "heap");
    }

    static org.w3c.dom.Element elementOf(Path dir, String file, String tag) throws Exception {
        org.w3c.dom.Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(dir.resolve(file).toFile());
        return (org.w3c.dom.Element) d.getElementsByTagName(tag).item(0);
    }

    static long num(org.w3c.dom.Element e, String attr) {
        return Long.parseLong(e.getAttribute(attr));
    }

    static String mb(long bytes) {
        return String.format(Locale.ROOT, "%,.2f MB", bytes / 1048576.0);
    }

    static String ms(long nanos) {
        return String.format(Locale.ROOT, "%,.2f ms", nanos / 1_000_000.0);
    }

    /** The digits of a title such as {@code "5,906,432 bytes"}. */
    static long exact(Element cell) {
        String t = cell.attr("title");
        String digits = t.replaceAll("^[^0-9]*", "").replaceAll("[^0-9,.].*$", "").replace(",", "");
        assertFalse(digits.isEmpty(), "no exact figure in title '" + t + "'");
        return Long.parseLong(digits);
    }

    static Element cell(Element row, String cls) {
        Element c = row.selectFirst("td." + cls);
        assertNotNull(c, cls + " in " + row);
        return c;
    }

    @Test
    void everyFigureOfTheTableIsTheResultsFilesOwn() throws Exception {
        for (String name : List.of("sample", "fork", "pass")) {
            Path dir = sample(name);
            Document page = Jsoup.parse(render(dir));
            List<org.w3c.dom.Element> programs = summaryPrograms(dir);
            Elements rows = page.select("table#gcvm-runs tr.gcvm-run");
            assertEquals(programs.size(), rows.size(), name);
            long collections = 0;
            long pause = 0;
            long maxPause = 0;
            long allocated = 0;
            org.w3c.dom.Element mostLive = null;
            for (int i = 0; i < rows.size(); i++) {
                org.w3c.dom.Element p = programs.get(i);
                org.w3c.dom.Element heap = heapOf(dir, p.getAttribute("file"));
                Element row = rows.get(i);
                String what = name + ": " + p.getAttribute("name");
                assertEquals(p.getAttribute("name"), cell(row, "gcvm-name").text(), what);
                assertEquals("#" + Fmt.id(p.getAttribute("name")), cell(row, "gcvm-name").selectFirst("a").attr("href"));
                assertEquals(p.getAttribute("verdict"), cell(row, "gcvm-verdict").text(), what);
                assertEquals(Boolean.parseBoolean(p.getAttribute("passed")), row.hasClass("gcvm-passed"), what);
                assertEquals(p.getAttribute("memMb") + " MB", cell(row, "gcvm-limit").text(), what);
                assertEquals(num(p, "limitBytes"), exact(cell(row, "gcvm-limit")), what);
                assertEquals(p.getAttribute("collections"), cell(row, "gcvm-collections").text(), what);
                assertEquals(ms(num(p, "totalPauseNanos")), cell(row, "gcvm-total-pause").text(), what);
                assertEquals(num(p, "totalPauseNanos"), exact(cell(row, "gcvm-total-pause")), what);
                assertEquals(ms(num(p, "maxPauseNanos")), cell(row, "gcvm-max-pause").text(), what);
                assertEquals(num(p, "maxPauseNanos"), exact(cell(row, "gcvm-max-pause")), what);
                assertEquals(mb(num(p, "bytesAllocated")), cell(row, "gcvm-allocated").text(), what);
                assertEquals(num(p, "bytesAllocated"), exact(cell(row, "gcvm-allocated")), what);
                long peak = num(p, "peakHeapBytes");
                long limit = num(p, "limitBytes");
                assertEquals(mb(peak) + " (" + Math.round(100.0 * peak / limit) + " %)", cell(row, "gcvm-peak").text(),
                        what);
                assertEquals(peak, exact(cell(row, "gcvm-peak")), what);
                assertEquals(mb(num(p, "liveBytesAfterLastGc")), cell(row, "gcvm-live").text(), what);
                assertEquals(num(p, "liveBytesAfterLastGc"), exact(cell(row, "gcvm-live")), what);
                assertEquals(p.getAttribute("time") + " s", cell(row, "gcvm-time").text(), what);
                // fork mode: the outside meter's growth over the baseline, and what was allowed
                org.w3c.dom.Element rss = elementOf(dir, p.getAttribute("file"), "rss");
                assertEquals(rss != null, name.equals("fork"), what);
                if (rss != null) {
                    assertEquals(String.format(Locale.ROOT, "%,.1f MB (%,.1f MB)", num(rss, "deltaKb") / 1024.0,
                            num(rss, "allowedKb") / 1024.0), cell(row, "gcvm-rss").text(), what);
                    assertEquals(num(rss, "deltaKb"), exact(cell(row, "gcvm-rss")), what);
                } else {
                    assertTrue(row.select("td.gcvm-rss").isEmpty(), what);
                }
                // the program's own file says the same
                for (String a : List.of("collections", "totalPauseNanos", "maxPauseNanos", "bytesAllocated",
                        "peakHeapBytes", "liveBytesAfterLastGc", "limitBytes")) {
                    assertEquals(p.getAttribute(a), heap.getAttribute(a), what + " " + a);
                }
                collections += num(p, "collections");
                pause += num(p, "totalPauseNanos");
                maxPause = Math.max(maxPause, num(p, "maxPauseNanos"));
                allocated += num(p, "bytesAllocated");
                if (mostLive == null || (double) num(p, "peakLiveBytes") / num(p, "limitBytes")
                        > (double) num(mostLive, "peakLiveBytes") / num(mostLive, "limitBytes")) mostLive = p;
            }
            // the totals name the run whose live data came nearest its limit
            Element most = page.select("table#gcvm-totals tr").stream()
                    .filter(r -> r.text().startsWith("Most live data")).findFirst().orElseThrow();
            long live = num(mostLive, "peakLiveBytes");
            assertEquals("Most live data " + mb(live) + " of " + mostLive.getAttribute("memMb") + " MB ("
                    + Math.round(100.0 * live / num(mostLive, "limitBytes")) + " %, " + mostLive.getAttribute("name") + ")",
                    most.text(), name);
            Element total = page.selectFirst("table#gcvm-runs tr.gcvm-total-row");
            assertNotNull(total);
            assertEquals(Long.toString(collections), cell(total, "gcvm-collections").text());
            assertEquals(ms(pause), cell(total, "gcvm-total-pause").text());
            assertEquals(ms(maxPause), cell(total, "gcvm-max-pause").text());
            assertEquals(mb(allocated), cell(total, "gcvm-allocated").text());
            assertEquals(allocated, exact(cell(total, "gcvm-allocated")));
        }
    }

    @Test
    void failedRunsStandOut() throws Exception {
        Path dir = sample("sample");
        Document page = Jsoup.parse(render(dir));
        Element box = page.selectFirst("div.gcvm-failures");
        assertNotNull(box, "no failure summary");
        assertTrue(box.text().startsWith("3 of 8 runs failed"), box.text());
        assertEquals(List.of("cast.mit", "count.mit", "grow.mit"), box.select("a").eachText());
        assertTrue(box.text().contains("grow.mit: OVER_MEMORY: OutOfMemoryException at src/gcvm/grow.mit:6"), box.text());
        // the failure summary comes before the table
        assertTrue(page.html().indexOf("gcvm-failures") < page.html().indexOf("gcvm-runs"));
        for (Element row : page.select("tr.gcvm-run")) {
            String style = cell(row, "gcvm-verdict").attr("style");
            if (row.hasClass("gcvm-failed")) assertTrue(style.contains("#f8d7da"), style);
            else assertTrue(style.contains("#d1e7dd"), style);
        }
        assertTrue(page.selectFirst("div.gcvm-all-passed") == null);
        // the wrong output's diff is on the page
        Element count = page.getElementById(Fmt.id("count.mit"));
        assertNotNull(count);
        assertTrue(count.select("pre").text().contains("-three"), count.html());
    }

    @Test
    void eachRunHasItsChartInline() throws Exception {
        Path dir = sample("sample");
        String html = render(dir);
        Document page = Jsoup.parse(html);
        assertFalse(html.contains("<script"), "no script");
        assertFalse(html.contains("http://") && html.replace("http://www.w3.org/2000/svg", "").contains("http://"));
        assertFalse(html.contains("https://"));
        for (org.w3c.dom.Element p : summaryPrograms(dir)) {
            Element section = page.getElementById(Fmt.id(p.getAttribute("name")));
            assertNotNull(section, p.getAttribute("name"));
            Elements charts = section.select("svg.gcvm-chart");
            assertEquals(1, charts.size(), p.getAttribute("name"));
            boolean collected = num(p, "collections") > 0;
            assertEquals(collected ? 1 : 0, charts.get(0).select("path.gcvm-heap").size(), p.getAttribute("name"));
            assertEquals(1, charts.get(0).select("line.gcvm-limit").size());
        }
    }

    @Test
    void allPassedSaysSo() throws Exception {
        Document page = Jsoup.parse(render(sample("pass")));
        assertEquals("All 2 runs passed.", page.selectFirst("div.gcvm-all-passed").text());
        assertTrue(page.selectFirst("div.gcvm-failures") == null);
    }

    @Test
    void noResultsDirectoryIsSaidClearly(@TempDir Path tmp) {
        Document page = Jsoup.parse(render(tmp.resolve("target/gc-vm-reports")));
        Element box = page.selectFirst("div.gcvm-no-results");
        assertNotNull(box);
        assertTrue(box.text().startsWith("No gc-vm results to report. The results directory target/gc-vm-reports "
                + "does not exist"), box.text());
        assertTrue(box.text().contains("mvn verify site"), box.text());
        assertTrue(page.select("table#gcvm-runs").isEmpty());
    }

    @Test
    void anEmptyResultsDirectoryIsSaidClearly(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp);
        Document page = Jsoup.parse(render(tmp));
        assertTrue(page.selectFirst("div.gcvm-no-results").text().contains("holds no results files"));
    }
}
