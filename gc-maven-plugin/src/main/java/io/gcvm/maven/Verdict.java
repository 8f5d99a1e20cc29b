package io.gcvm.maven;

/** How one program run is judged. Only {@link #PASS} passes. */
public enum Verdict {
    /** Printed its expected output and ended as expected (normally, or with its {@code @expect} error). */
    PASS,
    /** Standard output differs from {@code X.mit.out}. */
    WRONG_OUTPUT,
    /** {@code OutOfMemoryException} at its limit, or (fork mode) the process' RSS grew past the limit. */
    OVER_MEMORY,
    /** A guest runtime error it was not expected to raise. */
    RUNTIME_ERROR,
    /** The program does not compile. */
    SYNTAX_ERROR,
    /** Did not finish within its time limit. */
    TIMEOUT,
    /** {@code @expect} (or {@code @oom-mem}) named an error that did not happen. */
    EXPECTED_FAILURE_MISSING,
    /** The program could not be run as configured: a bad directive, no {@code .out} file, a fork that failed. */
    ERROR,
    /** The VM itself failed (a bug in gc-vm, not in the program). */
    INTERNAL_ERROR;

    public boolean passed() { return this == PASS; }
}
