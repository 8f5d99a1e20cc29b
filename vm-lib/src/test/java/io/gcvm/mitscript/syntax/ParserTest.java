package io.gcvm.mitscript.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gcvm.mitscript.syntax.Ast.Expr;
import io.gcvm.mitscript.syntax.Ast.Stmt;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParserTest {

    // ---------------------------------------------------------------- helpers

    private static List<Stmt> parse(String source) throws SyntaxError {
        return Parser.parse(source).body();
    }

    /** The right-hand side of {@code x = <source>;}. */
    private static Expr expr(String source) throws SyntaxError {
        List<Stmt> body = parse("x = " + source + ";");
        assertEquals(1, body.size());
        return ((Ast.Assign) body.get(0)).value();
    }

    /** An expression as an S-expression, so tree shapes fit on one line. */
    private static String show(Expr e) {
        if (e instanceof Ast.IntLit i) return Integer.toString(i.value());
        if (e instanceof Ast.StrLit str) return '"' + str.value() + '"';
        if (e instanceof Ast.BoolLit b) return Boolean.toString(b.value());
        if (e instanceof Ast.NoneLit) return "None";
        if (e instanceof Ast.Name n) return n.name();
        if (e instanceof Ast.Binary b) {
            return "(" + b.op().symbol + " " + show(b.left()) + " " + show(b.right()) + ")";
        }
        if (e instanceof Ast.Unary u) {
            return "(" + (u.op() == Ast.UnOp.NEG ? "neg" : "!") + " " + show(u.operand()) + ")";
        }
        if (e instanceof Ast.Field f) return "(. " + show(f.object()) + " " + f.name() + ")";
        if (e instanceof Ast.Index i) return "([] " + show(i.object()) + " " + show(i.index()) + ")";
        if (e instanceof Ast.Call c) {
            return "(call " + show(c.callee())
                    + c.args().stream().map(a -> " " + show(a)).collect(Collectors.joining()) + ")";
        }
        if (e instanceof Ast.FunLit f) return "(fun " + f.params() + " " + f.body().size() + ")";
        Ast.RecordLit r = (Ast.RecordLit) e;
        return "{" + r.fields().stream()
                .map(fi -> fi.name() + ":" + show(fi.value()) + ";").collect(Collectors.joining()) + "}";
    }

    private static String shape(String source) throws SyntaxError {
        return show(expr(source));
    }

    private static SyntaxError error(String source) {
        return assertThrows(SyntaxError.class, () -> Parser.parse(source));
    }

    private static void assertError(String source, int line, int col, String detail) {
        SyntaxError e = error(source);
        assertEquals(detail, e.detail());
        assertEquals(line + ":" + col, e.line() + ":" + e.col(), "position");
        assertEquals("Error in line " + line + ", col " + col + ": " + detail, e.getMessage());
    }

    private static void assertPos(Ast.Node node, int line, int col) {
        assertEquals(line + ":" + col, node.line() + ":" + node.col(), "position of " + node);
    }

    // ---------------------------------------------------------------- precedence and associativity

    @Test
    void notBindsLooserThanComparison() throws SyntaxError {
        assertEquals("(! (== 5 7))", shape("!5 == 7"));
    }

    @Test
    void unaryMinusBindsTighterThanSubtraction() throws SyntaxError {
        assertEquals("(- (neg 3) 2)", shape("-3 - 2"));
    }

    @Test
    void andBindsTighterThanOr() throws SyntaxError {
        assertEquals("(| a (& b c))", shape("a | b & c"));
        assertEquals("(| (& a b) c)", shape("a & b | c"));
    }

    @Test
    void multiplicationBindsTighterThanAddition() throws SyntaxError {
        assertEquals("(+ 1 (* 2 3))", shape("1 + 2 * 3"));
        assertEquals("(- (/ 6 2) 1)", shape("6 / 2 - 1"));
    }

    @Test
    void binaryOperatorsAreLeftAssociative() throws SyntaxError {
        assertEquals("(- (- 1 2) 3)", shape("1 - 2 - 3"));
        assertEquals("(+ (- 1 2) 3)", shape("1 - 2 + 3"));
        assertEquals("(/ (/ 8 4) 2)", shape("8 / 4 / 2"));
        assertEquals("(* (/ 8 4) 2)", shape("8 / 4 * 2"));
        assertEquals("(& (& a b) c)", shape("a & b & c"));
        assertEquals("(| (| a b) c)", shape("a | b | c"));
    }

    @Test
    void comparisonsBindLooserThanArithmetic() throws SyntaxError {
        assertEquals("(< (+ 1 2) (* 3 4))", shape("1 + 2 < 3 * 4"));
        assertEquals("(>= a b)", shape("a >= b"));
        assertEquals("(<= a b)", shape("a <= b"));
        assertEquals("(> a b)", shape("a > b"));
    }

    @Test
    void fullPrecedenceLadder() throws SyntaxError {
        assertEquals("(| (& (== a b) (< c d)) (! (== (+ e (* f (neg g))) h)))",
                shape("a == b & c < d | !e + f * -g == h"));
    }

    @Test
    void notAndMinusWhereTheGrammarAllowsThem() throws SyntaxError {
        assertEquals("(& (! a) b)", shape("!a & b"));
        assertEquals("(& a (! b))", shape("a & !b"));
        assertEquals("(| a (! b))", shape("a | !b"));
        assertEquals("(! (! x))", shape("!(!x)"));
        assertEquals("(- a (neg b))", shape("a - -b"));
        assertEquals("(* 2 (neg 3))", shape("2 * -3"));
        assertEquals("(< a (neg b))", shape("a < -b"));
        assertEquals("(* (neg (+ 1 2)) 3)", shape("-(1 + 2) * 3"));
        assertEquals("(neg (neg 5))", shape("-(-5)"));
    }

    @Test
    void parenthesesOverridePrecedence() throws SyntaxError {
        assertEquals("(* (+ 1 2) 3)", shape("(1 + 2) * 3"));
        assertEquals("(& (| a b) c)", shape("(a | b) & c"));
        assertEquals("(< (< a b) c)", shape("(a < b) < c"));
    }

    @Test
    void constants() throws SyntaxError {
        assertEquals("(call f 7 \"a\"b\" true false None)",
                show(((Ast.CallStmt) parse("f(007, \"a\\\"b\", true, false, None);").get(0)).call()));
        assertEquals("(neg 2147483647)", shape("-2147483647"));
    }

    // ---------------------------------------------------------------- LHS, calls, literals

    @Test
    void lhsSelectorsNestLeftToRight() throws SyntaxError {
        Ast.Assign a = (Ast.Assign) parse("a.b[c].d = 1;").get(0);
        assertEquals("(. ([] (. a b) c) d)", show(a.target()));
        assertPos(a, 1, 1);
        Ast.Field outer = (Ast.Field) a.target();
        assertPos(outer, 1, 7);                      // the second '.'
        assertPos(outer.object(), 1, 4);             // the '['
        assertPos(((Ast.Index) outer.object()).object(), 1, 2); // the first '.'
    }

    @Test
    void callOnSelectedCallee() throws SyntaxError {
        Ast.CallStmt s = (Ast.CallStmt) parse("  a.b[0](x, y + 1);").get(0);
        assertEquals("(call ([] (. a b) 0) x (+ y 1))", show(s.call()));
        assertPos(s, 1, 3);
        assertPos(s.call(), 1, 9);
        assertEquals("(+ (call f) (call g 1))", shape("f() + g(1)"));
        assertEquals("(call f (call g (call h)))", shape("f(g(h()))"));
    }

    @Test
    void functionLiteral() throws SyntaxError {
        Ast.FunLit f = (Ast.FunLit) expr("fun(a, b, c) { global g; return a; }");
        assertEquals(List.of("a", "b", "c"), f.params());
        assertEquals(2, f.body().size());
        assertInstanceOf(Ast.Global.class, f.body().get(0));
        assertPos(f, 1, 5);
        Ast.FunLit empty = (Ast.FunLit) expr("fun() {}");
        assertEquals(List.of(), empty.params());
        assertEquals(List.of(), empty.body());
    }

    @Test
    void recordLiteral() throws SyntaxError {
        Ast.RecordLit r = (Ast.RecordLit) expr("{ b: 1; a: {}; b: fun() {}; }");
        assertEquals("{b:1;a:{};b:(fun [] 0);}", show(r));
        assertPos(r, 1, 5);
        Ast.FieldInit second = r.fields().get(1);
        assertEquals("1:13", second.line() + ":" + second.col());
        assertEquals("{}", shape("{}"));
    }

    @Test
    void funAndRecordWhereAWholeExpressionMayAppear() throws SyntaxError {
        List<Stmt> body = parse("""
                f({a:1;}, fun(){ return 1; });
                x = {};
                r.f = fun(){};
                r[{}] = {x: fun(y) { return {}; };};
                if (fun(){}) {} else {}
                return {};
                """);
        assertEquals(6, body.size());
        assertEquals("(call f {a:1;} (fun [] 1))", show(((Ast.CallStmt) body.get(0)).call()));
        assertEquals("([] r {})", show(((Ast.Assign) body.get(3)).target()));
    }

    // ---------------------------------------------------------------- statements

    @Test
    void statementShapesAndPositions() throws SyntaxError {
        List<Stmt> body = parse("""
                global g;
                if (x < 1) { y = 2; } else { print(y); }
                if (true) { }
                while (i > 0) { i = i - 1; }
                return None;
                """);
        Ast.Global g = (Ast.Global) body.get(0);
        assertEquals("g", g.name());
        assertPos(g, 1, 1);

        Ast.If i = (Ast.If) body.get(1);
        assertEquals("(< x 1)", show(i.cond()));
        assertInstanceOf(Ast.Assign.class, i.then().get(0));
        assertInstanceOf(Ast.CallStmt.class, i.otherwise().get(0));
        assertPos(i, 2, 1);
        assertEquals(List.of(), ((Ast.If) body.get(2)).otherwise());

        Ast.While w = (Ast.While) body.get(3);
        assertEquals("(> i 0)", show(w.cond()));
        assertEquals(1, w.body().size());
        assertPos(w, 4, 1);

        Ast.Return r = (Ast.Return) body.get(4);
        assertInstanceOf(Ast.NoneLit.class, r.value());
        assertPos(r, 5, 1);
    }

    @Test
    void emptyProgramAndComments() throws SyntaxError {
        Ast.Program p = Parser.parse("// nothing here\n   \n");
        assertEquals(List.of(), p.body());
        assertPos(p, 1, 1);
        assertEquals(List.of(), parse(""));
    }

    @Test
    void expressionNodePositions() throws SyntaxError {
        Ast.Assign a = (Ast.Assign) parse("\n  xy = -a + b;").get(0);
        assertPos(a, 2, 3);
        assertPos(a.target(), 2, 3);
        Ast.Binary plus = (Ast.Binary) a.value();
        assertPos(plus, 2, 11);
        assertPos(plus.left(), 2, 8);               // '-'
        assertPos(((Ast.Unary) plus.left()).operand(), 2, 9);
        assertPos(plus.right(), 2, 13);
        Ast.Unary not = (Ast.Unary) expr("!x");
        assertPos(not, 1, 5);
        Ast.Binary add = (Ast.Binary) expr("\"str\" + 12");
        assertPos(add.left(), 1, 5);
        assertPos(add.right(), 1, 13);
    }

    @Test
    void programPositionIsOneOne() throws SyntaxError {
        assertPos(Parser.parse("\n\n   x = 1;"), 1, 1);
    }

    // ---------------------------------------------------------------- errors: the rules of the grammar

    @Test
    void specExampleMissingSemicolon() {
        assertError("x = 1;\nz = 2;\nw = x + z\ny = 3;", 4, 1, "expected ';' before 'y'");
    }

    @Test
    void doubleMinusIsAnError() {
        assertError("x = --5;", 1, 6, "expected an expression before '-'");
        assertError("x = 1 - --5;", 1, 10, "expected an expression before '-'");
    }

    @Test
    void doubleNotIsAnError() {
        assertError("x = !!y;", 1, 6, "expected an expression before '!'");
        assertError("x = -!y;", 1, 6, "expected an expression before '!'");
        assertError("x = a < !b;", 1, 9, "expected an expression before '!'");
    }

    @Test
    void atMostOneComparison() {
        assertError("x = a < b < c;", 1, 11, "expected ';' before '<'");
        assertError("x = a == b == c;", 1, 12, "expected ';' before '=='");
        assertError("if (a & b < c >= d) {}", 1, 15, "expected ')' before '>='");
    }

    @Test
    void callsCannotBeChained() {
        assertError("f()();", 1, 4, "expected ';' before '('");
        assertError("f().x = 1;", 1, 4, "expected ';' before '.'");
        assertError("f()[0] = 1;", 1, 4, "expected ';' before '['");
        assertError("x = f()();", 1, 8, "expected ';' before '('");
        assertError("x = f().x;", 1, 8, "expected ';' before '.'");
        assertError("f() = 1;", 1, 5, "expected ';' before '='");
    }

    @Test
    void funOnlyWhereAWholeExpressionMayAppear() {
        assertError("x = 1 + fun(){};", 1, 9, "expected an expression before 'fun'");
        assertError("x = (fun(){});", 1, 6, "expected an expression before 'fun'");
        assertError("x = -fun(){};", 1, 6, "expected an expression before 'fun'");
        assertError("x = !fun(){};", 1, 6, "expected an expression before 'fun'");
    }

    @Test
    void recordOnlyWhereAWholeExpressionMayAppear() {
        assertError("x = ({a:1;});", 1, 6, "expected an expression before '{'");
        assertError("x = 1 + {};", 1, 9, "expected an expression before '{'");
        assertError("x = a & {};", 1, 9, "expected an expression before '{'");
    }

    @Test
    void functionAssignmentNeedsItsSemicolon() {
        assertError("x = fun(){ return 1; }\ny = 2;", 2, 1, "expected ';' before 'y'");
        assertError("x = fun(){ return 1; }", 1, 23, "expected ';' before end of input");
        assertError("x = {a: 1;}\n", 2, 1, "expected ';' before end of input");
    }

    @Test
    void duplicateParameter() {
        assertError("f = fun(a, b, a) { };", 1, 15, "duplicate parameter 'a'");
        assertError("f = fun(x, x) { };", 1, 12, "duplicate parameter 'x'");
    }

    @Test
    void statementMustStartWithNameOrKeyword() {
        assertError("true = 1;", 1, 1, "expected a statement before 'true'");
        assertError("x = 1;\n5;", 2, 1, "expected a statement before '5'");
        assertError("}", 1, 1, "expected a statement before '}'");
        assertError("{ x = 1; }", 1, 1, "expected a statement before '{'");
        assertError("else { }", 1, 1, "expected a statement before 'else'");
        assertError("(f)();", 1, 1, "expected a statement before '('");
        assertError("while (x) { 5; }", 1, 13, "expected a statement before '5'");
    }

    @Test
    void nameStatementNeedsAssignmentOrCall() {
        assertError("x;", 1, 2, "expected '=' or '(' before ';'");
        assertError("x y = 1;", 1, 3, "expected '=' or '(' before 'y'");
        assertError("x.y", 1, 4, "expected '=' or '(' before end of input");
        assertError("x == 1;", 1, 3, "expected '=' or '(' before '=='");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "global 5;               | 1 | 8  | expected a name before '5'",
        "global x                | 1 | 9  | expected ';' before end of input",
        "if x {}                 | 1 | 4  | expected '(' before 'x'",
        "if (x) y = 1;           | 1 | 8  | expected '{' before 'y'",
        "if (x) {} else y = 1;   | 1 | 16 | expected '{' before 'y'",
        "while (x { }            | 1 | 10 | expected ')' before '{'",
        "while (x) { y = 1;      | 1 | 19 | expected '}' before end of input",
        "return;                 | 1 | 7  | expected an expression before ';'",
        "x = ;                   | 1 | 5  | expected an expression before ';'",
        "x = 1 \"abc\";          | 1 | 7  | expected ';' before '\"abc\"'",
        "f(1 2);                 | 1 | 5  | expected ')' before '2'",
        "f(,);                   | 1 | 3  | expected an expression before ','",
        "f(1,);                  | 1 | 5  | expected an expression before ')'",
        "x = a.1;                | 1 | 7  | expected a name before '1'",
        "x = a[1;                | 1 | 8  | expected ']' before ';'",
        "x = (1 + 2;             | 1 | 11 | expected ')' before ';'",
        "x = {a 1;};             | 1 | 8  | expected ':' before '1'",
        "x = {a: 1};             | 1 | 10 | expected ';' before '}'",
        "x = {1: 2;};            | 1 | 6  | expected '}' before '1'",
        "x = fun(a b) {};        | 1 | 11 | expected ')' before 'b'",
        "x = fun(1) {};          | 1 | 9  | expected a name before '1'",
        "x = fun(a,) {};         | 1 | 11 | expected a name before ')'",
        "x = fun();              | 1 | 10 | expected '{' before ';'",
        "x = fun {};             | 1 | 9  | expected '(' before '{'",
        "x = a != b;             | 1 | 7  | expected ';' before '!'",
        "x = 1 +;                | 1 | 8  | expected an expression before ';'",
        "x = None None;          | 1 | 10 | expected ';' before 'None'",
    })
    void unexpectedTokens(String source, int line, int col, String detail) {
        assertError(source.strip(), line, col, detail);
    }

    // ---------------------------------------------------------------- lexical errors through the parser

    @Test
    void lexicalErrorsSurfaceThroughParse() {
        assertError("x = #;", 1, 5, "unexpected character '#'");
        assertError("x = -2147483648;", 1, 6, "integer literal 2147483648 does not fit in 32 bits");
        assertError("s = \"abc;\n", 1, 5, "unterminated string literal");
        assertError("s = \"a\\qc\";", 1, 7, "invalid escape '\\q' in string literal");
        assertError("s = \"a\tc\";", 1, 7, "invalid character (code 9) in string literal");
    }

    @Test
    void firstErrorInSourceOrderWins() {
        // The syntax error comes before the bad character, so it is the one reported.
        assertError("x = 1 y #", 1, 7, "expected ';' before 'y'");
        assertError("x = 1 # y", 1, 7, "unexpected character '#'");
    }

    @Test
    void crLfLineCountingInErrors() {
        assertError("x = 1;\r\ny = 2\r\nz = 3;", 3, 1, "expected ';' before 'z'");
        assertError("x = 1;\ry = 2\rz = 3;", 3, 1, "expected ';' before 'z'");
        assertError("x = 1\r\n", 2, 1, "expected ';' before end of input");
    }

    // ---------------------------------------------------------------- nesting

    @Test
    void deepParenthesesAreAnErrorNotACrash() {
        String source = "x = " + "(".repeat(100_000) + "1" + ")".repeat(100_000) + ";";
        assertError(source, 1, 5 + Parser.MAX_NESTING, "nesting too deep (more than 1000 levels)");
    }

    @Test
    void deepBlocksAreAnErrorNotACrash() {
        String source = "if (x) {".repeat(100_000);
        assertError(source, 1, 8 * Parser.MAX_NESTING + 8, "nesting too deep (more than 1000 levels)");
    }

    @Test
    void deepIndexCallAndRecordNestingAreErrors() {
        String index = "x = " + "a[".repeat(5000) + "1" + "]".repeat(5000) + ";";
        assertError(index, 1, 4 + 2 * Parser.MAX_NESTING + 2, "nesting too deep (more than 1000 levels)");
        String call = "f(".repeat(5000);
        assertError(call, 1, 2 * Parser.MAX_NESTING + 2, "nesting too deep (more than 1000 levels)");
        String record = "x = " + "{a:".repeat(5000);
        assertError(record, 1, 5 + 3 * Parser.MAX_NESTING, "nesting too deep (more than 1000 levels)");
    }

    @Test
    void blocksAndExpressionsCountTogether() {
        // 600 nested blocks then 600 nested parentheses: the 401st '(' is level 1001.
        String source = "if (x) {".repeat(600) + "y = " + "(".repeat(600);
        assertError(source, 1, 8 * 600 + 4 + 401, "nesting too deep (more than 1000 levels)");
    }

    @Test
    void exactlyTheLimitParsesEvenFromASmallStack() throws Exception {
        int n = Parser.MAX_NESTING;
        List<String> sources = List.of(
                "x = " + "(".repeat(n) + "1" + ")".repeat(n) + ";",
                "x = " + "a[".repeat(n) + "1" + "]".repeat(n) + ";",
                "x = " + "f(".repeat(n) + "1" + ")".repeat(n) + ";",
                "if (x) {".repeat(n) + "}".repeat(n),
                "x = " + "fun() { return ".repeat(n) + "1" + "; }".repeat(n) + ";");
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<Integer> parsed = new AtomicReference<>(0);
        // The caller's stack size does not matter: parse() runs on a thread of its own.
        Thread small = new Thread(null, () -> {
            try {
                for (String s : sources) {
                    Parser.parse(s);
                    parsed.set(parsed.get() + 1);
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "small-stack", 64 * 1024);
        small.start();
        small.join();
        assertNull(failure.get());
        assertEquals(sources.size(), parsed.get());

        Expr deep = expr("(".repeat(n) + "7" + ")".repeat(n));
        assertEquals("7", show(deep));
    }

    @Test
    void deeplyNestedUnclosedInputNeverThrowsAnythingElse() {
        for (String unit : List.of("(", "[", "{", "-(", "!(", "fun(){", "x[", "f(", "{a:", "if(x){")) {
            String source = "x = " + unit.repeat(50_000);
            SyntaxError e = error(source);
            assertTrue(e.detail().startsWith("expected") || e.detail().startsWith("nesting too deep"),
                    unit + ": " + e.getMessage());
        }
    }
}
