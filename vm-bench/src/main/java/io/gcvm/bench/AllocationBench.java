package io.gcvm.bench;

import io.gcvm.heap.Heap;
import io.gcvm.heap.ObjectKind;
import io.gcvm.heap.RootSet;
import io.gcvm.heap.Value;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * The allocator's paths, on a bare {@link Heap}: {@code allocate(TABLE, words)} in a loop, each
 * object dropped at once (or kept among the last {@code kept} allocated, through a small root
 * set), so the time per allocation is the fast path plus its share of the collections the
 * allocation causes. {@code words} counts the header; 600 words is above the small-object
 * limit (512) and goes to the large-object space.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AllocationBench {
    static final int BATCH = 10_000;

    @Param({"3", "8", "32", "600"})
    public int words;

    /** How many of the most recent objects stay rooted. */
    @Param({"0", "16"})
    public int kept;

    @Param({"16"})
    public int memMb;

    private Heap heap;
    private long[] roots;
    private int next;

    @Setup
    public void setUp() {
        heap = new Heap(memMb, false, false, null);
        roots = new long[Math.max(kept, 1)];
        RootSet rs = visitor -> {
            for (int i = 0; i < roots.length; i++) roots[i] = visitor.visit(roots[i]);
        };
        heap.setRoots(kept == 0 ? visitor -> { } : rs);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void allocate(Blackhole bh) {
        Heap h = heap;
        if (kept == 0) {
            int last = 0;
            for (int i = 0; i < BATCH; i++) last = h.allocate(ObjectKind.TABLE, words);
            bh.consume(last);
        } else {
            long[] r = roots;
            int n = next;
            for (int i = 0; i < BATCH; i++) {
                int a = h.allocate(ObjectKind.TABLE, words);
                h.mem[a + 1] = Value.ofInt(i);
                r[n] = Value.pointer(Value.TAG_OBJ, a);
                if (++n == r.length) n = 0;
            }
            next = n;
        }
    }
}
