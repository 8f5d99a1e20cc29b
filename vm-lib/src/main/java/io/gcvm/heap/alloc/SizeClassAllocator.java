package io.gcvm.heap.alloc;

/**
 * Cells of one size class: allocates from a current {@link BitmappedBlock}, then from the
 * class's free list of blocks that have free cells, then from a fresh block of the region.
 *
 * <p>The fast path works one allocation-bitmap word at a time: the free cells of the current
 * word are cached in {@code avail}, so handing out a cell is taking its lowest set bit and
 * setting that bit in the bitmap — no search, no loop (a bump pointer over the word's holes).
 *
 * <p>The free list links blocks through their block-table entry. A sweep rebuilds it: blocks
 * with free cells go on it, full blocks stay off it, empty blocks go back to the region.
 */
public final class SizeClassAllocator {
    final int sizeClass;
    final int cellWords;
    final int cells;
    final int reciprocal;
    private final Region region;
    private final long[] mem;
    /** Block being allocated from, or -1; the next of its allocation-bitmap words to look at. */
    private int current = -1, cursor;
    /** Free cells of the bitmap word being allocated from (bit i: cell base + i), where that word is, and the cell of its bit 0. */
    private long avail;
    private int availWord, availBase;
    /** Head of the free list of blocks with free cells, -1 when empty. */
    private int freeBlocks = -1;
    private int ownedBlocks;

    SizeClassAllocator(Region region, int sizeClass) {
        this.region = region;
        this.mem = region.mem;
        this.sizeClass = sizeClass;
        this.cellWords = SizeClasses.cellWords(sizeClass);
        this.cells = SizeClasses.cellsPerBlock(sizeClass);
        this.reciprocal = BitmappedBlock.reciprocal(cellWords);
    }

    /** Address of a free cell, or 0 when this class has none left without a new block. */
    int allocate() {
        long f = avail;
        if (f == 0) return allocateFromNextWord();
        long bit = f & -f;
        avail = f ^ bit;
        mem[availWord] |= bit;
        return availBase + BitmappedBlock.indexOfBit(bit) * cellWords;
    }

    /** The current bitmap word is used up: finds the next with a free cell, in this block or the next. */
    private int allocateFromNextWord() {
        for (;;) {
            if (current >= 0) {
                int bm = region.bitmapOf(current);
                while (cursor < Region.BITMAP_WORDS) {
                    int i = cursor++;
                    long free = ~mem[bm + i]; // padding bits are set: never free
                    if (free != 0) {
                        avail = free;
                        availWord = bm + i;
                        availBase = Region.addressOf(current) + (i << 6) * cellWords;
                        return allocate();
                    }
                }
            }
            // the current block is full (or there is none): move to the next block with free cells
            current = freeBlocks;
            cursor = 0;
            if (current < 0) return 0;
            freeBlocks = region.next(current);
        }
    }

    /** Takes a fresh block from the region; false when the region has none. */
    boolean refill() {
        int b = region.takeRun(1, Region.SMALL, sizeClass);
        if (b < 0) return false;
        BitmappedBlock.format(region, b, cells);
        region.setNext(b, -1);
        ownedBlocks++;
        if (current >= 0) {
            region.setNext(current, freeBlocks);
            freeBlocks = current;
        }
        current = b;
        cursor = 0;
        avail = 0;
        return true;
    }

    int ownedBlocks() { return ownedBlocks; }

    /** Forgets the free list before a sweep; {@link #sweepBlock} rebuilds it. */
    void beginSweep() {
        current = -1;
        cursor = 0;
        avail = 0;
        freeBlocks = -1;
    }

    /** Number of marked cells in block {@code b}. */
    int markedCells(int b) {
        int bm = region.bitmapOf(b) + Region.BITMAP_WORDS;
        int n = 0;
        for (int i = 0; i < Region.BITMAP_WORDS; i++) n += Long.bitCount(mem[bm + i]);
        return n;
    }

    /** Sweeps one of this class's blocks; returns the words its live cells hold. */
    long sweepBlock(int b) {
        int live = BitmappedBlock.sweep(mem, region.bitmapOf(b), cells);
        if (live == 0) {
            region.releaseRun(b, 1);
            ownedBlocks--;
            return 0;
        }
        if (live < cells) {
            region.setNext(b, freeBlocks);
            freeBlocks = b;
        }
        return (long) live * cellWords;
    }
}
