package io.gcvm.mitscript.syntax;

import static io.gcvm.mitscript.syntax.TokenKind.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScannerTest {

    private static List<Token> scan(String source) throws SyntaxError {
        return Scanner.tokenize(source);
    }

    private static List<TokenKind> kinds(String source) throws SyntaxError {
        return scan(source).stream().map(Token::kind).toList();
    }

    private static SyntaxError error(String source) {
        return assertThrows(SyntaxError.class, () -> Scanner.tokenize(source));
    }

    private static void assertError(String source, int line, int col, String detail) {
        SyntaxError e = error(source);
        assertEquals(detail, e.detail());
        assertEquals(line, e.line(), "line");
        assertEquals(col, e.col(), "col");
        assertEquals("Error in line " + line + ", col " + col + ": " + detail, e.getMessage());
    }

    private static void assertPos(Token t, int line, int col) {
        assertEquals(line + ":" + col, t.line() + ":" + t.col(), "position of " + t);
    }

    // ---------------------------------------------------------------- punctuation

    @Test
    void allPunctuation() throws SyntaxError {
        assertEquals(List.of(EQUAL, SEMICOLON, COMMA, DOT, LEFT_BRACKET, RIGHT_BRACKET,
                        LEFT_PAREN, RIGHT_PAREN, LEFT_BRACE, RIGHT_BRACE, COLON, PLUS, MINUS,
                        STAR, SLASH, LESS, GREATER, LESS_EQUAL, GREATER_EQUAL, EQUAL_EQUAL,
                        AMPERSAND, PIPE, BANG, EOF),
                kinds("= ; , . [ ] ( ) { } : + - * / < > <= >= == & | !"));
    }

    @Test
    void twoCharacterOperatorsAreLongestMatch() throws SyntaxError {
        assertEquals(List.of(LESS_EQUAL, EQUAL, EOF), kinds("<=="));
        assertEquals(List.of(EQUAL_EQUAL, EQUAL, EOF), kinds("==="));
        assertEquals(List.of(GREATER_EQUAL, GREATER, EOF), kinds(">=>"));
        // There is no '!=' token: it is '!' followed by '='.
        assertEquals(List.of(BANG, EQUAL, EOF), kinds("!="));
        assertEquals(List.of(LESS, EQUAL, EOF), kinds("< ="));
    }

    // ---------------------------------------------------------------- names and keywords

    @Test
    void keywords() throws SyntaxError {
        assertEquals(List.of(GLOBAL, IF, ELSE, WHILE, RETURN, FUN, TRUE, FALSE, NONE, EOF),
                kinds("global if else while return fun true false None"));
    }

    @Test
    void keywordsAreCaseSensitive() throws SyntaxError {
        List<Token> tokens = scan("none If True FALSE NONE Fun");
        for (int i = 0; i < 6; i++) assertEquals(IDENTIFIER, tokens.get(i).kind());
        assertEquals("none", tokens.get(0).text());
        assertEquals(NONE, scan("None").get(0).kind());
    }

    @Test
    void identifiersAreLongestMatch() throws SyntaxError {
        List<Token> tokens = scan("intfortrue iffy _x1 funfun if1 __ a_B9");
        assertEquals(List.of(IDENTIFIER, IDENTIFIER, IDENTIFIER, IDENTIFIER, IDENTIFIER,
                IDENTIFIER, IDENTIFIER, EOF), tokens.stream().map(Token::kind).toList());
        assertEquals("intfortrue", tokens.get(0).text());
        assertEquals("if1", tokens.get(4).text());
    }

    // ---------------------------------------------------------------- integers

    @Test
    void integerValues() throws SyntaxError {
        List<Token> tokens = scan("0 42 007 2147483647");
        assertEquals(0, tokens.get(0).intValue());
        assertEquals(42, tokens.get(1).intValue());
        assertEquals(7, tokens.get(2).intValue());
        assertEquals("007", tokens.get(2).text());
        assertEquals(Integer.MAX_VALUE, tokens.get(3).intValue());
        assertNull(tokens.get(1).stringValue());
    }

    @Test
    void integerThenLettersAreTwoTokens() throws SyntaxError {
        List<Token> tokens = scan("123abc");
        assertEquals(List.of(INTEGER, IDENTIFIER, EOF), tokens.stream().map(Token::kind).toList());
        assertEquals(123, tokens.get(0).intValue());
        assertEquals("abc", tokens.get(1).text());
        assertPos(tokens.get(1), 1, 4);
    }

    @Test
    void minusIsNotPartOfALiteral() throws SyntaxError {
        List<Token> tokens = scan("-5");
        assertEquals(List.of(MINUS, INTEGER, EOF), tokens.stream().map(Token::kind).toList());
        assertEquals(5, tokens.get(1).intValue());
    }

    @Test
    void integerTooLargeIsReportedAtItsFirstDigit() {
        assertError("x = 2147483648;", 1, 5, "integer literal 2147483648 does not fit in 32 bits");
        assertError("\n  99999999999999999999999", 2, 3,
                "integer literal 99999999999999999999999 does not fit in 32 bits");
        assertError("-2147483648", 1, 2, "integer literal 2147483648 does not fit in 32 bits");
    }

    // ---------------------------------------------------------------- strings

    @Test
    void stringEscapesAreDecoded() throws SyntaxError {
        Token t = scan("\"a\\\"b\\\\c\\nd\\te\"").get(0);
        assertEquals(STRING, t.kind());
        assertEquals("a\"b\\c\nd\te", t.stringValue());
        assertEquals("\"a\\\"b\\\\c\\nd\\te\"", t.text());
        assertEquals("'\"a\\\"b\\\\c\\nd\\te\"'", t.describe());
    }

    @Test
    void emptyStringAndAllPrintableCharacters() throws SyntaxError {
        assertEquals("", scan("\"\"").get(0).stringValue());
        String printable = " !#$%&'()*+,-./0123456789:;<=>?@AZ[]^_`az{|}~";
        assertEquals(printable, scan("\"" + printable + "\"").get(0).stringValue());
        // A comment marker inside a string is just text.
        assertEquals("a // b", scan("\"a // b\"").get(0).stringValue());
    }

    @Test
    void unterminatedStringAtEndOfInput() {
        assertError("x = \"abc", 1, 5, "unterminated string literal");
        assertError("x = \"abc\\", 1, 5, "unterminated string literal");
    }

    @Test
    void unterminatedStringAtEndOfLine() {
        assertError("x = 1;\n  y = \"ab\ncd\";", 2, 7, "unterminated string literal");
        assertError("\"ab\r\n\"", 1, 1, "unterminated string literal");
        assertError("\"ab\\\n\"", 1, 1, "unterminated string literal");
    }

    @Test
    void invalidEscapeIsReportedAtTheBackslash() {
        assertError("s = \"ab\\qc\";", 1, 8, "invalid escape '\\q' in string literal");
        assertError("\"\\'\"", 1, 2, "invalid escape '\\'' in string literal");
        assertError("\"\\r\"", 1, 2, "invalid escape '\\r' in string literal");
    }

    @Test
    void rawNonPrintableCharacterInString() {
        assertError("s = \"a\tb\";", 1, 7, "invalid character (code 9) in string literal");
        assertError("\"caf\u00e9\"", 1, 5, "invalid character (code 233) in string literal");
        assertError("\"\\\u0007\"", 1, 3, "invalid character (code 7) in string literal");
    }

    // ---------------------------------------------------------------- other characters

    @ParameterizedTest
    @ValueSource(strings = {"#", "$", "~", "%", "'", "\\", "?", "@", "^", "`"})
    void unexpectedPrintableCharacter(String c) {
        assertError("x = 1;\n  y " + c + " 2;", 2, 5, "unexpected character '" + c + "'");
    }

    @Test
    void unexpectedNonPrintableCharacter() {
        assertError("x\u0007", 1, 2, "unexpected character (code 7)");
        assertError("\u000b", 1, 1, "unexpected character (code 11)");
        assertError("a = \u00e9;", 1, 5, "unexpected character (code 233)");
        assertError("\u0000", 1, 1, "unexpected character (code 0)");
    }

    // ---------------------------------------------------------------- comments, white space, positions

    @Test
    void commentsRunToEndOfLine() throws SyntaxError {
        List<Token> tokens = scan("x // a comment; y \"unterminated\n z // to end of input");
        assertEquals(List.of(IDENTIFIER, IDENTIFIER, EOF), tokens.stream().map(Token::kind).toList());
        assertEquals("z", tokens.get(1).text());
        assertPos(tokens.get(1), 2, 2);
    }

    @Test
    void singleSlashIsDivision() throws SyntaxError {
        assertEquals(List.of(IDENTIFIER, SLASH, SLASH, IDENTIFIER, EOF), kinds("a/ /b"));
        assertEquals(List.of(IDENTIFIER, SLASH, IDENTIFIER, EOF), kinds("a/b//c"));
    }

    @Test
    void whitespaceIncludesFormFeed() throws SyntaxError {
        List<Token> tokens = scan(" \t\f\r\na\f\tb");
        assertEquals(List.of(IDENTIFIER, IDENTIFIER, EOF), tokens.stream().map(Token::kind).toList());
        assertPos(tokens.get(0), 2, 1);
        assertPos(tokens.get(1), 2, 4);
    }

    @Test
    void positionsAreOneBasedAndATabIsOneColumn() throws SyntaxError {
        List<Token> tokens = scan("x = 1;\n\tfoo(\"s\", 22);");
        assertPos(tokens.get(0), 1, 1);  // x
        assertPos(tokens.get(2), 1, 5);  // 1
        assertPos(tokens.get(4), 2, 2);  // foo
        assertPos(tokens.get(5), 2, 5);  // (
        assertPos(tokens.get(6), 2, 6);  // "s"
        assertPos(tokens.get(8), 2, 11); // 22
        assertPos(tokens.get(10), 2, 14); // ;
    }

    @Test
    void crLfIsOneLineBreakAndALoneCrEndsALine() throws SyntaxError {
        List<Token> tokens = scan("a\r\nb\rc\nd\r\n\r\ne");
        assertPos(tokens.get(0), 1, 1);
        assertPos(tokens.get(1), 2, 1);
        assertPos(tokens.get(2), 3, 1);
        assertPos(tokens.get(3), 4, 1);
        assertPos(tokens.get(4), 6, 1);
        assertError("x\r\n\r\n  #", 3, 3, "unexpected character '#'");
    }

    @Test
    void endOfInputIsJustPastTheLastCharacter() throws SyntaxError {
        assertPos(scan("").get(0), 1, 1);
        assertPos(scan("ab").get(1), 1, 3);
        assertPos(scan("ab\n").get(1), 2, 1);
        assertPos(scan("ab\r\n").get(1), 2, 1);
        assertPos(scan("ab // c").get(1), 1, 8);
        assertEquals("end of input", scan("").get(0).describe());
    }

    @Test
    void eofRepeatsForever() throws SyntaxError {
        Scanner scanner = new Scanner("x");
        assertEquals(IDENTIFIER, scanner.next().kind());
        assertEquals(EOF, scanner.next().kind());
        assertEquals(EOF, scanner.next().kind());
    }

    @Test
    void scanningIsLazy() throws SyntaxError {
        Scanner scanner = new Scanner("x = #");
        assertEquals(IDENTIFIER, scanner.next().kind());
        assertEquals(EQUAL, scanner.next().kind());
        SyntaxError e = assertThrows(SyntaxError.class, scanner::next);
        assertEquals("Error in line 1, col 5: unexpected character '#'", e.getMessage());
    }
}
