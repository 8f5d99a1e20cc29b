package io.gcvm.heap;

import io.gcvm.heap.alloc.LargeObjectSpace;
import io.gcvm.heap.alloc.Region;
import io.gcvm.heap.alloc.SegregatedFreeList;
import io.gcvm.heap.alloc.SizeClasses;
import io.gcvm.heap.gc.HeapVerifier;
import io.gcvm.heap.gc.MarkSweep;

/**
 * The managed heap: the composition of the allocator building blocks, the collection policy and
 * the statistics. This is the one place where the composition is visible:
 *
 * <pre>
 *   Heap = Segregator( size &lt;= 512 words : SegregatedFreeList   (size-class cells in blocks)
 *                    , otherwise          : LargeObjectSpace     (runs of whole blocks) )
 *          both drawing blocks from one Region of exactly -mem N megabytes,
 *          collected by MarkSweep, checked by HeapVerifier.
 * </pre>
 *
 * <p><b>When to collect.</b> The heap may hold up to {@code budget} blocks. An allocation that
 * needs a new block beyond the budget collects first. After a collection the budget becomes
 * {@code max(minimum, GROWTH × live)}, capped at the region: with {@link #GROWTH} = 2 a program
 * whose live data is at most half the limit never sees an out-of-memory. If after a full
 * collection the region still has no room, the allocation throws {@link HeapExhausted}.
 */
public final class Heap {
    /** The budget after a collection is this many times the live data. */
    public static final double GROWTH = 2.0;
    /** The budget never drops below this fraction of the usable region. */
    public static final double MIN_BUDGET_FRACTION = 0.25;

    public final long[] mem;
    public final Region region;
    private final SegregatedFreeList small;
    private final LargeObjectSpace large;
    private final MarkSweep collector;
    private final HeapVerifier verifier;
    private RootSet roots;

    private final boolean stress;
    private final boolean verify;
    private final GcListener listener;

    private int budgetBlocks;
    private final int minBudgetBlocks;

    // statistics
    private int collections;
    private long totalPause, maxPause;
    private long bytesAllocated, objectsAllocated;
    private long peakFootprint, liveAfterLastGc;

    public Heap(int memMb, boolean stress, boolean verify, GcListener listener) {
        this.region = new Region(memMb);
        this.mem = region.mem;
        this.small = new SegregatedFreeList(region);
        this.large = new LargeObjectSpace(region);
        this.collector = new MarkSweep(region, small, large);
        this.verifier = new HeapVerifier(region, small, large);
        this.stress = stress;
        this.verify = verify;
        this.listener = listener;
        this.minBudgetBlocks = Math.max(1, (int) (region.usableBlocks() * MIN_BUDGET_FRACTION));
        this.budgetBlocks = minBudgetBlocks;
        this.peakFootprint = footprintBytes();
    }

    public void setRoots(RootSet roots) { this.roots = roots; }

    public long limitBytes() { return (long) mem.length * 8; }

    /** Metadata plus every block in use by either space. */
    public long footprintBytes() {
        return (long) (region.metadataBlocks + region.usedBlocks()) * Region.BLOCK_BYTES;
    }

    // ------------------------------------------------------------------ allocation

    /**
     * Allocates an object of {@code words} words (header included), writes its header and
     * clears its body (so value-holding objects start as all {@code None}). May collect: every
     * pointer the caller holds outside a root is stale afterwards.
     */
    public int allocate(int kind, int words) {
        int a;
        if (words <= SizeClasses.MAX_SMALL_WORDS) {
            int cls = SizeClasses.classOf(words);
            a = stress ? 0 : small.allocate(cls);
            if (a == 0) a = allocateSmallSlow(cls, words);
            bytesAllocated += (long) SizeClasses.cellWords(cls) * 8;
        } else {
            a = allocateLarge(words);
            bytesAllocated += (long) LargeObjectSpace.blocksFor(words) * Region.BLOCK_BYTES;
        }
        objectsAllocated++;
        mem[a] = ObjectKind.header(kind, words);
        java.util.Arrays.fill(mem, a + 1, a + words, 0L);
        return a;
    }

    private int allocateSmallSlow(int cls, int words) {
        if (stress) {
            collect("stress");
            int a = small.allocate(cls);
            if (a != 0) return a;
        }
        if (region.usedBlocks() < budgetBlocks && small.refill(cls)) {
            noteFootprint();
            return small.allocate(cls);
        }
        collect("budget");
        int a = small.allocate(cls);
        if (a != 0) return a;
        if (!small.refill(cls)) throw exhausted(words);
        noteFootprint();
        return small.allocate(cls);
    }

    private int allocateLarge(int words) {
        if (stress) collect("stress");
        int n = LargeObjectSpace.blocksFor(words);
        if (region.usedBlocks() + n <= budgetBlocks) {
            int a = large.allocate(words);
            if (a != 0) {
                noteFootprint();
                return a;
            }
        }
        collect("budget");
        int a = large.allocate(words);
        if (a == 0) throw exhausted(words);
        noteFootprint();
        return a;
    }

    /** Returns a large object the program has proved dead (a popped stack segment) at once. */
    public void freeLarge(int address) { large.free(address); }

    private void noteFootprint() {
        long f = footprintBytes();
        if (f > peakFootprint) peakFootprint = f;
    }

    private HeapExhausted exhausted(int words) {
        return new HeapExhausted((long) words * 8, limitBytes(), liveAfterLastGc, collections);
    }

    // ------------------------------------------------------------------ collection

    /** Runs a full collection now. */
    public void collect(String cause) {
        if (roots == null) throw new IllegalStateException("heap has no root set");
        long before = footprintBytes();
        long t0 = System.nanoTime();
        long liveWords = collector.collect(roots);
        long liveBytes = liveWords * 8;
        int liveBlocks = (int) ((liveWords * GROWTH + Region.BLOCK_WORDS - 1) / Region.BLOCK_WORDS);
        budgetBlocks = Math.min(region.usableBlocks(), Math.max(minBudgetBlocks, liveBlocks));
        if (verify) verifier.verify(roots, liveWords);
        long pause = System.nanoTime() - t0;
        collections++;
        totalPause += pause;
        if (pause > maxPause) maxPause = pause;
        liveAfterLastGc = liveBytes;
        if (listener != null) {
            listener.onCollection(new GcEvent(collections, cause, before, footprintBytes(), liveBytes,
                    (long) budgetBlocks * Region.BLOCK_BYTES, limitBytes(), pause, bytesAllocated));
        }
    }

    public HeapStats stats() {
        return new HeapStats(limitBytes(), collections, totalPause, maxPause, bytesAllocated,
                objectsAllocated, peakFootprint, liveAfterLastGc, footprintBytes());
    }

    public int collections() { return collections; }

    public long liveBytesAfterLastGc() { return liveAfterLastGc; }

    /** Bytes held by the call stack's segments are reported by the interpreter; this is the rest. */
    public long budgetBytes() { return (long) budgetBlocks * Region.BLOCK_BYTES; }

    /** Walks every allocated object (for the verifier and tests). */
    public void forEachObject(java.util.function.IntConsumer visitor) {
        small.forEachObject(visitor);
        large.forEachObject(visitor);
    }

    public boolean isObjectStart(int address) {
        return small.isObjectStart(address) || large.isObjectStart(address);
    }

    /** Bytes of the reachable objects, measured by a fresh collection (tests and stats). */
    public long liveBytesNow() {
        collect("explicit");
        return liveAfterLastGc;
    }
}
