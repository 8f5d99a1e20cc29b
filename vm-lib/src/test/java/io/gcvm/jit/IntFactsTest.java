package io.gcvm.jit;

import io.gcvm.bytecode.FunctionProto;
import io.gcvm.bytecode.Op;
import io.gcvm.mitscript.compiler.Compiler;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which locals {@link IntFacts} knows to be ints where a function returns: only those that are ints on every path. */
class IntFactsTest {

    /** The locals of the program's first function known to be ints at its first reachable RETURN, sorted. */
    private static List<String> intsAtReturn(String src) throws Exception {
        FunctionProto f = Compiler.compile(src).functions().get(1);
        boolean[][] facts = IntFacts.analyse(f, FunctionCompiler.depths(f));
        int[] code = f.code();
        int ret = -1;
        for (int pc = 0; pc < code.length; pc += 1 + Op.operands(code[pc])) if (code[pc] == Op.RETURN && facts[pc] != null && ret < 0) ret = pc; // the explicit one: the implicit one after it is unreachable
        List<String> ints = new ArrayList<>();
        for (int s = 0; s < f.locals(); s++) if (facts[ret][f.maxStack() + s]) ints.add(f.localNames()[s]);
        Collections.sort(ints);
        return ints;
    }

    @Test
    void loopCountersAndArithmeticResultsAreInts() throws Exception {
        assertEquals(List.of("i", "x", "z"), intsAtReturn(
                "f = fun(a) { x = 0; y = a; i = 0; while (i < 10) { x = x + 2; i = i + 1; } z = x - y; return z; };"));
    }

    @Test
    void aValueThatMayBeAStringOnSomePathIsNot() throws Exception {
        // s is a string on one path; + on a string concatenates, so s + 1 is no int either
        assertEquals(List.of(), intsAtReturn("f = fun(a) { s = 1; if (a) { s = \"q\"; } s = s + 1; return s; };"));
        // a parameter, a global, a field or an element may be anything; a + 1 with them too
        assertEquals(List.of("m", "q"), intsAtReturn(
                "f = fun(a) { t = a + 1; u = g; v = a.x; w = a[0]; m = a * 2; p = a.x + 1; q = a * 2 + 1; return t; };"));
    }

    @Test
    void aLocalAssignedAnIntInTheLoopButSomethingElseBeforeIsNot() throws Exception {
        assertEquals(List.of("i"), intsAtReturn("f = fun(a) { k = None; i = 0; while (i < 3) { k = i; i = i + 1; } return k; };"));
    }
}
