package io.gcvm.maven;

/**
 * The outside meter of a forked run: the process' peak resident set size against that of the
 * same command on an empty program.
 *
 * @param peakKb     peak RSS of the run, KiB
 * @param baselineKb peak RSS of the same command on an empty program, KiB
 * @param allowedKb  the most {@code peakKb - baselineKb} may be: the memory limit plus the slack
 * @param source     how it was measured ({@code /usr/bin/time -v} or {@code /proc/<pid>/status VmHWM})
 */
public record Rss(long peakKb, long baselineKb, long allowedKb, String source) {

    public long deltaKb() { return peakKb - baselineKb; }

    public boolean exceeded() { return deltaKb() > allowedKb; }
}
