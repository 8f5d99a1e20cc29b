package io.gcvm.interp;

import io.gcvm.bytecode.FunctionProto;
import io.gcvm.bytecode.Op;
import io.gcvm.jit.FunctionCompiler;

import java.lang.invoke.MethodHandles;

/**
 * When a guest function is compiled, and how its class is loaded. The interpreter counts calls
 * per function on its inline call path; at {@code threshold} calls the function is compiled and
 * defined as a hidden class of this package (so it may use the interpreter's package-private
 * registers), unloaded with the interpreter that made it. Everything it adds outside the
 * managed heap is bounded by the program text: one class per function, at most.
 *
 * <p>{@code -Dgcvm.jit.dump=DIR} writes each class file made into DIR, for {@code javap -c}.
 * {@code -Dgcvm.jit.log=true} reports each function and loop the interpreter asks to compile,
 * on standard error: its size, and whether it was compiled, over the size limit, or over the
 * run's budget.
 */
final class Jit {
    /** Class-file bytes this VM may still load. */
    private int budget;
    private final boolean log = Boolean.getBoolean("gcvm.jit.log");
    /** Loops (function, head, LOOP) the compiler did not take, or the budget had no room for: not tried again. */
    private long[] declined = new long[4];
    private int nDeclined;

    /** Whether the collector goes by the stack maps (see {@link FunctionCompiler}). */
    private final boolean liveness;

    /**
     * @param budget   class-file bytes this VM compiles at most, functions and loops together
     * @param liveness whether this VM's collector goes by the stack maps
     */
    Jit(int budget, boolean liveness) {
        this.budget = budget;
        this.liveness = liveness;
    }

    CompiledFunction compile(FunctionProto proto, int fid) {
        long t0 = log ? System.nanoTime() : 0;
        byte[] bytes = FunctionCompiler.compile(proto, fid, liveness);
        CompiledFunction f = load(bytes, proto);
        if (log) log(proto, fid, 0, proto.code().length - 1, bytes, f, t0);
        return f;
    }

    /**
     * Code for an activation of function {@code fid} that has been looping at the LOOP
     * instruction {@code loopAt} (whose target is {@code head}): the outermost loop around it
     * that the compiler takes, entered at {@code head}; null when it takes none.
     */
    CompiledFunction compileLoop(FunctionProto proto, int fid, int loopAt, int head) {
        int[] code = proto.code();
        // the loops around this one (heads at or before its head, LOOPs at or after it), outermost first
        int[] starts = new int[8], ends = new int[8];
        int n = 0;
        for (int pc = 0; pc < code.length; pc += 1 + Op.operands(code[pc])) {
            if (Op.isLoop(code[pc]) && code[pc + 1] <= head && pc >= loopAt) {
                if (n == starts.length) {
                    starts = java.util.Arrays.copyOf(starts, n * 2);
                    ends = java.util.Arrays.copyOf(ends, n * 2);
                }
                starts[n] = code[pc + 1];
                ends[n++] = pc;
            }
        }
        for (int tries = 0; tries < n; tries++) {
            int widest = -1;
            for (int i = 0; i < n; i++) {
                if (starts[i] >= 0 && (widest < 0 || ends[i] - starts[i] > ends[widest] - starts[widest])) widest = i;
            }
            long key = ((long) fid << 42) | ((long) starts[widest] << 21) | ends[widest];
            boolean tried = false;
            for (int i = 0; i < nDeclined && !tried; i++) tried = declined[i] == key;
            if (!tried) {
                long t0 = log ? System.nanoTime() : 0;
                byte[] bytes = FunctionCompiler.compileLoop(proto, fid, starts[widest], ends[widest], liveness);
                CompiledFunction f = load(bytes, proto);
                if (log) log(proto, fid, starts[widest], ends[widest], bytes, f, t0);
                if (f != null) {
                    f.from = starts[widest];
                    f.to = ends[widest];
                    return f;
                }
                if (nDeclined == declined.length) declined = java.util.Arrays.copyOf(declined, nDeclined * 2);
                declined[nDeclined++] = key; // it will not fit later either: the budget only shrinks
            }
            starts[widest] = -1;
        }
        return null;
    }

    /** The class file loaded, or null when it would exceed the budget; a class the JVM rejects is a VM bug. */
    CompiledFunction load(byte[] bytes, FunctionProto proto) {
        if (bytes == null || bytes.length > budget) return null;
        budget -= bytes.length;
        String dump = System.getProperty("gcvm.jit.dump");
        if (dump != null) write(java.nio.file.Path.of(dump, "Compiled" + System.nanoTime() + ".class"), bytes);
        CompiledFunction f;
        try {
            Class<?> k = MethodHandles.lookup().defineHiddenClass(bytes, true).lookupClass();
            f = (CompiledFunction) k.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            // the compiler made a class the JVM rejects: a VM bug, reported as one
            throw new IllegalStateException("compiled code for " + proto.name() + " rejected: " + e, e);
        }
        f.params = proto.params();
        f.locals = proto.locals();
        f.frameWords = proto.locals() + Frames.OPERANDS + proto.maxStack();
        return f;
    }

    /** One line of the {@code gcvm.jit.log} report. */
    private void log(FunctionProto proto, int fid, int from, int to, byte[] bytes, CompiledFunction f, long t0) {
        long micros = (System.nanoTime() - t0) / 1000;
        String what = proto.name() + (from == 0 && to == proto.code().length - 1 ? "" : " loop " + from + ".." + to);
        String result;
        if (f != null) {
            result = "compiled, " + bytes.length + " bytes of class; budget left " + budget;
        } else if (bytes != null) {
            result = "not compiled: " + bytes.length + " bytes of class, over the " + budget + " left in the budget";
        } else {
            int code = FunctionCompiler.codeBytes(proto, fid, from, to, liveness);
            result = code < 0 ? "not compiled: cannot be" : "not compiled: " + code + " bytes of JVM code, over the "
                    + FunctionCompiler.MAX_CODE_BYTES + " a method may have";
        }
        System.err.println("gcvm jit: " + what + ": " + result + " (" + micros + " us)");
    }

    private static void write(java.nio.file.Path file, byte[] bytes) {
        try {
            java.nio.file.Files.write(file, bytes);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
