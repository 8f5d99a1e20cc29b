package io.gcvm.maven;

import io.gcvm.Outcome;
import io.gcvm.heap.HeapStats;

/**
 * What one run produced, the same for both execution modes.
 *
 * @param outcome      how it ended (null when it could not be run at all: see {@code launchError})
 * @param errorDetail  the error's detail, as {@code VmResult.errorDetail()}
 * @param errorLine    source line of the error, 0 if unknown
 * @param errorColumn  column of a syntax error, 0 otherwise
 * @param output       standard output, without the error line the CLI adds
 * @param heap         heap figures
 * @param elapsedNanos wall time (in fork mode: of the whole process)
 * @param series       the sampled per-collection series
 * @param rss          the outside meter (fork mode), or null
 * @param launchError  why the run could not be made or understood (fork mode), or null
 */
public record RunData(Outcome outcome, String errorDetail, int errorLine, int errorColumn, String output,
                      HeapStats heap, long elapsedNanos, GcSeries series, Rss rss, String launchError) {

    public static RunData failed(String why, long elapsedNanos, int memMb) {
        return new RunData(null, null, 0, 0, "", emptyStats(memMb), elapsedNanos, new GcSeries(), null, why);
    }

    public static HeapStats emptyStats(int memMb) {
        return new HeapStats((long) memMb << 20, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    public RunData withRss(Rss r) {
        return new RunData(outcome, errorDetail, errorLine, errorColumn, output, heap, elapsedNanos, series, r,
                launchError);
    }
}
