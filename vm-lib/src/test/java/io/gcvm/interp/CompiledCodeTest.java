package io.gcvm.interp;

import io.gcvm.Outcome;
import io.gcvm.Vm;
import io.gcvm.VmResult;
import io.gcvm.bytecode.Program;
import io.gcvm.heap.Heap;
import io.gcvm.mitscript.compiler.Compiler;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Guest functions compiled to JVM bytecode ({@link io.gcvm.jit.FunctionCompiler}): that they do
 * run compiled, and that every way compiled code hands an activation back to the interpreter
 * gives exactly what the interpreter alone gives: output, error, error line.
 */
class CompiledCodeTest {
    private static final String FIB_AND_TREES = String.join("\n",
            "fib = fun(n) { if (n < 2) { return n; } return fib(n - 1) + fib(n - 2); };",
            "make = fun(d) { if (d == 0) { return {l: None; r: None;}; } return {l: make(d - 1); r: make(d - 1);}; };",
            "count = fun(t) { if (t.l == None) { return 1; } return 1 + count(t.l) + count(t.r); };",
            "print(fib(18));",
            "print(count(make(10)));");

    /** Runs {@code src} on an interpreter of our own, to see which functions it compiled. */
    private static Interpreter runDirectly(String src, int jitThreshold, StringBuilder output) throws Exception {
        return runDirectly(src, jitThreshold, 1 << 20, output);
    }

    private static Interpreter runDirectly(String src, int jitThreshold, int jitBudget, StringBuilder output) throws Exception {
        Program program = Compiler.compile(src);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Heap heap = new Heap(4, new Heap.Options(false, false, true, false, 0, true), null);
        GuestIO io = new GuestIO(InputStream.nullInputStream(), out);
        Interpreter interpreter = new Interpreter(program, heap, io, 0, true, jitThreshold, jitBudget);
        interpreter.run();
        io.flush(true);
        output.append(out.toString(StandardCharsets.ISO_8859_1));
        return interpreter;
    }

    @Test
    void hotFunctionsRunCompiled() throws Exception {
        StringBuilder interpreted = new StringBuilder(), compiled = new StringBuilder();
        Interpreter plain = runDirectly(FIB_AND_TREES, 0, interpreted);
        Interpreter jit = runDirectly(FIB_AND_TREES, 500, compiled);
        assertEquals("2584\n2047\n", interpreted.toString());
        assertEquals(interpreted.toString(), compiled.toString());
        for (int f = 1; f <= 3; f++) {
            assertFalse(plain.isCompiled(f), "threshold 0 compiles nothing");
            assertTrue(jit.isCompiled(f), "function " + f + " was called more than 500 times");
        }
        // about 8,400 calls of fib and 4,000 of make and count: had compiled code handed most of them back,
        // the output would be the same, so count the hand-backs (the periodic check makes one per 16,384 calls)
        assertTrue(jit.handBacks <= 4, jit.handBacks + " hand-backs");
    }

    @Test
    void theBudgetBoundsHowMuchIsCompiled() throws Exception {
        int[] compiledWith = new int[3];
        int[] budgets = {0, 2500, 1 << 20};
        for (int b = 0; b < budgets.length; b++) {
            StringBuilder out = new StringBuilder();
            Interpreter jit = runDirectly(FIB_AND_TREES, 1, budgets[b], out);
            assertEquals("2584\n2047\n", out.toString());
            for (int f = 1; f <= 3; f++) if (jit.isCompiled(f)) compiledWith[b]++;
        }
        assertEquals(0, compiledWith[0], "a budget of 0 compiles nothing");
        assertEquals(3, compiledWith[2], "a large budget compiles all three");
        // the three classes are 0.75-1.1 KB (2.6 KB together): 2,500 bytes hold any two of them, not the third
        assertEquals(2, compiledWith[1], "compiled within 2,500 bytes");
    }

    @Test
    void aFunctionTooLargeToCompileStaysInterpreted() throws Exception {
        // 120 statements: over the 3,500 bytes of JVM code a compiled function may have
        StringBuilder big = new StringBuilder("big = fun(x) {\n");
        for (int i = 0; i < 120; i++) big.append("  x = x * 3 + ").append(i).append(" - x / 7;\n");
        String src = big + "  return x;\n};\nsmall = fun(x) { return x + 1; };\n"
                + "i = 0; s = 0; while (i < 20) { s = s + big(i) + small(i); i = i + 1; }\nprint(s);";
        StringBuilder interpreted = new StringBuilder(), compiled = new StringBuilder();
        runDirectly(src, 0, interpreted);
        Interpreter jit = runDirectly(src, 1, compiled);
        assertEquals(interpreted.toString(), compiled.toString());
        assertFalse(jit.isCompiled(1), "big was compiled");
        assertTrue(jit.isCompiled(2), "small was not compiled");
    }

    @Test
    void aFunctionCalledLessThanTheThresholdStaysInterpreted() throws Exception {
        Interpreter jit = runDirectly("f = fun(x) { return x + 1; }; i = 0; while (i < 499) { f(i); i = i + 1; }", 500, new StringBuilder());
        assertFalse(jit.isCompiled(1));
        jit = runDirectly("f = fun(x) { return x + 1; }; i = 0; while (i < 501) { f(i); i = i + 1; }", 500, new StringBuilder());
        assertTrue(jit.isCompiled(1));
    }

    /**
     * The program run interpreted, then with every function compiled at its first call, then
     * the same collecting and moving every object at every allocation: all three must agree
     * on output, outcome, error text and error line.
     */
    private static void sameAsInterpreted(String src) { sameAsInterpreted(src, 0); }

    /** The same, the stressed run collecting every {@code stressBytes} allocated (0: at every allocation). */
    private static void sameAsInterpreted(String src, long stressBytes) {
        VmResult plain = Vm.builder().memoryMb(4).jitThreshold(0).build().run(src);
        VmResult[] others = {
            Vm.builder().memoryMb(4).jitThreshold(1).jitBudget(1 << 20).build().run(src),
            Vm.builder().memoryMb(4).jitThreshold(1).jitBudget(1 << 20).gcStress(true).gcStressMove(true).gcStressInterval(stressBytes)
                    .verifyHeap(true).build().run(src),
        };
        for (VmResult r : others) {
            assertEquals(plain.outcome(), r.outcome(), src + "\n" + r.errorText());
            assertEquals(plain.output(), r.output(), src);
            assertEquals(plain.errorText(), r.errorText(), src);
            assertEquals(plain.errorLine(), r.errorLine(), src);
        }
    }

    @Test
    void indexingDictionariesAndShapedRecordsInCompiledCode() {
        // string and int keys on dictionaries, shaped records and arrays: hits, misses, updates
        // of existing fields (without a safepoint), new fields and conversions (the general case)
        String f = "get = fun(r, k) { return r[k]; };\nput = fun(r, k, v) { r[k] = v; return r; };\n";
        sameAsInterpreted(f + "d = {}; put(d, \"a\", 1); put(d, \"b\", 2); put(d, 7, 3);\n"
                + "print(get(d, \"a\")); print(get(d, \"zz\")); print(get(d, 7)); print(get(d, \"7\")); print(get(d, 8));\n"
                + "put(d, \"a\", \"x\"); put(d, 7, None); print(d);\n"
                + "s = {x: 1; y: 2;}; print(get(s, \"y\")); put(s, \"x\", 5); put(s, \"w\", 6); print(s);\n"
                + "a = {}; put(a, 0, 10); put(a, 1, 11); print(get(a, \"1\")); print(get(a, 5)); print(get(a, -1));\n"
                + "put(a, \"0\", 12); put(a, \"k\", 13); print(a); print(get(a, true)); put(a, true, 1); print(a);");
        // a word count, as word_freq does it: the updates hit existing fields
        sameAsInterpreted(f + "c = {}; i = 0;\nwhile (i < 3000) { w = \"w\" + (i * 7 - (i * 7 / 13) * 13);\n"
                + "  n = get(c, w); if (n == None) { put(c, w, 1); } else { put(c, w, n + 1); } i = i + 1; }\nprint(c);", 4096);
    }

    @Test
    void fieldStoresInCompiledCode() throws Exception {
        // the site's cache holds the record's shape: stored inline, no general case
        String counter = "c = {n: 0; s: \"\";};\nbump = fun(r, k) { r.n = r.n + k; r.s = \"x\"; return r.n; };\n"
                + "i = 0; while (i < 3000) { bump(c, i); i = i + 1; }\nprint(c);";
        StringBuilder out = new StringBuilder();
        Interpreter jit = runDirectly(counter, 500, out);
        assertEquals("{n:4498500 s:x }\n", out.toString());
        assertTrue(jit.isCompiled(1));
        // each store site misses once, when its cache is still empty (collections empty it again)
        assertTrue(jit.generalCases <= 4, jit.generalCases + " general cases");
        // other shapes at the same site, a record turned dictionary, a new field, no record at all
        String f = "set = fun(r, v) { r.a = v; return r; };\n";
        sameAsInterpreted(f + "p = {a: 1;}; q = {b: 2; a: 3;}; d = {a: 4;}; d.z = 5; e = {};\n"
                + "i = 0; while (i < 40) { set(p, i); set(q, i + 1); set(d, i + 2); set(e, i + 3); i = i + 1; }\n"
                + "print(p); print(q); print(d); print(e);\nset(7, 1);");
        sameAsInterpreted(counter, 2048);
    }

    @Test
    void withoutLivenessEveryLocalInTheFrameIsARootAndStaysValid() {
        // no liveness: the collector follows every local of a frame. A local dead after its last
        // use (a) must still hold a valid value in the frame at every later allocation, and the
        // locals not yet assigned (r, s) must hold None there, not what the memory held before.
        String src = "f = fun(n) { a = {x: n;}; b = a.x; r = {y: b;}; s = r.y + \"k\"; t = {z: s;}; u = {w: t;}; return u.w.z; };\n"
                + "i = 0; while (i < 300) { q = f(i); i = i + 1; }\nprint(q);\n"
                + "g = fun(n) { c = {v: n;}; d = c.v; e = 0; while (e < 50) { e = e + 1; h = {k: e;}; } return d + h.k; };\nprint(g(5)); print(g(6));";
        VmResult plain = Vm.builder().memoryMb(4).jitThreshold(0).build().run(src);
        VmResult compiled = Vm.builder().memoryMb(4).liveness(false).jitThreshold(1).jitBudget(1 << 20).gcStress(true)
                .gcStressMove(true).verifyHeap(true).build().run(src);
        assertEquals(plain.outcome(), compiled.outcome(), compiled.errorText());
        assertEquals(plain.output(), compiled.output());
    }

    @Test
    void operandsThatAreNotIntsAreTheInterpretersToHandle() {
        String f = "f = fun(a, b) { return a + b; };\ng = fun(a) { return a - 1; };\nh = fun(a, b) { if (a < b) { return 1; } return 2; };\n";
        sameAsInterpreted(f + "print(f(1, 2)); print(f(\"x\", 3)); print(f(4, \"y\")); print(f(5, 6));");
        sameAsInterpreted(f + "print(f(1, 2));\nprint(f(None, 2));");
        sameAsInterpreted(f + "print(g(1));\nprint(g(true));");
        sameAsInterpreted(f + "print(h(1, 2)); print(h(3, 2));\nprint(h(\"a\", 2));");
        sameAsInterpreted("d = fun(a, b) { return a / b; };\nm = fun(a, b) { return a - (a / b) * b; };\n"
                + "print(d(7, 2)); print(m(7, 2)); print(m(-7, 2)); print(d(-2147483647 - 1, -1));\nprint(m(1, 0));");
        sameAsInterpreted("d = fun(a) { return a / 0; };\nprint(d(1));");
        sameAsInterpreted("c = fun(x) { if (x) { return 1; } return 2; };\nprint(c(true)); print(c(false));\nprint(c(3));");
        sameAsInterpreted("e = fun(a, b) { if (a == b) { return 1; } return 0; };\n"
                + "print(e(1, 1)); print(e(\"ab\", \"a\" + \"b\")); print(e(None, None)); print(e({}, {})); print(e(1, \"1\"));");
        sameAsInterpreted("n = fun(a, b) { return !(a < b) & true | (a == b); };\nprint(n(1, 2)); print(n(2, 1));\nprint(n(true, 1));");
    }

    @Test
    void callsThatCompiledCodeLeavesToTheInterpreter() {
        // a built-in, a value that is not a function, a wrong argument count, a global never assigned
        sameAsInterpreted("p = fun(x) { print(x); return x; };\np(1); p(\"two\");");
        sameAsInterpreted("c = fun(x) { return x(1); };\nprint(c(fun(y) { return y + 1; }));\nc(5);");
        sameAsInterpreted("one = fun(x) { return x; };\nc = fun(n) { return one(n, n); };\nc(1);");
        sameAsInterpreted("c = fun() { return later; };\nprint(c());");
        sameAsInterpreted("c = fun() { return later; };\nlater = 3;\nprint(c());");
        // recursion deeper than compiled code nests on the JVM stack, and recursion that never ends
        sameAsInterpreted("f = fun(n) { if (n == 0) { return 0; } return 1 + f(n - 1); };\nprint(f(3000));");
        sameAsInterpreted("f = fun(n) { return 1 + f(n + 1); };\nprint(f(0));");
    }

    @Test
    void recordsClosuresAndStringsInCompiledCode() {
        sameAsInterpreted("get = fun(r) { return r.x; };\n"
                + "print(get({x: 1;})); print(get({y: 2; x: 3;})); print(get({y: 4;}));\n"
                + "d = {}; i = 0; while (i < 40) { d[\"k\" + i] = i; i = i + 1; } d.x = 5; print(get(d));\nprint(get(7));");
        sameAsInterpreted("set = fun(r, v) { r.x = v; r[\"y\"] = v + 1; r[2] = v + 2; return r; };\n"
                + "print(set({}, 1)); print(set({x: 0;}, 2));\nset(None, 1);");
        sameAsInterpreted("adder = fun(n) { return fun(x) { return x + n; }; };\n"
                + "counter = fun() { c = 0; return fun() { c = c + 1; return c; }; };\n"
                + "a = adder(10); k = counter(); print(a(1)); print(a(2)); print(k()); print(k()); print(k());");
        sameAsInterpreted("s = fun(n) { r = \"\"; i = 0; while (i < n) { r = r + i + \",\"; i = i + 1; } return r; };\nprint(s(30));");
        sameAsInterpreted("m = fun(n) { r = {}; i = 0; while (i < n) { r[i] = {v: i;}; i = i + 1; } return r; };\n"
                + "t = m(50); print(t[49].v); print(t[50]);");
    }

    /**
     * Loops long enough for the periodic check (every 16,384 loop iterations and calls) to find
     * them still looping: the loops around are compiled and the activation goes on there, at
     * the top level and in functions, leaving by a jump out, by a return, by an error.
     */
    @Test
    void longLoopsGoOnInCompiledCode() {
        String top = "i = 0; s = 0; while (i < 50000) { s = s + i % 7; i = i + 1; }\nprint(s); print(i);";
        sameAsInterpreted(top, 4096);
        sameAsInterpreted("i = 0; r = {}; while (i < 40000) { r[i % 100] = i; i = i + 1; }\nprint(r[99]);\nx = r[5] + \"a\" + i;\nprint(x);", 4096);
        sameAsInterpreted("f = fun(n) { i = 0; while (true) { if (i == n) { return i * 2; } i = i + 1; } };\nprint(f(30000)); print(f(3));", 4096);
        sameAsInterpreted("y = 0; t = 0; while (y < 300) { x = 0; while (x < 300) { t = t + x * y; x = x + 1; } y = y + 1; }\nprint(t);", 4096);
        sameAsInterpreted("i = 0; while (i < 40000) { i = i + 1; if (i == 39999) { print(\"at \" + i); } }\nq = i + None;", 4096);
        sameAsInterpreted("i = 0; s = \"\"; while (i < 30000) { s = {v: i; prev: s;}; i = i + 1; }\nprint(s.prev.prev.v);\nwhile (i > 0) { i = i - 1; s = s.prev; }\nprint(s.v);", 4096);
    }

    @Test
    void theTopLevelLoopIsCompiled() throws Exception {
        StringBuilder out = new StringBuilder();
        Interpreter jit = runDirectly("i = 0; s = 0; while (i < 100000) { s = s + i; i = i + 1; }\nprint(s);", 500, out);
        assertEquals("704982704\n", out.toString());
        // without the loop compiled, it would have run interpreted to its end: no hand-back at all
        assertTrue(jit.handBacks >= 1, "the loop left compiled code once, at its end");
        assertTrue(jit.isCompiled(0) || jit.loopsCompiled() >= 1, "the top level, or its loop, was compiled");
    }

    @Test
    void aLoopWithCompiledCodeIsEnteredAtEveryTurnNotOnlyAtThePeriodicCheck() throws Exception {
        // the top level is too large to compile (a long branch that never runs); its inner loop is not
        StringBuilder src = new StringBuilder("i = 0; t = 0;\nwhile (i < 2000) {\n  if (i < 0) {\n");
        for (int k = 0; k < 150; k++) src.append("    t = t * 3 + ").append(k).append(" - t / 7;\n");
        src.append("  }\n  j = 0;\n  while (j < 50) { t = t + j - (j / 5) * 5; j = j + 1; }\n  i = i + 1;\n}\nprint(t);");
        StringBuilder interpreted = new StringBuilder(), compiled = new StringBuilder();
        runDirectly(src.toString(), 0, interpreted);
        Interpreter jit = runDirectly(src.toString(), 500, compiled);
        assertEquals(interpreted.toString(), compiled.toString());
        assertFalse(jit.isCompiled(0), "the top level was compiled");
        assertEquals(1, jit.loopsCompiled(), "the inner loop alone was compiled");
        // 100,000 turns of the inner loop: the periodic check comes every 16,384 turns, so some 6
        // entries would come from it; once the loop is compiled at the first check (in the
        // 328th run of the loop), every later run goes in (1,673 runs)
        assertTrue(jit.loopEntries > 1600, "entries into the compiled loop: " + jit.loopEntries);
    }

    @Test
    void aLoopInCompiledCodeStillTimesOut() {
        VmResult r = Vm.builder().memoryMb(2).jitThreshold(1).jitBudget(1 << 20).timeout(Duration.ofMillis(300)).build()
                .run("f = fun() { i = 0; while (true) { i = i + 1; } };\nf();");
        assertEquals(Outcome.TIMEOUT, r.outcome(), r.errorText());
        r = Vm.builder().memoryMb(2).jitThreshold(1).jitBudget(1 << 20).timeout(Duration.ofMillis(300)).build()
                .run("f = fun(n) { if (n < 2) { return n; } return f(n - 1) + f(n - 2); };\nprint(f(60));");
        assertEquals(Outcome.TIMEOUT, r.outcome(), r.errorText());
    }
}
