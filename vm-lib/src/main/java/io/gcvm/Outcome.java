package io.gcvm;

/**
 * How a run ended. Guest errors carry the exact name the spec gives them; the CLI exits with
 * {@link #exitCode()}.
 */
public enum Outcome {
    OK(null, 0),
    SYNTAX_ERROR("SyntaxError", 2),
    UNINITIALIZED_VARIABLE("UninitializedVariableException", 1),
    ILLEGAL_CAST("IllegalCastException", 1),
    ILLEGAL_ARITHMETIC("IllegalArithmeticException", 1),
    RUNTIME_ERROR("RuntimeException", 1),
    OUT_OF_MEMORY("OutOfMemoryException", 3),
    TIMEOUT("Timeout", 4),
    /** The host could not give the VM its heap (a JVM -Xmx smaller than the -mem limit). */
    CANNOT_START("CannotStart", 5),
    /** A bug in the VM itself (a failed heap check, say): never the guest's fault. */
    INTERNAL_ERROR("InternalError", 70);

    private final String errorName;
    private final int exitCode;

    Outcome(String errorName, int exitCode) {
        this.errorName = errorName;
        this.exitCode = exitCode;
    }

    /** The name printed before the detail, e.g. {@code IllegalCastException}; null for OK. */
    public String errorName() { return errorName; }

    public int exitCode() { return exitCode; }

    public boolean isError() { return this != OK; }

    /** The outcome whose error name is {@code name}, or null. */
    public static Outcome byErrorName(String name) {
        for (Outcome o : values()) if (name.equals(o.errorName)) return o;
        return null;
    }
}
