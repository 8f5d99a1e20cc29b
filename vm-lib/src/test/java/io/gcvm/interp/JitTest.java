package io.gcvm.interp;

import io.gcvm.bytecode.FunctionProto;
import io.gcvm.jit.FunctionCompiler;
import io.gcvm.mitscript.compiler.Compiler;
import org.junit.jupiter.api.Test;

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
        byte[] bytes = FunctionCompiler.compile(F, 1);
        assertNotNull(bytes);
        Jit jit = new Jit(2 * bytes.length + 10);
        assertNotNull(jit.load(bytes, F), "first");
        assertNotNull(jit.load(bytes, F), "second: a class of its own, the same code");
        assertNull(jit.load(bytes, F), "third: over the budget");
    }

    @Test
    void aClassTheJvmRejectsIsAVmBugThatNamesTheFunction() {
        byte[] bytes = FunctionCompiler.compile(F, 1);
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 3);
        byte[] notAClass = {(byte) 0xCA, (byte) 0xFE};
        for (byte[] bad : new byte[][] {truncated, notAClass}) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> new Jit(1 << 20).load(bad, F));
            assertTrue(e.getMessage().startsWith("compiled code for " + F.name() + " rejected: "), e.getMessage());
        }
    }
}
