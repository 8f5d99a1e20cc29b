package io.gcvm.mitscript.syntax;

/**
 * One token of MITScript source.
 *
 * @param kind        what sort of token this is
 * @param text        the exact source text (a string literal keeps its quotes and escapes;
 *                    empty for {@link TokenKind#EOF})
 * @param intValue    the value of an {@link TokenKind#INTEGER} literal, otherwise 0
 * @param stringValue the decoded value of a {@link TokenKind#STRING} literal, otherwise null
 * @param line        1-based line of the token's first character
 * @param col         1-based column of the token's first character
 */
public record Token(TokenKind kind, String text, int intValue, String stringValue, int line, int col) {

    /** How an error message shows this token: {@code 'y'}, or {@code end of input}. */
    public String describe() {
        return kind == TokenKind.EOF ? "end of input" : "'" + text + "'";
    }
}
