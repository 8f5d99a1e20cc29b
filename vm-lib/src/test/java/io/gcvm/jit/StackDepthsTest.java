package io.gcvm.jit;

import io.gcvm.Vm;
import io.gcvm.bytecode.FunctionProto;
import io.gcvm.bytecode.Op;
import io.gcvm.bytecode.Program;
import io.gcvm.conformance.ConformanceSuite;
import io.gcvm.mitscript.syntax.SyntaxError;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Op#stackEffect} against the compiler: for every function of every conformance
 * program, the depths found along every path agree where paths meet, and the deepest is the
 * maxStack the compiler worked out while emitting (or one less, see below). A wrong stack effect would otherwise
 * show only as functions the compiled tier silently declines.
 */
class StackDepthsTest {

    @Test
    void everyFunctionsDepthsAgreeWithTheCompilersMaxStack() {
        int functions = 0, exact = 0;
        for (ConformanceSuite.Case c : ConformanceSuite.cases()) {
            Program program;
            try {
                program = Vm.compile(c.source());
            } catch (SyntaxError e) {
                continue; // the programs that test syntax errors
            }
            for (FunctionProto f : program.functions()) {
                int[] depth = FunctionCompiler.depths(f);
                assertNotNull(depth, c.name() + ", " + f.name() + ": paths disagree or leave 0..maxStack");
                int[] code = f.code();
                int deepest = 0;
                for (int pc = 0; pc < code.length; pc += 1 + Op.operands(code[pc])) {
                    if (depth[pc] < 0) continue;
                    deepest = Math.max(deepest, Math.max(depth[pc], depth[pc] + Op.stackEffect(code[pc], code, pc)));
                }
                // the compiler counts a literal that a fusion then folds into the instruction using it
                // (CONST_INT 3; SUB -> SUB_INT 3): its maxStack may be one above the deepest reached
                assertTrue(deepest == f.maxStack() || deepest == f.maxStack() - 1,
                        c.name() + ", " + f.name() + ": deepest " + deepest + ", maxStack " + f.maxStack());
                if (deepest == f.maxStack()) exact++;
                functions++;
            }
        }
        assertTrue(functions > 500, functions + " functions");
        assertTrue(exact * 10 > functions * 9, "maxStack reached exactly in only " + exact + " of " + functions);
    }
}
