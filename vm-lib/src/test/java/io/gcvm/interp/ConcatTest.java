package io.gcvm.interp;

import io.gcvm.Outcome;
import io.gcvm.Vm;
import io.gcvm.VmResult;
import io.gcvm.heap.alloc.BitmappedBlock;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * String concatenation writes its result into memory that is not cleared first (only the words
 * the copies do not assign are): every length of either operand against every alignment, with
 * ints of every digit count on either side, into cells that held other strings before (a small
 * heap, collected often), must give exactly the bytes Java gives.
 */
class ConcatTest {
    static final int[] INTS = {0, 7, -7, 42, -42, 12345, -1234567, 123456789, -2147483647 - 1, 2147483647};

    static String program() {
        StringBuilder p = new StringBuilder();
        p.append("ints = {};\n");
        for (int i = 0; i < INTS.length; i++) p.append("ints[").append(i).append("] = ").append(INTS[i] == Integer.MIN_VALUE ? "-2147483647 - 1" : Integer.toString(INTS[i])).append(";\n");
        p.append(String.join("\n",
                "junk = {}; j = 0;",
                "while (j < 200) { junk[j - (j / 20) * 20] = \"#################################\" + j; j = j + 1; }",
                "s = \"\"; n = 0;",
                "while (n < 26) {",
                "  t = \"\"; m = 0;",
                "  while (m < 20) {",
                "    k = 0;",
                "    while (k < " + INTS.length + ") { print(s + ints[k] + \"|\" + (ints[k] + t) + \"|\" + (s + t)); k = k + 1; }",
                "    t = t + \"xyz\"; m = m + 1;",
                "  }",
                "  s = s + \"ab\"; n = n + 1;",
                "}", ""));
        return p.toString();
    }

    static String expected() {
        StringBuilder out = new StringBuilder();
        String s = "";
        for (int n = 0; n < 26; n++) {
            String t = "";
            for (int m = 0; m < 20; m++) {
                for (int v : INTS) out.append(s).append(v).append('|').append(v).append(t).append('|').append(s).append(t).append('\n');
                t += "xyz";
            }
            s += "ab";
        }
        return out.toString();
    }

    private static void check(Vm.Builder b) {
        VmResult r = b.memoryMb(1).build().run(program());
        assertEquals(Outcome.OK, r.outcome(), r.errorText());
        assertEquals(expected(), r.output());
    }

    @Test
    void plain() { check(Vm.builder()); }

    @Test
    void collectingAtEveryAllocation() { check(Vm.builder().gcStress(true).verifyHeap(true)); }

    @Test
    void bitIndexOfEveryBit() {
        for (int i = 0; i < 64; i++) assertEquals(i, BitmappedBlock.indexOfBit(1L << i));
    }
}
