package io.gcvm.interp;

/**
 * A guest function compiled to JVM bytecode by {@link io.gcvm.jit.FunctionCompiler}: a hidden
 * class of this package whose {@link #run} does the function's work on its frame in the
 * managed heap. The interpreter calls it from its inline call path once the function is hot;
 * compiled functions call each other directly.
 */
public abstract class CompiledFunction {
    /**
     * What {@link #run} returns when it handed the activation back to the interpreter (its
     * registers then say where to go on). No guest value has this word: its tag is unused.
     */
    public static final long DEOPT = 7L;

    /** Marks a loop the compiler declined, so that it is not tried again. */
    static final CompiledFunction DECLINED = new CompiledFunction() {
        @Override
        public long run(Interpreter vm, long[] mem, int fp, int depth, int entry) { throw new IllegalStateException("declined"); }
    };

    /**
     * A second implementation of {@link #run}, loaded with the first before the interpreter
     * runs ({@link #load}). While a method has one implementation, the JVM compiles calls of it
     * as direct calls and records the assumption; loading another then throws away the code
     * relying on it. Without this, the first compiled function (and the second) would make the
     * JVM discard its compiled interpreter loop and compile it again: some 15 ms each, and
     * the compiler's memory at the peak.
     */
    private static final CompiledFunction NEVER_RUN = new CompiledFunction() {
        @Override
        public long run(Interpreter vm, long[] mem, int fp, int depth, int entry) { throw new IllegalStateException("never run"); }
    };

    /** Loads this class and both implementations above (see {@link #NEVER_RUN}). */
    static void load() {
        if (DECLINED == NEVER_RUN) throw new AssertionError();
    }

    /** The function's parameter count, local slots, and its frame's words after the closure slot. */
    int params, locals, frameWords;

    protected CompiledFunction() {}

    /** For code of one loop only: its first and last instruction (a whole function: -1). */
    int from = -1, to = -1;

    /**
     * Runs the function on the frame at {@code fp}, whose parameters and links are in place;
     * {@code depth} counts the compiled activations below it on the JVM stack; {@code entry}
     * is 0 for a call, or 1 + the loop head where an activation the interpreter has been
     * running goes on. Returns the result, or {@link #DEOPT}.
     */
    public abstract long run(Interpreter vm, long[] mem, int fp, int depth, int entry);
}
