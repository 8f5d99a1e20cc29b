package io.gcvm.util;

import java.util.concurrent.Callable;

/**
 * Runs a recursive pass over program text (parsing, compiling) on a thread of its own with a
 * large stack, and waits for it. Such passes recurse as deep as the program's nesting, which
 * the program text bounds; the interpreter itself never recurses per guest call.
 *
 * <p>Callers pass an anonymous class, not a lambda: the first lambda of a run has the JVM set
 * up its method-handle machinery, a few milliseconds of every run's start. Nothing on the path
 * from the command line to the end of a run uses a lambda or a method reference.
 */
public final class BigStack {
    private BigStack() {}

    /** A thread stack is reserved, not committed: only the depth actually used costs memory. */
    public static final long STACK_BYTES = 256L * 1024 * 1024;

    /** Thrown by {@link #call} when the task itself ran out of stack. */
    public static final class TooDeep extends RuntimeException {
        public TooDeep() { super("nested too deeply", null, false, false); }
    }

    /**
     * Runs {@code task} on a big-stack thread and returns its result, or rethrows what it threw
     * (checked exceptions of type {@code X} included). A {@link StackOverflowError} becomes
     * {@link TooDeep}.
     */
    @SuppressWarnings("unchecked")
    public static <T, X extends Exception> T call(Callable<T> task, Class<X> checked) throws X {
        Object[] outcome = new Object[1];
        Runnable body = new Runnable() { // not a lambda: see the class comment
            @Override
            public void run() {
                try {
                    outcome[0] = new Result(task.call());
                } catch (StackOverflowError e) {
                    outcome[0] = new TooDeep();
                } catch (Throwable e) {
                    outcome[0] = e;
                }
            }
        };
        Thread worker = new Thread(null, body, "gcvm-compile", STACK_BYTES);
        try {
            worker.start();
        } catch (OutOfMemoryError noThreads) {
            body.run(); // cannot start a thread: run here; deep input then reports TooDeep
        }
        boolean interrupted = false;
        while (true) {
            try {
                worker.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the pass is short: finish it, then restore the flag
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        Object o = outcome[0];
        if (o instanceof Result r) return (T) r.value;
        if (checked.isInstance(o)) throw (X) o;
        if (o instanceof RuntimeException e) throw e;
        if (o instanceof Error e) throw e;
        throw new IllegalStateException("unexpected checked exception", (Throwable) o);
    }

    private record Result(Object value) {}
}
