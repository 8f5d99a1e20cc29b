package io.gcvm.heap.alloc;

import io.gcvm.heap.ObjectKind;

/**
 * Small objects: one free list per size class, each drawing whole blocks from the
 * {@link Region} and cutting them into equal cells.
 *
 * <p>Every cell of a block owned here always has a valid header — an object's, or
 * {@link ObjectKind#FREE} with word 1 linking the next free cell — so the heap can be walked
 * block by block, cell by cell, at any time. The allocation fast path is two loads and a store.
 *
 * <p>{@link #sweep} frees the unmarked cells, clears the marks of the others, rebuilds the free
 * lists in address order, and gives blocks with no live cell back to the region, where any size
 * class or a large object can use them.
 */
public final class SegregatedFreeList {
    private final Region region;
    private final long[] mem;
    /** First free cell per class, 0 when empty. */
    private final int[] freeHead = new int[SizeClasses.COUNT];
    /** Blocks owned per class, linked through the block table, -1 terminated. */
    private final int[] blocks = new int[SizeClasses.COUNT];
    private final int[] blockCount = new int[SizeClasses.COUNT];

    public SegregatedFreeList(Region region) {
        this.region = region;
        this.mem = region.mem;
        java.util.Arrays.fill(blocks, -1);
    }

    /** Pops a free cell of the class, or returns 0 when the class has none left. */
    public int allocate(int sizeClass) {
        int a = freeHead[sizeClass];
        if (a != 0) freeHead[sizeClass] = (int) mem[a + 1];
        return a;
    }

    /** Takes one more block from the region for this class; false when the region has none. */
    public boolean refill(int sizeClass) {
        int b = region.takeRun(1, Region.SMALL, sizeClass);
        if (b < 0) return false;
        region.setNext(b, blocks[sizeClass]);
        blocks[sizeClass] = b;
        blockCount[sizeClass]++;
        int cw = SizeClasses.cellWords(sizeClass);
        int n = SizeClasses.cellsPerBlock(sizeClass);
        int base = Region.addressOf(b);
        int head = freeHead[sizeClass];
        for (int i = n - 1; i >= 0; i--) {
            int cell = base + i * cw;
            mem[cell] = ObjectKind.header(ObjectKind.FREE, cw);
            mem[cell + 1] = head;
            head = cell;
        }
        freeHead[sizeClass] = head;
        return true;
    }

    public int heldBlocks() {
        int n = 0;
        for (int c : blockCount) n += c;
        return n;
    }

    /** Calls {@code visitor} with the address of every allocated (non-free) cell. */
    public void forEachObject(java.util.function.IntConsumer visitor) {
        for (int c = 0; c < SizeClasses.COUNT; c++) {
            int cw = SizeClasses.cellWords(c);
            int n = SizeClasses.cellsPerBlock(c);
            for (int b = blocks[c]; b >= 0; b = region.next(b)) {
                int base = Region.addressOf(b);
                for (int i = 0; i < n; i++) {
                    int cell = base + i * cw;
                    if (ObjectKind.kind(mem[cell]) != ObjectKind.FREE) visitor.accept(cell);
                }
            }
        }
    }

    /** True if {@code address} is the start of an allocated cell in a block owned here. */
    public boolean isObjectStart(int address) {
        int b = Region.blockOf(address);
        if (b < 0 || b >= region.blockCount || region.state(b) != Region.SMALL) return false;
        int cw = SizeClasses.cellWords(region.sizeClass(b));
        int off = address - Region.addressOf(b);
        return off % cw == 0 && off / cw < SizeClasses.cellsPerBlock(region.sizeClass(b))
                && ObjectKind.kind(mem[address]) != ObjectKind.FREE;
    }

    /**
     * Frees every unmarked cell and unmarks the rest. Returns the words held by live cells
     * (cell sizes, so rounding is counted).
     */
    public long sweep() {
        long liveWords = 0;
        for (int c = 0; c < SizeClasses.COUNT; c++) {
            int cw = SizeClasses.cellWords(c);
            int n = SizeClasses.cellsPerBlock(c);
            int head = 0, tail = 0;
            int prevKept = -1;
            int b = blocks[c];
            blocks[c] = -1;
            while (b >= 0) {
                int nextBlock = region.next(b);
                int base = Region.addressOf(b);
                int live = 0, blockHead = 0, blockTail = 0;
                for (int i = 0; i < n; i++) {
                    int cell = base + i * cw;
                    long h = mem[cell];
                    if (ObjectKind.kind(h) != ObjectKind.FREE && ObjectKind.isMarked(h)) {
                        mem[cell] = h & ~ObjectKind.MARK_BIT;
                        live++;
                    } else {
                        mem[cell] = ObjectKind.header(ObjectKind.FREE, cw);
                        mem[cell + 1] = 0;
                        if (blockTail == 0) blockHead = cell; else mem[blockTail + 1] = cell;
                        blockTail = cell;
                    }
                }
                if (live == 0) {
                    region.releaseRun(b, 1);
                    blockCount[c]--;
                } else {
                    liveWords += (long) live * cw;
                    // keep the block list in the order found
                    region.setNext(b, -1);
                    if (prevKept < 0) blocks[c] = b; else region.setNext(prevKept, b);
                    prevKept = b;
                    if (blockTail != 0) {
                        if (tail == 0) head = blockHead; else mem[tail + 1] = blockHead;
                        tail = blockTail;
                    }
                }
                b = nextBlock;
            }
            freeHead[c] = head;
        }
        return liveWords;
    }
}
