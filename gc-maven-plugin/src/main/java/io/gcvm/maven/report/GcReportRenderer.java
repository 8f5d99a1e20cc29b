package io.gcvm.maven.report;

import io.gcvm.maven.report.GcResults.Detail;
import io.gcvm.maven.report.GcResults.Run;
import io.gcvm.maven.report.GcResults.Series;
import io.gcvm.maven.report.GcResults.Summary;

import org.apache.maven.doxia.sink.Sink;
import org.apache.maven.doxia.sink.SinkEventAttributes;
import org.apache.maven.doxia.sink.impl.SinkEventAttributeSet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the GC report page to a Doxia {@link Sink}: a failure summary, totals, one table row
 * per run and one heap chart per run ({@link SvgChart}, inline SVG). Every figure in the table
 * is the results files' own, written in readable units; its exact value is the cell's
 * {@code title}.
 */
public final class GcReportRenderer {
    /** The report page's name (without extension), as the site links it. */
    public static final String OUTPUT_NAME = "gc-vm-report";
    public static final String TITLE = "GC report";

    static final String PASS_STYLE = "background-color:#d1e7dd;color:#0f5132;font-weight:bold;white-space:nowrap";
    static final String FAIL_STYLE = "background-color:#f8d7da;color:#842029;font-weight:bold;white-space:nowrap";
    static final String NUM = "text-align:right;white-space:nowrap";
    static final int DIFF_LINES = 40;

    private final Sink sink;
    private final GcResults results;
    private final String directory;
    private final String title;

    /**
     * @param directory the results directory as the page should name it (relative to the project)
     */
    public GcReportRenderer(Sink sink, GcResults results, String directory) {
        this(sink, results, directory, TITLE);
    }

    /**
     * @param title the page's title and heading
     */
    public GcReportRenderer(Sink sink, GcResults results, String directory, String title) {
        this.sink = sink;
        this.results = results;
        this.directory = directory;
        this.title = title == null || title.isBlank() ? TITLE : title;
    }

    public void render() {
        sink.head();
        sink.title();
        sink.text(title);
        sink.title_();
        sink.head_();
        sink.body();
        sink.section(1, attrs("id", "gc-report"));
        sink.sectionTitle(1, null);
        sink.text(title);
        sink.sectionTitle_(1);

        intro();
        if (!results.exists() || results.isEmpty()) {
            noResults();
        } else {
            problems();
            failures();
            totals();
            table();
            charts();
        }
        sink.section_(1);
        sink.body_();
        sink.flush();
    }

    // ---------------------------------------------------------------- parts

    private void intro() {
        sink.paragraph();
        sink.text("The figures of the last ");
        code("gc-vm:run");
        sink.text(" of this project, read from its results files in ");
        code(directory);
        sink.text(" (nothing is re-run to make this page). ");
        Summary s = results.summary();
        if (s != null) {
            sink.text("That run was started at " + s.timestamp() + " (" + s.mode() + ", " + s.threads() + " thread"
                    + (s.threads() == 1 ? "" : "s") + ") and took " + Fmt.seconds(s.time()) + ". ");
        }
        sink.text("Megabytes are 2^20 bytes, as -mem counts them; hover over a figure for its exact value.");
        sink.paragraph_();
    }

    private void noResults() {
        box("gcvm-no-results", "#fff3cd", "#664d03", "#ffe69c");
        sink.bold();
        sink.text("No gc-vm results to report. ");
        sink.bold_();
        if (!results.exists()) {
            sink.text("The results directory ");
            code(directory);
            sink.text(" does not exist: ");
        } else {
            sink.text("The results directory ");
            code(directory);
            sink.text(" holds no results files: ");
        }
        sink.text("this report only shows what the ");
        code("run");
        sink.text(" goal wrote, and it has not run in this project (or ran with -DskipTests / gcvm.skip, or wrote "
                + "its results elsewhere: see gcvm.reportsDirectory). Run it before the site, for example ");
        code("mvn verify site");
        sink.text(" when the goal is bound to the build, or ");
        code("mvn gc-vm:run site");
        sink.text(".");
        sink.division_();
        problems();
    }

    private void problems() {
        if (results.problems().isEmpty() && results.otherFiles().isEmpty()) return;
        box("gcvm-problems", "#fff3cd", "#664d03", "#ffe69c");
        sink.text("Not everything in the results directory could be shown:");
        sink.list();
        for (String p : results.problems()) {
            sink.listItem();
            sink.text(p);
            sink.listItem_();
        }
        if (!results.otherFiles().isEmpty()) {
            sink.listItem();
            sink.text(results.otherFiles().size() + " results file" + (results.otherFiles().size() == 1 ? " is" : "s are")
                    + " not listed in the summary (left by an earlier run; a run of chosen programs with gcvm.program "
                    + "keeps the others' files): " + String.join(", ", results.otherFiles()));
            sink.listItem_();
        }
        sink.list_();
        sink.division_();
    }

    private void failures() {
        List<Run> failed = results.runs().stream().filter(r -> !r.passed()).toList();
        int n = results.runs().size();
        if (failed.isEmpty()) {
            box("gcvm-all-passed", "#d1e7dd", "#0f5132", "#a3cfbb");
            sink.bold();
            sink.text(n == 1 ? "The run passed." : "All " + n + " runs passed.");
            sink.bold_();
            sink.division_();
            return;
        }
        box("gcvm-failures", "#f8d7da", "#842029", "#f1aeb5");
        sink.bold();
        sink.text(failed.size() + " of " + n + " run" + (n == 1 ? "" : "s") + " failed:");
        sink.bold_();
        sink.list();
        for (Run r : failed) {
            sink.listItem();
            sink.link("#" + Fmt.id(r.name()));
            sink.text(r.name());
            sink.link_();
            sink.text(": " + r.verdict() + (r.message().isEmpty() ? "" : ": " + r.message()));
            sink.listItem_();
        }
        sink.list_();
        sink.division_();
    }

    private void totals() {
        List<Run> runs = results.runs();
        long checks = runs.stream().filter(r -> r.name().endsWith("@oom")).count();
        long passed = runs.stream().filter(Run::passed).count();
        Map<String, Integer> byVerdict = new LinkedHashMap<>();
        for (Run r : runs) if (!r.passed()) byVerdict.merge(r.verdict(), 1, Integer::sum);
        long collections = runs.stream().mapToLong(Run::collections).sum();
        long pause = runs.stream().mapToLong(Run::totalPauseNanos).sum();
        Run longest = runs.stream().max(Comparator.comparingLong(Run::maxPauseNanos)).orElseThrow();
        long allocated = runs.stream().mapToLong(Run::bytesAllocated).sum();
        // the heap fills its whole limit before it collects: the live data is what comes near it
        Run fullest = runs.stream().max(Comparator.comparingDouble(r -> r.limitBytes() <= 0 ? 0
                : (double) r.peakLiveBytes() / r.limitBytes())).orElseThrow();
        double time = runs.stream().mapToDouble(Run::seconds).sum();

        sink.section(2, attrs("id", "gc-report-totals"));
        sink.sectionTitle(2, null);
        sink.text("Totals");
        sink.sectionTitle_(2);
        sink.table(attrs("id", "gcvm-totals"));     // the skin styles the default class (bodyTable)
        sink.tableRows(null, false);
        kv("Runs", runs.size() + (checks > 0 ? " (" + (runs.size() - checks) + " programs and " + checks
                + " @oom-mem check" + (checks == 1 ? "" : "s") + ")" : ""), null);
        StringBuilder v = new StringBuilder(passed + " passed, " + (runs.size() - passed) + " failed");
        if (!byVerdict.isEmpty()) {
            v.append(" (");
            byVerdict.forEach((k, c) -> v.append(v.charAt(v.length() - 1) == '(' ? "" : ", ").append(k).append(": ")
                    .append(c));
            v.append(')');
        }
        kv("Verdicts", v.toString(), null);
        kv("Collections", Fmt.count(collections), null);
        kv("GC pauses", "total " + Fmt.ms(pause) + "; longest " + Fmt.ms(longest.maxPauseNanos()) + " ("
                + longest.name() + ")", Fmt.nanos(pause) + " in all");
        kv("Allocated", Fmt.mb(allocated), Fmt.bytes(allocated));
        kv("Most live data", Fmt.mb(fullest.peakLiveBytes()) + " of " + Fmt.limit(fullest.limitBytes()) + " ("
                + Fmt.percent(fullest.peakLiveBytes(), fullest.limitBytes()) + ", " + fullest.name() + ")",
                Fmt.bytes(fullest.peakLiveBytes()));
        Summary s = results.summary();
        kv("Time", String.format(Locale.ROOT, "%.3f s", time) + " summed over the runs"
                + (s == null ? "" : "; " + Fmt.seconds(s.time()) + " wall time (" + s.mode() + ", " + s.threads()
                + " thread" + (s.threads() == 1 ? "" : "s") + ")"), null);
        sink.tableRows_();
        sink.table_();
        sink.section_(2);
    }

    private void kv(String key, String value, String title) {
        sink.tableRow();
        sink.tableHeaderCell(attrs("style", "text-align:left;white-space:nowrap"));
        sink.text(key);
        sink.tableHeaderCell_();
        sink.tableCell(title == null ? null : attrs("title", title));
        sink.text(value);
        sink.tableCell_();
        sink.tableRow_();
    }

    static final String[] COLUMNS = {"Program", "Verdict", "Limit", "Collections", "Total pause", "Longest pause",
            "Allocated", "Peak heap (of limit)", "Live after last GC", "Time"};

    private void table() {
        sink.section(2, attrs("id", "gc-report-programs"));
        sink.sectionTitle(2, null);
        sink.text("Programs");
        sink.sectionTitle_(2);
        sink.paragraph();
        sink.text("One row per run (a program with an @oom-mem check has a second row, X.mit@oom, for its run at the "
                + "lower limit). Pauses are the collector's; allocated is every byte the program allocated; peak "
                + "heap is the most the heap ever held (blocks in use and metadata) against the -mem limit; live is "
                + "what the last collection found reachable. The program's name links to its chart.");
        sink.paragraph_();
        // scrolls sideways on a narrow window rather than running off the page
        sink.division(attrs("class", "gcvm-table-box", "style", "overflow-x:auto"));
        sink.table(attrs("id", "gcvm-runs"));
        sink.tableRows(null, true);
        sink.tableRow();
        for (int i = 0; i < COLUMNS.length; i++) {
            sink.tableHeaderCell(attrs("style", i < 2 ? "text-align:left" : "text-align:right"));
            sink.text(COLUMNS[i]);
            sink.tableHeaderCell_();
        }
        if (hasRss()) {
            sink.tableHeaderCell(attrs("style", "text-align:right", "title", "fork mode: peak resident set size of "
                    + "the run's JVM minus that of an empty program (the outside meter)"));
            sink.text("RSS growth (allowed)");
            sink.tableHeaderCell_();
        }
        sink.tableRow_();
        for (Run r : results.runs()) row(r);
        totalsRow();
        sink.tableRows_();
        sink.table_();
        sink.division_();
        sink.section_(2);
    }

    private void row(Run r) {
        sink.tableRow(attrs("class", r.passed() ? "gcvm-run gcvm-passed" : "gcvm-run gcvm-failed"));
        sink.tableCell(attrs("class", "gcvm-name", "title", r.source()));
        sink.link("#" + Fmt.id(r.name()));
        sink.text(r.name());
        sink.link_();
        sink.tableCell_();
        sink.tableCell(attrs("class", "gcvm-verdict", "style", r.passed() ? PASS_STYLE : FAIL_STYLE, "title",
                r.message().isEmpty() ? r.verdict() : r.message()));
        sink.text(r.verdict());
        sink.tableCell_();
        cell("gcvm-limit", Fmt.limit(r.limitBytes()), Fmt.bytes(r.limitBytes()));
        cell("gcvm-collections", Fmt.count(r.collections()), Fmt.count(r.collections()));
        cell("gcvm-total-pause", Fmt.ms(r.totalPauseNanos()), Fmt.nanos(r.totalPauseNanos()));
        cell("gcvm-max-pause", Fmt.ms(r.maxPauseNanos()), Fmt.nanos(r.maxPauseNanos()));
        cell("gcvm-allocated", Fmt.mb(r.bytesAllocated()), Fmt.bytes(r.bytesAllocated()));
        sink.tableCell(attrs("class", "gcvm-peak", "style", NUM, "title",
                Fmt.bytes(r.peakHeapBytes()) + " of " + Fmt.bytes(r.limitBytes())));
        sink.text(Fmt.mb(r.peakHeapBytes()) + " (" + Fmt.percent(r.peakHeapBytes(), r.limitBytes()) + ")");
        sink.rawText(bar(r.peakHeapBytes(), r.limitBytes()));
        sink.tableCell_();
        cell("gcvm-live", Fmt.mb(r.liveBytesAfterLastGc()), Fmt.bytes(r.liveBytesAfterLastGc()));
        cell("gcvm-time", Fmt.seconds(r.time()), r.time() + " seconds");
        if (hasRss()) {
            GcResults.Rss m = r.detail() == null ? null : r.detail().rss();
            if (m == null) {
                cell("gcvm-rss", "", null);
            } else {
                sink.tableCell(attrs("class", "gcvm-rss", "style", NUM + (m.exceeded() ? ";" + FAIL_STYLE : ""),
                        "title", String.format(Locale.ROOT, "%,d KB: peak RSS %,d KB - empty-program baseline %,d KB; "
                                + "allowed %,d KB (%s)", m.deltaKb(), m.peakKb(), m.baselineKb(), m.allowedKb(),
                                m.source())));
                sink.text(Fmt.rss(m.deltaKb()) + " (" + Fmt.rss(m.allowedKb()) + ")");
                sink.tableCell_();
            }
        }
        sink.tableRow_();
    }

    private boolean hasRss() {
        return results.runs().stream().anyMatch(r -> r.detail() != null && r.detail().rss() != null);
    }

    private void totalsRow() {
        List<Run> runs = results.runs();
        long passed = runs.stream().filter(Run::passed).count();
        sink.tableRow(attrs("class", "gcvm-total-row", "style", "font-weight:bold"));
        sink.tableCell(attrs("class", "gcvm-name"));
        sink.text("all " + runs.size() + " runs");
        sink.tableCell_();
        sink.tableCell(attrs("class", "gcvm-verdict", "style", (passed == runs.size() ? PASS_STYLE : FAIL_STYLE)
                .replace(";white-space:nowrap", "")));
        sink.text(passed + " passed, " + (runs.size() - passed) + " failed");
        sink.tableCell_();
        cell("gcvm-limit", "", null);
        long collections = runs.stream().mapToLong(Run::collections).sum();
        long pause = runs.stream().mapToLong(Run::totalPauseNanos).sum();
        long max = runs.stream().mapToLong(Run::maxPauseNanos).max().orElse(0);
        long allocated = runs.stream().mapToLong(Run::bytesAllocated).sum();
        double time = runs.stream().mapToDouble(Run::seconds).sum();
        cell("gcvm-collections", Fmt.count(collections), "sum: " + Fmt.count(collections));
        cell("gcvm-total-pause", Fmt.ms(pause), "sum: " + Fmt.nanos(pause));
        cell("gcvm-max-pause", Fmt.ms(max), "longest: " + Fmt.nanos(max));
        cell("gcvm-allocated", Fmt.mb(allocated), "sum: " + Fmt.bytes(allocated));
        cell("gcvm-peak", "", null);
        cell("gcvm-live", "", null);
        String t = String.format(Locale.ROOT, "%.3f", time);
        cell("gcvm-time", Fmt.seconds(t), "sum: " + t + " seconds");
        if (hasRss()) cell("gcvm-rss", "", null);
        sink.tableRow_();
    }

    private void cell(String cls, String text, String title) {
        sink.tableCell(title == null ? attrs("class", cls, "style", NUM) : attrs("class", cls, "style", NUM, "title", title));
        sink.text(text);
        sink.tableCell_();
    }

    /** A small bar: the peak heap against the limit. */
    static String bar(long peak, long limit) {
        double f = limit <= 0 ? 0 : Math.max(0, Math.min(1, (double) peak / limit));
        String color = f >= 0.999 ? SvgChart.LIMIT : f >= 0.9 ? "#d68910" : SvgChart.HEAP;
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"gcvm-bar\" width=\"40\" height=\"9\" "
                + "viewBox=\"0 0 40 9\" style=\"margin-left:5px;vertical-align:middle\" aria-hidden=\"true\">"
                + "<rect x=\"0.5\" y=\"0.5\" width=\"39\" height=\"8\" fill=\"#ffffff\" stroke=\"#999999\"/>"
                + "<rect x=\"1\" y=\"1\" width=\"" + Fmt.px(38 * f) + "\" height=\"7\" fill=\"" + color + "\"/></svg>";
    }

    private void charts() {
        sink.section(2, attrs("id", "gc-report-charts"));
        sink.sectionTitle(2, null);
        sink.text("Heap over each run");
        sink.sectionTitle_(2);
        sink.paragraph();
        sink.text("Each chart follows the heap along the run's allocation: the blue saw is the heap in use, which "
                + "grows as the program allocates and drops at each collection (from what the heap held before it to "
                + "what it held after); the green line is what each collection found live; the dashed red line is "
                + "the -mem limit and the dotted line the run's peak heap. In fork mode, where the series has no "
                + "allocation clock, the x axis counts collections instead.");
        sink.paragraph_();
        for (Run r : results.runs()) chart(r);
        sink.section_(2);
    }

    private void chart(Run r) {
        sink.section(3, attrs("id", Fmt.id(r.name()), "class", r.passed() ? "gcvm-run-section"
                : "gcvm-run-section gcvm-failed"));
        sink.sectionTitle(3, null);
        sink.text(r.name() + " ");
        sink.inline(attrs("class", "gcvm-verdict", "style", (r.passed() ? PASS_STYLE : FAIL_STYLE)
                + ";padding:1px 6px;border-radius:3px;font-size:80%"));
        sink.text(r.verdict());
        sink.inline_();
        sink.sectionTitle_(3);

        sink.paragraph(attrs("class", "gcvm-figures"));
        code(r.source());
        sink.text(" at -mem " + r.memMb() + ": " + r.collections() + " collection" + (r.collections() == 1 ? "" : "s")
                + ", pauses " + Fmt.ms(r.totalPauseNanos()) + " in all (longest " + Fmt.ms(r.maxPauseNanos())
                + "), " + Fmt.mb(r.bytesAllocated()) + " allocated"
                + (r.objectsAllocated() >= 0 ? " in " + String.format(Locale.ROOT, "%,d", r.objectsAllocated())
                + " objects" : "")
                + ", peak heap " + Fmt.mb(r.peakHeapBytes()) + " of " + Fmt.limit(r.limitBytes()) + " ("
                + Fmt.percent(r.peakHeapBytes(), r.limitBytes()) + "), live after the last collection "
                + Fmt.mb(r.liveBytesAfterLastGc()) + " (at most " + Fmt.mb(r.peakLiveBytes()) + "), "
                + Fmt.seconds(r.time()) + ".");
        sink.paragraph_();

        Detail d = r.detail();
        if (!r.passed()) {
            box("gcvm-message", "#f8d7da", "#842029", "#f1aeb5");
            sink.bold();
            sink.text(r.verdict() + ": ");
            sink.bold_();
            sink.text(r.message());
            sink.division_();
        } else if (!r.message().isEmpty()) {
            sink.paragraph(attrs("class", "gcvm-message"));
            sink.text(r.message());
            sink.paragraph_();
        }
        if (d != null && d.error() != null && !r.passed()) {
            sink.paragraph();
            sink.text("The VM's error: ");
            code(d.error().name() + (d.error().line() > 0 ? " (line " + d.error().line() + ")" : "") + ": "
                    + d.error().detail());
            sink.paragraph_();
        }
        if (d != null && d.diff() != null) {
            String[] lines = d.diff().text().split("\n", -1);
            StringBuilder t = new StringBuilder();
            for (int i = 0; i < Math.min(lines.length, DIFF_LINES); i++) t.append(lines[i]).append('\n');
            if (lines.length > DIFF_LINES || d.diff().truncated()) {
                t.append("... (").append(d.diff().lines()).append(" diff lines in all; the full diff is in ")
                        .append(r.fileName()).append(")\n");
            }
            sink.verbatim(attrs("class", "gcvm-diff"));
            sink.text(t.toString());
            sink.verbatim_();
        }
        if (d != null && d.rss() != null) {
            GcResults.Rss m = d.rss();
            sink.paragraph();
            sink.text(String.format(Locale.ROOT, "Outside meter (%s): peak RSS %.1f MB, empty-program baseline %.1f MB, "
                            + "grew %.1f MB (allowed %.1f MB)%s.", m.source(), m.peakKb() / 1024.0,
                    m.baselineKb() / 1024.0, m.deltaKb() / 1024.0, m.allowedKb() / 1024.0,
                    m.exceeded() ? ": too much" : ""));
            sink.paragraph_();
        }
        if (d == null) {
            sink.paragraph();
            sink.text("No chart: the results file " + r.fileName() + " is missing.");
            sink.paragraph_();
        } else {
            sink.division(attrs("class", "gcvm-chart-box", "style", "overflow-x:auto;margin:6px 0 4px 0"));
            sink.rawText(SvgChart.render(r));
            sink.division_();
            Series s = d.series();
            List<String> notes = new ArrayList<>();
            if (s.stride() > 1) {
                notes.add("Over " + s.cap() + " collections: every " + s.stride() + "th collection is drawn ("
                        + s.points().size() + " of " + s.collections() + ", the last one included).");
            }
            if (!s.exact()) {
                notes.add(s.units().startsWith("KiB") ? "Figures parsed from the CLI's --gc-log, rounded up to KiB."
                        : "Units: " + s.units() + ".");
            }
            if (!notes.isEmpty()) {
                sink.paragraph(attrs("class", "gcvm-chart-note", "style", "font-size:90%;color:#555555"));
                sink.text(String.join(" ", notes));
                sink.paragraph_();
            }
        }
        sink.section_(3);
    }

    // ---------------------------------------------------------------- helpers

    private void box(String cls, String background, String color, String border) {
        sink.division(attrs("class", cls, "style", "background-color:" + background + ";color:" + color
                + ";border:1px solid " + border + ";border-radius:4px;padding:8px 12px;margin:10px 0"));
    }

    private void code(String text) {
        sink.inline(SinkEventAttributeSet.Semantics.CODE);
        sink.text(text);
        sink.inline_();
    }

    private static SinkEventAttributes attrs(String... kv) {
        return new SinkEventAttributeSet(kv);
    }
}
