package io.gcvm.maven;

import java.nio.file.Path;

/**
 * One run to make: a program at a memory limit. Each program gives one job, and a second one,
 * named {@code X.mit@oom}, when it has an {@code @oom-mem} directive.
 *
 * @param name        the entry's name in logs and results: the program's path relative to the
 *                    programs directory ({@code sub/x.mit}), plus {@code @oom} for the
 *                    {@code @oom-mem} check
 * @param displayFile the program's path as messages show it (relative to the project)
 * @param file        the program
 * @param expectedOut {@code X.mit.out} (may not exist)
 * @param stdin       {@code X.mit.in}, or null when there is none
 * @param memMb       the memory limit
 * @param timeoutSec  the time limit
 * @param expect      the error the run must end with, or null
 * @param oomCheck    this is the {@code @oom-mem} run
 * @param setupError  why the program cannot be run (a bad directive, ...), or null
 */
public record Job(String name, String displayFile, Path file, Path expectedOut, Path stdin, int memMb,
                  int timeoutSec, String expect, boolean oomCheck, String setupError) {

    public static final String OOM_SUFFIX = "@oom";
}
