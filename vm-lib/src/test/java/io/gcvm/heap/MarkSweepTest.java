package io.gcvm.heap;

import io.gcvm.heap.alloc.Region;
import io.gcvm.heap.gc.HeapVerifier;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The collector over a bare heap, with roots held in a plain array. */
class MarkSweepTest {

    /** Roots: a fixed array of values, as the interpreter's registers are. */
    static final class ArrayRoots implements RootSet {
        final long[] slots;

        ArrayRoots(int n) { slots = new long[n]; }

        @Override
        public void scanRoots(RootVisitor v) {
            for (int i = 0; i < slots.length; i++) slots[i] = v.visit(slots[i]);
        }
    }

    static Heap heap(int mb, ArrayRoots roots, boolean verify) {
        Heap h = new Heap(mb, false, verify, null);
        h.setRoots(roots);
        return h;
    }

    /** A TABLE of {@code n} values, all None. */
    static int table(Heap h, int n) { return h.allocate(ObjectKind.TABLE, 1 + n); }

    static long ref(int address) { return Value.pointer(Value.TAG_OBJ, address); }

    static Set<Integer> objects(Heap h) {
        Set<Integer> all = new HashSet<>();
        h.forEachObject(all::add);
        return all;
    }

    @Test
    void keepsWhatRootsReachAndFreesTheRestIncludingCycles() {
        ArrayRoots roots = new ArrayRoots(1);
        Heap h = heap(4, roots, true);
        int a = table(h, 2), b = table(h, 2), c = table(h, 1);
        h.mem[a + 1] = ref(b);
        h.mem[b + 1] = ref(a);              // a <-> b: a cycle
        h.mem[b + 2] = Value.ofInt(7);
        int x = table(h, 1), y = table(h, 1);
        h.mem[x + 1] = ref(y);
        h.mem[y + 1] = ref(x);              // x <-> y: an unreachable cycle
        roots.slots[0] = ref(a);
        h.collect("test");
        assertEquals(Set.of(a, b), objects(h), "c and the x-y cycle are gone");
        assertEquals(h.chargedWords(3) * 2 * 8, h.stats().liveBytesAfterLastGc());
        assertEquals(Value.ofInt(7), h.mem[b + 2], "live objects are untouched");
        roots.slots[0] = Value.NONE;
        h.collect("test");
        assertTrue(objects(h).isEmpty());
        assertEquals(0, h.stats().liveBytesAfterLastGc());
        assertEquals(0, h.region.usedBlocks(), "empty blocks went back to the region");
        assertFalse(c == 0);
    }

    @Test
    void freedBlocksServeAnotherSizeClassAndLargeObjects() {
        ArrayRoots roots = new ArrayRoots(1);
        Heap h = heap(1, roots, true);
        int usable = h.region.usableBlocks();
        // fill most of the region with a list of small tables, then drop it
        int n = 0;
        while (h.region.usedBlocks() < usable - 2) {
            int cell = table(h, 2);
            h.mem[cell + 1] = roots.slots[0];
            roots.slots[0] = ref(cell);
            n++;
        }
        roots.slots[0] = Value.NONE;
        assertTrue(n > 1000);
        h.collect("test");
        assertEquals(0, h.region.usedBlocks());
        // now the same memory holds one large object of almost the whole region
        int big = table(h, (usable - 2) * Region.BLOCK_WORDS - 1);
        roots.slots[0] = ref(big);
        h.collect("test");
        assertEquals(Set.of(big), objects(h));
    }

    @Test
    void cellsFreedByASweepAreReusedBeforeAnyNewBlockIsTaken() {
        ArrayRoots roots = new ArrayRoots(1);
        Heap h = heap(4, roots, true);
        int n = 3000;
        int keep = table(h, n);               // a large table holding every other small one
        roots.slots[0] = ref(keep);
        for (int i = 0; i < n; i++) {
            int t = table(h, 2);
            if (i % 2 == 0) h.mem[Value.address(roots.slots[0]) + 1 + i] = ref(t);
        }
        h.collect("test");
        int blocks = h.region.usedBlocks();
        for (int i = 0; i < n / 2; i++) table(h, 2); // exactly as many as were freed
        assertEquals(blocks, h.region.usedBlocks(), "the holes were filled first");
    }

    @Test
    void aLargeRequestGetsARunOfBlocksByMovingTheSmallObjectsInTheWay() {
        ArrayRoots roots = new ArrayRoots(1);
        Heap h = heap(1, roots, true);
        int usable = h.region.usableBlocks();
        // a list of small tables filling the region, of which only every 40th survives: about one
        // live object per block, so no two consecutive blocks are free after a sweep
        int n = 0;
        while (h.region.usedBlocks() < usable - 1) {
            int cell = table(h, 2);
            h.mem[cell + 1] = roots.slots[0];
            roots.slots[0] = ref(cell);
            n++;
        }
        long p = roots.slots[0];
        while (p != Value.NONE) {
            long q = h.mem[Value.address(p) + 1];
            for (int j = 1; j < 40 && q != Value.NONE; j++) q = h.mem[Value.address(q) + 1];
            h.mem[Value.address(p) + 1] = q;
            p = q;
        }
        h.collect("test");
        int kept = 0;
        for (long q = roots.slots[0]; q != Value.NONE; q = h.mem[Value.address(q) + 1]) kept++;
        // half the region in one object: only possible once small objects are moved out of the way
        int big = h.allocate(ObjectKind.TABLE, usable / 2 * Region.BLOCK_WORDS);
        h.mem[big + 1] = roots.slots[0];
        roots.slots[0] = ref(big);
        h.collect("test");
        int count = 0;
        for (long q = h.mem[Value.address(roots.slots[0]) + 1]; q != Value.NONE; q = h.mem[Value.address(q) + 1]) count++;
        assertEquals(kept, count, "every small object survived the move");
        assertTrue(h.movedBytes() > 0);
    }

    @Test
    void aWideObjectOverflowsTheMarkStackAndIsStillMarkedCompletely() {
        ArrayRoots roots = new ArrayRoots(1);
        Heap h = heap(4, roots, true);
        int capacity = h.region.markStackWords;
        int n = capacity * 3;
        int wide = table(h, n);
        roots.slots[0] = ref(wide);
        for (int i = 0; i < n; i++) {
            int leaf = table(h, 1);
            int inner = table(h, 1);
            h.mem[leaf + 1] = ref(inner);
            h.mem[Value.address(roots.slots[0]) + 1 + i] = ref(leaf);
        }
        for (int i = 0; i < 100; i++) table(h, 1); // garbage
        h.collect("test"); // the verifier checks every pointer of every survivor
        assertEquals(1 + 2L * n, objects(h).size());
    }

    @Test
    void theVerifierCatchesAPointerIntoFreeMemory() {
        ArrayRoots roots = new ArrayRoots(2);
        Heap h = heap(4, roots, true);
        int kept = table(h, 1);
        int dead = table(h, 1);
        roots.slots[0] = ref(kept);
        h.collect("test");                    // frees `dead`
        h.mem[kept + 1] = ref(dead);          // a dangling pointer, as a rooting bug would leave
        assertThrows(HeapVerifier.HeapCorruption.class, () -> h.collect("test"));
    }

    @Test
    void theVerifierCatchesATagThatLiesAboutItsObject() {
        ArrayRoots roots = new ArrayRoots(1);
        Heap h = heap(4, roots, true);
        int t = table(h, 1);
        int s = h.allocate(ObjectKind.STRING, Strings.wordsFor(3));
        h.mem[t + 1] = Value.pointer(Value.TAG_REC, s); // a "record" that is a string
        roots.slots[0] = ref(t);
        assertThrows(HeapVerifier.HeapCorruption.class, () -> h.collect("test"));
    }

    @Test
    void runningOutOfRoomAfterAFullCollectionThrowsWithTheFigures() {
        ArrayRoots roots = new ArrayRoots(1);
        Heap h = heap(1, roots, false);
        HeapExhausted e = assertThrows(HeapExhausted.class, () -> {
            while (true) {
                int cell = table(h, 2);
                h.mem[cell + 1] = roots.slots[0];
                roots.slots[0] = ref(cell);
            }
        });
        assertEquals(1L << 20, e.limitBytes);
        assertTrue(e.liveBytes > (1L << 20) / 2, "almost everything was live: " + e.liveBytes);
        assertTrue(e.getMessage().contains("limit 1 MB"));
        assertTrue(h.stats().peakFootprintBytes() <= 1L << 20);
    }

    @Test
    void collectionsWaitUntilTheRegionIsFull() {
        ArrayRoots roots = new ArrayRoots(1);
        int[] collections = {0};
        Heap h = new Heap(8, false, false, ev -> {
            collections[0]++;
            // the region is allocated whole: a collection before it is full would be work for nothing
            assertEquals(ev.limitBytes(), ev.usedBefore(), "collection " + ev.number() + " (" + ev.cause() + ") began early");
            assertTrue(ev.usedAfter() < ev.limitBytes());
        });
        h.setRoots(roots);
        // keep 3 MB live, make 40 MB of garbage
        for (int i = 0; i < 3 * 1024 * 1024 / 24; i++) {
            int cell = table(h, 2);
            h.mem[cell + 1] = roots.slots[0];
            roots.slots[0] = ref(cell);
        }
        for (int i = 0; i < 40 * 1024 * 1024 / 24; i++) table(h, 2);
        // about 5 MB of headroom above the live 3 MB: 40 MB of garbage takes 8 or 9 collections
        assertTrue(collections[0] >= 8 && collections[0] <= 10, "collections: " + collections[0]);
    }

    @Test
    void aTableBiggerThanTheMarkStackIsScannedInChunksWithoutOverflowing() {
        ArrayRoots roots = new ArrayRoots(1);
        Heap h = heap(5, roots, true);             // a mark stack of 2,560 entries
        int n = 20_000;
        int t = table(h, n);
        roots.slots[0] = ref(t);
        for (int i = 0; i < n; i++) {
            int cell = table(h, 1);
            h.mem[t + 1 + i] = ref(cell);          // the table is young: no barrier needed
        }
        h.collect("test");
        assertEquals(n + 1, objects(h).size(), "the table and every object it holds survive");
        assertEquals(0, h.markStackOverflows(), "no heap walk to recover from a full mark stack");
    }

    @Test
    void aMarkStackThatOverflowsAnywayStillMarksEverything() {
        ArrayRoots roots = new ArrayRoots(1);
        Heap h = heap(1, roots, true);             // a mark stack of 1,024 entries
        // a comb: each node holds 120 leaves and then the next node, so scanning it pushes the
        // leaves and then the next node on top of them: the leaves pile up, 120 per level
        int levels = 12, leaves = 120;
        int next = 0;
        for (int l = 0; l < levels; l++) {
            int node = table(h, leaves + 1);
            for (int j = 0; j < leaves; j++) {
                int leaf = table(h, 1);
                h.mem[node + 1 + j] = ref(leaf);
            }
            h.mem[node + 1 + leaves] = next == 0 ? Value.NONE : ref(next);
            next = node;
        }
        roots.slots[0] = ref(next);
        h.collect("test");
        assertTrue(h.markStackOverflows() > 0, "the stack overflowed: the recovery ran");
        assertEquals(levels * (leaves + 1), objects(h).size(), "everything reachable survives");
    }

    @Test
    void aLargeRequestThatNoCompactionLeavesRoomForEmptiesARunOfBlocks() {
        // the region filled with 4-word tables; every 8th block keeps all of them, every other
        // block its first one. Compaction packs the sparse blocks' survivors together but leaves
        // the dense blocks where they are, so no 10 free blocks are in a row: only emptying a
        // run of blocks (moving dense blocks' objects out) makes room for a 10-block table
        ArrayRoots roots = new ArrayRoots(1);
        java.util.List<String> causes = new java.util.ArrayList<>();
        Heap h = new Heap(1, new Heap.Options(false, false, true, true, 0, false), e -> causes.add(e.cause()));
        h.setRoots(roots);
        int cells = h.region.usableBlocks() * (Region.BLOCK_WORDS / 4), kept = 0, lastBlock = -1;
        for (int i = 0; i < cells; i++) {
            int t = table(h, 3);
            int block = t >>> Region.LOG_BLOCK_WORDS;
            if (block % 8 == 0 || block != lastBlock) {
                h.mem[t + 1] = roots.slots[0];
                h.mem[t + 2] = Value.ofInt(kept++);
                roots.slots[0] = ref(t);
            }
            lastBlock = block;
        }
        assertTrue(causes.isEmpty(), "the region held them all: " + causes);
        int big = table(h, 10 * Region.BLOCK_WORDS - 1);
        assertEquals(java.util.List.of("full", "compact", "make-room"), causes);
        assertEquals(10 * Region.BLOCK_WORDS, ObjectKind.size(h.mem[big]));
        // every kept table is still there, in order, whichever moved
        int n = 0;
        for (long v = roots.slots[0]; v != Value.NONE; v = h.mem[Value.address(v) + 1], n++) {
            assertEquals(Value.ofInt(kept - 1 - n), h.mem[Value.address(v) + 2]);
        }
        assertEquals(kept, n);
    }
}
