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

    public SmallObjectSpace(Region region) {
        this.region = region;
        this.mem = region.mem;
        for (int c = 0; c < SizeClasses.COUNT; c++) classes[c] = new SizeClassAllocator(region, c);
    }

    @Override
    public int allocate(int words) { return classes[SizeClasses.classOf(words)].allocate(); }

    @Override
    public int blocksToExpand(int words) { return 1; }

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

    @Override
    public boolean testAndMark(int address) {
        int b = Region.blockOf(address);
        int index = BitmappedBlock.cellIndex(address, classes[region.sizeClass(b)].reciprocal);
        return BitmappedBlock.testAndMark(mem, region.bitmapOf(b), index);
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
