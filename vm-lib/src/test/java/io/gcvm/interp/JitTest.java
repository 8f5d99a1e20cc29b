package io.gcvm.interp;

import io.gcvm.bytecode.FunctionProto;
import io.gcvm.jit.FunctionCompiler;
import io.gcvm.mitscript.compiler.Compiler;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How compiled classes are loaded: within the run's budget, and a class the JVM rejects is a VM bug, not a guest error. */
class JitTest {
    private static final FunctionProto F = compile("f = fun(x) { return x + 1; };\nprint(f(1));").functions().get(1);

    private static io.gcvm.bytecode.Program compile(String src) {
        try {
            return Compiler.compile(src);
        } catch (io.gcvm.mitscript.syntax.SyntaxError e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void classesAreLoadedWhileTheBudgetLasts() {
        byte[] bytes = FunctionCompiler.compile(F, 1, true);
        assertNotNull(bytes);
        Jit jit = new Jit(2 * bytes.length + 10, true);
        assertNotNull(jit.load(bytes, F), "first");
        assertNotNull(jit.load(bytes, F), "second: a class of its own, the same code");
        assertNull(jit.load(bytes, F), "third: over the budget");
    }

    @Test
    void aClassTheJvmRejectsIsAVmBugThatNamesTheFunction() {
        byte[] bytes = FunctionCompiler.compile(F, 1, true);
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 3);
        byte[] notAClass = {(byte) 0xCA, (byte) 0xFE};
        for (byte[] bad : new byte[][] {truncated, notAClass}) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> new Jit(1 << 20, true).load(bad, F));
            assertTrue(e.getMessage().startsWith("compiled code for " + F.name() + " rejected: "), e.getMessage());
        }
    }

    @Test
    void theLogSaysWhatWasCompiledAndWhyNot() {
        StringBuilder big = new StringBuilder("big = fun(x) {\n");
        for (int i = 0; i < 120; i++) big.append("  x = x * 3 + ").append(i).append(" - x / 7;\n");
        FunctionProto tooLarge = compile(big + "  return x;\n};").functions().get(1);
        String[] lines = logOf(() -> {
            Jit jit = new Jit(1 << 20, true);
            assertNotNull(jit.compile(F, 1));
            assertNull(jit.compile(tooLarge, 1));
            assertNull(new Jit(10, true).compile(F, 1));
        });
        assertEquals(3, lines.length, String.join("\n", lines));
        assertTrue(lines[0].matches("gcvm jit: fun@1:5: compiled, \\d+ bytes of class; budget left \\d+ \\(\\d+ us\\)"), lines[0]);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "gcvm jit: fun@1:7: not compiled: (\\d+) bytes of JVM code, over the 3500 a method may have \\(\\d+ us\\)").matcher(lines[1]);
        assertTrue(m.matches(), lines[1]);
        assertTrue(Integer.parseInt(m.group(1)) > 3500, lines[1]);
        assertTrue(lines[2].matches("gcvm jit: fun@1:5: not compiled: \\d+ bytes of class, over the 10 left in the budget \\(\\d+ us\\)"), lines[2]);
    }

    @Test
    void aLoopTheCompilerDidNotTakeIsNotTranslatedAgain() {
        // an outer loop too large to compile around a small inner one
        StringBuilder src = new StringBuilder("f = fun(n) { i = 0; t = 0;\n  while (i < n) {\n    if (i < 0) {\n");
        for (int k = 0; k < 150; k++) src.append("      t = t * 3 + ").append(k).append(" - t / 7;\n");
        src.append("    }\n    j = 0;\n    while (j < 5) { t = t + j; j = j + 1; }\n    i = i + 1;\n  }\n  return t;\n};");
        FunctionProto f = compile(src.toString()).functions().get(1);
        int[] code = f.code();
        int outerLoop = -1, innerLoop = -1;
        for (int pc = 0; pc < code.length; pc += 1 + io.gcvm.bytecode.Op.operands(code[pc])) {
            if (code[pc] != io.gcvm.bytecode.Op.LOOP) continue;
            if (innerLoop < 0) innerLoop = pc; else outerLoop = pc;
        }
        int outer = outerLoop, inner = innerLoop;
        String[] lines = logOf(() -> {
            Jit jit = new Jit(1 << 20, true);
            // the periodic check at the outer loop: only the outer loop is around it, and it is too large
            assertNull(jit.compileLoop(f, 1, outer, code[outer + 1]));
            assertNull(jit.compileLoop(f, 1, outer, code[outer + 1]));
            // at the inner loop: the outer loop again (not translated again), then the inner one
            assertNotNull(jit.compileLoop(f, 1, inner, code[inner + 1]));
        });
        assertEquals(2, lines.length, String.join("\n", lines));
        assertTrue(lines[0].contains(": not compiled: "), lines[0]);
        assertTrue(lines[1].contains(": compiled, "), lines[1]);
    }

    /** The lines of the {@code gcvm.jit.log} report that {@code compiles} writes (the Jits it makes read the property). */
    private static String[] logOf(Runnable compiles) {
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        System.setProperty("gcvm.jit.log", "true");
        try {
            System.setErr(new java.io.PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8));
            compiles.run();
        } finally {
            System.setErr(err);
            System.clearProperty("gcvm.jit.log");
        }
        return buf.toString(java.nio.charset.StandardCharsets.UTF_8).split("\n");
    }

    @Test
    void aCallWithMoreOperandsThanJitSlowsWordHoldsCannotBeCompiled() {
        // jitSlow's word keeps the operand depth in 8 bits: a call of 300 arguments (301 operands)
        // cannot be compiled at any size, while one of 200 can (it is only over the size limit)
        for (int argc : new int[] {200, 300}) {
            StringBuilder args = new StringBuilder();
            for (int i = 0; i < argc; i++) args.append(i == 0 ? "" : ", ").append("x");
            FunctionProto f = compile("f = fun(x) { return g(" + args + "); };").functions().get(1);
            int bytes = FunctionCompiler.codeBytes(f, 1, 0, f.code().length - 1, true);
            if (argc == 200) assertTrue(bytes > FunctionCompiler.MAX_CODE_BYTES, argc + " arguments: " + bytes);
            else assertEquals(-1, bytes, argc + " arguments");
            assertNull(FunctionCompiler.compile(f, 1, true), argc + " arguments");
            // and the log says which: over the size limit, or not at all
            String[] lines = logOf(() -> assertNull(new Jit(1 << 20, true).compile(f, 1)));
            assertEquals(1, lines.length, String.join("\n", lines));
            assertTrue(lines[0].matches("gcvm jit: fun@1:5: not compiled: "
                    + (argc == 200 ? bytes + " bytes of JVM code, over the 3500 a method may have" : "cannot be") + " \\(\\d+ us\\)"), lines[0]);
        }
    }
}
