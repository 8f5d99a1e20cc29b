package io.gcvm.api;

import io.gcvm.Outcome;
import io.gcvm.Vm;
import io.gcvm.VmResult;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The thread that calls {@link Vm#run}: its stack size does not matter (the run has a big-stack
 * thread of its own), and interrupting it stops the run.
 */
class HostThreadTest {

    private static final String DEEP_THEN_RUNAWAY = String.join("\n",
            "f = fun(n) { if (n == 0) { return 0; } return 1 + f(n - 1); };",
            "print(f(5000));",
            "g = fun(n) { return 1 + g(n + 1); };",
            "print(g(0));");

    /** Runs {@code task} on a new thread with a stack of {@code stackBytes}, and waits for it. */
    private static VmResult onThread(long stackBytes, java.util.function.Supplier<VmResult> task) throws Exception {
        VmResult[] result = new VmResult[1];
        Throwable[] thrown = new Throwable[1];
        Thread t = new Thread(null, () -> {
            try {
                result[0] = task.get();
            } catch (Throwable e) {
                thrown[0] = e;
            }
        }, "small-stack host", stackBytes);
        t.start();
        t.join();
        if (thrown[0] != null) throw new AssertionError("Vm.run threw", thrown[0]);
        return result[0];
    }

    @Test
    void compiledRecursionOnAHostThreadWithASmallStack() throws Exception {
        // every function compiled at its first call, so guest calls nest compiled activations on
        // the JVM stack, up to FunctionCompiler.MAX_DEPTH: more than 192 KB of stack holds
        for (int threshold : new int[] {1, 0}) {
            VmResult r = onThread(192 * 1024, () -> Vm.builder().memoryMb(16).jitThreshold(threshold).build()
                    .run(DEEP_THEN_RUNAWAY));
            assertEquals("5000\n", r.output(), "threshold " + threshold);
            assertEquals(Outcome.RUNTIME_ERROR, r.outcome(), r.errorDetail());
            assertTrue(r.errorDetail().startsWith("stack overflow"), r.errorDetail());
            assertEquals(3, r.errorLine()); // in g
        }
    }

    @Test
    void interruptingTheCallingThreadStopsTheRun() throws Exception {
        Thread caller = Thread.currentThread();
        Thread interrupter = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            }
            caller.interrupt();
            try {
                Thread.sleep(200); // still alive when the caller joins it
            } catch (InterruptedException e) {
                // ends
            }
        });
        interrupter.start();
        VmResult r = Vm.builder().memoryMb(4).timeout(Duration.ofMinutes(5)).build()
                .run("i = 0; while (true) { i = i + 1; }");
        // read (and clear) the flag before joining: a join while interrupted throws, if the
        // interrupter has not quite ended yet
        boolean kept = Thread.interrupted();
        interrupter.join();
        assertEquals(Outcome.TIMEOUT, r.outcome());
        assertEquals("interrupted", r.errorDetail());
        assertTrue(kept, "the caller's interrupt is kept for it");
    }

    @Test
    void aCallerAlreadyInterruptedStopsAtOnce() {
        Thread.currentThread().interrupt();
        VmResult r = Vm.builder().memoryMb(4).build().run("i = 0; while (true) { i = i + 1; }");
        assertEquals(Outcome.TIMEOUT, r.outcome());
        assertEquals("interrupted", r.errorDetail());
        assertTrue(Thread.interrupted(), "the caller's interrupt is kept for it");
    }
}
