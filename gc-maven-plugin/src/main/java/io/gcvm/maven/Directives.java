package io.gcvm.maven;

import io.gcvm.Outcome;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings a program gives itself in comment lines at its top, before its first line of
 * code:
 *
 * <pre>
 * // @mem 12                        memory limit in MB
 * // @timeout 60                    seconds
 * // @expect OutOfMemoryException   the run must end with this guest error (or SyntaxError)
 * // @oom-mem 3                     also: at this lower limit it must stop with OutOfMemoryException
 * </pre>
 *
 * The header is every line up to the first one that is neither blank nor a {@code //} comment.
 * In it, a comment whose text starts with {@code @} is a directive; any other comment is just a
 * comment. A directive after the header is an ordinary comment. An unknown key, a missing or
 * bad value, extra words or a key given twice is a {@link DirectiveException} naming the file
 * and line.
 *
 * @param mem        {@code @mem}, or null
 * @param timeout    {@code @timeout} in seconds, or null
 * @param expect     {@code @expect}: an error name, or null
 * @param oomMem     {@code @oom-mem}, or null
 * @param expectLine the line of {@code @expect} (0 if none), for messages
 * @param oomMemLine the line of {@code @oom-mem} (0 if none), for messages
 */
public record Directives(Integer mem, Integer timeout, String expect, Integer oomMem, int expectLine,
                         int oomMemLine) {

    public static final Directives NONE = new Directives(null, null, null, null, 0, 0);

    /** The error names {@code @expect} accepts. */
    public static final List<String> EXPECTABLE = List.of(
            Outcome.OUT_OF_MEMORY.errorName(),
            Outcome.SYNTAX_ERROR.errorName(),
            Outcome.UNINITIALIZED_VARIABLE.errorName(),
            Outcome.ILLEGAL_CAST.errorName(),
            Outcome.ILLEGAL_ARITHMETIC.errorName(),
            Outcome.RUNTIME_ERROR.errorName());

    public static final List<String> KEYS = List.of("mem", "timeout", "expect", "oom-mem");

    private static final Pattern COMMENT = Pattern.compile("^\\s*//(.*)$");
    private static final Pattern DIRECTIVE = Pattern.compile("^\\s*@(\\S*)\\s*(.*?)\\s*$");

    /**
     * Reads the directives of {@code source}; {@code file} names the program in messages
     * (e.g. {@code src/gcvm/big.mit}).
     */
    public static Directives parse(String source, String file) throws DirectiveException {
        Integer mem = null, timeout = null, oomMem = null;
        String expect = null;
        int expectLine = 0, oomMemLine = 0;
        List<String> seen = new ArrayList<>();
        String[] lines = source.split("\r\n|\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int lineNo = i + 1;
            if (line.isBlank()) continue;
            Matcher c = COMMENT.matcher(line);
            if (!c.matches()) break;                       // first line of code: header ends
            Matcher d = DIRECTIVE.matcher(c.group(1));
            if (!d.matches()) continue;                    // an ordinary comment
            String key = d.group(1);
            String value = d.group(2);
            String where = file + ":" + lineNo + ": ";
            if (!KEYS.contains(key)) {
                throw new DirectiveException(where + "unknown directive '@" + key + "' (known: @mem, @timeout, "
                        + "@expect, @oom-mem; write '// @key value' at the top of the program)");
            }
            if (seen.contains(key)) throw new DirectiveException(where + "@" + key + " is given twice");
            seen.add(key);
            if (value.isEmpty()) throw new DirectiveException(where + "@" + key + " needs a value");
            if (value.split("\\s+").length > 1) {
                throw new DirectiveException(where + "@" + key + " takes one value, got '" + value + "'");
            }
            switch (key) {
                case "mem" -> mem = positive(where, key, value);
                case "timeout" -> timeout = positive(where, key, value);
                case "oom-mem" -> {
                    oomMem = positive(where, key, value);
                    oomMemLine = lineNo;
                }
                case "expect" -> {
                    if (!EXPECTABLE.contains(value)) {
                        throw new DirectiveException(where + "@expect " + value + ": not an error a program can be "
                                + "expected to raise (one of " + String.join(", ", EXPECTABLE) + ")");
                    }
                    expect = value;
                    expectLine = lineNo;
                }
                default -> throw new IllegalStateException(key);
            }
        }
        if (mem != null && oomMem != null && oomMem >= mem) {
            throw new DirectiveException(file + ":" + oomMemLine + ": @oom-mem " + oomMem
                    + " must be below @mem " + mem);
        }
        return new Directives(mem, timeout, expect, oomMem, expectLine, oomMemLine);
    }

    private static int positive(String where, String key, String value) throws DirectiveException {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1) return n;
        } catch (NumberFormatException ignored) {
            // fall through
        }
        throw new DirectiveException(where + "@" + key + " needs a positive whole number, got '" + value + "'");
    }

    /** A bad directive; the message starts with {@code file:line: }. */
    public static final class DirectiveException extends Exception {
        public DirectiveException(String message) {
            super(message);
        }
    }
}
