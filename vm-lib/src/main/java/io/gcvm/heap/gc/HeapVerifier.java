package io.gcvm.heap.gc;

import io.gcvm.heap.ObjectKind;
import io.gcvm.heap.RootSet;
import io.gcvm.heap.Value;
import io.gcvm.heap.WriteBarrier;
import io.gcvm.heap.alloc.Allocator;
import io.gcvm.heap.alloc.Region;

/**
 * Checks the heap right after a collection, as MMTk's sanity checker does:
 * <ul>
 *   <li>every root and every value word of every object points at the start of an allocated
 *       object of the kind its tag promises — never into free memory or the middle of a cell;</li>
 *   <li>every object is marked: the survivors are the old generation (sticky mark bits);</li>
 *   <li>every object's header is sane: a known kind, a size that fits the cell it occupies;</li>
 *   <li>the accounting adds up: the cells of all allocated objects sum to the live words the
 *       collector reported, and the blocks the spaces hold sum to the region's used blocks.</li>
 * </ul>
 * Before a minor collection, {@link #verifyRemembered} checks the write barrier's invariant.
 * A failure throws {@link HeapCorruption}: a VM bug, never a guest error.
 */
public final class HeapVerifier {
    private final long[] mem;
    private final Region region;
    private final Allocator allocator;
    private long words;

    public HeapVerifier(Region region, Allocator allocator) {
        this.mem = region.mem;
        this.region = region;
        this.allocator = allocator;
    }

    public static final class HeapCorruption extends RuntimeException {
        public HeapCorruption(String message) { super(message); }
    }

    public void verify(RootSet roots, long liveWords) {
        roots.scanRoots(v -> { check(v, "root"); return v; });
        words = 0;
        allocator.forEachObject(a -> {
            words += allocator.cellWordsAt(a);
            checkObject(a);
        });
        if (words != liveWords) {
            throw new HeapCorruption("accounting: objects in the heap hold " + words
                    + " words but the collector found " + liveWords + " live");
        }
        int held = allocator.heldBlocks();
        if (held != region.usedBlocks()) {
            throw new HeapCorruption("accounting: spaces hold " + held + " blocks, region says "
                    + region.usedBlocks());
        }
    }

    /**
     * The write barrier's invariant, checked before a minor collection: every pointer from an
     * old (marked) object to a young (unmarked) one sits on a dirty card. Otherwise the minor
     * collection would free the young object while the old one still points at it.
     */
    public void verifyRemembered() {
        allocator.forEachObject(a -> {
            if (!allocator.isMarked(a)) return;
            long h = mem[a];
            int kind = ObjectKind.kind(h);
            int end = ObjectKind.holdsValues(kind) ? a + ObjectKind.size(h) : kind == ObjectKind.STACK ? a + 2 : a + 1;
            for (int p = a + 1; p < end; p++) {
                long v = mem[p];
                if (Value.isPointer(v) && !allocator.isMarked(Value.address(v)) && !WriteBarrier.isRemembered(mem, p)) {
                    throw new HeapCorruption("write barrier missed: old " + ObjectKind.name(kind) + "@" + a + "[" + (p - a)
                            + "] points at young " + ObjectKind.name(ObjectKind.kind(mem[Value.address(v)]))
                            + "@" + Value.address(v) + " on a clean card");
                }
            }
        });
    }

    private void checkObject(int a) {
        long h = mem[a];
        if (!allocator.isMarked(a)) throw new HeapCorruption("object at " + a + " survived a collection unmarked (not old)");
        int kind = ObjectKind.kind(h);
        int size = ObjectKind.size(h);
        if (kind < ObjectKind.STRING || kind > ObjectKind.SHAPE || size < 1) {
            throw new HeapCorruption("bad header at " + a + ": kind " + kind + ", size " + size);
        }
        if (allocator.chargedWords(size) != allocator.cellWordsAt(a)) {
            throw new HeapCorruption("object at " + a + " of " + size + " words sits in a cell of "
                    + allocator.cellWordsAt(a) + " words");
        }
        if (ObjectKind.holdsValues(kind)) {
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
        if (a <= 0 || a >= mem.length || !allocator.isObjectStart(a)) {
            throw new HeapCorruption(where + ": points at " + a + ", which is not a live object");
        }
        int kind = ObjectKind.kind(mem[a]);
        boolean ok;
        switch (tag) {
            case Value.TAG_STR: ok = kind == ObjectKind.STRING; break;
            case Value.TAG_REC: ok = kind == ObjectKind.RECORD; break;
            case Value.TAG_FUN: ok = kind == ObjectKind.CLOSURE; break;
            case Value.TAG_CELL: ok = kind == ObjectKind.CELL; break;
            case Value.TAG_SHAPE: ok = kind == ObjectKind.SHAPE; break;
            case Value.TAG_ARRAY: ok = kind == ObjectKind.TABLE; break;
            case Value.TAG_OBJ: ok = kind == ObjectKind.TABLE || kind == ObjectKind.BYTES || kind == ObjectKind.STACK; break;
            default: ok = false;
        }
        if (!ok) throw new HeapCorruption(where + ": tag " + tag + " points at a " + ObjectKind.name(kind));
    }
}
