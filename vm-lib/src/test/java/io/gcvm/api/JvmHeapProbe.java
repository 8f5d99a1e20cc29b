package io.gcvm.api;

import io.gcvm.Outcome;
import io.gcvm.Vm;
import io.gcvm.VmResult;

import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;

/**
 * Run in a JVM of its own (with the launcher's settings) by {@link MemoryLimitTest}: measures
 * how much the JVM's heap grows, after full JVM collections, while a guest program that holds
 * {@code n} list elements live waits in {@code input()}. Prints {@code growth=<bytes>}.
 *
 * <p>args: memMb n rounds
 */
public final class JvmHeapProbe {
    public static void main(String[] args) throws Exception {
        int memMb = Integer.parseInt(args[0]);
        int n = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        MemoryMXBean mx = ManagementFactory.getMemoryMXBean();
        PipedOutputStream feed = new PipedOutputStream();
        PipedInputStream stdin = new PipedInputStream(feed, 64);
        feed.write((n + "\n" + rounds + "\n").getBytes(StandardCharsets.US_ASCII));
        feed.flush();
        // warm up the classes a run uses, so the baseline includes them
        Vm.run("print(1);", 1);
        long before = usedAfterGc(mx);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        VmResult[] result = new VmResult[1];
        Thread runner = new Thread(() ->
                result[0] = Vm.builder().memoryMb(memMb).stdin(stdin).stdout(out).build().run(MemoryLimitTest.LIVE_SET));
        runner.start();
        // the program blocks in its third input() once its live set is built and its garbage made:
        // wait until the thread running it (the VM's own, started by Vm.run) is inside the pipe's
        // read (the first two lines were there at once, so nothing blocked before), not merely
        // waiting for something else such as the compiler
        Thread reader;
        do {
            Thread.sleep(50);
            reader = readingInput();
        } while (runner.isAlive() && reader == null);
        Thread.sleep(300);
        Thread.State state = reader == null ? Thread.State.TERMINATED : reader.getState();
        long during = usedAfterGc(mx);
        feed.write("go\n".getBytes(StandardCharsets.US_ASCII));
        feed.close();
        runner.join();
        if (result[0].outcome() != Outcome.OK) throw new AssertionError(result[0].errorText());
        if (!out.toString(StandardCharsets.US_ASCII).equals(n + "\n")) throw new AssertionError(out.toString());
        System.out.println("state=" + state);
        System.out.println("growth=" + (during - before));
    }

    /** The thread inside a read of the pipe, or null. */
    private static Thread readingInput() {
        for (java.util.Map.Entry<Thread, StackTraceElement[]> t : Thread.getAllStackTraces().entrySet()) {
            for (StackTraceElement e : t.getValue()) {
                if (e.getClassName().equals(PipedInputStream.class.getName())) return t.getKey();
            }
        }
        return null;
    }

    private static long usedAfterGc(MemoryMXBean mx) throws InterruptedException {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
            best = Math.min(best, mx.getHeapMemoryUsage().getUsed());
        }
        return best;
    }
}
