package io.gcvm.heap;

import io.gcvm.Outcome;
import io.gcvm.Vm;
import io.gcvm.VmResult;
import io.gcvm.heap.MarkSweepTest.ArrayRoots;
import io.gcvm.heap.gc.HeapVerifier.HeapCorruption;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.gcvm.heap.MarkSweepTest.objects;
import static io.gcvm.heap.MarkSweepTest.ref;
import static io.gcvm.heap.MarkSweepTest.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Minor collections (sticky mark bits) and the write barrier they rely on. */
class GenerationalTest {

    private static Heap heap(ArrayRoots roots, boolean verify) { return MarkSweepTest.heap(4, roots, verify); }

    @Test
    void aMinorCollectionFreesYoungGarbageButNoOldObjectEvenADeadOne() {
        ArrayRoots roots = new ArrayRoots(1);
        Heap h = heap(roots, true);
        int old = table(h, 2);
        roots.slots[0] = ref(old);
        h.collect("test");                 // `old` survives: it is old now
        roots.slots[0] = Value.NONE;       // ... and dead
        int young = table(h, 2), kept = table(h, 1);
        roots.slots[0] = ref(kept);
        h.collectMinor("test");
        assertEquals(Set.of(old, kept), objects(h), "the young garbage is gone, the dead old object stays");
        h.collect("test");
        assertEquals(Set.of(kept), objects(h), "a full collection frees the dead old object");
        assertFalse(objects(h).contains(young));
    }

    @Test
    void anOldObjectWrittenThroughTheBarrierKeepsItsYoungReferentAlive() {
        ArrayRoots roots = new ArrayRoots(1);
        Heap h = heap(roots, true);
        int old = table(h, 2);
        roots.slots[0] = ref(old);
        h.collect("test");
        int young = table(h, 1), grandchild = table(h, 1);
        h.mem[young + 1] = ref(grandchild);              // young into young: no barrier needed
        WriteBarrier.store(h.mem, old + 2, ref(young));  // old into young: the barrier
        h.collectMinor("test");                          // the verifier checks every pointer after it
        assertEquals(Set.of(old, young, grandchild), objects(h));
        assertEquals(ref(young), h.mem[old + 2]);
        // the cards are clean again, and the promoted objects are old: a second minor keeps them
        assertFalse(WriteBarrier.isRemembered(h.mem, old + 2));
        h.collectMinor("test");
        assertEquals(Set.of(old, young, grandchild), objects(h));
    }

    @Test
    void aStoreThatSkipsTheBarrierIsCaughtBeforeTheMinorCollectionFreesItsTarget() {
        ArrayRoots roots = new ArrayRoots(1);
        Heap h = heap(roots, true);
        int old = table(h, 2);
        roots.slots[0] = ref(old);
        h.collect("test");
        int young = table(h, 1);
        h.mem[old + 1] = ref(young);                     // the bug: no barrier
        HeapCorruption e = assertThrows(HeapCorruption.class, () -> h.collectMinor("test"));
        assertTrue(e.getMessage().contains("write barrier missed"), e.getMessage());
    }

    @Test
    void onlyTheDirtyCardsOfALargeOldObjectAreScannedAndThatIsEnough() {
        ArrayRoots roots = new ArrayRoots(1);
        Heap h = heap(roots, true);
        int big = table(h, 3000);                        // a large object: a run of blocks of its own
        roots.slots[0] = ref(big);
        h.collect("test");
        int a = table(h, 1), b = table(h, 1);
        WriteBarrier.store(h.mem, big + 2500, ref(a));   // in the object's third block
        WriteBarrier.store(h.mem, big + 7, ref(b));      // in its first
        h.collectMinor("test");
        assertEquals(Set.of(big, a, b), objects(h));
    }

    @Test
    void aBulkCopyRemembersEveryCardItWrote() {
        ArrayRoots roots = new ArrayRoots(1);
        Heap h = heap(roots, true);
        int t = table(h, 200);
        roots.slots[0] = ref(t);
        h.collect("test");
        int young = table(h, 1);
        WriteBarrier.store(h.mem, t + 1, ref(young));
        System.arraycopy(h.mem, t + 1, h.mem, t + 150, 1);   // moved to a card of its own ...
        h.mem[t + 1] = Value.NONE;
        WriteBarrier.remember(h.mem, t + 150, t + 151);      // ... and remembered there
        h.collectMinor("test");
        assertEquals(Set.of(t, young), objects(h));
    }

    @Test
    void anAllocationAMinorCollectionCannotSatisfyCollectsFullyBeforeGivingUp() {
        // 55 % of the heap live, then dead but old; then 45 % more, live: the region fills while
        // the dead old objects still hold it, so the minor collection a full region asks for frees
        // nothing, and only a full one makes room
        ArrayRoots roots = new ArrayRoots(1);
        List<String> causes = new ArrayList<>();
        Heap h = new Heap(2, new Heap.Options(false, false, true, true, 0, true), ev -> causes.add(ev.cause()));
        h.setRoots(roots);
        int cell = 64;
        int old = (int) (h.limitBytes() * 55 / 100 / cell), young = (int) (h.limitBytes() * 45 / 100 / cell);
        for (int i = 0; i < old; i++) {
            int t = table(h, 7);
            h.mem[t + 1] = roots.slots[0];
            roots.slots[0] = ref(t);
        }
        h.collect("test");
        roots.slots[0] = Value.NONE;
        causes.clear();
        for (int i = 0; i < young; i++) {
            int t = table(h, 7);
            h.mem[t + 1] = roots.slots[0];
            roots.slots[0] = ref(t);
        }
        int minor = causes.indexOf("minor");
        assertTrue(minor >= 0 && minor + 1 < causes.size() && causes.get(minor + 1).equals("full"),
                "a minor collection, then a full one for the same allocation: " + causes);
        assertEquals(young, objects(h).size(), "the dead old objects are gone, every live one is there");
    }

    /** A long-lived tree and many short-lived ones: a program minor collections suit. */
    private static final String TREES = """
            make = fun(d) { if (d == 0) { return {l: None; r: None;}; } return {l: make(d - 1); r: make(d - 1);}; };
            count = fun(t) { if (t.l == None) { return 1; } return 1 + count(t.l) + count(t.r); };
            keep = make(13);
            total = 0; i = 0;
            while (i < 2000) { total = total + count(make(8)); keep.l.r = make(3); i = i + 1; }
            print(total + count(keep));
            """;

    private static Map<String, Integer> causes(boolean generational, StringBuilder output) {
        Map<String, Integer> causes = new HashMap<>();
        VmResult r = Vm.builder().memoryMb(2).generational(generational)
                .gcListener(ev -> causes.merge(ev.cause(), 1, Integer::sum)).build().run(TREES);
        assertEquals(Outcome.OK, r.outcome(), r.errorDetail());
        output.append(r.output());
        return causes;
    }

    @Test
    void collectionsTheBudgetTriggersAreMostlyMinorAndTheResultIsTheSame() {
        StringBuilder withMinor = new StringBuilder(), without = new StringBuilder();
        Map<String, Integer> gen = causes(true, withMinor);
        Map<String, Integer> full = causes(false, without);
        assertEquals(without.toString(), withMinor.toString());
        assertEquals((2000 * 511 + 16383 - 4095 + 15) + "\n", withMinor.toString(), "keep.l.r, 4095 nodes, became 15");
        int minor = gen.getOrDefault("minor", 0), fullOnes = gen.values().stream().mapToInt(Integer::intValue).sum() - minor;
        assertTrue(minor > 2 * fullOnes, "minor " + minor + ", full " + fullOnes + ": " + gen);
        assertFalse(full.containsKey("minor"), "no minor collection when generations are off: " + full);
    }
}
