package io.gcvm.bench;

import io.gcvm.Vm;
import io.gcvm.VmResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The interpreter loop, through the library's front door: {@link Vm#run(String, int)} compiles
 * the program, makes a fresh heap and runs it (so each operation includes compiling a few lines
 * and allocating the heap's region; both are small next to the loops here).
 *
 * <ul>
 *   <li>{@link #arithmeticLoop}: 200,000 iterations of integer arithmetic, comparisons and
 *       local variable traffic, no allocation;</li>
 *   <li>{@link #fib}: fib(22) by naive recursion, about 57,000 calls;</li>
 *   <li>{@link #recordFields}: 100,000 reads and writes of named record fields.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class InterpreterBench {

    static final String LOOP = String.join("\n",
            "f = fun(n) {",
            "  i = 0; s = 0;",
            "  while (i < n) {",
            "    s = s + i * 3 - (i / 7);",
            "    if (s > 1000000) { s = s - 1000000; }",
            "    i = i + 1;",
            "  }",
            "  return s;",
            "};",
            "print(f(200000));");

    static final String FIB = String.join("\n",
            "fib = fun(n) { if (n < 2) { return n; } return fib(n - 1) + fib(n - 2); };",
            "print(fib(22));");

    static final String FIELDS = String.join("\n",
            "f = fun(n) {",
            "  p = {x: 0; y: 0; z: 0;};",
            "  i = 0;",
            "  while (i < n) { p.x = p.x + 1; p.y = p.y + p.x; p.z = p.y - p.x; i = i + 1; }",
            "  return p.z;",
            "};",
            "print(f(100000));");

    static final int MEM_MB = 4;

    @Setup
    public void check() {
        expect(LOOP, "657142\n");
        expect(FIB, "17711\n");
        expect(FIELDS, "704982704\n");   // 4999950000, wrapped to 32 bits
    }

    private static void expect(String source, String output) {
        VmResult r = Vm.run(source, MEM_MB);
        if (!r.ok()) throw new IllegalStateException("benchmark program failed: " + r.errorText());
        if (!r.output().equals(output)) throw new IllegalStateException("unexpected output " + r.output());
    }

    @Benchmark
    public String arithmeticLoop() {
        return Vm.run(LOOP, MEM_MB).output();
    }

    @Benchmark
    public String fib() {
        return Vm.run(FIB, MEM_MB).output();
    }

    @Benchmark
    public String recordFields() {
        return Vm.run(FIELDS, MEM_MB).output();
    }
}
