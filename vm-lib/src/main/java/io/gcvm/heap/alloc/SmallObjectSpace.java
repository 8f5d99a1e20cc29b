package io.gcvm.heap.alloc;

import java.util.function.IntConsumer;

/**
 * Objects of up to {@link SizeClasses#MAX_SMALL_WORDS} words: a segregator by size class over
 * one {@link SizeClassAllocator} per class, each cutting whole blocks of the region into equal
 * cells tracked by bitmaps ({@link BitmappedBlock}).
 */
public final class SmallObjectSpace implements Allocator {
    private final Region region;
    private final long[] mem;
    private final SizeClassAllocator[] classes = new SizeClassAllocator[SizeClasses.COUNT];
    /** Per size class, the reciprocal that turns an offset in a block into a cell index. */
    private final int[] reciprocals = new int[SizeClasses.COUNT];
    /** The mark bitmap of block b starts at markBase + 2 * BITMAP_WORDS * b. */
    private final int markBase;

    public SmallObjectSpace(Region region) {
        this.region = region;
        this.mem = region.mem;
        for (int c = 0; c < SizeClasses.COUNT; c++) {
            classes[c] = new SizeClassAllocator(region, c);
            reciprocals[c] = classes[c].reciprocal;
        }
        this.markBase = region.bitmapBase + Region.BITMAP_WORDS;
    }

    @Override
    public int allocate(int words) { return allocateIn(SizeClasses.classOf(words)); }

    /** A free cell of size class {@code c} already held, or 0 (the heap's fast path: it knows the class). */
    public int allocateIn(int c) { return classes[c].allocate(); }

    @Override
    public boolean expand(int words) { return classes[SizeClasses.classOf(words)].refill(); }

    @Override
    public long chargedWords(int words) { return SizeClasses.cellWords(SizeClasses.classOf(words)); }

    @Override
    public long cellWordsAt(int address) { return classes[region.sizeClass(Region.blockOf(address))].cellWords; }

    @Override
    public boolean owns(int address) {
        int b = Region.blockOf(address);
        return b >= 0 && b < region.blockCount && region.state(b) == Region.SMALL;
    }

    @Override
    public boolean isObjectStart(int address) {
        if (!owns(address)) return false;
        int b = Region.blockOf(address);
        SizeClassAllocator c = classes[region.sizeClass(b)];
        int offset = address - Region.addressOf(b);
        if (offset % c.cellWords != 0 || offset / c.cellWords >= c.cells) return false;
        return BitmappedBlock.isAllocated(mem, region.bitmapOf(b), offset / c.cellWords);
    }

    /** Per size class, the reciprocal that turns an offset in a block into a cell index (for the collector's inner loop). */
    public int[] reciprocals() { return reciprocals; }

    /** The mark bitmap of block b starts at {@code markBase() + 2 * BITMAP_WORDS * b}. */
    public int markBase() { return markBase; }

    /** The collector's inner loop: straight-line code over the block table and the mark bitmap. */
    @Override
    public boolean testAndMark(int address) {
        int b = address >>> Region.LOG_BLOCK_WORDS;
        int index = ((address & (Region.BLOCK_WORDS - 1)) * reciprocals[Region.sizeClassOf(mem[2 * b])]) >>> 20;
        int w = markBase + 2 * Region.BITMAP_WORDS * b + (index >>> 6);
        long m = mem[w], bit = 1L << index;
        if ((m & bit) != 0) return false;
        mem[w] = m | bit;
        return true;
    }

    @Override
    public boolean isMarked(int address) {
        int b = Region.blockOf(address);
        int index = BitmappedBlock.cellIndex(address, classes[region.sizeClass(b)].reciprocal);
        return BitmappedBlock.isMarked(mem, region.bitmapOf(b), index);
    }

    /** Sweeps every small block, highest first, so each class's free list ends up in address order. */
    @Override
    public long sweep() {
        for (SizeClassAllocator c : classes) c.beginSweep();
        long live = 0;
        for (int b = region.blockCount - 1; b >= region.metadataBlocks; b--) {
            if (region.state(b) == Region.SMALL) live += classes[region.sizeClass(b)].sweepBlock(b);
        }
        return live;
    }

    @Override
    public void clearMarks() {
        for (int b = region.metadataBlocks; b < region.blockCount; b++) {
            if (region.state(b) != Region.SMALL) continue;
            int bm = region.bitmapOf(b) + Region.BITMAP_WORDS;
            for (int i = 0; i < Region.BITMAP_WORDS; i++) mem[bm + i] = 0;
        }
    }

    @Override
    public void stickMarks() {
        for (int b = region.metadataBlocks; b < region.blockCount; b++) {
            if (region.state(b) != Region.SMALL) continue;
            int cells = classes[region.sizeClass(b)].cells;
            int bm = region.bitmapOf(b);
            for (int i = 0; i < Region.BITMAP_WORDS; i++) {
                mem[bm + Region.BITMAP_WORDS + i] = mem[bm + i] & ~BitmappedBlock.padding(i, cells);
            }
        }
    }

    /** Each marked cell that overlaps a dirty card is visited whole. */
    @Override
    public void scanDirtyCards(DirtyVisitor visitor) {
        for (int b = region.metadataBlocks; b < region.blockCount; b++) {
            long dirty = mem[region.cards(b)];
            if (dirty == 0 || region.state(b) != Region.SMALL) continue;
            SizeClassAllocator c = classes[region.sizeClass(b)];
            int marks = region.bitmapOf(b) + Region.BITMAP_WORDS;
            int base = Region.addressOf(b);
            for (int i = 0; i < Region.BITMAP_WORDS; i++) {
                long w = mem[marks + i];
                while (w != 0) {
                    int cell = (i << 6) + Long.numberOfTrailingZeros(w);
                    w &= w - 1;
                    int start = cell * c.cellWords;
                    int first = start >>> 4, last = (start + c.cellWords - 1) >>> 4;
                    long span = last - first == 63 ? -1L : ((1L << (last - first + 1)) - 1) << first;
                    if ((dirty & span) != 0) visitor.visit(base + start, base + start, base + start + c.cellWords);
                }
            }
        }
    }

    // ------------------------------------------------------------------ compaction

    /**
     * The evacuating half of a compacting collection, run after marking instead of
     * {@link #sweep}. Per size class, the live cells need ceil(live / cells per block) blocks;
     * the other blocks, the sparsest, are chosen to be emptied (with {@code all}, every block is
     * chosen and objects move into fresh blocks of the region as needed). It sweeps the blocks
     * that stay, then moves each live cell
     * of a chosen block into a free cell elsewhere, leaving a forwarding header behind. Chosen
     * blocks are then swept (emptied ones go back to the region). Pointers must be fixed
     * afterwards: the forwarding headers stay readable until the next allocation.
     *
     * @return {live words, words moved}
     */
    public long[] evacuate(boolean all) {
        for (SizeClassAllocator c : classes) c.beginSweep();
        long live = all ? chooseAll() : chooseSparsest();
        return moveChosen(all, live);
    }

    /**
     * Compaction for a large request: finds the run of {@code blocks} consecutive blocks, free or
     * holding small objects, whose small objects are fewest (in words), and empties it by moving
     * them elsewhere; its free blocks are held back meanwhile so nothing moves into the run.
     * Every other block is swept. Returns {live words, words moved}; the run is free afterwards
     * unless there was no room to move its objects (or no such run exists).
     */
    public long[] makeRoom(int blocks) {
        for (SizeClassAllocator c : classes) c.beginSweep();
        int start = findWindow(blocks);
        long live = 0;
        for (int b = region.blockCount - 1; b >= region.metadataBlocks; b--) {
            boolean inWindow = start >= 0 && b >= start && b < start + blocks;
            if (inWindow && region.state(b) == Region.FREE) {
                region.reserve(b);
            } else if (region.state(b) == Region.SMALL) {
                SizeClassAllocator c = classes[region.sizeClass(b)];
                if (inWindow && c.markedCells(b) > 0) mem[2 * b] |= Region.ENTRY_EVACUATE;
                else live += c.sweepBlock(b);
            }
        }
        long[] result = moveChosen(true, live);
        if (start >= 0) {
            for (int b = start; b < start + blocks; b++) if (region.state(b) == Region.RESERVED) region.unreserve(b);
        }
        return result;
    }

    /** Start of the cheapest run of {@code n} blocks that are all free or small, or -1. */
    private int findWindow(int n) {
        int best = -1;
        long bestCost = Long.MAX_VALUE, cost = 0;
        int blocked = 0;
        for (int b = region.metadataBlocks; b < region.blockCount; b++) {
            cost += windowCost(b);
            if (windowCost(b) < 0) blocked++;
            int first = b - n + 1;
            if (first > region.metadataBlocks) {
                int out = first - 1;
                cost -= windowCost(out);
                if (windowCost(out) < 0) blocked--;
            }
            if (first >= region.metadataBlocks && blocked == 0 && cost < bestCost) {
                bestCost = cost;
                best = first;
            }
        }
        return best;
    }

    /** Words of live small objects in block b, 0 if free, -1 if it cannot be emptied. */
    private long windowCost(int b) {
        switch (region.state(b)) {
            case Region.FREE: return 0;
            case Region.SMALL: {
                SizeClassAllocator c = classes[region.sizeClass(b)];
                return (long) c.markedCells(b) * c.cellWords;
            }
            default: return -1;
        }
    }

    /** Chooses every block holding live cells; returns 0 (nothing swept yet). */
    private long chooseAll() {
        for (int b = region.blockCount - 1; b >= region.metadataBlocks; b--) {
            if (region.state(b) != Region.SMALL) continue;
            SizeClassAllocator c = classes[region.sizeClass(b)];
            if (c.markedCells(b) > 0) mem[2 * b] |= Region.ENTRY_EVACUATE;
            else c.sweepBlock(b);
        }
        return 0;
    }

    /** Chooses, per class, the sparsest blocks the others can absorb; sweeps the rest. */
    private long chooseSparsest() {
        // per class: how many blocks the live cells need, so how many (the sparsest) can be emptied
        int[][] histogram = new int[SizeClasses.COUNT][];
        int[] level = new int[SizeClasses.COUNT];   // blocks with fewer marked cells are chosen ...
        int[] quota = new int[SizeClasses.COUNT];   // ... and this many with exactly `level`
        for (int b = region.metadataBlocks; b < region.blockCount; b++) {
            if (region.state(b) != Region.SMALL) continue;
            int c = region.sizeClass(b);
            if (histogram[c] == null) histogram[c] = new int[classes[c].cells + 1];
            histogram[c][classes[c].markedCells(b)]++;
        }
        for (int c = 0; c < SizeClasses.COUNT; c++) {
            if (histogram[c] == null) continue;
            int cells = classes[c].cells;
            long liveCells = 0;
            int blocks = 0;
            for (int l = 1; l <= cells; l++) {
                liveCells += (long) l * histogram[c][l];
                blocks += histogram[c][l];
            }
            int spare = blocks - (int) ((liveCells + cells - 1) / cells);
            int l = 1;
            while (spare > 0 && l <= cells) {
                int take = Math.min(spare, histogram[c][l]);
                if (take < histogram[c][l]) {
                    quota[c] = take;
                    break;
                }
                spare -= take;
                l++;
            }
            level[c] = l;
        }
        // choose, and sweep the blocks that stay (highest first: free lists in address order)
        long live = 0;
        for (int b = region.blockCount - 1; b >= region.metadataBlocks; b--) {
            if (region.state(b) != Region.SMALL) continue;
            SizeClassAllocator c = classes[region.sizeClass(b)];
            int marked = c.markedCells(b);
            boolean chosen = marked > 0 && (marked < level[c.sizeClass]
                    || (marked == level[c.sizeClass] && quota[c.sizeClass]-- > 0));
            if (chosen) {
                mem[2 * b] |= Region.ENTRY_EVACUATE;
            } else {
                live += c.sweepBlock(b);
            }
        }
        return live;
    }

    /**
     * Moves every live cell of the chosen blocks into free cells of their class (taking fresh
     * blocks from the region when {@code mayRefill}), leaving forwarding headers, then sweeps
     * the chosen blocks. Returns {live words, words moved}.
     */
    private long[] moveChosen(boolean mayRefill, long live) {
        long moved = 0;
        for (int b = region.metadataBlocks; b < region.blockCount; b++) {
            if (region.state(b) != Region.SMALL || (region.entry(b) & Region.ENTRY_EVACUATE) == 0) continue;
            SizeClassAllocator c = classes[region.sizeClass(b)];
            int bm = region.bitmapOf(b) + Region.BITMAP_WORDS;
            int base = Region.addressOf(b);
            for (int i = 0; i < c.cells; i++) {
                if ((mem[bm + (i >>> 6)] & (1L << i)) == 0) continue;
                int from = base + i * c.cellWords;
                int to = c.allocate();
                if (to == 0 && mayRefill && c.refill()) to = c.allocate();
                if (to == 0) continue; // no room: this object stays where it is
                int size = io.gcvm.heap.ObjectKind.size(mem[from]);
                System.arraycopy(mem, from, mem, to, size);
                mem[from] = io.gcvm.heap.ObjectKind.forwardingHeader(to);
                mem[bm + (i >>> 6)] &= ~(1L << i); // moved: no longer live here
                live += c.cellWords;
                moved += c.cellWords;
            }
        }
        // sweep the chosen blocks: what stayed is live, the rest (moved or dead) is free
        for (int b = region.blockCount - 1; b >= region.metadataBlocks; b--) {
            if (region.state(b) != Region.SMALL || (region.entry(b) & Region.ENTRY_EVACUATE) == 0) continue;
            mem[2 * b] &= ~Region.ENTRY_EVACUATE;
            live += classes[region.sizeClass(b)].sweepBlock(b);
        }
        return new long[] {live, moved};
    }

    @Override
    public void forEachObject(IntConsumer visitor) {
        for (int b = region.metadataBlocks; b < region.blockCount; b++) {
            if (region.state(b) != Region.SMALL) continue;
            SizeClassAllocator c = classes[region.sizeClass(b)];
            BitmappedBlock.forEachAllocated(mem, region.bitmapOf(b), Region.addressOf(b), c.cellWords, c.cells, visitor);
        }
    }

    @Override
    public int heldBlocks() {
        int n = 0;
        for (SizeClassAllocator c : classes) n += c.ownedBlocks();
        return n;
    }
}
