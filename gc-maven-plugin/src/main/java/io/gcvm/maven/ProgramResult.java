package io.gcvm.maven;

/**
 * A judged run.
 *
 * @param job           what was run
 * @param run           what happened (null when the job could not be run: see the message)
 * @param verdict       the verdict
 * @param message       one line a person can act on (empty for a plain pass)
 * @param diff          for {@link Verdict#WRONG_OUTPUT}: the unified diff (possibly cut), else null
 */
public record ProgramResult(Job job, RunData run, Verdict verdict, String message, LineDiff.Result diff) {

    public boolean passed() { return verdict.passed(); }
}
