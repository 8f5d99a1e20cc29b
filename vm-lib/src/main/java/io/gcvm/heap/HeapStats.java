package io.gcvm.heap;

/**
 * Heap figures of one run: what {@code --stats} prints and what the plugin records.
 *
 * @param limitBytes           the -mem limit
 * @param collections          number of collections
 * @param totalPauseNanos      sum of collection pauses
 * @param maxPauseNanos        longest collection pause
 * @param bytesAllocated       bytes handed out (cell sizes, so rounding counts)
 * @param objectsAllocated     objects handed out
 * @param peakFootprintBytes   most the heap ever held: metadata plus blocks in use
 * @param liveBytesAfterLastGc bytes reachable at the end of the last collection (0 if none)
 * @param peakLiveBytes        the most any collection found reachable (with stress mode on,
 *                             every allocation collects, so this is the exact live peak)
 * @param footprintBytes       what the heap held when the run ended
 */
public record HeapStats(long limitBytes, int collections, long totalPauseNanos, long maxPauseNanos,
                        long bytesAllocated, long objectsAllocated, long peakFootprintBytes,
                        long liveBytesAfterLastGc, long peakLiveBytes, long footprintBytes) {

    public String describe() {
        return String.join(System.lineSeparator(),
                "heap limit:        " + limitBytes + " bytes",
                "collections:       " + collections,
                "total pause:       " + GcEvent.millis(totalPauseNanos) + " ms",
                "longest pause:     " + GcEvent.millis(maxPauseNanos) + " ms",
                "bytes allocated:   " + bytesAllocated,
                "objects allocated: " + objectsAllocated,
                "peak footprint:    " + peakFootprintBytes + " bytes",
                "live after last gc:" + " " + liveBytesAfterLastGc + " bytes",
                "peak live:         " + peakLiveBytes + " bytes",
                "final footprint:   " + footprintBytes + " bytes");
    }
}
