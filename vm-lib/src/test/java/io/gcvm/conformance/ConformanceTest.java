package io.gcvm.conformance;

import io.gcvm.Outcome;
import io.gcvm.Vm;
import io.gcvm.VmResult;
import io.gcvm.cli.Main;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs every conformance program four ways and holds each to its expected output:
 * through the library API; with a collection at every allocation and the heap verifier after
 * each; the same, moving every movable object at every collection; and through the CLI, whose
 * exit status must match the outcome. The output must be identical every time.
 */
class ConformanceTest {
    private static final int MEM_MB = 16;
    private static final int STRESS_MEM_MB = 4;

    @Test
    void theSuiteIsLargeAndCoversEveryErrorKind() {
        List<ConformanceSuite.Case> cases = ConformanceSuite.cases();
        assertTrue(cases.size() >= 200, "only " + cases.size() + " conformance programs");
        for (Outcome o : List.of(Outcome.UNINITIALIZED_VARIABLE, Outcome.ILLEGAL_CAST,
                Outcome.ILLEGAL_ARITHMETIC, Outcome.RUNTIME_ERROR)) {
            assertTrue(cases.stream().anyMatch(c -> o.errorName().equals(c.expectedError())), "no program expects " + o);
        }
        assertTrue(cases.stream().anyMatch(c -> c.mustFail() && c.expectedError().startsWith("Error in line")),
                "no program expects a syntax error");
    }

    @TestFactory
    Stream<DynamicTest> library() {
        return ConformanceSuite.cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), c.file().toUri(),
                () -> check(c, run(c, MEM_MB, false))));
    }

    @TestFactory
    Stream<DynamicTest> gcStressWithVerifier() {
        return ConformanceSuite.cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), c.file().toUri(), () -> {
            VmResult r = run(c, STRESS_MEM_MB, true);
            check(c, r);
            if (!c.mustFail() || r.heap().objectsAllocated() > 0) {
                assertTrue(r.heap().collections() >= r.heap().objectsAllocated(),
                        "stress mode must collect at every allocation: " + r.heap());
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> gcStressMovingEveryObjectWithVerifier() {
        return ConformanceSuite.cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), c.file().toUri(), () -> {
            long[] moved = {0};
            Vm.Builder b = Vm.builder().memoryMb(STRESS_MEM_MB).gcStress(true).gcStressMove(true).verifyHeap(true)
                    .gcListener(e -> moved[0] += e.movedBytes());
            if (c.input() != null) b.stdin(new ByteArrayInputStream(c.input().getBytes(StandardCharsets.ISO_8859_1)));
            VmResult r = b.build().run(c.source());
            check(c, r);
            if (r.heap().collections() > 2) assertTrue(moved[0] > 0, "objects were moved");
        }));
    }

    /**
     * Every function compiled to JVM bytecode at its first call, with the collector moving every
     * object at every allocation: compiled code must keep every value where the collector can
     * see and move it, and hand back to the interpreter for every error with the same output.
     */
    @TestFactory
    Stream<DynamicTest> compiledAtFirstCallWithGcStressMoving() {
        return ConformanceSuite.cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), c.file().toUri(), () -> {
            Vm.Builder b = Vm.builder().memoryMb(STRESS_MEM_MB).gcStress(true).gcStressMove(true).verifyHeap(true)
                    .jitThreshold(1).jitBudget(1 << 20);
            if (c.input() != null) b.stdin(new ByteArrayInputStream(c.input().getBytes(StandardCharsets.ISO_8859_1)));
            check(c, b.build().run(c.source()));
        }));
    }

    /**
     * The same without liveness: the collector then takes every local of every frame as a
     * root, so compiled code must leave a valid value in each at every safepoint, dead or not.
     */
    @TestFactory
    Stream<DynamicTest> compiledAtFirstCallWithoutLivenessWithGcStressMoving() {
        return ConformanceSuite.cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), c.file().toUri(), () -> {
            Vm.Builder b = Vm.builder().memoryMb(STRESS_MEM_MB).liveness(false).gcStress(true).gcStressMove(true)
                    .verifyHeap(true).jitThreshold(1).jitBudget(1 << 20);
            if (c.input() != null) b.stdin(new ByteArrayInputStream(c.input().getBytes(StandardCharsets.ISO_8859_1)));
            check(c, b.build().run(c.source()));
        }));
    }

    @TestFactory
    Stream<DynamicTest> compiledAtFirstCall() {
        return ConformanceSuite.cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), c.file().toUri(), () -> {
            Vm.Builder b = Vm.builder().memoryMb(MEM_MB).jitThreshold(1).jitBudget(1 << 20);
            if (c.input() != null) b.stdin(new ByteArrayInputStream(c.input().getBytes(StandardCharsets.ISO_8859_1)));
            check(c, b.build().run(c.source()));
        }));
    }

    @TestFactory
    Stream<DynamicTest> cli() {
        return ConformanceSuite.cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), c.file().toUri(), () -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            byte[] in = c.input() == null ? new byte[0] : c.input().getBytes(StandardCharsets.ISO_8859_1);
            int status = Main.run(new String[] {"-mem", String.valueOf(MEM_MB), c.file().toString()},
                    new ByteArrayInputStream(in), out, new PrintStream(err, true, StandardCharsets.UTF_8));
            String stdout = out.toString(StandardCharsets.ISO_8859_1);
            assertEquals("", err.toString(StandardCharsets.UTF_8), "nothing on stderr");
            if (!c.mustFail()) {
                assertEquals(c.expectedOut(), stdout);
                assertEquals(0, status);
                return;
            }
            assertTrue(stdout.startsWith(c.expectedOut()), "output before the error");
            String errorLine = stdout.substring(c.expectedOut().length());
            assertTrue(startsWithError(errorLine, c.expectedError()), "error line: " + errorLine);
            assertTrue(errorLine.endsWith("\n") && errorLine.indexOf('\n') == errorLine.length() - 1,
                    "exactly one error line: " + errorLine);
            int expectedStatus = c.expectedError().startsWith("Error in line")
                    ? Outcome.SYNTAX_ERROR.exitCode() : Outcome.byErrorName(c.expectedError()).exitCode();
            assertEquals(expectedStatus, status);
        }));
    }

    private static VmResult run(ConformanceSuite.Case c, int mem, boolean stress) {
        Vm.Builder b = Vm.builder().memoryMb(mem).gcStress(stress).verifyHeap(stress);
        if (c.input() != null) b.stdin(new ByteArrayInputStream(c.input().getBytes(StandardCharsets.ISO_8859_1)));
        return b.build().run(c.source());
    }

    /** {@code line} starts with {@code expected} followed by ':' or its end (so "col 1" is not "col 12"). */
    static boolean startsWithError(String line, String expected) {
        if (!line.startsWith(expected)) return false;
        return line.length() == expected.length() || line.charAt(expected.length()) == ':'
                || line.charAt(expected.length()) == '\n';
    }

    static void check(ConformanceSuite.Case c, VmResult r) {
        assertTrue(r.heap().peakFootprintBytes() <= r.heap().limitBytes(),
                "peak heap " + r.heap().peakFootprintBytes() + " over the limit " + r.heap().limitBytes());
        assertEquals(c.expectedOut(), r.output(), "output of " + c.name() + (r.ok() ? "" : " (" + r.errorText() + ")"));
        if (!c.mustFail()) {
            assertEquals(Outcome.OK, r.outcome(), () -> "unexpected error: " + r.errorText());
            return;
        }
        assertNotNull(r.errorText(), "expected " + c.expectedError() + " but the program succeeded");
        assertTrue(startsWithError(r.errorText(), c.expectedError()),
                "expected an error starting with '" + c.expectedError() + "' but got '" + r.errorText() + "'");
    }
}
