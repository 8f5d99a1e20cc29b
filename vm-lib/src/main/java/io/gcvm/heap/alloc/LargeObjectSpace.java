package io.gcvm.heap.alloc;

import java.util.function.IntConsumer;

/**
 * Objects larger than {@link SizeClasses#MAX_SMALL_WORDS}: each gets its own run of contiguous
 * blocks from the {@link Region} and gives the whole run back when it dies. The run's first
 * block-table entry ({@link Region#LARGE_HEAD}) holds the run length and the mark bit, so the
 * space needs no list of its own.
 */
public final class LargeObjectSpace implements Allocator {
    private final Region region;
    private final long[] mem;
    private int heldBlocks;
    /** A run taken by {@link #expand} and not yet handed out by {@link #allocate}, or -1. */
    private int reserved = -1;

    public LargeObjectSpace(Region region) {
        this.region = region;
        this.mem = region.mem;
    }

    public static int blocksFor(int words) {
        return (words + Region.BLOCK_WORDS - 1) >>> Region.LOG_BLOCK_WORDS;
    }

    /** A large object always needs a run of its own: this hands out the run {@link #expand} took. */
    @Override
    public int allocate(int words) {
        if (reserved < 0 || region.runLength(reserved) < blocksFor(words)) return 0;
        int b = reserved;
        reserved = -1;
        return Region.addressOf(b);
    }

    @Override
    public boolean expand(int words) {
        int n = blocksFor(words);
        if (reserved >= 0) {
            if (region.runLength(reserved) >= n) return true;
            release(reserved);
            reserved = -1;
        }
        int b = region.takeRun(n, Region.LARGE_HEAD, 0);
        if (b < 0) return false;
        heldBlocks += n;
        reserved = b;
        return true;
    }

    @Override
    public long chargedWords(int words) { return (long) blocksFor(words) * Region.BLOCK_WORDS; }

    @Override
    public long cellWordsAt(int address) { return (long) region.runLength(Region.blockOf(address)) * Region.BLOCK_WORDS; }

    /** Gives back at once the run of an object the program proved dead (a popped stack segment). */
    public void free(int address) { release(Region.blockOf(address)); }

    private void release(int b) {
        int n = region.runLength(b);
        region.releaseRun(b, n);
        heldBlocks -= n;
    }

    @Override
    public boolean owns(int address) {
        int b = Region.blockOf(address);
        if (b < 0 || b >= region.blockCount) return false;
        int s = region.state(b);
        return s == Region.LARGE_HEAD || s == Region.LARGE_TAIL;
    }

    @Override
    public boolean isObjectStart(int address) {
        int b = Region.blockOf(address);
        return b >= 0 && b < region.blockCount && region.state(b) == Region.LARGE_HEAD
                && Region.addressOf(b) == address && b != reserved;
    }

    @Override
    public boolean testAndMark(int address) {
        int e = 2 * Region.blockOf(address);
        long entry = mem[e];
        if ((entry & Region.ENTRY_MARK) != 0) return false;
        mem[e] = entry | Region.ENTRY_MARK;
        return true;
    }

    @Override
    public boolean isMarked(int address) { return (region.entry(Region.blockOf(address)) & Region.ENTRY_MARK) != 0; }

    @Override
    public long sweep() {
        long liveWords = 0;
        for (int b = region.metadataBlocks; b < region.blockCount; b++) {
            if (region.state(b) != Region.LARGE_HEAD || b == reserved) continue;
            int n = region.runLength(b);
            long entry = region.entry(b);
            if ((entry & Region.ENTRY_MARK) != 0) {
                mem[2 * b] = entry & ~Region.ENTRY_MARK;
                liveWords += (long) n * Region.BLOCK_WORDS;
            } else {
                release(b);
            }
            b += n - 1;
        }
        return liveWords;
    }

    @Override
    public void clearMarks() {
        for (int b = region.metadataBlocks; b < region.blockCount; b++) {
            if (region.state(b) == Region.LARGE_HEAD) mem[2 * b] &= ~Region.ENTRY_MARK;
        }
    }

    @Override
    public void stickMarks() {
        for (int b = region.metadataBlocks; b < region.blockCount; b++) {
            if (region.state(b) == Region.LARGE_HEAD && b != reserved) mem[2 * b] |= Region.ENTRY_MARK;
        }
    }

    /** Only the dirty 16-word cards of a large object are visited (a big table is written sparsely). */
    @Override
    public void scanDirtyCards(DirtyVisitor visitor) {
        for (int b = region.metadataBlocks; b < region.blockCount; b++) {
            if (region.state(b) != Region.LARGE_HEAD || (region.entry(b) & Region.ENTRY_MARK) == 0) continue;
            int object = Region.addressOf(b);
            int n = region.runLength(b);
            for (int k = b; k < b + n; k++) {
                long dirty = mem[region.cards(k)];
                while (dirty != 0) {
                    int from = Region.addressOf(k) + (Long.numberOfTrailingZeros(dirty) << 4);
                    dirty &= dirty - 1;
                    visitor.visit(object, from, from + 16);
                }
            }
            b += n - 1;
        }
    }

    @Override
    public void forEachObject(IntConsumer visitor) {
        for (int b = region.metadataBlocks; b < region.blockCount; b++) {
            if (region.state(b) == Region.LARGE_HEAD && b != reserved) visitor.accept(Region.addressOf(b));
        }
    }

    @Override
    public int heldBlocks() { return heldBlocks; }
}
