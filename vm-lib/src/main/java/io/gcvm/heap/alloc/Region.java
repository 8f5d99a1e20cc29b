package io.gcvm.heap.alloc;

/**
 * The one bounded region every guest byte lives in: {@code -mem N} megabytes as a
 * {@code long[]}, cut into blocks of {@link #BLOCK_WORDS} words.
 *
 * <p>The first blocks hold the heap's own metadata, so it counts against the limit like
 * everything else:
 * <pre>
 *  [block table: 2 words per block][cards: 1 word per block][bitmaps: 16 words per block][mark stack][ usable blocks ... ]
 *
 *  block table entry, word 0:  | run length (32) | size class (16) | unused (6) | evacuate (1) | mark (1) | state (8) |
 *  block table entry, word 1:  next block in the owner's list, or -1
 *  card word of a block:       bit i set: words [16i, 16i + 16) of the block were written since the last collection
 *  bitmaps of a block:         8 words of allocation bits, then 8 words of mark bits (one per cell)
 * </pre>
 * The card table starts right after the block table, at {@code mem.length / 512}, so the write
 * barrier ({@link io.gcvm.heap.WriteBarrier}) finds it from the array alone. Block 0 is always
 * metadata, in no list, so the second word of its entry is free: it holds the heap's
 * {@link #HASH_SEED}, which hashing likewise finds from the array alone.
 * The rest are handed out one block at a time to the size-class allocators or as runs of
 * contiguous blocks to the large-object space, and come back here when they are empty.
 */
public final class Region {
    public static final int LOG_BLOCK_WORDS = 10;
    /** 1024 words = 8 KiB. */
    public static final int BLOCK_WORDS = 1 << LOG_BLOCK_WORDS;
    public static final int BLOCK_BYTES = BLOCK_WORDS * 8;
    /** Bitmap words per block: allocation bits then mark bits, one bit per cell of 2+ words. */
    public static final int BITMAP_WORDS = BLOCK_WORDS / 2 / 64;

    public static final int FREE = 0;
    public static final int METADATA = 1;
    /** A block of equal cells of one size class. */
    public static final int SMALL = 2;
    /** The first block of a large object; the entry holds the run length and the mark bit. */
    public static final int LARGE_HEAD = 3;
    public static final int LARGE_TAIL = 4;
    /** A free block held back while a compaction empties the run it belongs to. */
    public static final int RESERVED = 5;

    /** Mark bit of a large object, in its head block's entry. */
    public static final long ENTRY_MARK = 1L << 8;
    /** A small block chosen for evacuation by a compacting collection. */
    public static final long ENTRY_EVACUATE = 1L << 9;

    /**
     * Where the seed of the heap's string hash ({@link io.gcvm.heap.Strings#hash}) is: the
     * second word of block 0's entry, which as a metadata block's link is never used. Each
     * heap draws its own, so which keys collide in a dictionary's hash index cannot be
     * worked out before a run.
     */
    public static final int HASH_SEED = 1;

    public final long[] mem;
    public final int blockCount;
    /** Blocks reserved for metadata at the start of the region. */
    public final int metadataBlocks;
    /** Where the card table starts: one word per block, right after the block table. */
    public final int cardBase;
    /** Where the per-block bitmaps start. */
    public final int bitmapBase;
    /** Where the mark stack lives, and how many words it may use. */
    public final int markStackBase;
    public final int markStackWords;

    private int freeBlockCount;
    private int rover;

    public Region(int memMb) {
        if (memMb < 1) throw new IllegalArgumentException("memory limit must be at least 1 MB");
        long words = (long) memMb << 17;
        if (words > Integer.MAX_VALUE - BLOCK_WORDS) throw new IllegalArgumentException("memory limit too large: " + memMb + " MB");
        this.mem = new long[(int) words];
        this.blockCount = (int) (words >>> LOG_BLOCK_WORDS);
        this.cardBase = cardWordOf(mem, 0);
        this.bitmapBase = cardBase + blockCount;
        this.markStackBase = bitmapBase + 2 * BITMAP_WORDS * blockCount;
        this.markStackWords = Math.max(1024, (int) (words >>> 8));
        this.metadataBlocks = (markStackBase + markStackWords + BLOCK_WORDS - 1) >>> LOG_BLOCK_WORDS;
        for (int b = 0; b < blockCount; b++) {
            setEntry(b, b < metadataBlocks ? METADATA : FREE, 0, 0);
            setNext(b, -1);
        }
        this.freeBlockCount = blockCount - metadataBlocks;
        this.rover = metadataBlocks;
        mem[HASH_SEED] = java.util.concurrent.ThreadLocalRandom.current().nextLong();
    }

    // ------------------------------------------------------------------ block table

    public long entry(int block) { return mem[2 * block]; }

    public int state(int block) { return stateOf(mem[2 * block]); }

    /** The state field of a block-table entry word (for loops that read the entry once). */
    public static int stateOf(long entry) { return (int) entry & 0xFF; }

    /** The size-class field of a block-table entry word. */
    public static int sizeClassOf(long entry) { return (int) (entry >>> 16) & 0xFFFF; }

    public int sizeClass(int block) { return sizeClassOf(mem[2 * block]); }

    public int runLength(int block) { return (int) (mem[2 * block] >>> 32); }

    public void setEntry(int block, int state, int sizeClass, int runLength) {
        mem[2 * block] = ((long) runLength << 32) | ((long) sizeClass << 16) | state;
    }

    public int next(int block) { return (int) mem[2 * block + 1]; }

    public void setNext(int block, int next) { mem[2 * block + 1] = next; }

    /** The card word of {@code block}. */
    public int cards(int block) { return cardBase + block; }

    /**
     * The card word of the block holding {@code address}, found from the region's array alone:
     * the card table follows the block table (2 words per block of 1024), at {@code mem.length / 512}.
     */
    public static int cardWordOf(long[] mem, int address) { return (mem.length >>> 9) + (address >>> LOG_BLOCK_WORDS); }

    /** Forgets every card: after a collection nothing was written since it. */
    public void clearCards() { java.util.Arrays.fill(mem, cardBase, cardBase + blockCount, 0L); }

    public static int blockOf(int address) { return address >>> LOG_BLOCK_WORDS; }

    public static int addressOf(int block) { return block << LOG_BLOCK_WORDS; }

    /** First word of the allocation bitmap of {@code block}; the mark bitmap follows it. */
    public int bitmapOf(int block) { return bitmapBase + 2 * BITMAP_WORDS * block; }

    // ------------------------------------------------------------------ handing out blocks

    public int freeBlocks() { return freeBlockCount; }

    public int usableBlocks() { return blockCount - metadataBlocks; }

    public int usedBlocks() { return usableBlocks() - freeBlockCount; }

    /**
     * Takes {@code n} contiguous free blocks (first fit, starting at a rover) and marks them with
     * {@code state}; returns the first block or -1 when no run that long is free.
     */
    public int takeRun(int n, int state, int sizeClass) {
        if (n > freeBlockCount) return -1;
        int start = findRun(n, rover, blockCount);
        if (start < 0) start = findRun(n, metadataBlocks, Math.min(blockCount, rover + n - 1));
        if (start < 0) return -1;
        if (state == LARGE_HEAD) {
            setEntry(start, LARGE_HEAD, 0, n);
            for (int b = start + 1; b < start + n; b++) setEntry(b, LARGE_TAIL, 0, 0);
        } else {
            for (int b = start; b < start + n; b++) setEntry(b, state, sizeClass, 1);
        }
        freeBlockCount -= n;
        rover = start + n < blockCount ? start + n : metadataBlocks;
        return start;
    }

    private int findRun(int n, int from, int to) {
        int runStart = -1;
        for (int b = from; b < to; b++) {
            if (state(b) == FREE) {
                if (runStart < 0) runStart = b;
                if (b - runStart + 1 == n) return runStart;
            } else {
                runStart = -1;
            }
        }
        return -1;
    }

    /** Holds back a free block: {@link #takeRun} will not hand it out until {@link #unreserve}. */
    public void reserve(int block) { setEntry(block, RESERVED, 0, 0); }

    public void unreserve(int block) { setEntry(block, FREE, 0, 0); }

    /** Gives back {@code n} blocks starting at {@code first}. */
    public void releaseRun(int first, int n) {
        for (int b = first; b < first + n; b++) {
            setEntry(b, FREE, 0, 0);
            setNext(b, -1);
        }
        freeBlockCount += n;
        if (first < rover) rover = first;
    }
}
