package io.gcvm;

import io.gcvm.heap.HeapStats;

/**
 * What a run produced.
 *
 * @param outcome      how it ended
 * @param errorDetail  for an error: what went wrong (null for {@link Outcome#OK})
 * @param errorLine    for an error: the source line, 0 if unknown
 * @param errorColumn  for a syntax error: the column, 0 otherwise
 * @param output       everything the program printed, when the builder captured it (no
 *                     {@code stdout} was given); null when it went to a stream
 * @param heap         heap statistics (all zero for a program that did not compile)
 * @param elapsedNanos wall time of compile + run
 */
public record VmResult(Outcome outcome, String errorDetail, int errorLine, int errorColumn, String output,
                       HeapStats heap, long elapsedNanos) {

    public boolean ok() { return outcome == Outcome.OK; }

    /**
     * The one line the CLI prints for an error, exactly as the spec asks:
     * {@code Name: detail} for run-time errors, {@code Error in line L, col C: detail} for
     * syntax errors; null when the run succeeded.
     */
    public String errorText() {
        if (outcome == Outcome.OK) return null;
        if (outcome == Outcome.SYNTAX_ERROR) {
            return "Error in line " + errorLine + ", col " + errorColumn + ": " + errorDetail;
        }
        return outcome.errorName() + ": " + errorDetail + (errorLine > 0 ? " (line " + errorLine + ")" : "");
    }
}
