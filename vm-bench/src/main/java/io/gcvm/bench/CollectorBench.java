package io.gcvm.bench;

import io.gcvm.heap.Heap;
import io.gcvm.heap.ObjectKind;
import io.gcvm.heap.Value;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Marking and sweeping: a heap holding a prepared live graph of {@code live} objects (tables of
 * two references and an int: each node points to the one made before it and to a random
 * earlier one, so marking follows a long chain with cross links), rooted by its last node.
 *
 * <ul>
 *   <li>{@link #collectLive}: a full {@code collect} with nothing to free: marking all of the
 *       graph and sweeping its blocks;</li>
 *   <li>{@link #collectWithGarbage}: the same after {@code garbage} dead objects were allocated
 *       (outside the timing), so the sweep also frees them.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CollectorBench {

    @Param({"10000", "100000"})
    public int live;

    @Param({"100000"})
    public int garbage;

    @Param({"64"})
    public int memMb;

    private Heap heap;
    private final long[] root = new long[1];

    @Setup(Level.Trial)
    public void build() {
        heap = new Heap(memMb, false, false, null);
        long[] nodes = new long[live];   // every node stays rooted while the graph is built
        heap.setRoots(v -> {
            for (int i = 0; i < nodes.length; i++) nodes[i] = v.visit(nodes[i]);
            root[0] = v.visit(root[0]);
        });
        SplittableRandom rnd = new SplittableRandom(42);
        for (int i = 0; i < live; i++) {
            int a = heap.allocate(ObjectKind.TABLE, 4);
            long[] mem = heap.mem;
            mem[a + 1] = i > 0 ? nodes[i - 1] : Value.NONE;
            mem[a + 2] = i > 1 ? nodes[rnd.nextInt(i - 1)] : Value.NONE;
            mem[a + 3] = Value.ofInt(i);
            nodes[i] = Value.pointer(Value.TAG_OBJ, a);
        }
        root[0] = nodes[live - 1];
        java.util.Arrays.fill(nodes, Value.NONE);
        heap.collect("bench");
        long expected = heap.chargedWords(4) * 8L * live;
        if (heap.stats().liveBytesAfterLastGc() != expected) {
            throw new IllegalStateException("live graph: " + heap.stats().liveBytesAfterLastGc()
                    + " bytes live, expected " + expected);
        }
    }

    @Setup(Level.Invocation)
    public void makeGarbage(org.openjdk.jmh.infra.BenchmarkParams params) {
        if (!params.getBenchmark().endsWith("collectWithGarbage")) return;
        for (int i = 0; i < garbage; i++) heap.allocate(ObjectKind.TABLE, 4);
    }

    @Benchmark
    public long collectLive() {
        heap.collect("bench");
        return heap.stats().liveBytesAfterLastGc();
    }

    @Benchmark
    public long collectWithGarbage() {
        heap.collect("bench");
        return heap.stats().liveBytesAfterLastGc();
    }
}
