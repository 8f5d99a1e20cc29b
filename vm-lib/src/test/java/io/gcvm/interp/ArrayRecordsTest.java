package io.gcvm.interp;

import io.gcvm.Outcome;
import io.gcvm.Vm;
import io.gcvm.VmResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Records used as arrays (keys exactly 0 .. n-1, kept without key strings): filled by int and
 * by string keys, read by both, printed in key order, and turned into dictionaries by any
 * other new key, with the same results as plain records would give. Run plain, collecting at
 * every allocation, and moving every object at every collection, each with the heap verifier.
 */
class ArrayRecordsTest {
    static final String PROGRAM = String.join("\n",
            "a = {}; i = 0;",
            "while (i < 120) { a[i] = i * 3; i = i + 1; }",
            "print(a); print(a[0] + a[119] + a[\"7\"]); print(a[120]); print(a[-1]); print(a[\"07\"]); print(a.x);",
            "b = {}; i = 0;",
            "while (i < 12) { b[\"\" + i] = \"s\" + i; i = i + 1; }",
            "b[5] = b[\"5\"] + \"!\"; b[\"11\"] = 0; print(b);",
            "c = {}; i = 0; while (i < 20) { c[i] = i; i = i + 1; }",
            "c[25] = 25; c[20] = 20; print(c); print(c[25]); print(c[\"20\"]); print(c[3]);",
            "d = {}; i = 0; while (i < 15) { d[i] = i; i = i + 1; }",
            "d.x = \"x\"; print(d); print(d.x); print(d[14]);",
            "e = {}; e[0] = 1; e[-1] = 2; print(e);",
            "f = {}; f[0] = 1; f[\"00\"] = 2; print(f);",
            "g = {}; g[0] = 1; g[1] = 2; g[None] = 3; print(g); print(g[\"None\"]);",
            "h = {x: 1;}; h[0] = 5; h[1] = 6; print(h);",
            "m = {}; i = 0;",
            "while (i < 11) { row = {}; j = 0; while (j < 11) { row[j] = i * j; j = j + 1; } m[i] = row; i = i + 1; }",
            "print(m[10][10]); s = \"\" + m; print(s == \"\" + m); print(m);",
            "");

    /** What the program prints, from plain sorted maps. */
    static String expected() {
        StringBuilder out = new StringBuilder();
        Map<String, String> a = map();
        for (int i = 0; i < 120; i++) a.put(Integer.toString(i), Integer.toString(i * 3));
        out.append(show(a)).append('\n').append(0 + 119 * 3 + 21).append("\nNone\nNone\nNone\nNone\n");
        Map<String, String> b = map();
        for (int i = 0; i < 12; i++) b.put(Integer.toString(i), "s" + i);
        b.put("5", "s5!");
        b.put("11", "0");
        out.append(show(b)).append('\n');
        Map<String, String> c = map();
        for (int i = 0; i < 20; i++) c.put(Integer.toString(i), Integer.toString(i));
        c.put("25", "25");
        c.put("20", "20");
        out.append(show(c)).append("\n25\n20\n3\n");
        Map<String, String> d = map();
        for (int i = 0; i < 15; i++) d.put(Integer.toString(i), Integer.toString(i));
        d.put("x", "x");
        out.append(show(d)).append("\nx\n14\n");
        out.append("{-1:2 0:1 }\n{0:1 00:2 }\n{0:1 1:2 None:3 }\n3\n{0:5 1:6 x:1 }\n");
        Map<String, String> m = map();
        for (int i = 0; i < 11; i++) {
            Map<String, String> row = map();
            for (int j = 0; j < 11; j++) row.put(Integer.toString(j), Integer.toString(i * j));
            m.put(Integer.toString(i), show(row));
        }
        out.append("100\ntrue\n").append(show(m)).append('\n');
        return out.toString();
    }

    private static Map<String, String> map() { return new TreeMap<>(); } // ASCII keys: String order is byte order

    private static String show(Map<String, String> fields) {
        StringBuilder s = new StringBuilder("{");
        fields.forEach((k, v) -> s.append(k).append(':').append(v).append(' '));
        return s.append('}').toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.gcvm.interp.IndexKeysTest#ways")
    void sameOutputEveryWay(String way, Vm.Builder b) { IndexKeysTest.check(b, PROGRAM, expected()); }

    /** Live bytes at exit of a program that keeps record {@code a}, less those of one that keeps {@code {}}. */
    private static long liveBytesOf(String fill) {
        long[] live = new long[2];
        String[] programs = {fill, "a = {}; i = 0;"};
        for (int k = 0; k < 2; k++) {
            VmResult r = Vm.builder().memoryMb(8).collectAtExit(true).build().run(programs[k]);
            assertEquals(Outcome.OK, r.outcome(), r.errorText());
            live[k] = r.heap().liveBytesAfterLastGc();
        }
        return live[0] - live[1];
    }

    /**
     * An array holds one word per field (a table at most twice the fields' size); a dictionary
     * holds two per field plus a key string each.
     */
    @Test
    void arraysNeedNoKeyStrings() {
        int n = 20_000;
        long array = liveBytesOf("a = {}; i = 0; while (i < " + n + ") { a[i] = i; i = i + 1; }");
        long dictionary = liveBytesOf("a = {}; a[-1] = 0; i = 0; while (i < " + n + ") { a[i] = i; i = i + 1; }");
        assertTrue(array >= 8L * n && array <= 16L * n + 64, array + " bytes for " + n + " fields as an array");
        assertTrue(dictionary >= 16L * n + 16L * (n - 1024), dictionary + " bytes for " + n + " fields as a dictionary");
    }
}
