package io.gcvm.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line: options, what goes to which stream, exit statuses. */
class MainTest {
    @TempDir
    Path dir;

    record Run(int status, String out, String err) {}

    private Run run(String program, String stdin, String... options) throws IOException {
        Path file = dir.resolve("p.mit");
        Files.writeString(file, program);
        String[] args = new String[options.length + 1];
        System.arraycopy(options, 0, args, 0, options.length);
        args[options.length] = file.toString();
        return runArgs(stdin, args);
    }

    private static Run runArgs(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int status = Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.US_ASCII)), out,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.ISO_8859_1), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void runsAProgramWithInput() throws IOException {
        Run r = run("x = input(); print(\"hi \" + x); print(intcast(input()) + 1);", "you\n41\n", "-mem", "4");
        assertEquals(new Run(0, "hi you\n42\n", ""), r);
    }

    @Test
    void compilingIsAnOptionThatDoesNotChangeTheOutput() throws IOException {
        String fib = "fib = fun(n) { if (n < 2) { return n; } return fib(n - 1) + fib(n - 2); };\n"
                + "print(fib(15));\nprint(fib(\"x\"));";
        Run expected = new Run(1, "610\nIllegalCastException: operator < needs two ints, not string and int (line 1)\n", "");
        assertEquals(expected, run(fib, "", "-mem", "4", "--no-jit"));
        assertEquals(expected, run(fib, "", "-mem", "4", "--jit-threshold", "1"));
        assertEquals(expected, run(fib, "", "-mem", "4"));
        assertEquals(64, run(fib, "", "--jit-threshold", "0").status(), "0 is --no-jit's to say");
    }

    @Test
    void acceptsTheCoursesFlagsAndTheLongForm() throws IOException {
        Path file = dir.resolve("q.mit");
        Files.writeString(file, "print(1);");
        assertEquals(new Run(0, "1\n", ""), runArgs("", "-mem", "4", "-s", file.toString()));
        assertEquals(new Run(0, "1\n", ""), runArgs("", "--mem", "4", file.toString()));
        assertEquals(new Run(0, "1\n", ""), runArgs("", "--mem=4", file.toString()));
    }

    @Test
    void aRuntimeErrorPrintsOneLineAfterTheOutputAndExitsOne() throws IOException {
        Run r = run("print(\"a\");\nx = 1 + true;\nprint(\"b\");", "", "-mem", "4");
        assertEquals(1, r.status());
        assertEquals("a\nIllegalCastException: cannot add int and bool (line 2)\n", r.out());
    }

    @Test
    void exitStatusPerOutcome() throws IOException {
        assertEquals(1, run("print(y);", "").status());                                  // UninitializedVariable
        assertEquals(1, run("x = 1 / 0;", "").status());                                  // IllegalArithmetic
        assertEquals(1, run("f = fun(a) { return a; }; f();", "").status());              // RuntimeException
        assertEquals(2, run("x = ;", "").status());                                       // syntax
        assertEquals(3, run("l = None; while (true) { l = {n: l;}; }", "", "-mem", "2").status());
        assertEquals(4, run("while (true) { }", "", "--timeout", "1").status());
    }

    @Test
    void runawayRecursionIsAGuestStackOverflowNotAJvmOne() throws IOException {
        Run r = run("f = fun(n) { return f(n + 1) + 1; }; f(0);", "", "-mem", "4");
        assertEquals(1, r.status());
        assertTrue(r.out().startsWith("RuntimeException: stack overflow: call depth "), r.out());
        // the depth counted is the stack's bytes over f's frame: the closure, n and two link words
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("call depth (\\d+) .*the stack holds (\\d+) bytes").matcher(r.out());
        assertTrue(m.find(), r.out());
        long depth = Long.parseLong(m.group(1)), stackBytes = Long.parseLong(m.group(2));
        assertTrue(depth > 1000 && Math.abs(depth * 4 * 8 - stackBytes) < 64 * 1024, r.out());
    }

    @Test
    void deepButFiniteRecursionRuns() throws IOException {
        Run r = run("f = fun(n) { if (n == 0) { return 0; } return f(n - 1) + 1; }; print(f(100000));", "", "-mem", "32");
        assertEquals(new Run(0, "100000\n", ""), r);
    }

    @Test
    void aSyntaxErrorNamesLineAndColumn() throws IOException {
        Run r = run("x = 1\ny = 2;", "");
        assertEquals(new Run(2, "Error in line 2, col 1: expected ';' before 'y'\n", ""), r);
    }

    @Test
    void statsAndGcLogGoToStandardError() throws IOException {
        Run r = run("i = 0; while (i < 100000) { x = {a: i;}; i = i + 1; } print(i);", "",
                "-mem", "2", "--stats", "--gc-log");
        assertEquals(0, r.status());
        assertEquals("100000\n", r.out());
        assertTrue(r.err().contains("[gc #1 full]"), r.err());
        assertTrue(r.err().matches("(?s).*collections:\\s+[1-9]\\d*.*"), r.err());
        assertTrue(r.err().contains("peak footprint:"), r.err());
        long logLines = r.err().lines().filter(l -> l.startsWith("[gc #")).count();
        assertTrue(r.err().contains("collections:       " + logLines), "one log line per collection: " + r.err());
    }

    @Test
    void disassembleShowsTheBytecode() throws IOException {
        Run r = run("x = 1 + 2; print(x); x = 0;", "", "--disassemble");
        assertEquals(0, r.status());
        assertTrue(r.out().contains("function #0 main"), r.out());
        assertTrue(r.out().contains("CONST_INT      1"), r.out());
        assertTrue(r.out().contains("STORE_GLOBAL") && r.out().contains("; x"), r.out());
    }

    @Test
    void helpGoesToStandardOutput() {
        Run r = runArgs("", "--help");
        assertEquals(0, r.status());
        assertTrue(r.out().startsWith("usage: gcvm [options] prog.mit"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void badCommandLinesAreUsageErrors() {
        assertEquals(64, runArgs("").status());
        assertEquals(64, runArgs("", "-mem").status());
        assertEquals(64, runArgs("", "-mem", "0", "x.mit").status());
        assertEquals(64, runArgs("", "-mem", "lots", "x.mit").status());
        assertEquals(64, runArgs("", "--frobnicate", "x.mit").status());
        Run r = runArgs("", "-mem", "4", "/nonexistent/p.mit");
        assertEquals(66, r.status());
        assertEquals("gcvm: cannot read /nonexistent/p.mit: no such file\n", r.err());
        String dir = System.getProperty("java.io.tmpdir");
        r = runArgs("", "-mem", "4", dir);
        assertEquals(66, r.status());
        assertEquals("gcvm: cannot read " + dir + ": is a directory\n", r.err());
    }

    @Test
    void gcStressAndVerifyGiveTheSameOutput() throws IOException {
        String p = "l = None; i = 0; while (i < 300) { l = {v: i; n: l;}; i = i + 1; } s = 0; while (!(l == None)) { s = s + l.v; l = l.n; } print(s);";
        assertEquals(new Run(0, "44850\n", ""), run(p, "", "-mem", "2", "--gc-stress", "--verify-heap"));
    }
}
