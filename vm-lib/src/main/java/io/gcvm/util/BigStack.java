package io.gcvm.util;

import java.util.concurrent.Callable;

/**
 * Runs work whose JVM stack depth we cannot bound by the host's stack on a thread of its own
 * with a large stack, and waits for it: the recursive passes over program text (parsing,
 * compiling), which recurse as deep as the program's nesting, and a whole VM run, whose
 * compiled guest code nests up to {@code FunctionCompiler.MAX_DEPTH} activations on the JVM
 * stack, with the collector or the interpreter's helpers on top. So a host thread with a small
 * stack ({@code -Xss}, or a thread made with a stack size) runs the VM as well as any other.
 * Work started from such a thread runs right there: one thread per VM run.
 *
 * <p>An interrupt of the waiting thread is passed on to the worker (the interpreter checks for
 * one periodically), and is set again on the waiting thread when the work is done.
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

    /** The threads {@link #call} starts: work they start runs on them, not on another. */
    private static final class Worker extends Thread {
        Worker(Runnable body) { super(null, body, "gcvm-worker", STACK_BYTES); }
    }

    /**
     * Runs {@code task} on a big-stack thread (this one, if it is one) and returns its result, or
     * rethrows what it threw (checked exceptions of type {@code X} included). A
     * {@link StackOverflowError} becomes {@link TooDeep}.
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
        if (Thread.currentThread() instanceof Worker) {
            body.run();
        } else {
            Worker worker = new Worker(body);
            boolean started = false;
            try {
                worker.start();
                started = true;
            } catch (OutOfMemoryError noThreads) {
                body.run(); // cannot start a thread: run here, on whatever stack this thread has
            }
            if (started) join(worker);
        }
        Object o = outcome[0];
        if (o instanceof Result r) return (T) r.value;
        if (checked.isInstance(o)) throw (X) o;
        if (o instanceof RuntimeException e) throw e;
        if (o instanceof Error e) throw e;
        throw new IllegalStateException("unexpected checked exception", (Throwable) o);
    }

    /** Waits for the worker; an interrupt (also one already pending) goes on to it, and is kept for this thread. */
    private static void join(Thread worker) {
        boolean interrupted = false;
        while (true) {
            try {
                worker.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
                worker.interrupt();
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    private record Result(Object value) {}
}
