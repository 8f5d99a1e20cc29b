package io.gcvm.mitscript.syntax;

/**
 * The kinds of token the {@link Scanner} produces.
 *
 * <p>Each kind knows how to name itself in an error message ("expected ')' before 'y'"):
 * punctuation and keywords as their quoted spelling, the other kinds with a short phrase.
 */
public enum TokenKind {
    // Single- or double-character punctuation.
    EQUAL("'='"), SEMICOLON("';'"), COMMA("','"), DOT("'.'"), COLON("':'"),
    LEFT_BRACKET("'['"), RIGHT_BRACKET("']'"),
    LEFT_PAREN("'('"), RIGHT_PAREN("')'"),
    LEFT_BRACE("'{'"), RIGHT_BRACE("'}'"),
    PLUS("'+'"), MINUS("'-'"), STAR("'*'"), SLASH("'/'"),
    LESS("'<'"), GREATER("'>'"), LESS_EQUAL("'<='"), GREATER_EQUAL("'>='"), EQUAL_EQUAL("'=='"),
    AMPERSAND("'&'"), PIPE("'|'"), BANG("'!'"),

    // Literals and names.
    IDENTIFIER("a name"), INTEGER("an integer"), STRING("a string"),

    // Keywords (case-sensitive).
    GLOBAL("'global'"), IF("'if'"), ELSE("'else'"), WHILE("'while'"), RETURN("'return'"),
    FUN("'fun'"), TRUE("'true'"), FALSE("'false'"), NONE("'None'"),

    /** The end of the input; always the last token. */
    EOF("end of input");

    private final String description;

    TokenKind(String description) { this.description = description; }

    /** How an error message names this kind of token, e.g. {@code ')'} or {@code a name}. */
    public String description() { return description; }
}
