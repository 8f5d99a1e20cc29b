package io.gcvm.api;

import io.gcvm.Outcome;
import io.gcvm.Vm;
import io.gcvm.VmResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Eight VMs run at once in one JVM, on different programs and limits, and stay isolated. */
class ConcurrentVmsTest {

    record Job(String source, int memMb, Outcome outcome, String expectedOutput) {}

    static String fibProgram(int n) {
        return "fib = fun(n) { if (n < 2) { return n; } return fib(n - 1) + fib(n - 2); };\n"
                + "i = 0; while (i < 3) { print(fib(" + n + ")); i = i + 1; }\n";
    }

    /** Builds a list of n records, drops it, repeats: lots of garbage, little live data. */
    static String churn(int rounds, int n) {
        return "r = 0; total = 0;\n"
                + "while (r < " + rounds + ") {\n"
                + "  l = None; i = 0;\n"
                + "  while (i < " + n + ") { l = {v: i; next: l; s: \"x\" + i;}; i = i + 1; }\n"
                + "  while (!(l == None)) { total = total + l.v; l = l.next; }\n"
                + "  r = r + 1;\n"
                + "}\nprint(total);\n";
    }

    static String strings(int n) {
        return "s = \"\"; i = 0; while (i < " + n + ") { s = s + (i / 10 * 0 + 7); i = i + 1; }\n"
                + "print(s); print(intcast(\"  -23 x\") * 2);\n";
    }

    static String closures(int n) {
        return "mk = fun(k) { c = {n: k;}; return fun() { c.n = c.n + 1; return c.n; }; };\n"
                + "fs = {}; i = 0; while (i < " + n + ") { fs[i] = mk(i); i = i + 1; }\n"
                + "t = 0; i = 0; while (i < " + n + ") { f = fs[i]; t = t + f() + f(); i = i + 1; }\n"
                + "print(t);\n";
    }

    static String leak(int n) {
        return "l = None; i = 0; while (i < " + n + ") { l = {next: l; pad: \"0123456789012345678901234567890123456789\" + i;}; i = i + 1; }\nprint(\"never\");\n";
    }

    @Test
    void eightVmsAtOnceEachGetTheirOwnResult() throws Exception {
        long churnTotal = 0;
        for (int i = 0; i < 2000; i++) churnTotal += i;
        churnTotal *= 40;
        List<Job> jobs = List.of(
                new Job(fibProgram(20), 4, Outcome.OK, "6765\n6765\n6765\n"),
                new Job(fibProgram(15), 8, Outcome.OK, "610\n610\n610\n"),
                new Job(churn(40, 2000), 4, Outcome.OK, churnTotal + "\n"),
                new Job(churn(10, 5000), 16, Outcome.OK, (churnTotal / 40 / 1999000L * 12497500L * 10) + "\n"),
                new Job(strings(3000), 6, Outcome.OK, "7".repeat(3000) + "\n-46\n"),
                new Job(closures(3000), 8, Outcome.OK, closuresExpected(3000) + "\n"),
                new Job(leak(1_000_000), 4, Outcome.OUT_OF_MEMORY, ""),
                new Job("x = 1; print(x); y = x / 0;", 2, Outcome.ILLEGAL_ARITHMETIC, "1\n"));
        ExecutorService pool = Executors.newFixedThreadPool(jobs.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<VmResult>> results = new ArrayList<>();
            for (Job j : jobs) {
                results.add(pool.submit(() -> {
                    start.await();
                    return Vm.run(j.source(), j.memMb());
                }));
            }
            start.countDown();
            for (int i = 0; i < jobs.size(); i++) {
                Job j = jobs.get(i);
                VmResult r = results.get(i).get();
                assertEquals(j.outcome(), r.outcome(), "job " + i + ": " + r.errorText());
                assertEquals(j.expectedOutput(), r.output(), "job " + i);
                assertTrue(r.heap().peakFootprintBytes() <= (long) j.memMb() << 20, "job " + i + " stayed under its limit");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static long closuresExpected(int n) {
        long t = 0;
        for (int k = 0; k < n; k++) t += (k + 1) + (k + 2);
        return t;
    }
}
