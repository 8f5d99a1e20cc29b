package io.gcvm.bytecode;

import io.gcvm.mitscript.compiler.Compiler;
import io.gcvm.mitscript.syntax.SyntaxError;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stack maps: which locals are roots at each collection point of a function. */
class LivenessTest {

    /** The live local names at each collection point of function 1, in code order, with the op. */
    static List<String> maps(String source) throws SyntaxError {
        Program p = Compiler.compile(source);
        FunctionProto f = p.functions().get(1);
        Liveness.StackMaps m = f.stackMaps();
        List<String> out = new ArrayList<>();
        int[] code = f.code();
        for (int pc = 0; pc < code.length; pc += 1 + Op.operands(code[pc])) {
            int after = pc + 1 + Op.operands(code[pc]);
            int i = m.find(after);
            if (!Liveness.isCollectionPoint(code[pc])) continue;
            assertTrue(i >= 0, "every collection point has a map");
            Set<String> live = new TreeSet<>();
            for (int s = 0; s < f.locals(); s++) if (m.isLive(i, s)) live.add(f.localNames()[s]);
            out.add(Op.name(code[pc]) + live);
        }
        return out;
    }

    @Test
    void aLocalIsDeadAfterItsLastRead() throws SyntaxError {
        List<String> m = maps("f = fun(a) { b = {x: a;}; c = g(b); d = {y: c;}; return d; };");
        // NEW_RECORD for b: a is still read (x: a); the call g(b): only the result matters after;
        // NEW_RECORD for d: c is read after it; b and a are dead by then. Filling a literal's
        // slots (INIT_SLOT) allocates nothing, so it is no collection point.
        assertEquals(List.of("NEW_RECORD[a]", "CALL[]", "NEW_RECORD[c]"), m);
    }

    @Test
    void aLoopKeepsWhatTheNextIterationReads() throws SyntaxError {
        List<String> m = maps("f = fun(n) { big = {}; i = 0; while (i < n) { s = {v: i;}; i = i + 1; } return big; };");
        // making big: n is read later, big and i are about to be written; inside the loop big (read
        // after it), i and n (read by the next test) are live, s never is; i = i + 1 (INC_LOCAL,
        // which may concatenate strings and so allocate) leaves i live for the next test
        assertEquals(List.of("NEW_RECORD[n]", "NEW_RECORD[big, i, n]", "INC_LOCAL[big, i, n]"), m);
    }

    @Test
    void theBigSmallExample() throws SyntaxError {
        List<String> m = maps(String.join("\n",
                "foo = fun() {",
                "  big = mk(); r = use(big);",
                "  i = 0; while (i < 100) { work({n: i;}); i = i + 1; }",
                "  return r;",
                "};"));
        assertEquals(List.of("CALL[]", "CALL[]", "NEW_RECORD[i, r]", "CALL[i, r]", "INC_LOCAL[i, r]"), m,
                "big is not a root anywhere in the loop");
    }

    @Test
    void capturedSlotsStayLiveUntilTheClosureIsMade() throws SyntaxError {
        // x is assigned after the closure is made, so it lives in a cell: BOX x at entry (x
        // read after allocating its cell), then MAKE_CLOSURE reads x's cell
        List<String> m = maps("f = fun(a) { h = fun() { return x; }; x = {}; return h; };");
        assertEquals(List.of("BOX[x]", "MAKE_CLOSURE[x]", "NEW_RECORD[h, x]"), m);
        // assigned once, before: the closure copies x's value, which is live until then
        m = maps("f = fun(a) { x = {}; h = fun() { return x; }; return h; };");
        assertEquals(List.of("NEW_RECORD[]", "MAKE_CLOSURE[x]"), m);
    }

    @Test
    void parametersAreDeadOnceRead() throws SyntaxError {
        // the record is made before its fields are read, so both are live there; filling its
        // slots allocates nothing
        assertEquals(List.of("NEW_RECORD[a, b]"),
                maps("f = fun(a, b) { return {p: a; q: b;}; };"));
    }
}
