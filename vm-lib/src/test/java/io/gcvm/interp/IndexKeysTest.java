package io.gcvm.interp;

import io.gcvm.Outcome;
import io.gcvm.Vm;
import io.gcvm.VmResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Records used as arrays: int keys share their strings between records (a cache the
 * collector drops), appends find their place without a search, and string keys are tried at
 * the last index found. The output must not depend on any of it, with or without collections
 * (and moving collections) at every allocation.
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
}
