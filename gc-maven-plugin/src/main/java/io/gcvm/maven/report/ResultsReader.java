package io.gcvm.maven.report;

import io.gcvm.maven.ResultsXml;
import io.gcvm.maven.report.GcResults.Detail;
import io.gcvm.maven.report.GcResults.Diff;
import io.gcvm.maven.report.GcResults.VmError;
import io.gcvm.maven.report.GcResults.GcPoint;
import io.gcvm.maven.report.GcResults.Rss;
import io.gcvm.maven.report.GcResults.Run;
import io.gcvm.maven.report.GcResults.Series;
import io.gcvm.maven.report.GcResults.Summary;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the results files the {@code run} goal writes ({@link ResultsXml}): the summary
 * {@code gc-vm-summary.xml} and one {@code <gc-vm-program>} file per run. Never throws for
 * what is in the directory: a missing directory gives an empty result with
 * {@link GcResults#exists()} false, and a file that cannot be read is named in
 * {@link GcResults#problems()}. Without a summary, the program files found are read on their
 * own.
 */
public final class ResultsReader {

    private ResultsReader() {}

    public static GcResults read(Path dir) {
        List<String> problems = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return new GcResults(dir, false, null, List.of(), problems, List.of());
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.xml")) {
            for (Path p : ds) {
                if (Files.isRegularFile(p)) files.add(p);
            }
        } catch (IOException e) {
            problems.add("cannot list " + dir + ": " + e);
        }
        files.sort(Comparator.comparing(p -> p.getFileName().toString()));

        Summary summary = null;
        List<Element> entries = List.of();
        Path summaryFile = dir.resolve(ResultsXml.SUMMARY);
        if (Files.isRegularFile(summaryFile)) {
            try {
                Element root = parse(summaryFile).getDocumentElement();
                if (!root.getTagName().equals("gc-vm-summary")) {
                    problems.add(ResultsXml.SUMMARY + ": not a gc-vm summary (root element <" + root.getTagName() + ">)");
                } else {
                    summary = summary(root);
                    entries = children(root, "program");
                }
            } catch (IOException | SAXException | RuntimeException e) {
                problems.add(ResultsXml.SUMMARY + ": cannot be read: " + message(e));
            }
        }

        List<Run> runs = new ArrayList<>();
        List<String> others = new ArrayList<>();
        if (summary != null) {
            Set<String> listed = new HashSet<>();
            listed.add(ResultsXml.SUMMARY);
            for (Element p : entries) {
                String file = p.getAttribute("file");
                listed.add(file);
                Element program = null;
                Path f = file.isEmpty() ? null : dir.resolve(file).normalize();
                if (f == null || !f.startsWith(dir.normalize()) || !Files.isRegularFile(f)) {
                    problems.add(p.getAttribute("name") + ": its results file " + (file.isEmpty() ? "(none named)" : file)
                            + " is missing: no series to chart");
                } else {
                    program = programRoot(f, problems);
                }
                Run run = fromSummary(p, program);
                if (program != null) compare(run, program, problems);
                runs.add(run);
            }
            for (Path f : files) {
                String n = f.getFileName().toString();
                if (!listed.contains(n)) others.add(n);
            }
        } else {
            if (!Files.isRegularFile(summaryFile) && !files.isEmpty()) {
                problems.add("no " + ResultsXml.SUMMARY + " (the run did not finish?): showing the program files found");
            }
            for (Path f : files) {
                if (f.getFileName().toString().equals(ResultsXml.SUMMARY)) continue;
                Element program = programRoot(f, problems);
                if (program != null) runs.add(fromProgram(f.getFileName().toString(), program));
            }
            runs.sort(Comparator.comparing(Run::name));
        }
        return new GcResults(dir, true, summary, List.copyOf(runs), List.copyOf(problems), List.copyOf(others));
    }

    private static Element programRoot(Path f, List<String> problems) {
        String n = f.getFileName().toString();
        try {
            Element root = parse(f).getDocumentElement();
            if (!root.getTagName().equals("gc-vm-program")) {
                problems.add(n + ": not a gc-vm results file (root element <" + root.getTagName() + ">)");
                return null;
            }
            return root;
        } catch (IOException | SAXException | RuntimeException e) {
            problems.add(n + ": cannot be read: " + message(e));
            return null;
        }
    }

    private static Summary summary(Element root) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Element v : children(root, "verdict")) counts.put(v.getAttribute("name"), integer(v, "count", 0));
        return new Summary(root.getAttribute("format"), integer(root, "programs", 0), integer(root, "passed", 0),
                integer(root, "failed", 0), root.getAttribute("time"), root.getAttribute("mode"),
                integer(root, "threads", 0), root.getAttribute("timestamp"), counts);
    }

    /** A summary entry, with what only the program file has. */
    private static Run fromSummary(Element p, Element program) {
        Element heap = program == null ? null : child(program, "heap");
        return new Run(p.getAttribute("name"), p.getAttribute("source"), p.getAttribute("file"),
                p.getAttribute("verdict"), Boolean.parseBoolean(p.getAttribute("passed")), p.getAttribute("message"),
                p.getAttribute("time"), integer(p, "memMb", 0), number(p, "limitBytes", 0),
                integer(p, "collections", 0), number(p, "totalPauseNanos", 0), number(p, "maxPauseNanos", 0),
                number(p, "bytesAllocated", 0), number(p, "peakHeapBytes", 0), number(p, "liveBytesAfterLastGc", 0),
                number(p, "peakLiveBytes", 0), heap == null ? -1 : number(heap, "finalHeapBytes", -1),
                heap == null ? -1 : number(heap, "objectsAllocated", -1), program == null ? null : detail(program));
    }

    /** A run from its program file alone (no summary). */
    private static Run fromProgram(String fileName, Element program) {
        Element heap = child(program, "heap");
        Element settings = child(program, "settings");
        Element message = child(program, "message");
        long limit = heap != null ? number(heap, "limitBytes", 0) : settings != null ? number(settings, "limitBytes", 0) : 0;
        return new Run(program.getAttribute("name"), program.getAttribute("file"), fileName,
                program.getAttribute("verdict"), Boolean.parseBoolean(program.getAttribute("passed")),
                message == null ? "" : message.getTextContent(), program.getAttribute("time"),
                settings == null ? (int) (limit >> 20) : integer(settings, "memMb", 0), limit,
                heap == null ? 0 : integer(heap, "collections", 0), heap == null ? 0 : number(heap, "totalPauseNanos", 0),
                heap == null ? 0 : number(heap, "maxPauseNanos", 0), heap == null ? 0 : number(heap, "bytesAllocated", 0),
                heap == null ? 0 : number(heap, "peakHeapBytes", 0),
                heap == null ? 0 : number(heap, "liveBytesAfterLastGc", 0),
                heap == null ? 0 : number(heap, "peakLiveBytes", 0), heap == null ? -1 : number(heap, "finalHeapBytes", -1),
                heap == null ? -1 : number(heap, "objectsAllocated", -1), detail(program));
    }

    private static Detail detail(Element program) {
        Element settings = child(program, "settings");
        Element outcome = child(program, "outcome");
        Element error = child(program, "error");
        Element diff = child(program, "diff");
        Element rss = child(program, "rss");
        Element series = child(program, "gcSeries");
        List<GcPoint> points = new ArrayList<>();
        if (series != null) {
            for (Element g : children(series, "gc")) {
                points.add(new GcPoint(integer(g, "n", 0), g.getAttribute("cause"), number(g, "usedBefore", 0),
                        number(g, "usedAfter", 0), number(g, "live", 0), number(g, "limit", 0),
                        number(g, "pauseNanos", 0), number(g, "allocated", -1), number(g, "moved", 0)));
            }
        }
        Series s = series == null ? Series.NONE
                : new Series(integer(series, "collections", points.size()), Math.max(1, integer(series, "stride", 1)),
                integer(series, "cap", 0), series.getAttribute("units"), List.copyOf(points));
        return new Detail(program.getAttribute("mode"), program.getAttribute("timestamp"),
                settings == null ? "" : settings.getAttribute("expect"),
                settings == null ? "" : settings.getAttribute("stdin"),
                settings == null ? 0 : integer(settings, "timeoutSec", 0),
                outcome == null ? null : outcome.getAttribute("name"),
                error == null ? null : new VmError(error.getAttribute("name"), integer(error, "line", 0),
                        integer(error, "column", 0), error.getTextContent()),
                diff == null ? null : new Diff(integer(diff, "firstDifference", 0), integer(diff, "lines", 0),
                        Boolean.parseBoolean(diff.getAttribute("truncated")), diff.getTextContent()),
                rss == null ? null : new Rss(number(rss, "peakKb", 0), number(rss, "baselineKb", 0),
                        number(rss, "deltaKb", 0), number(rss, "allowedKb", 0),
                        Boolean.parseBoolean(rss.getAttribute("exceeded")), rss.getAttribute("source")),
                s);
    }

    /** The summary and the program file are written from the same run: say so if they differ. */
    private static void compare(Run run, Element program, List<String> problems) {
        Element heap = child(program, "heap");
        List<String> diffs = new ArrayList<>();
        if (!run.name().equals(program.getAttribute("name"))) diffs.add("name");
        if (!run.verdict().equals(program.getAttribute("verdict"))) diffs.add("verdict");
        if (heap != null) {
            if (run.collections() != integer(heap, "collections", -1)) diffs.add("collections");
            if (run.bytesAllocated() != number(heap, "bytesAllocated", -1)) diffs.add("bytesAllocated");
            if (run.peakHeapBytes() != number(heap, "peakHeapBytes", -1)) diffs.add("peakHeapBytes");
        }
        if (!diffs.isEmpty()) {
            problems.add(run.fileName() + ": disagrees with " + ResultsXml.SUMMARY + " on " + String.join(", ", diffs)
                    + " (the table shows the summary's figures)");
        }
    }

    // ---------------------------------------------------------------- DOM helpers

    private static Document parse(Path f) throws IOException, SAXException {
        DocumentBuilder b;
        try {
            DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
            dbf.setNamespaceAware(false);
            dbf.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            dbf.setExpandEntityReferences(false);
            b = dbf.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
        b.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
            @Override
            public void error(org.xml.sax.SAXParseException e) throws SAXException { throw e; }

            @Override
            public void fatalError(org.xml.sax.SAXParseException e) throws SAXException { throw e; }
        });
        try (InputStream in = Files.newInputStream(f)) {
            return b.parse(in, f.toUri().toString());
        }
    }

    private static List<Element> children(Element e, String tag) {
        List<Element> out = new ArrayList<>();
        NodeList l = e.getChildNodes();
        for (int i = 0; i < l.getLength(); i++) {
            Node n = l.item(i);
            if (n instanceof Element c && c.getTagName().equals(tag)) out.add(c);
        }
        return out;
    }

    private static Element child(Element e, String tag) {
        List<Element> l = children(e, tag);
        return l.isEmpty() ? null : l.get(0);
    }

    private static long number(Element e, String attr, long dflt) {
        String s = e.getAttribute(attr).trim();
        if (s.isEmpty()) return dflt;
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException x) {
            return dflt;
        }
    }

    private static int integer(Element e, String attr, int dflt) {
        long v = number(e, attr, dflt);
        return v > Integer.MAX_VALUE || v < Integer.MIN_VALUE ? dflt : (int) v;
    }

    private static String message(Exception e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
