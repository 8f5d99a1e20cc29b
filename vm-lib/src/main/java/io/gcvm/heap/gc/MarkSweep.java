package io.gcvm.heap.gc;

import io.gcvm.heap.ObjectKind;
import io.gcvm.heap.RootSet;
import io.gcvm.heap.Value;
import io.gcvm.heap.alloc.LargeObjectSpace;
import io.gcvm.heap.alloc.Region;
import io.gcvm.heap.alloc.SegregatedFreeList;

/**
 * A precise, stop-the-world mark-sweep collector.
 *
 * <p><b>Mark.</b> Every root value is marked and pushed on a mark stack that lives in the
 * region's metadata blocks (so its memory counts against the limit); the stack is drained by
 * scanning each object's value words. There is no Java recursion over the object graph. If the
 * mark stack fills up, objects are still marked but not pushed and an overflow flag is set;
 * after draining, the heap is walked and every marked object is scanned again, until a pass
 * ends without overflow (the classic recovery: bounded memory, correct, slower only in that
 * rare case).
 *
 * <p><b>Sweep.</b> Each space frees its unmarked objects and unmarks the rest; blocks left
 * empty go back to the region.
 */
public final class MarkSweep {
    private final long[] mem;
    private final Region region;
    private final SegregatedFreeList small;
    private final LargeObjectSpace large;
    private final int stackBase, stackLimit;
    private int top;
    private boolean overflow;

    public MarkSweep(Region region, SegregatedFreeList small, LargeObjectSpace large) {
        this.mem = region.mem;
        this.region = region;
        this.small = small;
        this.large = large;
        this.stackBase = region.markStackBase;
        this.stackLimit = region.markStackBase + region.markStackWords;
    }

    /** Collects; returns the words held by live objects. */
    public long collect(RootSet roots) {
        top = stackBase;
        overflow = false;
        roots.scanRoots(this::markValue);
        drain();
        while (overflow) {
            overflow = false;
            small.forEachObject(this::rescanIfMarked);
            large.forEachObject(this::rescanIfMarked);
            drain();
        }
        return small.sweep() + large.sweep();
    }

    private long markValue(long v) {
        if (Value.isPointer(v)) mark(Value.address(v));
        return v;
    }

    private void mark(int a) {
        long h = mem[a];
        if (ObjectKind.isMarked(h)) return;
        mem[a] = h | ObjectKind.MARK_BIT;
        if (top < stackLimit) mem[top++] = a;
        else overflow = true;
    }

    private void drain() {
        while (top > stackBase) scan((int) mem[--top]);
    }

    private void rescanIfMarked(int a) {
        if (ObjectKind.isMarked(mem[a])) scan(a);
    }

    private void scan(int a) {
        long h = mem[a];
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
