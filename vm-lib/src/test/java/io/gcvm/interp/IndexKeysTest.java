package io.gcvm.interp;

import io.gcvm.Outcome;
import io.gcvm.Vm;
import io.gcvm.VmResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Records used as arrays: int keys share their strings between records (a cache the
 * collector drops), appends find their place without a search, and string keys are tried
 * where an equal key was last found. The output must not depend on any of it, with or without
 * collections (and moving collections) at every allocation.
 */
class IndexKeysTest {
    static final String PROGRAM = String.join("\n",
            "a = {}; b = {}; c = {x: 1;}; i = 0;",
            "while (i < 30) { a[i] = i * i; b[29 - i] = i; c[i] = \"v\" + i; i = i + 1; }",
            "a[1030] = 7; a[\"1030\"] = a[1030] + 1; a[-3] = \"neg\"; a[\"05\"] = 5;",
            "i = 0; s = 0;",
            "while (i < 30) { s = s + a[i] * b[i]; a[i] = a[i] + 1; b[\"\" + i] = b[i] + 1; i = i + 1; }",
            "k = {}; w = \"w\"; k[w] = 1; k[w] = k[w] + 1; k[\"w\"] = k[\"w\"] + 1; k[\"v\"] = 0; k[w + \"\"] = k[w] + 1;",
            "print(s); print(a[1030]); print(a[-3]); print(a[5]); print(a[\"05\"]); print(b[3]); print(c[29]);",
            "print(k); print(c);", "");

    static String expected() {
        StringBuilder out = new StringBuilder();
        long s = 0;
        for (int i = 0; i < 30; i++) s += (long) i * i * (29 - i);
        out.append(s).append('\n').append("8\nneg\n26\n5\n27\nv29\n");
        out.append("{v:0 w:4 }\n");
        java.util.TreeMap<String, String> c = new java.util.TreeMap<>();
        c.put("x", "1");
        for (int i = 0; i < 30; i++) c.put(Integer.toString(i), "v" + i);
        out.append('{');
        c.forEach((k, v) -> out.append(k).append(':').append(v).append(' '));
        out.append("}\n");
        return out.toString();
    }

    /** Runs {@code program} at 4 MB with the heap verifier on; it must print {@code expected}. */
    static void check(Vm.Builder b, String program, String expected) {
        VmResult r = b.memoryMb(4).verifyHeap(true).build().run(program);
        assertEquals(Outcome.OK, r.outcome(), r.errorText());
        assertEquals(expected, r.output());
    }

    /** The ways such a program runs: plain, collecting at every allocation, moving every object at every collection. */
    static Stream<Arguments> ways() {
        return Stream.of(Arguments.of("plain", Vm.builder()),
                Arguments.of("collecting at every allocation", Vm.builder().gcStress(true)),
                Arguments.of("moving at every collection", Vm.builder().gcStress(true).gcStressMove(true)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ways")
    void sameOutputEveryWay(String way, Vm.Builder b) { check(b, PROGRAM, expected()); }
    /**
     * Where a string key was last found is remembered by the key's hash, for any record: here
     * new keys keep shifting the indices of the others, two records hold the same keys (so
     * share the remembered indices), a third holds other keys at other indices under the same
     * hashes, and distinct keys share a first 8 bytes. Each count must come out as a map says.
     */
    static final String COUNTING = String.join("\n",
            "counts = {}; last = {}; seen = {}; s = 7; i = 0;",
            "while (i < 3000) {",
            "  s = s * 1103 + 12345; s = s - (s / 65536) * 65536;",
            "  w = \"word-long-prefix-\" + (s - (s / 257) * 257);",
            "  c = counts[w];",
            "  if (c == None) { counts[w] = 1; last[w] = i; } else { counts[w] = c + 1; last[w] = i - last[w]; }",
            "  if (s - (s / 3) * 3 == 0) { seen[w + \"!\"] = i; seen[w] = seen[w + \"!\"] + 1; }",
            "  i = i + 1;",
            "}",
            "print(counts); print(last); print(seen);", "");

    static String counting() {
        java.util.TreeMap<String, Integer> counts = new java.util.TreeMap<>(), last = new java.util.TreeMap<>(), seen = new java.util.TreeMap<>();
        int s = 7;
        for (int i = 0; i < 3000; i++) {
            s = s * 1103 + 12345;
            s = s - (s / 65536) * 65536;
            String w = "word-long-prefix-" + (s - (s / 257) * 257);
            Integer c = counts.get(w);
            if (c == null) { counts.put(w, 1); last.put(w, i); } else { counts.put(w, c + 1); last.put(w, i - last.get(w)); }
            if (s - (s / 3) * 3 == 0) { seen.put(w + "!", i); seen.put(w, i + 1); }
        }
        StringBuilder out = new StringBuilder();
        for (java.util.Map<String, Integer> m : List.of(counts, last, seen)) {
            out.append('{');
            m.forEach((k, v) -> out.append(k).append(':').append(v).append(' '));
            out.append("}\n");
        }
        return out.toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ways")
    void keysFoundWhereTheyWereLastFoundCountRightEveryWay(String way, Vm.Builder b) { check(b, COUNTING, counting()); }

    /**
     * Dictionaries past 64 fields are hashed and keep their fields in insertion order (see
     * Records): string keys, short and negative ints, ints of more than 8 digits, an array of
     * 100 turned into a dictionary, each printed in key order, then changed and printed again.
     */
    static final String HASHED = String.join("\n",
            "d = {}; s = 11; i = 0;",
            "while (i < 400) {",
            "  s = s * 1103 + 12345; s = s - (s / 65536) * 65536;",
            "  k = s - (s / 700) * 700; m = k - (k / 3) * 3;",
            "  if (m == 0) { d[k * 1000003] = i; } else { if (m == 1) { d[\"key\" + k] = i; } else { d[0 - k] = i; } }",
            "  i = i + 1;",
            "}",
            "print(d);",
            "a = {}; i = 0; while (i < 100) { a[i] = i * 2; i = i + 1; }",
            "a[\"x\"] = 1; a[150] = 3; a[-1] = 4; a[\"50\"] = a[50] + 1;",
            "print(a[50]); print(a[99]); print(a[\"x\"]); print(a[100]);",
            "print(a);",
            "d[\"key5\"] = \"again\"; d[1] = \"one\"; d[\"1\"] = d[1] + \"!\"; d[-5] = d[\"-5\"];",
            "print(d[1]); print(d[\"key4\"]); print(d[4000012]); print(d[\"4000012\"]);",
            "print(d);", "");

    static String hashed() {
        java.util.TreeMap<String, String> d = new java.util.TreeMap<>(), a = new java.util.TreeMap<>();
        int s = 11;
        for (int i = 0; i < 400; i++) {
            s = s * 1103 + 12345;
            s = s - (s / 65536) * 65536;
            int k = s - (s / 700) * 700, m = k % 3;
            d.put(m == 0 ? Integer.toString(k * 1000003) : m == 1 ? "key" + k : Integer.toString(-k), Integer.toString(i));
        }
        StringBuilder out = new StringBuilder();
        java.util.function.Consumer<java.util.Map<String, String>> print = r -> {
            out.append('{');
            r.forEach((k, v) -> out.append(k).append(':').append(v).append(' '));
            out.append("}\n");
        };
        print.accept(d);
        for (int i = 0; i < 100; i++) a.put(Integer.toString(i), Integer.toString(i * 2));
        a.put("x", "1");
        a.put("150", "3");
        a.put("-1", "4");
        a.put("50", "101");
        out.append("101\n198\n1\nNone\n");
        print.accept(a);
        d.put("key5", "again");
        d.put("1", "one!");
        d.put("-5", d.getOrDefault("-5", "None"));
        out.append("one!\n").append(d.getOrDefault("key4", "None")).append('\n');
        out.append(d.getOrDefault("4000012", "None")).append('\n').append(d.getOrDefault("4000012", "None")).append('\n');
        print.accept(d);
        return out.toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ways")
    void hashedDictionariesFindAndPrintTheirKeysEveryWay(String way, Vm.Builder b) { check(b, HASHED, hashed()); }
}
