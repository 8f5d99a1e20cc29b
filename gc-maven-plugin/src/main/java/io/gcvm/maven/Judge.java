package io.gcvm.maven;

import io.gcvm.Outcome;
import io.gcvm.heap.HeapStats;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what a run did into a {@link Verdict} and a message a person can act on. Pure: no I/O.
 *
 * <p>Order of the checks: a job that could not be set up or run is {@link Verdict#ERROR}; a
 * timeout is {@link Verdict#TIMEOUT}; a VM bug is {@link Verdict#INTERNAL_ERROR}. Then, if
 * the run ended with the error it was expected to end with, its output is compared
 * ({@link Verdict#PASS} or {@link Verdict#WRONG_OUTPUT}); an unexpected error gives its own
 * verdict ({@link Verdict#SYNTAX_ERROR}, {@link Verdict#OVER_MEMORY},
 * {@link Verdict#RUNTIME_ERROR}); a normal end where an error was expected is
 * {@link Verdict#EXPECTED_FAILURE_MISSING}; otherwise the output is compared. Finally a pass
 * whose outside meter (fork mode) shows too much RSS becomes {@link Verdict#OVER_MEMORY} (not
 * for the {@code @oom-mem} check, whose run is meant to hit its limit; its figures are still
 * recorded).
 *
 * <p>Output comparison is exact after turning {@code \r\n} into {@code \n} on both sides. For
 * the {@code @oom-mem} check the program stops early, so what it printed must be a beginning
 * of {@code X.mit.out} (whole lines).
 */
public final class Judge {
    /** Lines of diff shown in the log. */
    public static final int LOG_DIFF_LINES = 20;

    private static final Pattern OOM_DETAIL = Pattern.compile(
            "cannot allocate (\\d+) bytes: limit .*?\\((\\d+) bytes\\), live heap (\\d+) bytes after a full "
                    + "collection \\((\\d+) collections so far\\)");

    private Judge() {}

    /**
     * @param job            the job
     * @param run            what happened, or null when the job was not run ({@code job.setupError()})
     * @param expectedOutput the contents of {@code X.mit.out}, or null when it does not exist
     */
    public static ProgramResult judge(Job job, RunData run, String expectedOutput) {
        String file = job.displayFile();
        if (job.setupError() != null) return result(job, run, Verdict.ERROR, job.setupError());
        if (run == null) return result(job, null, Verdict.ERROR, "not run");
        if (run.launchError() != null) return result(job, run, Verdict.ERROR, run.launchError());
        Outcome o = run.outcome();
        String at = job.oomCheck() ? " (the @oom-mem check, at -mem " + job.memMb() + ")" : "";
        if (o == Outcome.TIMEOUT) {
            return result(job, run, Verdict.TIMEOUT, "did not finish within " + job.timeoutSec() + " s" + at
                    + " (limit from @timeout or gcvm.timeout)" + printedSoFar(run));
        }
        if (o == Outcome.INTERNAL_ERROR) {
            return result(job, run, Verdict.INTERNAL_ERROR, "gc-vm failed internally" + at + ": "
                    + run.errorDetail() + " (a VM bug, not the program's fault: please report it)");
        }
        if (expectedOutput == null) {
            return result(job, run, Verdict.ERROR, "no expected output file " + displayOut(job)
                    + " (it holds what the program must print; create it, empty if it prints nothing)");
        }
        String expected = normalize(expectedOutput);
        String actual = normalize(run.output() == null ? "" : run.output());
        String expect = job.expect();
        String got = o == Outcome.OK ? null : o.errorName();

        ProgramResult r;
        if (got != null && got.equals(expect)) {
            r = compare(job, run, expected, actual, "expected " + expect + " happened" + at + ": "
                    + shortError(run));
        } else if (got != null) {
            String prefix = expect == null ? "" : "expected " + expect + at + ", but got ";
            r = switch (o) {
                case SYNTAX_ERROR -> result(job, run, Verdict.SYNTAX_ERROR, prefix + file + ":" + run.errorLine()
                        + ":" + run.errorColumn() + ": " + run.errorDetail());
                case OUT_OF_MEMORY -> result(job, run, Verdict.OVER_MEMORY, prefix + overMemory(job, run));
                default -> result(job, run, Verdict.RUNTIME_ERROR, prefix + runtimeError(file, run));
            };
        } else if (expect != null) {
            r = result(job, run, Verdict.EXPECTED_FAILURE_MISSING, "expected " + expect + at
                    + " (" + file + ":" + (job.oomCheck() ? "@oom-mem" : "@expect") + "), but the program ended "
                    + "normally" + stats(run.heap()));
        } else {
            r = compare(job, run, expected, actual, "");
        }
        // the meter judges a program's own runs; an @oom-mem run is there to hit its limit
        if (r.passed() && run.rss() != null && run.rss().exceeded() && !job.oomCheck()) {
            Rss m = run.rss();
            return result(job, run, Verdict.OVER_MEMORY, String.format(Locale.ROOT,
                    "outside meter: peak RSS %s, empty-program baseline %s: grew %s, more than the %d MB limit + "
                            + "%s slack (%s)", mb(m.peakKb()),
                    mb(m.baselineKb()), mb(m.deltaKb()), job.memMb(),
                    mb(m.allowedKb() - ((long) job.memMb() << 10)), m.source()));
        }
        return r;
    }

    private static ProgramResult compare(Job job, RunData run, String expected, String actual, String passMessage) {
        String exp = expected;
        if (job.oomCheck()) {
            // the run stopped early: what it printed must be a beginning of the expected output,
            // so it is compared with as many expected lines as it printed
            exp = firstLines(expected, LineDiff.lines(actual).size());
        }
        if (exp.equals(actual)) return result(job, run, Verdict.PASS, passMessage);
        LineDiff.Result d = LineDiff.diff(exp, actual, displayOut(job) + " (expected)",
                job.displayFile() + " (actual stdout" + (job.oomCheck() ? " at -mem " + job.memMb() : "") + ")");
        String what = job.oomCheck() ? "output before the OutOfMemoryException is not a beginning of "
                : "output differs from ";
        String msg = what + displayOut(job) + " at line " + d.firstDifference()
                + " (" + d.changedLines() + " diff lines)";
        if (!passMessage.isEmpty() && !job.oomCheck()) msg += "; " + passMessage;
        return new ProgramResult(job, run, Verdict.WRONG_OUTPUT, msg, d);
    }

    /** The first {@code n} lines of {@code s}, newlines included. */
    static String firstLines(String s, int n) {
        int end = 0;
        for (int i = 0; i < n && end < s.length(); i++) {
            int nl = s.indexOf('\n', end);
            end = nl < 0 ? s.length() : nl + 1;
        }
        return s.substring(0, end);
    }

    static String overMemory(Job job, RunData run) {
        HeapStats h = run.heap();
        Matcher m = OOM_DETAIL.matcher(run.errorDetail() == null ? "" : run.errorDetail());
        long limit = h.limitBytes() > 0 ? h.limitBytes() : (long) job.memMb() << 20;
        long live = h.liveBytesAfterLastGc();
        long collections = h.collections();
        String request = "";
        if (m.find()) {
            request = "; it needed " + m.group(1) + " more bytes";
            limit = Long.parseLong(m.group(2));
            live = Long.parseLong(m.group(3));
            collections = Long.parseLong(m.group(4));
        }
        return String.format(Locale.ROOT, "OutOfMemoryException%s: limit %d MB (%d bytes), live heap %s (%d bytes) "
                        + "after a full collection, %d collections so far%s",
                run.errorLine() > 0 ? " at " + job.displayFile() + ":" + run.errorLine() : "",
                limit >> 20, limit, mbBytes(live), live, collections, request);
    }

    static String runtimeError(String file, RunData run) {
        return (run.errorLine() > 0 ? file + ":" + run.errorLine() + ": " : file + ": ")
                + run.outcome().errorName() + ": " + run.errorDetail();
    }

    private static String shortError(RunData run) {
        if (run.outcome() == Outcome.SYNTAX_ERROR) {
            return "line " + run.errorLine() + ", col " + run.errorColumn() + ": " + run.errorDetail();
        }
        if (run.outcome() == Outcome.OUT_OF_MEMORY) {
            HeapStats h = run.heap();
            return "limit " + (h.limitBytes() >> 20) + " MB, live " + mbBytes(h.liveBytesAfterLastGc()) + ", "
                    + h.collections() + " collections" + (run.errorLine() > 0 ? ", line " + run.errorLine() : "");
        }
        String d = run.errorDetail() == null ? "" : run.errorDetail();
        return (d.length() > 100 ? d.substring(0, 100) + "..." : d) + (run.errorLine() > 0 ? " (line "
                + run.errorLine() + ")" : "");
    }

    private static String stats(HeapStats h) {
        return String.format(Locale.ROOT, " (limit %d MB, peak heap %s, peak live %s, %d collections)",
                h.limitBytes() >> 20, mbBytes(h.peakFootprintBytes()), mbBytes(h.peakLiveBytes()), h.collections());
    }

    private static String printedSoFar(RunData run) {
        String out = run.output() == null ? "" : run.output();
        long lines = out.chars().filter(c -> c == '\n').count();
        return "; it had printed " + lines + " line" + (lines == 1 ? "" : "s") + " and made "
                + run.heap().collections() + " collections";
    }

    static String displayOut(Job job) {
        return job.displayFile() + ".out";
    }

    static String normalize(String s) {
        return s.indexOf('\r') < 0 ? s : s.replace("\r\n", "\n");
    }

    static String mb(long kb) {
        return String.format(Locale.ROOT, "%.1f MB", kb / 1024.0);
    }

    static String mbBytes(long bytes) {
        return String.format(Locale.ROOT, "%.2f MB", bytes / 1048576.0);
    }

    private static ProgramResult result(Job job, RunData run, Verdict v, String message) {
        return new ProgramResult(job, run, v, message, null);
    }
}
