package io.gcvm.heap;

import io.gcvm.heap.alloc.Allocator;
import io.gcvm.heap.alloc.LargeObjectSpace;
import io.gcvm.heap.alloc.Region;
import io.gcvm.heap.alloc.Segregator;
import io.gcvm.heap.alloc.SizeClasses;
import io.gcvm.heap.alloc.SmallObjectSpace;
import io.gcvm.heap.gc.HeapVerifier;
import io.gcvm.heap.gc.MarkSweep;

/**
 * The managed heap: the composition of the allocator building blocks, the collection policy and
 * the statistics. The composition, in one place:
 *
 * <pre>
 *   Region(-mem N)                                  one long[] of exactly N MB, cut into 8 KiB blocks
 *   allocator = Segregator(512 words,
 *                   SmallObjectSpace:               one SizeClassAllocator per size class:
 *                                                     BitmappedBlocks + a free list of blocks with free cells
 *                   LargeObjectSpace)               a run of whole blocks per object
 *   collector = MarkSweep(allocator)                precise, stop-the-world, mark stack in the region;
 *                                                   compacts by evacuating sparse blocks on demand
 *   verifier  = HeapVerifier(allocator)             after each collection, when asked
 * </pre>
 *
 * <p><b>When to collect.</b> When the allocators hold no free cell for a request and the region
 * has no free block (or run of blocks) left to give them, the heap collects. The region is
 * allocated whole when the VM starts, so a heap that fills all of it before collecting costs no
 * more memory than one that collects earlier, and a collection's cost depends on the live data,
 * not on the heap's size: collecting only when the region is full makes the fewest collections
 * (binary-trees 16 at {@code -mem 16}: 45 instead of the 73 of a budget of three quarters of
 * the region). When a collection leaves the heap holding more than
 * {@link #FRAGMENTATION_LIMIT} times its live data (plus 1/16 of the region), the next
 * collection compacts ("defragment").
 *
 * <p><b>When to compact.</b> If a collection leaves no room for the request although memory
 * is free — cut into holes in the blocks of other size classes — the heap collects again,
 * compacting: the sparsest blocks of each size class are emptied into the others' holes and go
 * back to the region. A large request that still finds no run of free blocks long enough
 * collects once more, emptying the run of blocks that holds the fewest small objects. Only if
 * that still leaves no room does the allocation throw
 * {@link HeapExhausted}, with the limit and the live bytes in its message.
 *
 * <p><b>Minor and full collections.</b> With {@link Options#generational} (the default), a
 * collection a full region triggers is minor ({@link MarkSweep}: it traces and frees only objects
 * allocated since the last collection, plus what old objects written since then point at), as
 * long as the old generation leaves room: when a minor collection leaves the heap holding more
 * than the live data of the last full collection plus half of the region's headroom above it,
 * the next collection is full. An allocation that still fails after a minor collection collects
 * fully before it compacts or gives up, so running out of memory is decided by full
 * collections only. Collections the VM asks for by name ({@link #collect}) are full.
 */
public final class Heap {
    /**
     * When a collection leaves the heap holding more than this many times its live data (blocks
     * kept by a few live cells each), the next collection compacts.
     */
    public static final double FRAGMENTATION_LIMIT = 2.0;

    public final long[] mem;
    public final Region region;
    private final Allocator allocator;
    private final LargeObjectSpace large;
    private final SmallObjectSpace small;
    private final boolean stress;
    private final MarkSweep collector;
    private final HeapVerifier verifier;
    private RootSet roots;

    private final Options options;
    private final GcListener listener;

    /** Set when the last collection left the heap fragmented: the next one compacts. */
    private boolean compactNext;
    /** Set when the old generation has outgrown its share of the region: the next collection is full. */
    private boolean fullNext = true;
    /** Blocks the live data held after the last full collection. */
    private int liveBlocksAtFull;
    /**
     * Full collections to run before trying a minor one again; grows (1, 2, 4, ...) each time a
     * minor collection does not pay — it freed less than an eighth of the headroom (most young
     * objects were a structure still being built), or it scanned more than half the words the
     * last full collection did (a big old table rewritten all over, a sliding window of young
     * objects) — and drops to 0 when one pays.
     */
    private int fullsBeforeMinor, minorBackoff;
    /** Words the last full collection scanned. */
    private long scannedAtFull;

    // statistics
    private int collections;
    private long totalPause, maxPause;
    private long bytesAllocated, objectsAllocated;
    private long peakFootprint, liveAfterLastGc, peakLive, movedBytes, allocatedAtLastGc;

    /**
     * How the heap runs.
     *
     * @param stress         collect at every allocation (or every {@code stressInterval} bytes)
     * @param stressMove     with stress: move every movable object at every collection
     * @param compaction     compact when a collection alone leaves no room for a request
     * @param verify         check the whole heap after every collection
     * @param stressInterval with stress: collect only once this many bytes were allocated since
     *                       the last collection (0: at every allocation). The peak live bytes
     *                       are then exact to within this many bytes, at a fraction of the cost.
     * @param generational   collections a full region triggers are minor while they pay (see above)
     */
    public record Options(boolean stress, boolean stressMove, boolean compaction, boolean verify, long stressInterval,
                          boolean generational) {
        public static final Options DEFAULT = new Options(false, false, true, false, 0, true);
    }

    public Heap(int memMb, boolean stress, boolean verify, GcListener listener) {
        this(memMb, new Options(stress, false, true, verify, 0, true), listener);
    }

    public Heap(int memMb, Options options, GcListener listener) {
        this.region = new Region(memMb);
        this.mem = region.mem;
        this.large = new LargeObjectSpace(region);
        this.small = new SmallObjectSpace(region);
        this.stress = options.stress();
        this.allocator = new Segregator(SizeClasses.MAX_SMALL_WORDS, small, large);
        this.collector = new MarkSweep(region, allocator, small, large);
        this.verifier = new HeapVerifier(region, allocator);
        this.options = options;
        this.listener = listener;
        this.peakFootprint = footprintBytes();
    }

    public void setRoots(RootSet roots) { this.roots = roots; }

    public long limitBytes() { return (long) mem.length * 8; }

    /** Metadata plus every block in use. */
    public long footprintBytes() {
        return (long) (region.metadataBlocks + region.usedBlocks()) * Region.BLOCK_BYTES;
    }

    // ------------------------------------------------------------------ allocation

    /**
     * Allocates an object of {@code words} words (header included), writes its header and
     * clears its body (so value-holding objects start as all {@code None}). May collect: every
     * heap address the caller holds outside a root is stale afterwards.
     */
    public int allocate(int kind, int words) { return allocate(kind, words, true); }

    /**
     * Allocates a raw object (a string, whose words hold no values) whose caller writes every
     * word of its body itself: only the header and the last word (a string's zero padding) are
     * written here. Saves clearing what is about to be overwritten, which for the long strings
     * of repeated concatenation is as much work as the copy itself. May collect, like
     * {@link #allocate}.
     */
    public int allocateUncleared(int kind, int words) {
        if (ObjectKind.holdsValues(kind)) throw new IllegalArgumentException("objects holding values must be cleared");
        int a = allocate(kind, words, false);
        if (words > 1) mem[a + words - 1] = 0L;
        return a;
    }

    /** The allocation fast path, for both: a small object's cell from its size class, or a run of blocks. */
    private int allocate(int kind, int words, boolean clear) {
        int a;
        if (words <= SizeClasses.MAX_SMALL_WORDS) {
            int c = SizeClasses.classOf(words);
            a = stress ? 0 : small.allocateIn(c);
            if (a == 0) a = allocateSlow(words);
            bytesAllocated += SizeClasses.cellWords(c) * 8;
            if (clear) for (int p = a + 1, end = a + words; p < end; p++) mem[p] = 0L;
        } else {
            a = stress ? 0 : large.allocate(words);
            if (a == 0) a = allocateSlow(words);
            bytesAllocated += large.chargedWords(words) * 8;
            if (clear) java.util.Arrays.fill(mem, a + 1, a + words, 0L);
        }
        objectsAllocated++;
        mem[a] = ObjectKind.header(kind, words);
        return a;
    }

    private int allocateSlow(int words) {
        if (options.stress() && bytesAllocated - allocatedAtLastGc >= options.stressInterval()) {
            // with generations, every other stress collection is minor (barrier testing)
            if (options.generational() && (collections & 1) == 1) collect("stress-minor", 0, true);
            else collect(options.stressMove() ? "stress-move" : "stress");
        }
        int a = heldOrNew(words);
        if (a != 0) return a;
        boolean minor = options.generational() && !fullNext && !compactNext && fullsBeforeMinor == 0;
        collect(minor ? "minor" : "full", 0, minor);
        if ((a = heldOrNew(words)) != 0) return a;
        if (minor) {
            // the old generation may hold dead objects: only a full collection can say there is no room
            collect("full", 0, false);
            if ((a = heldOrNew(words)) != 0) return a;
        }
        if (options.compaction()) {
            // free memory may exist, cut into holes of other size classes: defragment and retry
            collect("compact");
            if ((a = heldOrNew(words)) != 0) return a;
            // a large request needs contiguous blocks: empty the cheapest run of them
            if (words > SizeClasses.MAX_SMALL_WORDS) {
                collect("make-room", LargeObjectSpace.blocksFor(words));
                if ((a = heldOrNew(words)) != 0) return a;
            }
        }
        throw exhausted(words);
    }

    /** Memory the allocators already hold, else blocks the region still has free; 0 when neither has room. */
    private int heldOrNew(int words) {
        int a = allocator.allocate(words);
        if (a != 0 || !allocator.expand(words)) return a;
        noteFootprint();
        return allocator.allocate(words);
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

    /**
     * Runs a full collection now. Cause "compact" compacts fragmented size classes, cause
     * "stress-move" moves every movable object, "make-room" empties a run of blocks for a large
     * request; anything else marks and sweeps.
     */
    public void collect(String cause) { collect(cause, 0, false); }

    /**
     * Runs a minor collection now: frees the unreachable objects allocated since the last
     * collection, keeps every older one (for tests and tools; a full region decides otherwise).
     */
    public void collectMinor(String cause) { collect(cause, 0, true); }

    private void collect(String cause, int roomBlocks) { collect(cause, roomBlocks, false); }

    private void collect(String cause, int roomBlocks, boolean minor) {
        if (roots == null) throw new IllegalStateException("heap has no root set");
        long before = footprintBytes();
        long t0 = System.nanoTime();
        if (minor && options.verify()) verifier.verifyRemembered();
        if (compactNext && cause.equals("full")) cause = "defragment";
        MarkSweep.Mode mode = switch (cause) {
            case "compact", "defragment" -> MarkSweep.Mode.COMPACT;
            case "stress-move" -> MarkSweep.Mode.MOVE_ALL;
            case "make-room" -> MarkSweep.Mode.MAKE_ROOM;
            default -> MarkSweep.Mode.SWEEP;
        };
        long liveWords = collector.collect(roots, mode, roomBlocks, minor);
        long liveBytes = liveWords * 8;
        int liveBlocks = (int) ((liveWords + Region.BLOCK_WORDS - 1) / Region.BLOCK_WORDS);
        int used = region.usedBlocks();
        if (minor) {
            // the old generation may use half the headroom above the last full live data
            int usable = region.usableBlocks();
            fullNext = used > liveBlocksAtFull + (usable - liveBlocksAtFull) / 2;
            int freed = (int) ((before - footprintBytes()) / Region.BLOCK_BYTES);
            if (freed * 8L < usable - liveBlocksAtFull || collector.scannedWords() * 2 > scannedAtFull) {
                minorBackoff = Math.min(64, Math.max(1, 2 * minorBackoff));
                fullsBeforeMinor = minorBackoff;
            } else {
                minorBackoff = 0;
            }
        } else {
            if (fullsBeforeMinor > 0 && !cause.startsWith("stress")) fullsBeforeMinor--;
            compactNext = options.compaction() && mode == MarkSweep.Mode.SWEEP
                    && used > FRAGMENTATION_LIMIT * liveBlocks + region.usableBlocks() / 16;
            liveBlocksAtFull = liveBlocks;
            scannedAtFull = collector.scannedWords();
            fullNext = false;
        }
        if (options.verify()) verifier.verify(roots, liveWords);
        long pause = System.nanoTime() - t0;
        collections++;
        totalPause += pause;
        if (pause > maxPause) maxPause = pause;
        liveAfterLastGc = liveBytes;
        // a minor collection counts dead old objects as live: only full ones measure the peak
        if (!minor && liveBytes > peakLive) peakLive = liveBytes;
        movedBytes += collector.movedWords() * 8;
        allocatedAtLastGc = bytesAllocated;
        noteFootprint();
        if (listener != null) {
            listener.onCollection(new GcEvent(collections, cause, before, footprintBytes(), liveBytes,
                    limitBytes(), pause, bytesAllocated,
                    collector.movedWords() * 8));
        }
    }

    /** Bytes moved by compacting collections so far. */
    public long movedBytes() { return movedBytes; }

    public HeapStats stats() {
        return new HeapStats(limitBytes(), collections, totalPause, maxPause, bytesAllocated,
                objectsAllocated, peakFootprint, liveAfterLastGc, peakLive, footprintBytes());
    }

    public int collections() { return collections; }

    /** Heap walks the collector made to recover from a full mark stack (for tests and tools). */
    public long markStackOverflows() { return collector.overflowPasses(); }


    /** Walks every allocated object (for the verifier and tests). */
    public void forEachObject(java.util.function.IntConsumer visitor) { allocator.forEachObject(visitor); }

    public boolean isObjectStart(int address) { return allocator.isObjectStart(address); }

    /** Words an object of {@code words} words really occupies. */
    public long chargedWords(int words) { return allocator.chargedWords(words); }
}
