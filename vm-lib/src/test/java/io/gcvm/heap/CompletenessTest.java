package io.gcvm.heap;

import io.gcvm.Outcome;
import io.gcvm.Vm;
import io.gcvm.VmResult;
import io.gcvm.heap.alloc.LargeObjectSpace;
import io.gcvm.heap.alloc.Region;
import io.gcvm.heap.alloc.SizeClasses;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Safe and complete, measured to the byte: after a forced full collection at the end of a
 * program, the live bytes equal exactly the bytes of the objects still reachable. Each program
 * (modelled on the seed report's examples: cycles, objects dropped from locals after return,
 * closures) runs twice on the same text: once keeping a structure reachable, once dropping
 * it. The difference must be the structure's size as the object layouts define it, and the
 * dropped run must hold exactly as much as a run that built a tiny version of it.
 */
class CompletenessTest {

    static long live(String program, String input) {
        VmResult r = Vm.builder().memoryMb(16).collectAtExit(true).verifyHeap(true)
                .stdin(new ByteArrayInputStream(input.getBytes(StandardCharsets.US_ASCII)))
                .build().run(program);
        assertEquals(Outcome.OK, r.outcome(), r.errorText());
        return r.heap().liveBytesAfterLastGc();
    }

    /** Bytes an object of {@code words} words really occupies. */
    static long charged(int words) {
        if (words <= SizeClasses.MAX_SMALL_WORDS) return SizeClasses.cellWords(SizeClasses.classOf(words)) * 8L;
        return (long) LargeObjectSpace.blocksFor(words) * Region.BLOCK_BYTES;
    }

    /**
     * A record made by a literal with {@code literal} distinct keys, which ends up with
     * {@code fields} fields: the record with its values inline; once it gets a key its shape
     * lacks, also its dictionary table, which starts with room for max(4, fields so far + 1) and
     * doubles, each time filling the whole cell or run it occupies.
     */
    static long record(int literal, int fields) {
        long bytes = charged(Records.wordsFor(literal));
        if (fields == literal) return bytes;
        int capacity = 0;
        long tableBytes = 0;
        while (capacity < fields) {
            int wanted = capacity == 0 ? Math.max(Records.INITIAL_CAPACITY, literal + 1) : capacity * 2;
            // from 64 fields on, a hash index of a power of two words, at least one per field, of
            // which at most half the slots (two per word) are used
            int index = wanted < Records.HASHED_CAPACITY ? 0 : Integer.highestOneBit(wanted - 1) << 1;
            tableBytes = charged(Records.DICT_ENTRIES + 2 * wanted + index);
            int room = (int) ((tableBytes / 8 - Records.DICT_ENTRIES - index) / 2);
            capacity = index == 0 ? room : Math.min(room, index);
        }
        return bytes + tableBytes;
    }

    /**
     * A record filled by r[0], r[1], ... up to {@code fields} fields: an array (the record,
     * empty-shaped, and its values table, which starts with room for 4 and doubles, filling the
     * whole cell or run it occupies). No key strings.
     */
    static long array(int fields) {
        long bytes = charged(Records.wordsFor(0));
        int capacity = 0;
        long tableBytes = 0;
        while (capacity < fields) {
            int wanted = capacity == 0 ? Records.INITIAL_CAPACITY : capacity * 2;
            tableBytes = charged(Records.ARRAY_VALUES + wanted);
            capacity = (int) (tableBytes / 8 - Records.ARRAY_VALUES);
        }
        return bytes + tableBytes;
    }

    static long string(int length) { return charged(Strings.wordsFor(length)); }

    static long closure(int captured) { return charged(2 + captured); }

    static long cell() { return charged(2); }

    /** Keys "0".."n-1" made by r[i] = ...: one new string each. */
    static long intKeys(int n) {
        long b = 0;
        for (int i = 0; i < n; i++) b += string(String.valueOf(i).length());
        return b;
    }

    static final String RING = String.join("\n",
            "keep = intcast(input()); n = intcast(input());",
            "make_ring = fun(n) {",
            "  first = {id: 0;}; p = first; i = 1;",
            "  while (i < n) { q = {id: i;}; p.next = q; p = q; i = i + 1; }",
            "  p.next = first;",
            "  return first;",
            "};",
            "r = make_ring(n);",
            "if (keep == 0) { r = None; }", "");

    @Test
    void cyclicGarbageIsFreedCompletely() {
        int n = 1000;
        long kept = live(RING, "1\n" + n + "\n");
        long dropped = live(RING, "0\n" + n + "\n");
        long tiny = live(RING, "0\n2\n");
        assertEquals(n * record(1, 2), kept - dropped, "the ring: n records {id: i;} that got a field next");
        assertEquals(tiny, dropped, "nothing of the dropped ring survives");
    }

    static final String DROPPED_LOCAL = String.join("\n",
            "keep = intcast(input()); n = intcast(input());",
            "holder = {};",
            "f = fun(k, n) {",
            "  big = {}; i = 0;",
            "  while (i < n) { big[i] = \"payload\"; i = i + 1; }",
            "  if (k == 1) { holder.big = big; }",
            "  return i;",
            "};",
            "print(f(keep, n));",
            "j = 0; while (j < 2000) { small = {x: j;}; j = j + 1; }", "");

    @Test
    void aStructureHeldOnlyByAReturnedFunctionsLocalIsFreed() {
        int n = 500;
        long kept = live(DROPPED_LOCAL, "1\n" + n + "\n");
        long dropped = live(DROPPED_LOCAL, "0\n" + n + "\n");
        long tiny = live(DROPPED_LOCAL, "0\n1\n");
        long holderTable = record(0, 1) - record(0, 0);
        assertEquals(array(n) + holderTable, kept - dropped);
        assertEquals(tiny, dropped, "nothing of the dropped structure survives");
    }

    /** n closures, kept or dropped, each capturing its own record through {@code mk}. */
    static String closures(String mk) {
        return String.join("\n",
                "keep = intcast(input()); n = intcast(input());",
                "saved = {};",
                mk,
                "i = 0;",
                "while (i < n) { f = mk(i); if (keep == 1) { saved[i] = f; } i = i + 1; }",
                "f = None;", "");
    }

    @Test
    void closuresAndTheCellsTheyCaptureAreFreedWithThem() {
        // c is assigned after the closure is made: closure and frame share it in a cell
        String shared = closures("mk = fun(x) { g = fun() { return c.v; }; c = {v: x;}; return g; };");
        // c is assigned once, before: the closure holds a copy of it, no cell
        String copied = closures("mk = fun(x) { c = {v: x;}; return fun() { return c.v; }; };");
        int n = 200;
        String[] programs = {shared, copied};
        long[] cells = {cell(), 0};
        for (int p = 0; p < programs.length; p++) {
            String src = programs[p];
            long kept = live(src, "1\n" + n + "\n");
            long dropped = live(src, "0\n" + n + "\n");
            long tiny = live(src, "0\n1\n");
            long perClosure = closure(1) + cells[p] + record(1, 1);
            assertEquals(n * perClosure + (array(n) - array(0)), kept - dropped);
            assertEquals(tiny, dropped);
        }
    }

    static final String BIG_THEN_SMALL = String.join("\n",
            "keep = intcast(input());",
            "use = fun(b) { return b.n; };",
            "foo = fun(k) {",
            "  big = {n: 0;}; i = 0;",
            "  while (i < 3000) { big[i] = \"x\"; i = i + 1; }",
            "  big.n = i;",
            "  if (k == 1) { global kept; kept = big; }",
            "  r = use(big);",
            "  big = None;",
            "  j = 0; while (j < 20000) { s = {v: j;}; j = j + 1; }",
            "  return r;",
            "};",
            "print(foo(keep));", "");

    @Test
    void theSeedsBigSmallProgramHoldsNoBigAfterItIsCleared() {
        long kept = live(BIG_THEN_SMALL, "1\n");
        long dropped = live(BIG_THEN_SMALL, "0\n");
        assertEquals(record(1, 3001) + intKeys(3000), kept - dropped);
    }
}
