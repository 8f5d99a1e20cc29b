package io.gcvm.maven.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a results directory of the {@code run} goal holds, as {@link ResultsReader} read it:
 * the summary (when there is one), one {@link Run} per program run, and what could not be read.
 * Figures are kept exactly as the files give them: bytes in bytes, pauses in nanoseconds, and
 * times as the files' own decimal text.
 *
 * @param directory  the results directory
 * @param exists     whether the directory exists at all
 * @param summary    {@code gc-vm-summary.xml}, or null when it is missing or unreadable
 * @param runs       the runs, in the summary's order (or by name when there is no summary)
 * @param problems   one line per file that could not be read or that disagrees with the summary
 * @param otherFiles results files in the directory that the summary does not list (left by an
 *                   earlier run: a run with {@code gcvm.program} keeps them)
 */
public record GcResults(Path directory, boolean exists, Summary summary, List<Run> runs, List<String> problems,
                        List<String> otherFiles) {

    public boolean isEmpty() {
        return runs.isEmpty();
    }

    public long failedCount() {
        return runs.stream().filter(r -> !r.passed()).count();
    }

    /**
     * {@code <gc-vm-summary>}.
     *
     * @param verdictCounts every {@code <verdict name count>}, in the file's order
     */
    public record Summary(String format, int programs, int passed, int failed, String time, String mode, int threads,
                          String timestamp, Map<String, Integer> verdictCounts) {}

    /**
     * One run: a {@code <program>} of the summary joined with its own results file.
     *
     * @param name                 the entry name ({@code sub/x.mit}, {@code x.mit@oom})
     * @param source               the program's path as the run showed it
     * @param fileName             its results file, relative to the directory
     * @param verdict              the verdict's name ({@code PASS}, {@code WRONG_OUTPUT}, ...)
     * @param time                 seconds, as written ({@code "10.766"})
     * @param finalHeapBytes       heap held at the end (program file only; -1 when unknown)
     * @param objectsAllocated     (program file only; -1 when unknown)
     * @param detail               what only the program file has, or null when it is missing
     */
    public record Run(String name, String source, String fileName, String verdict, boolean passed, String message,
                      String time, int memMb, long limitBytes, int collections, long totalPauseNanos,
                      long maxPauseNanos, long bytesAllocated, long peakHeapBytes, long liveBytesAfterLastGc,
                      long peakLiveBytes, long finalHeapBytes, long objectsAllocated, Detail detail) {

        public double seconds() {
            try {
                return Double.parseDouble(time);
            } catch (NumberFormatException e) {
                return 0;
            }
        }

        /** The series of collections, or an empty one when the program file is missing. */
        public Series series() {
            return detail == null ? Series.NONE : detail.series();
        }
    }

    /**
     * What a program's own file adds to its summary entry.
     *
     * @param mode      {@code in-process} or {@code fork}
     * @param outcome   the VM's outcome name ({@code OK}, {@code OUT_OF_MEMORY}, ...), or null
     * @param error     the guest error, or null
     * @param diff      the output diff ({@code WRONG_OUTPUT}), or null
     * @param rss       the outside meter (fork mode), or null
     */
    public record Detail(String mode, String timestamp, String expect, String stdin, int timeoutSec, String outcome,
                         VmError error, Diff diff, Rss rss, Series series) {}

    public record VmError(String name, int line, int column, String detail) {}

    public record Diff(int firstDifference, int lines, boolean truncated, String text) {}

    public record Rss(long peakKb, long baselineKb, long deltaKb, long allowedKb, boolean exceeded, String source) {}

    /**
     * {@code <gcSeries>}.
     *
     * @param collections how many collections the run made (the points may be a sample)
     * @param stride      the k of "every k-th collection"
     * @param units       {@code bytes}, or a note that the figures are KiB-rounded (fork mode)
     */
    public record Series(int collections, int stride, int cap, String units, List<GcPoint> points) {
        public static final Series NONE = new Series(0, 1, 0, "bytes", List.of());

        /** Whether the points carry the allocation clock (not in fork mode, where it is -1). */
        public boolean hasAllocationClock() {
            return !points.isEmpty() && points.stream().allMatch(p -> p.allocated() >= 0);
        }

        public boolean exact() {
            return units == null || units.equals("bytes");
        }
    }

    /** One {@code <gc>}: a collection. */
    public record GcPoint(int n, String cause, long usedBefore, long usedAfter, long live, long limit,
                          long pauseNanos, long allocated, long moved) {}
}
