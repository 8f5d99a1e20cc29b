package io.gcvm.maven;

import io.gcvm.Outcome;
import io.gcvm.heap.GcEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Reading back what the CLI prints, as fork mode does. */
class ForkParseTest {
    static final String STATS = String.join("\n",
            "[gc #1 full] 1024K -> 512K (live 400K, limit 2048K) pause 1.500 ms",
            "[gc #2 compact] 2000K -> 1990K (live 1980K, limit 2048K, moved 12K) pause 0.250 ms",
            "heap limit:        2097152 bytes",
            "collections:       2",
            "total pause:       1.750 ms",
            "longest pause:     1.500 ms",
            "bytes allocated:   3000000",
            "objects allocated: 4000",
            "peak footprint:    2090000 bytes",
            "live after last gc: 2027520 bytes",
            "peak live:         2027520 bytes",
            "final footprint:   2040000 bytes",
            "time:              12.345 ms", "");

    @Test
    void theBaselineIsTheMedianOfItsRunsAndFailsWithAnyOfThem() {
        assertEquals(38_300, ForkRunner.medianOrFailed(new long[] {38_300, 37_800, 38_700}));
        assertEquals(37_900, ForkRunner.medianOrFailed(new long[] {37_900, 37_800, 38_700}));
        assertEquals(-1, ForkRunner.medianOrFailed(new long[] {38_300, -1, 38_700}));
    }

    @Test
    void normalEnd(@TempDir Path dir) throws Exception {
        Path err = dir.resolve("err");
        Files.writeString(err, STATS);
        RunData r = ForkRunner.parse(2, 0, false, 10, "a\nb\n", err, 99);
        assertEquals(Outcome.OK, r.outcome());
        assertEquals("a\nb\n", r.output());
        assertEquals(12_345_000, r.elapsedNanos());
        assertEquals(2097152, r.heap().limitBytes());
        assertEquals(2, r.heap().collections());
        assertEquals(1_750_000, r.heap().totalPauseNanos());
        assertEquals(1_500_000, r.heap().maxPauseNanos());
        assertEquals(3_000_000, r.heap().bytesAllocated());
        assertEquals(2_090_000, r.heap().peakFootprintBytes());
        assertEquals(2_027_520, r.heap().liveBytesAfterLastGc());
        List<GcEvent> pts = r.series().points();
        assertEquals(2, pts.size());
        assertEquals(new GcEvent(1, "full", 1024 * 1024, 512 * 1024, 400 * 1024, 2048 * 1024,
                1_500_000, -1, 0), pts.get(0));
        assertEquals(12 * 1024, pts.get(1).movedBytes());
        assertEquals(250_000, pts.get(1).pauseNanos());
        assertEquals(GcSeries.FROM_GC_LOG, r.series().precision());
        assertNull(r.launchError());
    }

    @Test
    void guestErrorsAreTakenFromTheLastLine(@TempDir Path dir) throws Exception {
        Path err = dir.resolve("err");
        Files.writeString(err, STATS);
        RunData oom = ForkRunner.parse(2, 3, false, 10, "start\nOutOfMemoryException: " + JudgeTest.OOM
                + " (line 4)\n", err, 99);
        assertEquals(Outcome.OUT_OF_MEMORY, oom.outcome());
        assertEquals(JudgeTest.OOM, oom.errorDetail());
        assertEquals(4, oom.errorLine());
        assertEquals("start\n", oom.output());

        RunData cast = ForkRunner.parse(2, 1, false, 10, "IllegalCastException: cannot add int and None (line 2)\n",
                err, 99);
        assertEquals(Outcome.ILLEGAL_CAST, cast.outcome());
        assertEquals("cannot add int and None", cast.errorDetail());
        assertEquals(2, cast.errorLine());
        assertEquals("", cast.output());

        RunData syntax = ForkRunner.parse(2, 2, false, 10, "Error in line 2, col 1: expected ';' before 'y'\n", err, 9);
        assertEquals(Outcome.SYNTAX_ERROR, syntax.outcome());
        assertEquals(2, syntax.errorLine());
        assertEquals(1, syntax.errorColumn());
        assertEquals("expected ';' before 'y'", syntax.errorDetail());

        RunData timeout = ForkRunner.parse(2, 4, false, 1, "x\nTimeout: time limit exceeded (line 1)\n", err, 9);
        assertEquals(Outcome.TIMEOUT, timeout.outcome());
        assertEquals("x\n", timeout.output());

        RunData glued = ForkRunner.parse(2, 1, false, 1, "partialRuntimeException: boom\n", err, 9);
        assertEquals(Outcome.RUNTIME_ERROR, glued.outcome());
        assertEquals("partial", glued.output());
    }

    @Test
    void launchProblems(@TempDir Path dir) throws Exception {
        Path err = dir.resolve("err");
        Files.writeString(err, "gcvm: unknown option --bogus\nusage: gcvm [options] prog.mit\n");
        RunData usage = ForkRunner.parse(2, 64, false, 10, "", err, 9);
        assertNull(usage.outcome());
        assertTrue(usage.launchError().startsWith("the forked VM exited with status 64; its standard error: gcvm: "
                + "unknown option --bogus"), usage.launchError());

        Files.writeString(err, "Error: Could not find or load main class io.gcvm.cli.Main\n");
        RunData noMain = ForkRunner.parse(2, 1, false, 10, "", err, 9);
        assertTrue(noMain.launchError().contains("is not an error line"), noMain.launchError());

        RunData killed = ForkRunner.parse(2, 137, true, 10, "", err, 9);
        assertEquals(Outcome.TIMEOUT, killed.outcome());
    }

    @Test
    void procHighWaterMark() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "no /proc");
        long kb = ForkRunner.readHwm(ProcessHandle.current().pid());
        assertTrue(kb > 1024, "VmHWM " + kb);
        assertEquals(-1, ForkRunner.readHwm(Long.MAX_VALUE));
    }

    @Test
    void launcherFlagsGiveTheRegionRoomAndKeepJvmWarningsOutOfTheGuestsOutput() {
        // the flags themselves are compared with ../gcvm by LauncherFlagsTest
        List<String> flags = ForkRunner.launcherJvmFlags(6);
        assertTrue(flags.contains("-Xmx54m"), flags.toString());
        assertTrue(flags.contains("-Xlog:all=warning:stderr"), flags.toString());
        assertTrue(flags.indexOf("-Xlog:disable") < flags.indexOf("-Xlog:all=warning:stderr"), flags.toString());
    }
}
