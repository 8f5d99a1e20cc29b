package io.gcvm.heap;

/**
 * One collection, as reported to a {@link GcListener} and printed by {@code --gc-log}.
 *
 * @param number         1 for the first collection of the run
 * @param cause          why it ran: "full" (a full collection: the region was full), "minor",
 *                       "defragment", "compact", "make-room", "stress", ...
 * @param usedBefore     bytes held by the heap (metadata + blocks in use) before
 * @param usedAfter      bytes held after
 * @param liveBytes      bytes of the objects found reachable (cell sizes)
 * @param limitBytes     the -mem limit
 * @param pauseNanos     how long the program was stopped
 * @param bytesAllocated bytes allocated since the start of the run, up to this collection
 * @param movedBytes     bytes of objects this collection moved (compacting collections only)
 */
public record GcEvent(int number, String cause, long usedBefore, long usedAfter, long liveBytes,
                      long limitBytes, long pauseNanos, long bytesAllocated,
                      long movedBytes) {

    /** The --gc-log line (built without java.util.Formatter: its classes cost memory). */
    public String logLine() {
        StringBuilder b = new StringBuilder(120);
        b.append("[gc #").append(number).append(' ').append(cause).append("] ")
         .append(kb(usedBefore)).append(" -> ").append(kb(usedAfter))
         .append(" (live ").append(kb(liveBytes))
         .append(", limit ").append(kb(limitBytes));
        if (movedBytes > 0) b.append(", moved ").append(kb(movedBytes));
        b.append(") pause ").append(millis(pauseNanos)).append(" ms");
        return b.toString();
    }

    /** Nanoseconds as milliseconds with three decimals. */
    public static String millis(long nanos) {
        long micros = nanos / 1000;
        String frac = String.valueOf(1000 + micros % 1000).substring(1);
        return (micros / 1000) + "." + frac;
    }

    private static String kb(long bytes) { return (bytes + 1023) / 1024 + "K"; }
}
