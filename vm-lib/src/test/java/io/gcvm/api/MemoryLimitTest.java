package io.gcvm.api;

import io.gcvm.Outcome;
import io.gcvm.Vm;
import io.gcvm.VmResult;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The -mem limit is the VM's, not the JVM's: a live set that fits completes, a slightly larger
 * one stops with OutOfMemoryException, whatever -Xmx the JVM runs with; and guest data really
 * lives in the managed region, as the JVM's own heap meter shows.
 */
class MemoryLimitTest {

    /**
     * Keeps {@code n} records (each with a 40-byte string) live in a list, while making
     * {@code garbageRounds} rounds of short-lived garbage, then prints the list's length.
     */
    static final String LIVE_SET = String.join("\n",
            "n = intcast(input()); rounds = intcast(input());",
            "l = None; i = 0;",
            "while (i < n) { l = {next: l; s: \"abcdefghijabcdefghijabcdefghijabcdefghij\" + i;}; i = i + 1; }",
            "r = 0;",
            "while (r < rounds) { g = None; j = 0; while (j < 1000) { g = {next: g; v: j;}; j = j + 1; } r = r + 1; }",
            "marker = input();",
            "c = 0; p = l; while (!(p == None)) { c = c + 1; p = p.next; }",
            "print(c);", "");

    static VmResult runLiveSet(int memMb, int n, int rounds) {
        String in = n + "\n" + rounds + "\ngo\n";
        return Vm.builder().memoryMb(memMb)
                .stdin(new ByteArrayInputStream(in.getBytes(StandardCharsets.US_ASCII)))
                .build().run(LIVE_SET);
    }

    @Test
    void aLiveSetThatFitsCompletesAndASlightlyLargerOneRunsOutOfMemory() {
        int limitMb = 8;
        long limit = (long) limitMb << 20;
        long bytesPer = bytesPerElement();
        int fits = (int) (limit * 0.85 / bytesPer);
        int tooMany = (int) (limit * 1.02 / bytesPer);

        VmResult ok = runLiveSet(limitMb, fits, 200);
        assertEquals(Outcome.OK, ok.outcome(), ok.errorText());
        assertEquals(fits + "\n", ok.output());
        assertTrue(ok.heap().peakFootprintBytes() <= limit);
        assertTrue(ok.heap().collections() > 0, "the garbage rounds forced collections");

        VmResult oom = runLiveSet(limitMb, tooMany, 0);
        assertEquals(Outcome.OUT_OF_MEMORY, oom.outcome());
        assertTrue(oom.errorDetail().contains("limit 8 MB"), oom.errorDetail());
        assertTrue(oom.errorDetail().matches(".*live heap \\d+ bytes.*"), oom.errorDetail());
        assertTrue(oom.heap().peakFootprintBytes() <= limit);
    }

    /** Live bytes one more list element costs: the difference of two exact end-of-run measurements. */
    static long bytesPerElement() {
        int n1 = 10_000, n2 = 20_000;
        long live1 = liveAtExit(n1), live2 = liveAtExit(n2);
        long per = (live2 - live1) / (n2 - n1);
        assertTrue(per > 0 && (live2 - live1) % (n2 - n1) == 0, "every element costs the same: " + live1 + ", " + live2);
        return per;
    }

    static long liveAtExit(int n) {
        VmResult r = Vm.builder().memoryMb(32).collectAtExit(true)
                .stdin(new ByteArrayInputStream((n + "\n0\ngo\n").getBytes(StandardCharsets.US_ASCII)))
                .build().run(LIVE_SET);
        assertEquals(Outcome.OK, r.outcome(), r.errorText());
        return r.heap().liveBytesAfterLastGc();
    }

    @Test
    void aJvmTooSmallForTheHeapIsAClearErrorNotAStackTrace() throws Exception {
        Path prog = java.nio.file.Files.createTempFile("one", ".mit");
        java.nio.file.Files.writeString(prog, "print(1);");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx32m",
                "-cp", System.getProperty("java.class.path"), "io.gcvm.cli.Main", "-mem", "64", prog.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        java.nio.file.Files.delete(prog);
        assertEquals(Outcome.CANNOT_START.exitCode(), p.exitValue(), out);
        assertTrue(out.startsWith("CannotStart: cannot reserve the 64 MB heap"), out);
        assertTrue(!out.contains("Exception in thread"), out);
    }

    @Test
    void theOutcomeDoesNotDependOnTheJvmHeapSize() throws Exception {
        long bytesPer = bytesPerElement();
        int limitMb = 8;
        int fits = (int) (((long) limitMb << 20) * 0.85 / bytesPer);
        int tooMany = (int) (((long) limitMb << 20) * 1.05 / bytesPer);
        for (String xmx : List.of("-Xmx64m", "-Xmx2g")) {
            assertEquals(0, fork(xmx, limitMb, fits), "fits, with " + xmx);
            assertEquals(Outcome.OUT_OF_MEMORY.exitCode(), fork(xmx, limitMb, tooMany), "too many, with " + xmx);
        }
    }

    private static int fork(String xmx, int mem, int n) throws IOException, InterruptedException {
        Path prog = java.nio.file.Files.createTempFile("liveset", ".mit");
        java.nio.file.Files.writeString(prog, LIVE_SET);
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), xmx,
                "-cp", System.getProperty("java.class.path"), "io.gcvm.cli.Main", "-mem", String.valueOf(mem), prog.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().write((n + "\n0\ngo\n").getBytes(StandardCharsets.US_ASCII));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        java.nio.file.Files.delete(prog);
        int code = p.exitValue();
        if (code == 0) assertEquals(n + "\n", out);
        else assertTrue(out.contains("OutOfMemoryException: "), out);
        return code;
    }

    /**
     * While a program holding most of its limit in live data waits in input(), the JVM's heap
     * (after full JVM collections) exceeds what it held before the run by no more than the
     * managed region plus a little; and that little does not grow when the program has
     * allocated many times more on the way. Measured in a JVM of its own with the launcher's
     * settings ({@link JvmHeapProbe}).
     */
    @Test
    void guestDataLivesInTheManagedRegionNotInTheJvmHeap() throws Exception {
        int memMb = 32;
        long region = (long) memMb << 20;
        int n = (int) (region * 0.7 / bytesPerElement());
        long few = probeGrowth(memMb, n, 10);
        long many = probeGrowth(memMb, n, 400);
        long slack = 1L << 20;
        assertTrue(few <= region + slack, "JVM heap grew by " + few + " bytes for a " + region + "-byte region");
        assertTrue(many <= region + slack, "JVM heap grew by " + many + " bytes for a " + region + "-byte region");
        assertTrue(Math.abs(many - few) <= (256L << 10),
                "what the JVM holds must not depend on how much the guest allocated: " + few + " vs " + many);
    }

    private static long probeGrowth(int memMb, int n, int rounds) throws Exception {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-Xmx" + (memMb + 48) + "m",
                "-cp", System.getProperty("java.class.path"), JvmHeapProbe.class.getName(),
                String.valueOf(memMb), String.valueOf(n), String.valueOf(rounds));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("state=WAITING") || out.contains("state=TIMED_WAITING"), out);
        return Long.parseLong(out.substring(out.indexOf("growth=") + 7).trim());
    }
}
