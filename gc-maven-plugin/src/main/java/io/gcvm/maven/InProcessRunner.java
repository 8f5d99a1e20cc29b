package io.gcvm.maven;

import io.gcvm.Vm;
import io.gcvm.VmResult;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;

/**
 * Runs a program through the library in the build's own JVM. Every run gets a {@link Vm} and a
 * heap of its own, so runs on different threads never share anything; standard output is
 * captured, standard input is {@code X.mit.in} (or nothing).
 */
public final class InProcessRunner implements Runner {
    private final boolean gcStress;
    private final boolean verifyHeap;
    private final boolean gcStressMove;
    private final long gcStressInterval;

    public InProcessRunner(boolean gcStress, boolean verifyHeap) {
        this(gcStress, verifyHeap, false, 0);
    }

    /** With stress: {@code move} moves every movable object at every collection; {@code interval} > 0 collects every so many bytes. */
    public InProcessRunner(boolean gcStress, boolean verifyHeap, boolean move, long interval) {
        this.gcStress = gcStress || move || interval > 0;
        this.verifyHeap = verifyHeap;
        this.gcStressMove = move;
        this.gcStressInterval = interval;
    }

    @Override
    public String mode() { return "in-process"; }

    @Override
    public RunData run(Job job) throws Exception {
        // ISO-8859-1, as the CLI reads programs: every byte is one character
        String source = new String(Files.readAllBytes(job.file()), StandardCharsets.ISO_8859_1);
        GcSeries series = new GcSeries();
        InputStream in = job.stdin() == null ? null : new BufferedInputStream(Files.newInputStream(job.stdin()));
        try {
            VmResult r = Vm.builder()
                    .memoryMb(job.memMb())
                    .stdin(in)
                    .gcListener(series)
                    .timeout(Duration.ofSeconds(job.timeoutSec()))
                    .gcStress(gcStress)
                    .verifyHeap(verifyHeap)
                    .gcStressMove(gcStressMove)
                    .gcStressInterval(gcStressInterval)
                    .build()
                    .run(source);
            return new RunData(r.outcome(), r.errorDetail(), r.errorLine(), r.errorColumn(),
                    r.output() == null ? "" : r.output(), r.heap(), r.elapsedNanos(), series, null, null);
        } finally {
            if (in != null) in.close();
        }
    }
}
