package io.gcvm.heap.gc;

import io.gcvm.heap.ObjectKind;
import io.gcvm.heap.RootSet;
import io.gcvm.heap.Value;
import io.gcvm.heap.alloc.LargeObjectSpace;
import io.gcvm.heap.alloc.Region;
import io.gcvm.heap.alloc.SegregatedFreeList;
import io.gcvm.heap.alloc.SizeClasses;

/**
 * Checks the heap right after a collection, as MMTk's sanity checker does:
 * <ul>
 *   <li>every root and every value word of every object points at the start of an allocated
 *       object of the kind its tag promises — never into free memory or the middle of a cell;</li>
 *   <li>no mark bit survived the sweep;</li>
 *   <li>the accounting adds up: the cells of all allocated objects sum to the live words the
 *       collector reported, and the blocks the spaces hold sum to the region's used blocks.</li>
 * </ul>
 * A failure throws {@link HeapCorruption}: a VM bug, never a guest error.
 */
public final class HeapVerifier {
    private final long[] mem;
    private final Region region;
    private final SegregatedFreeList small;
    private final LargeObjectSpace large;
    private long words;

    public HeapVerifier(Region region, SegregatedFreeList small, LargeObjectSpace large) {
        this.mem = region.mem;
        this.region = region;
        this.small = small;
        this.large = large;
    }

    public static final class HeapCorruption extends RuntimeException {
        public HeapCorruption(String message) { super(message); }
    }

    public void verify(RootSet roots, long liveWords) {
        roots.scanRoots(v -> { check(v, "root"); return v; });
        words = 0;
        small.forEachObject(a -> {
            words += SizeClasses.cellWords(region.sizeClass(Region.blockOf(a)));
            checkObject(a);
        });
        large.forEachObject(a -> {
            words += (long) region.runLength(Region.blockOf(a)) * Region.BLOCK_WORDS;
            checkObject(a);
        });
        if (words != liveWords) {
            throw new HeapCorruption("accounting: objects in the heap hold " + words
                    + " words but the collector found " + liveWords + " live");
        }
        int held = small.heldBlocks() + large.heldBlocks();
        if (held != region.usedBlocks()) {
            throw new HeapCorruption("accounting: spaces hold " + held + " blocks, region says "
                    + region.usedBlocks());
        }
    }

    private void checkObject(int a) {
        long h = mem[a];
        if (ObjectKind.isMarked(h)) throw new HeapCorruption("mark bit left set at " + a);
        int kind = ObjectKind.kind(h);
        if (ObjectKind.holdsValues(kind)) {
            int size = ObjectKind.size(h);
            for (int i = 1; i < size; i++) check(mem[a + i], ObjectKind.name(kind) + "@" + a + "[" + i + "]");
        } else if (kind == ObjectKind.STACK) {
            check(mem[a + 1], "stack@" + a + ".prev");
        }
    }

    private void check(long v, String where) {
        int tag = Value.tag(v);
        if (!Value.isPointer(v)) {
            if (tag > Value.TAG_UNDEF) throw new HeapCorruption(where + ": bad tag " + tag);
            return;
        }
        int a = Value.address(v);
        if (a <= 0 || a >= mem.length || !(small.isObjectStart(a) || large.isObjectStart(a))) {
            throw new HeapCorruption(where + ": points at " + a + ", which is not a live object");
        }
        int kind = ObjectKind.kind(mem[a]);
        boolean ok;
        switch (tag) {
            case Value.TAG_STR: ok = kind == ObjectKind.STRING; break;
            case Value.TAG_REC: ok = kind == ObjectKind.RECORD; break;
            case Value.TAG_FUN: ok = kind == ObjectKind.CLOSURE; break;
            case Value.TAG_CELL: ok = kind == ObjectKind.CELL; break;
            case Value.TAG_OBJ: ok = kind == ObjectKind.TABLE || kind == ObjectKind.BYTES || kind == ObjectKind.STACK; break;
            default: ok = false;
        }
        if (!ok) throw new HeapCorruption(where + ": tag " + tag + " points at a " + ObjectKind.name(kind));
    }
}
