package io.gcvm.heap;

/**
 * One collection, as reported to a {@link GcListener} and printed by {@code --gc-log}.
 *
 * @param number         1 for the first collection of the run
 * @param cause          why it ran ("budget", "full", "stress", "explicit")
 * @param usedBefore     bytes held by the heap (metadata + blocks in use) before
 * @param usedAfter      bytes held after
 * @param liveBytes      bytes of the objects found reachable (cell sizes)
 * @param budgetBytes    the new collection budget
 * @param limitBytes     the -mem limit
 * @param pauseNanos     how long the program was stopped
 * @param bytesAllocated bytes allocated since the start of the run, up to this collection
 * @param movedBytes     bytes of objects this collection moved (compacting collections only)
 */
public record GcEvent(int number, String cause, long usedBefore, long usedAfter, long liveBytes,
                      long budgetBytes, long limitBytes, long pauseNanos, long bytesAllocated,
                      long movedBytes) {

    public String logLine() {
        return String.format("[gc #%d %s] %s -> %s (live %s, budget %s, limit %s%s) pause %.3f ms",
                number, cause, kb(usedBefore), kb(usedAfter), kb(liveBytes), kb(budgetBytes),
                kb(limitBytes), movedBytes > 0 ? ", moved " + kb(movedBytes) : "", pauseNanos / 1e6);
    }

    private static String kb(long bytes) { return (bytes + 1023) / 1024 + "K"; }
}
