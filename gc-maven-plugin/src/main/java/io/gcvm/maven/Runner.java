package io.gcvm.maven;

/** Runs one job: in this JVM ({@link InProcessRunner}) or in a JVM of its own ({@link ForkRunner}). */
public interface Runner {
    /** Runs {@code job}; never returns null. Exceptions mean the run could not be made at all. */
    RunData run(Job job) throws Exception;

    /** "in-process" or "fork", as the results files record it. */
    String mode();
}
