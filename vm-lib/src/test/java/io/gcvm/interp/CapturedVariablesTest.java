package io.gcvm.interp;

import io.gcvm.mitscript.syntax.SyntaxError;
import org.junit.jupiter.api.Test;

import static io.gcvm.interp.GuestRuns.code;
import static io.gcvm.interp.GuestRuns.occurrences;
import static io.gcvm.interp.GuestRuns.out;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A captured variable that cannot change once a closure has it is copied into the closure; any
 * other lives in a cell the closures and the frame share. Either way a closure sees what the
 * spec says: the variable's current value. Outputs are checked with a collection at every
 * allocation, moving no object and every object.
 */
class CapturedVariablesTest {

    /** {@code src} makes {@code cells} cells (BOX instructions) and prints {@code expected}. */
    private static void assertCellsAndOutput(int cells, String src, String expected) throws SyntaxError {
        assertEquals(cells, occurrences(code(src), "\\bBOX\\b"), code(src));
        assertEquals(expected, out(src));
    }

    @Test
    void parametersNeverAssignedAreCopied() throws SyntaxError {
        String src = "make_adder = fun(k) { return fun(x) { return x + k; }; };\n"
                + "compose = fun(f, g) { return fun(x) { return f(g(x)); }; };\n"
                + "h = compose(make_adder(10), make_adder(\"s\"));\n"
                + "print(h(1)); print(h(\"a\"));";
        assertCellsAndOutput(0, src, "1s10\nas10\n");
    }

    @Test
    void aLocalAssignedOnceBeforeTheClosureIsMadeIsCopied() throws SyntaxError {
        String src = "f = fun(r) {\n"
                + "  scale = r * 2;\n"
                + "  c = {n: 0;};\n"
                + "  i = 0;\n"
                + "  while (i < 3) { g = fun(x) { c.n = c.n + 1; return x * scale; }; i = g(i) + 1; }\n"
                + "  return c.n + i;\n"
                + "};\n"
                + "print(f(3));";
        assertCellsAndOutput(0, src, "9\n"); // i: 0 -> 1 -> 7, two calls
    }

    @Test
    void aParameterAssignedAnywhereIsShared() throws SyntaxError {
        // assigned after the closure was made: the closure sees the new value
        String later = "f = fun(x) { g = fun() { return x; }; x = 5; return g; }; g = f(1); print(g());";
        assertCellsAndOutput(1, later, "5\n");
        // assigned only on a path not taken: still a cell, the same result
        assertEquals("1\n", out("f = fun(x) { g = fun() { return x; }; if (false) { x = 2; } return g; }; g = f(1); print(g());"));
    }

    @Test
    void aLocalTheClosureMayOutliveTheAssignmentOfIsShared() throws SyntaxError {
        // made before the assignment, called after it
        String before = "f = fun() { h = fun() { return x; }; x = 7; return h(); }; print(f());";
        assertCellsAndOutput(1, before, "7\n");
        // a function that calls itself: the closure is made before its own assignment
        String self = "f = fun() { g = fun(n) { if (n == 0) { return 0; } return n + g(n - 1); }; return g(4); }; print(f());";
        assertCellsAndOutput(1, self, "10\n");
        // assigned in a loop: each closure sees the last value
        assertEquals("3 3\n", out("f = fun() { r = {}; i = 0; while (i < 2) { y = i + 2; r[i] = fun() { return y; }; i = i + 1; }"
                + " y = 3; return r[0]() + \" \" + r[1](); }; print(f());"));
        // assigned twice, the second time after the closure was made
        assertEquals("2\n", out("f = fun() { y = 1; g = fun() { return y; }; y = 2; return g(); }; print(f());"));
        // assigned once, but in a block
        assertEquals("4\n", out("f = fun(b) { if (b) { y = 4; } g = fun() { return y; }; return g(); }; print(f(true));"));
    }

    @Test
    void aVariableCapturedThroughAnInnerFunctionFollowsTheSameRules() throws SyntaxError {
        // copied into the middle function, and from it into the innermost
        String copied = "f = fun(a) { return fun() { return fun() { return a; }; }; }; m = f(8); g = m(); print(g());";
        assertCellsAndOutput(0, copied, "8\n");
        // the middle function is made before the assignment: shared all the way down
        String shared = "f = fun() { m = fun() { return fun() { return a; }; }; a = 9; i = m(); return i(); }; print(f());";
        assertCellsAndOutput(1, shared, "9\n");
    }

    @Test
    void copiesOfEveryKindOutliveTheirFrame() {
        // the frames are gone and every object has moved by the time the closures run
        String src = "f = fun(s, n, b) { r = {v: s + n;}; z = None; g = fun() { return s + n + b + r.v + z; }; return g; };\n"
                + "gs = {}; i = 0;\n"
                + "while (i < 3) { gs[i] = f(\"s\" + i, i * 10, i == 1); i = i + 1; }\n"
                + "print(gs[0]() + \" \" + gs[1]() + \" \" + gs[2]());";
        assertEquals("s00falses00None s110trues110None s220falses220None\n", out(src));
    }
}
