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

    /** The function's parameter count, local slots, and its frame's words after the closure slot. */
    int params, locals, frameWords;

    protected CompiledFunction() {}

    /**
     * Runs the function on the frame at {@code fp}, whose parameters and links are in place;
     * {@code depth} counts the compiled activations below it on the JVM stack. Returns the
     * result, or {@link #DEOPT}.
     */
    public abstract long run(Interpreter vm, long[] mem, int fp, int depth);
}
