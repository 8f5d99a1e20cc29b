package io.gcvm.heap.gc;

import io.gcvm.heap.ObjectKind;
import io.gcvm.heap.RootSet;
import io.gcvm.heap.Value;
import io.gcvm.heap.alloc.Allocator;
import io.gcvm.heap.alloc.Region;

/**
 * A precise, stop-the-world mark-sweep collector.
 *
 * <p><b>Mark.</b> Every root value is marked and pushed on a mark stack that lives in the
 * region's metadata blocks (so its memory counts against the limit); the stack is drained by
 * scanning each object's value words, a big table {@link #CHUNK} words at a time (the rest goes
 * back on the stack), so one table cannot flood the stack with its children. There is no Java
 * recursion over the object graph. If the mark stack fills up nevertheless, objects are still marked but not pushed and an overflow flag is set;
 * after draining, the heap is walked and every marked object is scanned again, until a pass
 * ends without overflow (the classic recovery: bounded memory, correct, slower only in that
 * rare case).
 *
 * <p>Mark bits live in side tables (the blocks' mark bitmaps, the large objects' block-table
 * entries), so marking writes no object and sweeping a block is a few word operations.
 *
 * <p><b>Sweep.</b> Each space frees its unmarked objects; blocks left empty go back to the
 * region, where any size class or large object can use them.
 *
 * <p><b>Minor collections (sticky mark bits).</b> After every collection the survivors stay
 * marked: they are the old generation. A full collection clears all marks first and traces
 * everything. A minor one keeps them: marking stops at old objects, so it traces only the young
 * objects reachable from the roots and from the old objects written since the last collection
 * (the dirty cards of {@link io.gcvm.heap.WriteBarrier}), and the sweep frees only unmarked,
 * young, objects. Nothing moves in a minor collection. This is MMTk's StickyMS plan: a
 * generational collector without a copying nursery, so the heap needs no reserve for copying.
 */
public final class MarkSweep {
    private final long[] mem;
    private final Region region;
    private final Allocator allocator;
    private final io.gcvm.heap.alloc.SmallObjectSpace small;
    private final io.gcvm.heap.alloc.LargeObjectSpace large;
    private long moved;

    /** What a collection does after marking. */
    public enum Mode {
        /** Free the dead in place. */
        SWEEP,
        /** Empty the sparsest blocks of each size class into the others' holes, then fix pointers. */
        COMPACT,
        /** Move every movable object (stress testing of pointer fixing). */
        MOVE_ALL,
        /** Empty a run of blocks for a large request by moving the small objects in it. */
        MAKE_ROOM
    }
    private final int stackBase, stackLimit;
    /**
     * Words of an object scanned per visit: a bigger table goes back on the mark stack as
     * (offset << 32 | address) for the rest, so a table of 20,000 entries does not overflow a
     * mark stack of 2,560 (the one of a 5 MB heap) and force a rescan of the heap.
     */
    static final int CHUNK = 128;
    private int top;
    private boolean overflow;
    /** Words of objects scanned by the last collection: its tracing work. */
    private long scanned;
    /** Heap walks made to recover from a full mark stack, over all collections. */
    private long overflowPasses;

    /*
     * The visitors, made once and as plain classes: a method reference would have the JVM set up
     * its method-handle machinery (a few milliseconds of every run's start), or spin a class in
     * the middle of a run if first made where a collection needs it.
     */
    private final io.gcvm.heap.RootVisitor markValue = new io.gcvm.heap.RootVisitor() {
        @Override public long visit(long v) { return markValue(v); }
    };
    private final io.gcvm.heap.RootVisitor forward = new io.gcvm.heap.RootVisitor() {
        @Override public long visit(long v) { return forward(v); }
    };
    private final Allocator.DirtyVisitor scanDirty = new Allocator.DirtyVisitor() {
        @Override public void visit(int object, int from, int to) { scanDirty(object, from, to); }
    };
    private final java.util.function.IntConsumer rescanIfMarked = new java.util.function.IntConsumer() {
        @Override public void accept(int a) { rescanIfMarked(a); }
    };
    private final java.util.function.IntConsumer fixFields = new java.util.function.IntConsumer() {
        @Override public void accept(int a) { fixFields(a); }
    };

    public MarkSweep(Region region, Allocator allocator, io.gcvm.heap.alloc.SmallObjectSpace small,
                     io.gcvm.heap.alloc.LargeObjectSpace large) {
        this.mem = region.mem;
        this.region = region;
        this.allocator = allocator;
        this.small = small;
        this.large = large;
        this.stackBase = region.markStackBase;
        this.stackLimit = region.markStackBase + region.markStackWords;
    }

    /** Collects; returns the words held by live objects. */
    public long collect(RootSet roots, Mode mode) { return collect(roots, mode, 0); }

    /** Collects; {@code roomBlocks} is the run MAKE_ROOM must empty. Returns the live words. */
    public long collect(RootSet roots, Mode mode, int roomBlocks) { return collect(roots, mode, roomBlocks, false); }

    /**
     * Collects; {@code roomBlocks} is the run MAKE_ROOM must empty; {@code minor}: a minor
     * collection (mode SWEEP only). Returns the words of the objects left in the heap: for a
     * minor collection, every old object counts, dead or not.
     */
    public long collect(RootSet roots, Mode mode, int roomBlocks, boolean minor) {
        if (minor && mode != Mode.SWEEP) throw new IllegalArgumentException("a minor collection never moves objects");
        top = stackBase;
        overflow = false;
        moved = 0;
        scanned = 0;
        if (minor) allocator.scanDirtyCards(scanDirty);
        else allocator.clearMarks();
        roots.scanRoots(markValue);
        drain();
        while (overflow) {
            overflow = false;
            overflowPasses++;
            allocator.forEachObject(rescanIfMarked);
            drain();
        }
        long liveWords;
        if (mode == Mode.SWEEP) {
            liveWords = allocator.sweep();
        } else {
            liveWords = large.sweep();
            long[] evacuated = mode == Mode.MAKE_ROOM ? small.makeRoom(roomBlocks) : small.evacuate(mode == Mode.MOVE_ALL);
            liveWords += evacuated[0];
            moved = evacuated[1];
            if (moved > 0) fixPointers(roots);
        }
        allocator.stickMarks();
        region.clearCards();
        return liveWords;
    }

    /** Heap walks made so far to recover from a full mark stack (the slow path; rare). */
    public long overflowPasses() { return overflowPasses; }

    /** Words of objects (or dirty parts of objects) the last collection scanned. */
    public long scannedWords() { return scanned; }

    /** Words moved by the last collection. */
    public long movedWords() { return moved; }

    /**
     * After evacuation: every pointer to a moved object — in the roots (frames, operand stacks,
     * registers) and in every surviving object — is replaced by its new address, read from the
     * forwarding header the move left behind. Every object left in the heap is live now.
     */
    private void fixPointers(RootSet roots) {
        roots.scanRoots(forward);
        allocator.forEachObject(fixFields);
    }

    /** The pointers in object {@code a}, each replaced by its object's new address if it moved. */
    private void fixFields(int a) {
        long h = mem[a];
        int kind = ObjectKind.kind(h);
        if (ObjectKind.holdsValues(kind)) {
            int end = a + ObjectKind.size(h);
            for (int p = a + 1; p < end; p++) mem[p] = forward(mem[p]);
        } else if (kind == ObjectKind.STACK) {
            mem[a + 1] = forward(mem[a + 1]);
        }
    }

    private long forward(long v) {
        if (!Value.isPointer(v)) return v;
        long h = mem[Value.address(v)];
        if (ObjectKind.kind(h) != ObjectKind.FORWARDED) return v;
        return Value.pointer(Value.tag(v), ObjectKind.size(h));
    }

    private long markValue(long v) {
        if (Value.isPointer(v)) mark(Value.address(v));
        return v;
    }

    private void mark(int a) {
        // the spaces directly, not through the allocator interface: this is the collector's inner loop
        if (!(region.state(Region.blockOf(a)) == Region.SMALL ? small.testAndMark(a) : large.testAndMark(a))) return;
        if (top < stackLimit) mem[top++] = a;
        else overflow = true;
    }

    /**
     * Pops and scans until the mark stack is empty. The common case — a small object's values
     * pointing at small objects — is written out here in full: this loop is most of a
     * collection's time, and the JIT the launcher uses (C1) inlines only tiny methods.
     */
    private void drain() {
        final long[] mem = this.mem;
        final int[] reciprocals = small.reciprocals();
        final int markBase = small.markBase();
        final int stackBase = this.stackBase, stackLimit = this.stackLimit;
        int top = this.top;
        long scanned = this.scanned;
        while (top > stackBase) {
            long e = mem[--top];
            int a = (int) e;
            long h = mem[a];
            int start, end = a + ObjectKind.size(h);
            if (e >>> 32 == 0) {
                // an object just marked
                scanned += ObjectKind.size(h);
                if (!ObjectKind.holdsValues(ObjectKind.kind(h))) {
                    this.top = top;
                    this.scanned = scanned;
                    scan(a);
                    top = this.top;
                    scanned = this.scanned;
                    continue;
                }
                // a shaped record's layout is its shape, which the shapes table keeps marked:
                // its values are all there is to trace
                start = ObjectKind.kind(h) == ObjectKind.RECORD && Value.tag(mem[a + 1]) == Value.TAG_SHAPE ? a + 2 : a + 1;
            } else {
                start = a + (int) (e >>> 32); // the rest of a big table
            }
            if (end - start > CHUNK) {
                // a chunk now, the rest later (the entry just popped makes room): a table of any
                // size never pushes more than a chunk's worth of children at once
                mem[top++] = ((long) (start + CHUNK - a) << 32) | a;
                end = start + CHUNK;
            }
            for (int p = start; p < end; p++) {
                long v = mem[p];
                if (!Value.isPointer(v)) continue;
                int t = Value.address(v);
                int b = t >>> Region.LOG_BLOCK_WORDS;
                long entry = mem[2 * b];
                if (Region.stateOf(entry) == Region.SMALL) {
                    int index = ((t & (Region.BLOCK_WORDS - 1)) * reciprocals[Region.sizeClassOf(entry)]) >>> 20;
                    int w = markBase + 2 * Region.BITMAP_WORDS * b + (index >>> 6);
                    long m = mem[w], bit = 1L << index;
                    if ((m & bit) != 0) continue;
                    mem[w] = m | bit;
                } else if (!large.testAndMark(t)) {
                    continue;
                }
                if (top < stackLimit) mem[top++] = t;
                else overflow = true;
            }
        }
        this.top = top;
        this.scanned = scanned;
    }

    /** The words {@code [from, to)} of old object {@code a} were written: mark what they point at. */
    private void scanDirty(int a, int from, int to) {
        long h = mem[a];
        scanned += to - from;
        int kind = ObjectKind.kind(h);
        if (ObjectKind.holdsValues(kind)) {
            int end = Math.min(to, a + ObjectKind.size(h));
            for (int p = Math.max(from, a + 1); p < end; p++) {
                long v = mem[p];
                if (Value.isPointer(v)) mark(Value.address(v));
            }
        } else if (kind == ObjectKind.STACK && a + 1 >= from && a + 1 < to) {
            long prev = mem[a + 1];
            if (Value.isPointer(prev)) mark(Value.address(prev));
        }
    }

    private void rescanIfMarked(int a) {
        if (allocator.isMarked(a)) scan(a);
    }

    private void scan(int a) {
        long h = mem[a];
        scanned += ObjectKind.size(h);
        int kind = ObjectKind.kind(h);
        if (ObjectKind.holdsValues(kind)) {
            int end = a + ObjectKind.size(h);
            for (int p = a + 1; p < end; p++) {
                long v = mem[p];
                if (Value.isPointer(v)) mark(Value.address(v));
            }
        } else if (kind == ObjectKind.STACK) {
            long prev = mem[a + 1];
            if (Value.isPointer(prev)) mark(Value.address(prev));
        }
    }
}
