package io.gcvm.maven;

import io.gcvm.Outcome;
import io.gcvm.heap.HeapStats;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JudgeTest {
    static final String OOM = "cannot allocate 32 bytes: limit 2 MB (2097152 bytes), live heap 2016544 bytes after a "
            + "full collection (4 collections so far)";

    static Job job(String expect) {
        return new Job("p.mit", "src/gcvm/p.mit", Path.of("p.mit"), Path.of("p.mit.out"), null, 2, 10, expect,
                false, null);
    }

    static Job oomJob() {
        return new Job("p.mit@oom", "src/gcvm/p.mit", Path.of("p.mit"), Path.of("p.mit.out"), null, 1, 10,
                "OutOfMemoryException", true, null);
    }

    static HeapStats heap(int collections, long live) {
        return new HeapStats(2L << 20, collections, 5_000_000, 2_000_000, 1000, 10, 1500, live, live, 1200);
    }

    static RunData run(Outcome o, String detail, int line, int col, String out) {
        return new RunData(o, detail, line, col, out, heap(3, 777), 1_000_000, new GcSeries(), null, null);
    }

    @Test
    void passWhenOutputMatches() {
        ProgramResult r = Judge.judge(job(null), run(Outcome.OK, null, 0, 0, "a\nb\n"), "a\nb\n");
        assertEquals(Verdict.PASS, r.verdict());
        assertTrue(r.passed());
        assertNull(r.diff());
    }

    @Test
    void crlfInExpectedOutputIsTheSameAsLf() {
        assertEquals(Verdict.PASS, Judge.judge(job(null), run(Outcome.OK, null, 0, 0, "a\nb\n"), "a\r\nb\r\n").verdict());
    }

    @Test
    void wrongOutputGivesAShortUnifiedDiff() {
        StringBuilder exp = new StringBuilder(), act = new StringBuilder();
        for (int i = 1; i <= 100; i++) {
            exp.append(i).append('\n');
            act.append(i % 10 == 0 ? "x" + i : String.valueOf(i)).append('\n');
        }
        ProgramResult r = Judge.judge(job(null), run(Outcome.OK, null, 0, 0, act.toString()), exp.toString());
        assertEquals(Verdict.WRONG_OUTPUT, r.verdict());
        assertTrue(r.message().startsWith("output differs from src/gcvm/p.mit.out at line 10"), r.message());
        assertNotNull(r.diff());
        assertEquals(Judge.LOG_DIFF_LINES, r.diff().head(Judge.LOG_DIFF_LINES).size());
        assertEquals("--- src/gcvm/p.mit.out (expected)", r.diff().lines().get(0));
        assertTrue(r.diff().lines().contains("-10"));
        assertTrue(r.diff().lines().contains("+x10"));
    }

    @Test
    void overMemoryNamesLimitLiveBytesAndCollections() {
        ProgramResult r = Judge.judge(job(null), run(Outcome.OUT_OF_MEMORY, OOM, 4, 0, "start\n"), "start\ndone\n");
        assertEquals(Verdict.OVER_MEMORY, r.verdict());
        assertEquals("OutOfMemoryException at src/gcvm/p.mit:4: limit 2 MB (2097152 bytes), live heap 1.92 MB "
                + "(2016544 bytes) after a full collection, 4 collections so far; it needed 32 more bytes", r.message());
    }

    @Test
    void overMemoryFallsBackToHeapStats() {
        ProgramResult r = Judge.judge(job(null), run(Outcome.OUT_OF_MEMORY, "something else", 0, 0, ""), "");
        assertTrue(r.message().contains("live heap 0.00 MB (777 bytes)"), r.message());
        assertTrue(r.message().contains("3 collections so far"), r.message());
    }

    @Test
    void runtimeErrorNamesFileLineNameAndMessage() {
        ProgramResult r = Judge.judge(job(null),
                run(Outcome.ILLEGAL_CAST, "cannot add int and None", 2, 0, "before\n"), "before\n");
        assertEquals(Verdict.RUNTIME_ERROR, r.verdict());
        assertEquals("src/gcvm/p.mit:2: IllegalCastException: cannot add int and None", r.message());
        ProgramResult noLine = Judge.judge(job(null), run(Outcome.RUNTIME_ERROR, "boom", 0, 0, ""), "");
        assertEquals("src/gcvm/p.mit: RuntimeException: boom", noLine.message());
    }

    @Test
    void syntaxErrorIsFileLineColMessage() {
        ProgramResult r = Judge.judge(job(null), run(Outcome.SYNTAX_ERROR, "expected ';' before 'y'", 2, 1, ""), "");
        assertEquals(Verdict.SYNTAX_ERROR, r.verdict());
        assertEquals("src/gcvm/p.mit:2:1: expected ';' before 'y'", r.message());
    }

    @Test
    void timeout() {
        ProgramResult r = Judge.judge(job(null), run(Outcome.TIMEOUT, "time limit exceeded", 3, 0, "a\n"), "a\n");
        assertEquals(Verdict.TIMEOUT, r.verdict());
        assertTrue(r.message().startsWith("did not finish within 10 s"), r.message());
        // a timeout is a timeout even when one was "expected"
        assertEquals(Verdict.TIMEOUT, Judge.judge(job("OutOfMemoryException"),
                run(Outcome.TIMEOUT, "time limit exceeded", 3, 0, ""), "").verdict());
    }

    @Test
    void expectedFailureThatHappensPasses() {
        ProgramResult r = Judge.judge(job("OutOfMemoryException"), run(Outcome.OUT_OF_MEMORY, OOM, 4, 0, "start\n"),
                "start\n");
        assertEquals(Verdict.PASS, r.verdict());
        assertTrue(r.message().startsWith("expected OutOfMemoryException happened"), r.message());
        assertEquals(Verdict.PASS, Judge.judge(job("SyntaxError"),
                run(Outcome.SYNTAX_ERROR, "expected ';'", 1, 3, ""), "").verdict());
    }

    @Test
    void expectedFailureWithWrongOutputBeforeIt() {
        ProgramResult r = Judge.judge(job("OutOfMemoryException"), run(Outcome.OUT_OF_MEMORY, OOM, 4, 0, "strat\n"),
                "start\n");
        assertEquals(Verdict.WRONG_OUTPUT, r.verdict());
    }

    @Test
    void expectedFailureMissing() {
        ProgramResult r = Judge.judge(job("IllegalArithmeticException"), run(Outcome.OK, null, 0, 0, "ok\n"), "ok\n");
        assertEquals(Verdict.EXPECTED_FAILURE_MISSING, r.verdict());
        assertTrue(r.message().startsWith("expected IllegalArithmeticException (src/gcvm/p.mit:@expect), but the "
                + "program ended normally"), r.message());
    }

    @Test
    void anotherErrorThanTheExpectedOne() {
        ProgramResult r = Judge.judge(job("OutOfMemoryException"),
                run(Outcome.ILLEGAL_ARITHMETIC, "division by zero", 7, 0, ""), "");
        assertEquals(Verdict.RUNTIME_ERROR, r.verdict());
        assertEquals("expected OutOfMemoryException, but got src/gcvm/p.mit:7: IllegalArithmeticException: "
                + "division by zero", r.message());
    }

    @Test
    void oomCheck() {
        // stopped early with OOM: output must be a beginning of the expected output
        assertEquals(Verdict.PASS, Judge.judge(oomJob(), run(Outcome.OUT_OF_MEMORY, OOM, 4, 0, "a\n"), "a\nb\n")
                .verdict());
        assertEquals(Verdict.PASS, Judge.judge(oomJob(), run(Outcome.OUT_OF_MEMORY, OOM, 4, 0, ""), "a\nb\n")
                .verdict());
        ProgramResult wrong = Judge.judge(oomJob(), run(Outcome.OUT_OF_MEMORY, OOM, 4, 0, "x\n"), "a\nb\n");
        assertEquals(Verdict.WRONG_OUTPUT, wrong.verdict());
        assertTrue(wrong.diff().lines().contains("-a"));
        ProgramResult missing = Judge.judge(oomJob(), run(Outcome.OK, null, 0, 0, "a\nb\n"), "a\nb\n");
        assertEquals(Verdict.EXPECTED_FAILURE_MISSING, missing.verdict());
        assertTrue(missing.message().contains("the @oom-mem check, at -mem 1"), missing.message());
        ProgramResult other = Judge.judge(oomJob(), run(Outcome.RUNTIME_ERROR, "stack overflow", 3, 0, ""), "a\n");
        assertEquals(Verdict.RUNTIME_ERROR, other.verdict());
    }

    @Test
    void setupAndLaunchProblemsAreErrors() {
        Job bad = new Job("p.mit", "src/gcvm/p.mit", Path.of("p.mit"), Path.of("p.mit.out"), null, 2, 10, null,
                false, "src/gcvm/p.mit:1: unknown directive '@x'");
        assertEquals(Verdict.ERROR, Judge.judge(bad, null, null).verdict());
        assertEquals("src/gcvm/p.mit:1: unknown directive '@x'", Judge.judge(bad, null, null).message());
        ProgramResult noOut = Judge.judge(job(null), run(Outcome.OK, null, 0, 0, "a\n"), null);
        assertEquals(Verdict.ERROR, noOut.verdict());
        assertTrue(noOut.message().startsWith("no expected output file src/gcvm/p.mit.out"));
        assertEquals(Verdict.ERROR, Judge.judge(job(null), RunData.failed("exit 64", 0, 2), "").verdict());
        assertEquals(Verdict.INTERNAL_ERROR,
                Judge.judge(job(null), run(Outcome.INTERNAL_ERROR, "heap verification failed", 0, 0, ""), "").verdict());
    }

    @Test
    void outsideMeterTurnsAPassIntoOverMemory() {
        RunData ok = run(Outcome.OK, null, 0, 0, "a\n");
        long allowed = (2 + 5) << 10;
        assertEquals(Verdict.PASS, Judge.judge(job(null), ok.withRss(new Rss(50_000, 45_000, allowed, "t")), "a\n")
                .verdict());
        ProgramResult r = Judge.judge(job(null), ok.withRss(new Rss(60_000, 45_000, allowed, "t")), "a\n");
        assertEquals(Verdict.OVER_MEMORY, r.verdict());
        // not for the @oom-mem check, which is meant to hit its limit
        RunData oom = run(Outcome.OUT_OF_MEMORY, OOM, 4, 0, "a\n").withRss(new Rss(60_000, 45_000, allowed, "t"));
        assertEquals(Verdict.PASS, Judge.judge(oomJob(), oom, "a\n").verdict());
        assertTrue(r.message().startsWith("outside meter: peak RSS 58.6 MB, empty-program baseline 43.9 MB: grew "
                + "14.6 MB, more than the 2 MB limit + 5.0 MB slack (t)"), r.message());
    }
}
