package io.gcvm.mitscript.syntax;

import java.util.ArrayList;
import java.util.List;

/**
 * The MITScript lexer: turns source text into {@link Token}s, one at a time, on demand.
 *
 * <p>Scanning is lazy (the parser asks for the next token when it needs it), so a lexical
 * error is only reported once the parser gets that far, and errors come out in source order.
 *
 * <p>Positions are 1-based; a column counts characters (a tab is one column). CR LF is one
 * line break and a lone CR also ends a line. The {@link TokenKind#EOF} token sits just past
 * the last character.
 *
 * <p>Lexical errors, thrown as {@link SyntaxError}:
 * <ul>
 *   <li>{@code unexpected character '#'} (or {@code (code 7)} when not printable ASCII),
 *       at the character;
 *   <li>{@code unterminated string literal}, at the opening quote, when the line or the
 *       input ends before the closing quote;
 *   <li>{@code invalid escape '\q' in string literal}, at the backslash;
 *   <li>{@code invalid character (code 9) in string literal}, at that character;
 *   <li>{@code integer literal 2147483648 does not fit in 32 bits}, at the first digit.
 * </ul>
 */
public final class Scanner {
    private final String source;

    /** Index of the next character to read, and its position. */
    private int current = 0;
    private int line = 1;
    private int col = 1;

    /** Where the token being scanned started. */
    private int start;
    private int startLine;
    private int startCol;

    public Scanner(String source) {
        this.source = source;
    }

    /** Convenience for tests and tools: all tokens of {@code source}, ending with EOF. */
    public static List<Token> tokenize(String source) throws SyntaxError {
        Scanner scanner = new Scanner(source);
        List<Token> tokens = new ArrayList<>();
        Token token;
        do {
            token = scanner.next();
            tokens.add(token);
        } while (token.kind() != TokenKind.EOF);
        return tokens;
    }

    /** Scans and returns the next token; after the end of input, returns EOF forever. */
    public Token next() throws SyntaxError {
        skipWhitespaceAndComments();
        start = current;
        startLine = line;
        startCol = col;
        if (isAtEnd()) return make(TokenKind.EOF);

        char c = advance();
        if (isAlpha(c)) return identifier();
        if (isDigit(c)) return integer();

        switch (c) {
            case '"': return string();
            case ';': return make(TokenKind.SEMICOLON);
            case ',': return make(TokenKind.COMMA);
            case '.': return make(TokenKind.DOT);
            case ':': return make(TokenKind.COLON);
            case '[': return make(TokenKind.LEFT_BRACKET);
            case ']': return make(TokenKind.RIGHT_BRACKET);
            case '(': return make(TokenKind.LEFT_PAREN);
            case ')': return make(TokenKind.RIGHT_PAREN);
            case '{': return make(TokenKind.LEFT_BRACE);
            case '}': return make(TokenKind.RIGHT_BRACE);
            case '+': return make(TokenKind.PLUS);
            case '-': return make(TokenKind.MINUS);
            case '*': return make(TokenKind.STAR);
            case '/': return make(TokenKind.SLASH);  // "//" was skipped as a comment
            case '&': return make(TokenKind.AMPERSAND);
            case '|': return make(TokenKind.PIPE);
            case '!': return make(TokenKind.BANG);
            case '<': return make(match('=') ? TokenKind.LESS_EQUAL : TokenKind.LESS);
            case '>': return make(match('=') ? TokenKind.GREATER_EQUAL : TokenKind.GREATER);
            case '=': return make(match('=') ? TokenKind.EQUAL_EQUAL : TokenKind.EQUAL);
            default:
                throw new SyntaxError(startLine, startCol,
                        "unexpected character " + showChar(source.codePointAt(start)));
        }
    }

    // ---------------------------------------------------------------- white space

    private void skipWhitespaceAndComments() {
        while (!isAtEnd()) {
            char c = peek();
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f') {
                advance();
            } else if (c == '/' && peekNext() == '/') {
                while (!isAtEnd() && !isLineBreak(peek())) advance();
            } else {
                return;
            }
        }
    }

    // ---------------------------------------------------------------- tokens

    private Token identifier() {
        while (isAlpha(peek()) || isDigit(peek())) advance();
        TokenKind kind = switch (source.substring(start, current)) {
            case "global" -> TokenKind.GLOBAL;
            case "if" -> TokenKind.IF;
            case "else" -> TokenKind.ELSE;
            case "while" -> TokenKind.WHILE;
            case "return" -> TokenKind.RETURN;
            case "fun" -> TokenKind.FUN;
            case "true" -> TokenKind.TRUE;
            case "false" -> TokenKind.FALSE;
            case "None" -> TokenKind.NONE;
            default -> TokenKind.IDENTIFIER;
        };
        return make(kind);
    }

    /** {@code [0-9]+}, longest match; leading zeros are allowed. Must fit in a signed int. */
    private Token integer() throws SyntaxError {
        while (isDigit(peek())) advance();
        String text = source.substring(start, current);
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            value = value * 10 + (text.charAt(i) - '0');
            if (value > Integer.MAX_VALUE) {
                throw new SyntaxError(startLine, startCol,
                        "integer literal " + text + " does not fit in 32 bits");
            }
        }
        return new Token(TokenKind.INTEGER, text, (int) value, null, startLine, startCol);
    }

    /** A string literal; the opening quote has been consumed. Decodes the escapes. */
    private Token string() throws SyntaxError {
        StringBuilder value = new StringBuilder();
        while (true) {
            if (isAtEnd() || isLineBreak(peek())) throw unterminatedString();
            char c = peek();
            if (c == '"') {
                advance();
                break;
            }
            if (c == '\\') {
                value.append(escape());
            } else if (isPrintable(c)) {
                value.append(advance());
            } else {
                throw invalidStringChar();
            }
        }
        String text = source.substring(start, current);
        return new Token(TokenKind.STRING, text, 0, value.toString(), startLine, startCol);
    }

    /** One escape sequence inside a string, starting at the backslash; returns its value. */
    private char escape() throws SyntaxError {
        int backslashLine = line;
        int backslashCol = col;
        advance();
        if (isAtEnd() || isLineBreak(peek())) throw unterminatedString();
        if (!isPrintable(peek())) throw invalidStringChar();
        char c = advance();
        switch (c) {
            case '"': return '"';
            case '\\': return '\\';
            case 'n': return '\n';
            case 't': return '\t';
            default:
                throw new SyntaxError(backslashLine, backslashCol,
                        "invalid escape '\\" + c + "' in string literal");
        }
    }

    private SyntaxError unterminatedString() {
        return new SyntaxError(startLine, startCol, "unterminated string literal");
    }

    /** The next character is not allowed in a string literal. */
    private SyntaxError invalidStringChar() {
        return new SyntaxError(line, col,
                "invalid character (code " + source.codePointAt(current) + ") in string literal");
    }

    private Token make(TokenKind kind) {
        return new Token(kind, source.substring(start, current), 0, null, startLine, startCol);
    }

    // ---------------------------------------------------------------- characters

    /**
     * Consumes one character and keeps line and column up to date. A CR directly followed by
     * an LF does not end the line itself; the LF does, so CR LF counts once.
     */
    private char advance() {
        char c = source.charAt(current++);
        if (c == '\n' || (c == '\r' && peek() != '\n')) {
            line++;
            col = 1;
        } else {
            col++;
        }
        return c;
    }

    private boolean match(char expected) {
        if (peek() != expected) return false;
        advance();
        return true;
    }

    /** The next character, or NUL at the end (NUL never matches anything we test for). */
    private char peek() {
        return isAtEnd() ? '\0' : source.charAt(current);
    }

    private char peekNext() {
        return current + 1 >= source.length() ? '\0' : source.charAt(current + 1);
    }

    private boolean isAtEnd() {
        return current >= source.length();
    }

    private static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLineBreak(char c) {
        return c == '\n' || c == '\r';
    }

    private static boolean isPrintable(int c) {
        return c >= 32 && c <= 126;
    }

    /** {@code '#'} for printable ASCII, {@code (code 7)} for anything else. */
    private static String showChar(int c) {
        return isPrintable(c) ? "'" + (char) c + "'" : "(code " + c + ")";
    }
}
