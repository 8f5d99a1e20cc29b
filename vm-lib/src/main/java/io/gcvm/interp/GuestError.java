package io.gcvm.interp;

import io.gcvm.Outcome;

/** A guest runtime error: stops the program; reported as {@code Name: detail}. */
public final class GuestError extends RuntimeException {
    public final Outcome kind;
    public final String detail;
    int line;

    public GuestError(Outcome kind, String detail) {
        super(kind.errorName() + ": " + detail, null, false, false);
        this.kind = kind;
        this.detail = detail;
    }

    /** Source line of the instruction that failed, 0 if unknown. */
    public int line() { return line; }
}
