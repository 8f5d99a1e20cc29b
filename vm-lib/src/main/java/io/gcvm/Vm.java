package io.gcvm;

import io.gcvm.bytecode.Program;
import io.gcvm.heap.GcListener;
import io.gcvm.heap.Heap;
import io.gcvm.heap.HeapStats;
import io.gcvm.heap.gc.HeapVerifier;
import io.gcvm.interp.GuestError;
import io.gcvm.interp.GuestIO;
import io.gcvm.interp.Interpreter;
import io.gcvm.mitscript.compiler.Compiler;
import io.gcvm.mitscript.syntax.SyntaxError;
import io.gcvm.util.BigStack;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A MITScript virtual machine whose guest heap is bounded by a memory limit.
 *
 * <pre>{@code
 *   VmResult r = Vm.run("print(1 + 2);", 16);          // output "3\n", outcome OK
 *
 *   VmResult r = Vm.builder().memoryMb(8)
 *           .stdin(System.in).stdout(System.out)
 *           .gcStress(true).verifyHeap(true)
 *           .timeout(Duration.ofSeconds(10))
 *           .build().run(source);
 * }</pre>
 *
 * A {@code Vm} holds only its settings; each {@link #run} gets a heap of its own, so any number
 * of runs may go on at once in one JVM, on any threads, and never see each other's data.
 */
public final class Vm {
    private final int memoryMb;
    private final InputStream stdin;
    private final OutputStream stdout;
    private final boolean gcStress;
    private final boolean verifyHeap;
    private final GcListener gcListener;
    private final Duration timeout;
    private final boolean collectAtExit;
    private final boolean liveness;
    private final boolean compaction;
    private final boolean generational;
    private final boolean stressMove;
    private final long stressInterval;
    private final int jitThreshold;
    private final int jitBudget;

    private Vm(Builder b) {
        this.memoryMb = b.memoryMb;
        this.stdin = b.stdin;
        this.stdout = b.stdout;
        this.gcStress = b.gcStress;
        this.verifyHeap = b.verifyHeap;
        this.gcListener = b.gcListener;
        this.timeout = b.timeout;
        this.collectAtExit = b.collectAtExit;
        this.liveness = b.liveness;
        this.compaction = b.compaction;
        this.generational = b.generational;
        this.stressMove = b.stressMove;
        this.stressInterval = b.stressInterval;
        this.jitThreshold = b.jitThreshold;
        this.jitBudget = b.jitBudget;
    }

    /** Runs {@code source} with a {@code memMb} megabyte heap, no input, output captured. */
    public static VmResult run(String source, int memMb) {
        return builder().memoryMb(memMb).build().run(source);
    }

    /** Calls after which a guest function is compiled, unless {@link Builder#jitThreshold} says otherwise. */
    public static final int DEFAULT_JIT_THRESHOLD = 500;

    /**
     * Class-file bytes compiled per run unless {@link Builder#jitBudget} says otherwise. Each
     * compiled class costs the process memory outside the managed heap (the class, its machine
     * code, the JVM compiler's memory while making it), which counts against -mem N + 5 MB as
     * the outside meter sees it. With one JVM compiler thread, whose memory is reused from one
     * compile to the next, and classes that keep values in JVM locals, 16 KB left the stress
     * programs' smallest margin where 4 KB had it (tools/rss-meter.sh: hash_table 0.7-0.9 MB
     * against 0.4; the others 1.0-1.9 against 1.1-2.2), and compiled what the benchmarks'
     * hot code needs: bignum 35 %, closures 26 %, life 24 % faster (vm-bench/ab.sh).
     */
    public static final int DEFAULT_JIT_BUDGET = 16 * 1024;

    public static Builder builder() { return new Builder(); }

    /** Compiles without running (for {@code --disassemble} and tools). */
    public static Program compile(String source) throws SyntaxError {
        return Compiler.compile(source);
    }

    /**
     * Compiles and runs {@code source}. Never throws for anything the guest program does. The
     * run takes place on a thread with a big stack ({@link BigStack}), whatever the calling
     * thread's stack; this thread waits for it, and an interrupt of it stops the run
     * ({@link Outcome#TIMEOUT}, "interrupted").
     */
    public VmResult run(String source) {
        return BigStack.call(new java.util.concurrent.Callable<VmResult>() { // not a lambda: see BigStack
            @Override
            public VmResult call() { return runHere(source); }
        }, RuntimeException.class);
    }

    private VmResult runHere(String source) {
        long start = System.nanoTime();
        Program program;
        try {
            program = Compiler.compile(source);
        } catch (SyntaxError e) {
            return new VmResult(Outcome.SYNTAX_ERROR, e.detail(), e.line(), e.col(),
                    stdout == null ? "" : null, emptyStats(), System.nanoTime() - start);
        }
        ByteArrayOutputStream captured = stdout == null ? new ByteArrayOutputStream() : null;
        GuestIO io = new GuestIO(stdin, stdout == null ? captured : stdout);
        Heap heap;
        try {
            heap = new Heap(memoryMb, new Heap.Options(gcStress, stressMove, compaction, verifyHeap, stressInterval, generational), gcListener);
        } catch (OutOfMemoryError e) {
            long maxMb = Runtime.getRuntime().maxMemory() >> 20;
            return new VmResult(Outcome.CANNOT_START, "cannot reserve the " + memoryMb + " MB heap: the JVM may use only "
                    + maxMb + " MB (-Xmx); give it at least " + (memoryMb + 48) + " MB, as the gcvm launcher does",
                    0, 0, stdout == null ? "" : null, emptyStats(), System.nanoTime() - start);
        }
        long deadline = timeout == null ? 0 : start + timeout.toNanos();
        if (deadline == 0 && timeout != null) deadline = 1;
        Interpreter interpreter = new Interpreter(program, heap, io, deadline, liveness, jitThreshold, jitBudget);
        Outcome outcome = Outcome.OK;
        String detail = null;
        int line = 0;
        try {
            interpreter.run();
            if (collectAtExit) heap.collect("exit");
        } catch (GuestError e) {
            outcome = e.kind;
            detail = e.detail;
            line = e.line();
        } catch (HeapVerifier.HeapCorruption e) {
            outcome = Outcome.INTERNAL_ERROR;
            detail = "heap verification failed: " + e.getMessage();
        } catch (UncheckedIOException e) {
            outcome = Outcome.INTERNAL_ERROR;
            detail = "I/O error: " + e.getCause().getMessage();
        } catch (RuntimeException | StackOverflowError e) {
            outcome = Outcome.INTERNAL_ERROR;
            detail = "VM bug: " + e;
        } finally {
            try {
                io.flush(true);
            } catch (UncheckedIOException e) {
                if (outcome == Outcome.OK) {
                    outcome = Outcome.INTERNAL_ERROR;
                    detail = "I/O error: " + e.getCause().getMessage();
                }
            }
        }
        String output = captured == null ? null : captured.toString(StandardCharsets.ISO_8859_1);
        return new VmResult(outcome, detail, line, 0, output, heap.stats(), System.nanoTime() - start);
    }

    private HeapStats emptyStats() {
        return new HeapStats((long) memoryMb << 20, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /** Settings of a {@link Vm}. */
    public static final class Builder {
        private int memoryMb = 64;
        private InputStream stdin;
        private OutputStream stdout;
        private boolean gcStress;
        private boolean verifyHeap;
        private GcListener gcListener;
        private Duration timeout;
        private boolean collectAtExit;
        private boolean liveness = true;
        private boolean compaction = true;
        private boolean generational = true;
        private boolean stressMove;
        private long stressInterval;
        private int jitThreshold = DEFAULT_JIT_THRESHOLD;
        private int jitBudget = DEFAULT_JIT_BUDGET;

        /** The heap limit, the {@code -mem N} of the CLI (default 64). */
        public Builder memoryMb(int mb) {
            if (mb < 1) throw new IllegalArgumentException("memory limit must be at least 1 MB, got " + mb);
            this.memoryMb = mb;
            return this;
        }

        /** Where {@code input()} reads from (default: nothing, every read is end of input). */
        public Builder stdin(InputStream in) { this.stdin = in; return this; }

        /** Where {@code print} writes to (default: captured into {@link VmResult#output()}). */
        public Builder stdout(OutputStream out) { this.stdout = out; return this; }

        /** Collect at every allocation (slow; finds rooting bugs). */
        public Builder gcStress(boolean on) { this.gcStress = on; return this; }

        /** Check the whole heap after every collection. */
        public Builder verifyHeap(boolean on) { this.verifyHeap = on; return this; }

        /** Told about every collection. */
        public Builder gcListener(GcListener l) { this.gcListener = l; return this; }

        /** Stop the program with outcome {@link Outcome#TIMEOUT} after this long. */
        public Builder timeout(Duration t) { this.timeout = t; return this; }

        /**
         * Run one more full collection when the program ends normally, while its globals and
         * top-level frame are still roots, so {@link HeapStats#liveBytesAfterLastGc()} is
         * exactly what the finished program still holds.
         */
        public Builder collectAtExit(boolean on) { this.collectAtExit = on; return this; }

        /**
         * Use the compiler's stack maps (default on): a local that will not be read again is not
         * a root. Off, every local is a root until its function returns (for comparison).
         */
        public Builder liveness(boolean on) { this.liveness = on; return this; }

        /**
         * Compact fragmented size classes when a collection alone leaves no room (default on).
         * Off, the collector only marks and sweeps (for comparison).
         */
        public Builder compaction(boolean on) { this.compaction = on; return this; }

        /**
         * Minor collections (on by default): most collections trace only the objects allocated
         * since the last one; off, every collection traces the whole heap.
         */
        public Builder generational(boolean on) { this.generational = on; return this; }

        /** With {@link #gcStress}: move every movable object at every collection. */
        public Builder gcStressMove(boolean on) { this.stressMove = on; return this; }

        /**
         * With {@link #gcStress}: collect once every {@code bytes} bytes allocated instead of at
         * every allocation, so {@code peakLiveBytes} is exact to within {@code bytes} at a
         * fraction of the cost (0, the default: every allocation).
         */
        public Builder gcStressInterval(long bytes) {
            if (bytes < 0) throw new IllegalArgumentException("interval must be >= 0");
            this.stressInterval = bytes;
            return this;
        }

        /**
         * Compile a guest function to JVM bytecode once it has been called this many times
         * (default {@value #DEFAULT_JIT_THRESHOLD}); 0: never, everything is interpreted. The
         * output is the same either way; compiled functions run faster.
         */
        public Builder jitThreshold(int calls) {
            if (calls < 0) throw new IllegalArgumentException("threshold must be >= 0");
            this.jitThreshold = calls;
            return this;
        }

        /**
         * Class-file bytes a run compiles at most, hot functions and loops together (default
         * {@value #DEFAULT_JIT_BUDGET}); what gets hot after that stays interpreted. Compiled
         * code lives outside the managed heap, in the JVM: the budget bounds what it adds to
         * the process, whatever the program's size.
         */
        public Builder jitBudget(int bytes) {
            if (bytes < 0) throw new IllegalArgumentException("budget must be >= 0");
            this.jitBudget = bytes;
            return this;
        }

        public Vm build() { return new Vm(this); }
    }
}
