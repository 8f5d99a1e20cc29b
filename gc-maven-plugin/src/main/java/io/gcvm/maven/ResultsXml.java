package io.gcvm.maven;

import io.gcvm.heap.GcEvent;
import io.gcvm.heap.HeapStats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the results files: one {@code <gc-vm-program>} document per run, named
 * {@link #fileName(String)}, and one {@code gc-vm-summary.xml} that lists them all. The format
 * is described in the plugin's usage page; in short, byte figures are in bytes, {@code time}
 * is in seconds and every {@code *Nanos} attribute in nanoseconds.
 */
public final class ResultsXml {
    public static final String SUMMARY = "gc-vm-summary.xml";
    public static final String FORMAT_VERSION = "1";
    /** Lines of diff kept in a results file. */
    public static final int FILE_DIFF_LINES = 400;

    private ResultsXml() {}

    /** {@code sub/x.mit} → {@code sub.x.mit.xml}; {@code x.mit@oom} → {@code x.mit@oom.xml}. */
    public static String fileName(String name) {
        return name.replace('/', '.').replace('\\', '.') + ".xml";
    }

    public static Path writeProgram(Path dir, ProgramResult r, String mode, Instant when) throws IOException {
        Path f = dir.resolve(fileName(r.job().name()));
        Files.writeString(f, program(r, mode, when), StandardCharsets.UTF_8);
        return f;
    }

    public static Path writeSummary(Path dir, List<ProgramResult> results, String mode, int threads, long wallNanos,
                                    Instant when) throws IOException {
        Path f = dir.resolve(SUMMARY);
        Files.writeString(f, summary(results, mode, threads, wallNanos, when), StandardCharsets.UTF_8);
        return f;
    }

    /** The per-run document. */
    public static String program(ProgramResult r, String mode, Instant when) {
        Job j = r.job();
        RunData run = r.run();
        X x = new X();
        x.line("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        x.line("<!-- gc-vm result of one program run. Bytes in bytes, time in seconds, *Nanos in nanoseconds. -->");
        x.open("gc-vm-program", "format", FORMAT_VERSION, "name", j.name(), "file", j.displayFile(),
                "verdict", r.verdict().name(), "passed", r.passed(), "mode", mode,
                "time", seconds(run == null ? 0 : run.elapsedNanos()),
                "timestamp", when.truncatedTo(ChronoUnit.MILLIS).toString());
        x.text("message", r.message());
        x.empty("settings", "memMb", j.memMb(), "limitBytes", (long) j.memMb() << 20, "timeoutSec", j.timeoutSec(),
                "expect", j.expect() == null ? "" : j.expect(), "oomCheck", j.oomCheck(),
                "stdin", j.stdin() == null ? "" : j.stdin().getFileName().toString());
        if (run != null && run.outcome() != null) {
            x.empty("outcome", "name", run.outcome().name(), "exitCode", run.outcome().exitCode());
            if (run.outcome().isError()) {
                x.textWith("error", run.errorDetail() == null ? "" : run.errorDetail(),
                        "name", run.outcome().errorName(), "line", run.errorLine(), "column", run.errorColumn());
            }
        }
        HeapStats h = run == null ? RunData.emptyStats(j.memMb()) : run.heap();
        x.empty("heap", "limitBytes", h.limitBytes(), "collections", h.collections(),
                "totalPauseNanos", h.totalPauseNanos(), "maxPauseNanos", h.maxPauseNanos(),
                "bytesAllocated", h.bytesAllocated(), "objectsAllocated", h.objectsAllocated(),
                "peakHeapBytes", h.peakFootprintBytes(), "liveBytesAfterLastGc", h.liveBytesAfterLastGc(),
                "peakLiveBytes", h.peakLiveBytes(), "finalHeapBytes", h.footprintBytes());
        if (run != null && run.rss() != null) {
            Rss m = run.rss();
            x.empty("rss", "peakKb", m.peakKb(), "baselineKb", m.baselineKb(), "deltaKb", m.deltaKb(),
                    "allowedKb", m.allowedKb(), "exceeded", m.exceeded(), "source", m.source());
        }
        if (r.diff() != null) {
            LineDiff.Result d = r.diff();
            x.textWith("diff", d.text(FILE_DIFF_LINES), "firstDifference", d.firstDifference(),
                    "lines", d.lines().size(), "truncated", d.truncatedAt(FILE_DIFF_LINES));
        }
        GcSeries s = run == null ? new GcSeries() : run.series();
        List<GcEvent> pts = s.points();
        x.open("gcSeries", "collections", s.total(), "points", pts.size(), "stride", s.stride(), "cap", s.cap(),
                "units", s.precision());
        x.line("<!-- " + (s.stride() == 1 ? "every collection" : "every " + s.stride()
                + "th collection (numbers 1, " + (1 + s.stride()) + ", " + (1 + 2 * s.stride()) + ", ...)")
                + (s.stride() == 1 ? "" : " and the last") + ": at most " + s.cap() + " points are kept -->");
        for (GcEvent e : pts) {
            x.empty("gc", "n", e.number(), "cause", e.cause(), "usedBefore", e.usedBefore(), "usedAfter",
                    e.usedAfter(), "live", e.liveBytes(), "limit", e.limitBytes(),
                    "pauseNanos", e.pauseNanos(), "allocated", e.bytesAllocated(), "moved", e.movedBytes());
        }
        x.close("gcSeries");
        x.close("gc-vm-program");
        return x.toString();
    }

    /** The summary document. */
    public static String summary(List<ProgramResult> results, String mode, int threads, long wallNanos,
                                 Instant when) {
        int passed = (int) results.stream().filter(ProgramResult::passed).count();
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        for (ProgramResult r : results) counts.merge(r.verdict(), 1, Integer::sum);
        X x = new X();
        x.line("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        x.line("<!-- gc-vm results: one <program> per run, each with its own file (attribute file). -->");
        x.open("gc-vm-summary", "format", FORMAT_VERSION, "programs", results.size(), "passed", passed,
                "failed", results.size() - passed, "time", seconds(wallNanos), "mode", mode, "threads", threads,
                "timestamp", when.truncatedTo(ChronoUnit.MILLIS).toString());
        for (Verdict v : Verdict.values()) {
            x.empty("verdict", "name", v.name(), "count", counts.getOrDefault(v, 0));
        }
        for (ProgramResult r : results) {
            HeapStats h = r.run() == null ? RunData.emptyStats(r.job().memMb()) : r.run().heap();
            x.empty("program", "name", r.job().name(), "file", fileName(r.job().name()),
                    "source", r.job().displayFile(), "verdict", r.verdict().name(), "passed", r.passed(),
                    "time", seconds(r.run() == null ? 0 : r.run().elapsedNanos()),
                    "memMb", r.job().memMb(), "limitBytes", h.limitBytes(), "collections", h.collections(),
                    "totalPauseNanos", h.totalPauseNanos(), "maxPauseNanos", h.maxPauseNanos(),
                    "bytesAllocated", h.bytesAllocated(), "peakHeapBytes", h.peakFootprintBytes(),
                    "liveBytesAfterLastGc", h.liveBytesAfterLastGc(), "peakLiveBytes", h.peakLiveBytes(),
                    "message", r.message());
        }
        x.close("gc-vm-summary");
        return x.toString();
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e9);
    }

    /** Replaces what XML 1.0 cannot hold (most control characters) by a visible {@code \xNN}. */
    static String clean(String s, boolean attribute) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append(attribute ? "&quot;" : "\"");
                case '\n' -> b.append(attribute ? "&#10;" : "\n");
                case '\r' -> b.append("&#13;");
                case '\t' -> b.append(attribute ? "&#9;" : "\t");
                default -> {
                    if (c < 0x20 || c == 0xFFFE || c == 0xFFFF
                            || (Character.isSurrogate(c) && !validPair(s, i))) {
                        b.append(String.format("\\x%02x", (int) c & 0xFFFF));
                    } else {
                        b.append(c);
                        if (Character.isHighSurrogate(c)) b.append(s.charAt(++i));
                    }
                }
            }
        }
        return b.toString();
    }

    private static boolean validPair(String s, int i) {
        return Character.isHighSurrogate(s.charAt(i)) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }

    /** A tiny indenting XML writer. */
    private static final class X {
        private final StringBuilder b = new StringBuilder();
        private int depth;

        void line(String s) {
            b.append("  ".repeat(depth)).append(s).append('\n');
        }

        private String tag(String name, Object[] attrs) {
            StringBuilder t = new StringBuilder("<").append(name);
            for (int i = 0; i < attrs.length; i += 2) {
                t.append(' ').append(attrs[i]).append("=\"").append(clean(String.valueOf(attrs[i + 1]), true))
                        .append('"');
            }
            return t.toString();
        }

        void open(String name, Object... attrs) {
            line(tag(name, attrs) + ">");
            depth++;
        }

        void close(String name) {
            depth--;
            line("</" + name + ">");
        }

        void empty(String name, Object... attrs) {
            line(tag(name, attrs) + "/>");
        }

        void text(String name, String text) {
            textWith(name, text);
        }

        void textWith(String name, String text, Object... attrs) {
            line(tag(name, attrs) + ">" + clean(text == null ? "" : text, false) + "</" + name + ">");
        }

        @Override
        public String toString() { return b.toString(); }
    }
}
