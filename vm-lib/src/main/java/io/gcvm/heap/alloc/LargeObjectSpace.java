package io.gcvm.heap.alloc;

import io.gcvm.heap.ObjectKind;

/**
 * Objects larger than {@link SizeClasses#MAX_SMALL_WORDS}: each gets its own run of contiguous
 * blocks from the {@link Region}, and gives the whole run back when it dies. The block table
 * marks the run's first block {@link Region#LARGE_HEAD} with the run length, so the space needs
 * no list of its own.
 */
public final class LargeObjectSpace {
    private final Region region;
    private final long[] mem;
    private int heldBlocks;

    public LargeObjectSpace(Region region) {
        this.region = region;
        this.mem = region.mem;
    }

    public static int blocksFor(int words) {
        return (words + Region.BLOCK_WORDS - 1) >>> Region.LOG_BLOCK_WORDS;
    }

    /** Address of a new run big enough for {@code words}, or 0 when no such run is free. */
    public int allocate(int words) {
        int n = blocksFor(words);
        int b = region.takeRun(n, Region.LARGE_HEAD, 0);
        if (b < 0) return 0;
        heldBlocks += n;
        return Region.addressOf(b);
    }

    /** Gives back the run of an object the program proved dead (a popped stack segment). */
    public void free(int address) {
        int b = Region.blockOf(address);
        int n = region.runLength(b);
        region.releaseRun(b, n);
        heldBlocks -= n;
    }

    public int heldBlocks() { return heldBlocks; }

    public void forEachObject(java.util.function.IntConsumer visitor) {
        for (int b = region.metadataBlocks; b < region.blockCount; b++) {
            if (region.state(b) == Region.LARGE_HEAD) visitor.accept(Region.addressOf(b));
        }
    }

    public boolean isObjectStart(int address) {
        int b = Region.blockOf(address);
        return b >= 0 && b < region.blockCount && region.state(b) == Region.LARGE_HEAD
                && Region.addressOf(b) == address;
    }

    /** Frees unmarked objects, unmarks the rest; returns the words held by live runs. */
    public long sweep() {
        long liveWords = 0;
        for (int b = region.metadataBlocks; b < region.blockCount; b++) {
            if (region.state(b) != Region.LARGE_HEAD) continue;
            int a = Region.addressOf(b);
            int n = region.runLength(b);
            long h = mem[a];
            if (ObjectKind.isMarked(h)) {
                mem[a] = h & ~ObjectKind.MARK_BIT;
                liveWords += (long) n * Region.BLOCK_WORDS;
            } else {
                region.releaseRun(b, n);
                heldBlocks -= n;
            }
            b += n - 1;
        }
        return liveWords;
    }
}
