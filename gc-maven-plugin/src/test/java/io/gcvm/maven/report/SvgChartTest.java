package io.gcvm.maven.report;

import io.gcvm.maven.report.GcResults.GcPoint;
import io.gcvm.maven.report.GcResults.Run;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.gcvm.maven.report.ResultsReaderTest.run;
import static io.gcvm.maven.report.ResultsReaderTest.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SvgChartTest {

    static Document svg(String s) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8)));
    }

    static List<Element> byClass(Document d, String tag, String cls) {
        List<Element> out = new ArrayList<>();
        NodeList l = d.getElementsByTagName(tag);
        for (int i = 0; i < l.getLength(); i++) {
            Element e = (Element) l.item(i);
            if (cls.equals(e.getAttribute("class"))) out.add(e);
        }
        return out;
    }

    static List<String> texts(Document d) {
        List<String> out = new ArrayList<>();
        NodeList l = d.getElementsByTagName("text");
        for (int i = 0; i < l.getLength(); i++) out.add(l.item(i).getTextContent());
        return out;
    }

    @Test
    void aRunIsASawOfHeapInUseWithLiveDataAgainstTheLimit() throws Exception {
        Run r = run(ResultsReader.read(sample("sample")), "churn.mit@oom");
        String s = SvgChart.render(r);
        assertFalse(s.contains("<script"));
        assertFalse(s.contains("href"));
        Document d = svg(s);
        Element root = d.getDocumentElement();
        assertEquals("svg", root.getLocalName());
        assertEquals("http://www.w3.org/2000/svg", root.getNamespaceURI());

        // one "x y V y" step per collection, then the end of the run
        String path = byClass(d, "path", "gcvm-heap").get(0).getAttribute("d");
        List<GcPoint> pts = r.series().points();
        assertEquals(pts.size(), count(path, "V"));
        assertEquals(pts.size(), count(path, "[ML]") - 1);
        // the live line goes through every collection
        String live = byClass(d, "polyline", "gcvm-live").get(0).getAttribute("points");
        assertEquals(pts.size(), live.trim().split(" ").length);

        // axes: 1 MB limit in MB on y (0 to 1 by 0.25), allocation in MB on x
        Axis y = Axis.bytes(r.limitBytes());
        assertEquals(1 << 20, y.top(), 1);
        List<String> labels = texts(d);
        assertTrue(labels.contains("heap (MB)"), labels.toString());
        assertTrue(labels.contains("MB allocated since the start of the run"), labels.toString());
        assertTrue(labels.containsAll(List.of("0", "0.25", "0.5", "0.75", "1")), labels.toString());
        assertTrue(labels.contains("limit 1 MB"), labels.toString());

        // the limit line is where the axis puts 1 MB; every point lies inside the plot
        Element limit = byClass(d, "line", "gcvm-limit").get(0);
        assertEquals(SvgChart.yOf(r.limitBytes(), y), Double.parseDouble(limit.getAttribute("y1")), 0.05);
        Matcher m = Pattern.compile("(-?[0-9.]+),(-?[0-9.]+)").matcher(live);
        while (m.find()) {
            double x = Double.parseDouble(m.group(1));
            double yy = Double.parseDouble(m.group(2));
            assertTrue(x >= SvgChart.LEFT && x <= SvgChart.RIGHT, live);
            assertTrue(yy >= SvgChart.TOP && yy <= SvgChart.BOTTOM, live);
        }
        // the first collection's drop is where its figures say
        GcPoint p = pts.get(0);
        Axis x = Axis.bytes(Math.max(r.bytesAllocated(), pts.get(pts.size() - 1).allocated()));
        String first = "M" + Fmt.px(SvgChart.xOf(p.allocated(), x)) + " " + Fmt.px(SvgChart.yOf(p.usedBefore(), y)) + "V"
                + Fmt.px(SvgChart.yOf(p.usedAfter(), y));
        assertTrue(path.startsWith(first), path.substring(0, 40) + " vs " + first);
    }

    @Test
    void forkModeCountsCollectionsAlongX() throws Exception {
        Run r = run(ResultsReader.read(sample("fork")), "oom.mit");
        Document d = svg(SvgChart.render(r));
        List<String> labels = texts(d);
        assertTrue(labels.contains("collection number"), labels.toString());
        assertTrue(labels.containsAll(List.of("0", "1", "2", "3", "4", "5")), labels.toString());
    }

    @Test
    void aRunWithoutCollectionsSaysSo() throws Exception {
        Run r = run(ResultsReader.read(sample("sample")), "hello.mit");
        Document d = svg(SvgChart.render(r));
        assertEquals(0, byClass(d, "path", "gcvm-heap").size());
        assertTrue(texts(d).contains("no collection during this run"));
        assertEquals(1, byClass(d, "line", "gcvm-limit").size());
    }

    @Test
    void axesHaveRoundSteps() {
        assertAxis(Axis.bytes(6 << 20), "MB", 2, 6);
        assertAxis(Axis.bytes(7 << 20), "MB", 1, 7);
        assertAxis(Axis.bytes(1 << 20), "MB", 0.25, 1);
        assertAxis(Axis.bytes(64 << 20), "MB", 10, 70);
        assertAxis(Axis.bytes(140.0 * (1 << 20)), "MB", 20, 140);
        assertAxis(Axis.bytes(133.8 * (1 << 20)), "MB", 20, 140);
        assertAxis(Axis.bytes(300 * 1024), "KB", 100, 300);
        assertAxis(Axis.bytes(5.5 * (1L << 30)), "GB", 2, 6);
        assertAxis(Axis.count(230), "", 50, 250);
        assertAxis(Axis.count(3), "", 1, 3);
        assertAxis(Axis.count(1), "", 1, 1);
        assertEquals("0.25", Fmt.tick(0.25));
        assertEquals("2", Fmt.tick(2.0));
    }

    static void assertAxis(Axis a, String unit, double step, double top) {
        assertEquals(unit, a.unitName());
        assertEquals(step, a.step() / a.unit(), 1e-9, a.toString());
        assertEquals(top, a.top() / a.unit(), 1e-9, a.toString());
    }

    static int count(String s, String regex) {
        Matcher m = Pattern.compile(regex).matcher(s);
        int n = 0;
        while (m.find()) n++;
        return n;
    }
}
