package io.gcvm.heap.alloc;

/**
 * A block cut into equal cells, tracked by two bitmaps kept in the region's metadata: an
 * allocation bit and a mark bit per cell (the allocator building block of the same name in D's
 * {@code std.experimental.allocator}). Bits past the block's last cell are kept set in the
 * allocation bitmap ("padding"), so a search for a free cell never finds them.
 *
 * <p>All methods are static over the region: a block is just its index.
 */
public final class BitmappedBlock {
    private BitmappedBlock() {}

    /** De Bruijn sequence for {@link #indexOfBit}: every 6-bit window of it is distinct. */
    private static final long DE_BRUIJN = 0x03F79D71B4CA8B09L;
    private static final byte[] BIT_INDEX = new byte[64];

    static {
        for (int i = 0; i < 64; i++) BIT_INDEX[(int) ((DE_BRUIJN << i) >>> 58)] = (byte) i;
    }

    /**
     * The index of the only set bit of {@code bit} (a power of two): one multiply and a table
     * look-up. {@code Long.numberOfTrailingZeros} is no intrinsic for C1, the JIT the launcher
     * runs: there it is two calls of a 80-byte method, on the allocator's fast path.
     */
    public static int indexOfBit(long bit) { return BIT_INDEX[(int) ((bit * DE_BRUIJN) >>> 58)]; }

    /** {@code ceil(2^20 / cellWords)}: cell index = (offset * RECIPROCAL) >>> 20, exactly, for offsets in a block. */
    static int reciprocal(int cellWords) { return ((1 << 20) + cellWords - 1) / cellWords; }

    /** Index of the cell at {@code address} in its block (the address must be a cell start). */
    static int cellIndex(int address, int reciprocal) {
        return ((address & (Region.BLOCK_WORDS - 1)) * reciprocal) >>> 20;
    }

    /** Prepares a fresh block: no cell allocated, none marked, padding bits set. */
    static void format(Region region, int block, int cells) {
        long[] mem = region.mem;
        int bm = region.bitmapOf(block);
        for (int i = 0; i < Region.BITMAP_WORDS; i++) {
            mem[bm + i] = padding(i, cells);
            mem[bm + Region.BITMAP_WORDS + i] = 0;
        }
    }

    /** The padding bits of allocation-bitmap word {@code i} for a block of {@code cells} cells. */
    static long padding(int i, int cells) {
        int first = i << 6;
        if (cells >= first + 64) return 0;
        if (cells <= first) return -1L;
        return -1L << (cells - first);
    }

    static boolean isAllocated(long[] mem, int bitmap, int index) {
        return (mem[bitmap + (index >>> 6)] & (1L << index)) != 0;
    }

    static boolean isMarked(long[] mem, int bitmap, int index) {
        return (mem[bitmap + Region.BITMAP_WORDS + (index >>> 6)] & (1L << index)) != 0;
    }

    /** Sets the mark bit; returns false if it was already set. */
    static boolean testAndMark(long[] mem, int bitmap, int index) {
        int w = bitmap + Region.BITMAP_WORDS + (index >>> 6);
        long bit = 1L << index;
        long m = mem[w];
        if ((m & bit) != 0) return false;
        mem[w] = m | bit;
        return true;
    }

    /**
     * Sweeps the block word by word: the allocated cells become exactly the marked ones, marks
     * are cleared. Returns the number of live cells.
     */
    static int sweep(long[] mem, int bitmap, int cells) {
        int live = 0;
        for (int i = 0; i < Region.BITMAP_WORDS; i++) {
            long pad = padding(i, cells);
            long kept = mem[bitmap + i] & mem[bitmap + Region.BITMAP_WORDS + i] & ~pad;
            mem[bitmap + i] = kept | pad;
            mem[bitmap + Region.BITMAP_WORDS + i] = 0;
            live += Long.bitCount(kept);
        }
        return live;
    }

    /** Calls {@code visitor} with the address of every allocated cell. */
    static void forEachAllocated(long[] mem, int bitmap, int base, int cellWords, int cells,
                                 java.util.function.IntConsumer visitor) {
        for (int i = 0; i < Region.BITMAP_WORDS; i++) {
            long w = mem[bitmap + i] & ~padding(i, cells);
            while (w != 0) {
                int bit = Long.numberOfTrailingZeros(w);
                w &= w - 1;
                visitor.accept(base + ((i << 6) + bit) * cellWords);
            }
        }
    }
}
