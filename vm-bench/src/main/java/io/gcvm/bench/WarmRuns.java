package io.gcvm.bench;

import io.gcvm.Vm;
import io.gcvm.VmResult;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * One benchmark run many times in one JVM, each run a new {@link Vm} (its own heap, its own
 * compiled code), to tell a run's execution from the JVM's start: the first run pays for the
 * JVM's class loading and for compiling our interpreter loop, later ones do not (they still
 * compile the guest's hot code again, as every new VM does). Every run's output is checked.
 *
 * <pre>java -cp benchmarks.jar io.gcvm.bench.WarmRuns PROGRAM.mit MEM_MB RUNS INPUT EXPECTED</pre>
 *
 * Prints every run's wall time, then the first and the median of the others.
 */
public final class WarmRuns {
    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: WarmRuns PROGRAM.mit MEM_MB RUNS INPUT EXPECTED");
            System.exit(64);
        }
        String source = Files.readString(Path.of(args[0]));
        int mem = Integer.parseInt(args[1]), runs = Integer.parseInt(args[2]);
        byte[] input = Files.readAllBytes(Path.of(args[3]));
        String expected = Files.readString(Path.of(args[4]));
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            long t0 = System.nanoTime();
            VmResult r = Vm.builder().memoryMb(mem).stdin(new ByteArrayInputStream(input)).stdout(out).build().run(source);
            ms[i] = (System.nanoTime() - t0) / 1e6;
            String got = out.toString(StandardCharsets.UTF_8);
            if (!r.ok() || !got.equals(expected)) {
                System.err.println("run " + (i + 1) + ": " + (r.ok() ? "output differs from " + args[4] : r.outcome() + " " + r.errorDetail()));
                System.exit(1);
            }
        }
        StringBuilder line = new StringBuilder("runs (ms):");
        for (double t : ms) line.append(String.format(" %.0f", t));
        System.out.println(line);
        double[] later = Arrays.copyOfRange(ms, 1, runs);
        Arrays.sort(later);
        System.out.printf("first %.0f ms, median of the other %d: %.0f ms%n", ms[0], later.length,
                later.length == 0 ? Double.NaN : later[later.length / 2]);
    }
}
