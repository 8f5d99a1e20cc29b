package io.gcvm.mitscript.syntax;

/**
 * A lexical or syntax error (also: an integer literal that does not fit in 32 bits).
 * {@link #getMessage()} is the one line the CLI prints:
 * {@code Error in line 4, col 1: expected ';' before 'y'}.
 */
public final class SyntaxError extends Exception {
    private final int line;
    private final int col;
    private final String detail;

    public SyntaxError(int line, int col, String detail) {
        super("Error in line " + line + ", col " + col + ": " + detail, null, false, false);
        this.line = line;
        this.col = col;
        this.detail = detail;
    }

    public int line() { return line; }

    public int col() { return col; }

    /** The part after the position, e.g. {@code expected ';' before 'y'}. */
    public String detail() { return detail; }
}
