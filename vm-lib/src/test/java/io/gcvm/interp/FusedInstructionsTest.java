package io.gcvm.interp;

import io.gcvm.Outcome;
import io.gcvm.VmResult;
import io.gcvm.mitscript.syntax.SyntaxError;
import org.junit.jupiter.api.Test;

import static io.gcvm.interp.GuestRuns.out;
import static io.gcvm.interp.GuestRuns.code;
import static io.gcvm.interp.GuestRuns.occurrences;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fused instructions (ADD_INT, SUB_INT, GET_LOCAL_FIELD, compare-with-literal jumps) behave
 * exactly as the instruction sequences they replace: same results, same errors, same lines.
 * Outputs are checked with a collection at every allocation, moving no object and every object.
 */
class FusedInstructionsTest {

    private static VmResult run(String src) { return GuestRuns.run(src, false); }

    @Test
    void theCompilerFusesWhereAnOperandIsALiteralOrALocal() throws SyntaxError {
        String c = code("f = fun(x, r) { if (x < 3) { return x + 1; } if (r.a == None) { return x - 2; } return 0; };");
        assertTrue(c.contains("JUMP_IF_LOCAL_NOT_LT_INT"), c);
        assertTrue(c.contains("LOCAL_ADD_INT"), c);
        assertTrue(c.contains("LOCAL_SUB_INT"), c);
        assertTrue(c.contains("ADD_INT"), c);
        assertTrue(c.contains("SUB_INT"), c);
        assertTrue(c.contains("GET_LOCAL_FIELD"), c);
        assertTrue(c.contains("JUMP_IF_NOT_NONE"), c);
        assertFalse(c.contains("CONST_INT      3"), c);
    }

    @Test
    void aRecordLiteralStoresNoNoneExceptOverAnEarlierValue() throws SyntaxError {
        String c = code("r = {a: None; b: 1; c: None;};");
        assertEquals(1, occurrences(c, "INIT_SLOT"), c);
        assertEquals("{a:None b:1 c:None }\n", out("r = {a: None; b: 1; c: None;}; print(r);"));
        // a later None overwrites an earlier value of the same key, and is stored
        assertEquals("{a:None b:2 }\n{a:3 }\n", out("print({a: 1; b: 2; a: None;}); print({a: None; a: 3;});"));
    }

    @Test
    void addingAnIntLiteralStillConcatenatesStringsAndRejectsTheRest() {
        assertEquals("a1\n7\n", out("s = \"a\"; print(s + 1); x = 6; print(x + 1);"));
        assertEquals("x=11 y=-3\n", out("f = fun(s, n) { return s + n + 1; }; print(f(\"x=\", 1 - 0) + \" y=\" + (0 - 4 + 1));"));
        VmResult r = run("n = None;\nprint(n + 1);");
        assertEquals(Outcome.ILLEGAL_CAST, r.outcome());
        assertEquals(2, r.errorLine());
        assertTrue(r.errorDetail().contains("None and int"), r.errorDetail());
    }

    @Test
    void aConcatenationAtTheDeepestStackPointHasRoomForTheLiteral() {
        // the literal is pushed for the concatenation: the frame must have a slot for it
        assertEquals("ab1c2\n", out("f = fun(a, b) { return a + (b + 1) + (\"c\" + 2); }; print(f(\"a\", \"b\"));"));
    }

    @Test
    void subtractingAnIntLiteralFromANonIntIsAnIllegalCast() {
        VmResult r = run("s = \"a\";\nprint(s - 1);");
        assertEquals(Outcome.ILLEGAL_CAST, r.outcome());
        assertEquals(2, r.errorLine());
        assertTrue(r.errorDetail().contains("string and int"), r.errorDetail());
    }

    @Test
    void comparingWithALiteralBranchesAndFailsLikeTheGeneralComparison() {
        assertEquals("lt le ge eq ne\n", out(String.join("\n",
                "x = 2; s = \"\";",
                "if (x < 3) { s = s + \"lt\"; } if (x > 2) { s = s + \" gt\"; } if (x <= 2) { s = s + \" le\"; }",
                "if (x >= 2) { s = s + \" ge\"; } if (x == 2) { s = s + \" eq\"; } if (!(x == 3)) { s = s + \" ne\"; }",
                "print(s);")));
        assertEquals("no\nno\n", out("x = \"2\"; if (x == 2) { print(\"yes\"); } else { print(\"no\"); } f = fun() { return 0; }; if (f == 0) { print(\"yes\"); } else { print(\"no\"); }"));
        VmResult r = run("x = true;\nwhile (x < 3) { x = 4; }");
        assertEquals(Outcome.ILLEGAL_CAST, r.outcome());
        assertEquals(2, r.errorLine());
        assertTrue(r.errorDetail().contains("operator < needs two ints, not bool and int"), r.errorDetail());
    }

    @Test
    void comparingWithNoneInAConditionMatchesOnlyNone() {
        assertEquals("n 0 f r !\n", out(String.join("\n",
                "s = \"\"; x = None; if (x == None) { s = s + \"n\"; }",
                "x = 0; if (x == None) { s = s + \" bad\"; } else { s = s + \" 0\"; }",
                "x = fun() { return None; }; if (x == None) { s = s + \" bad\"; } else { s = s + \" f\"; }",
                "x = {}; if (!(x == None)) { s = s + \" r\"; } x = None; if (!(x == None)) { s = s + \" bad\"; } else { s = s + \" !\"; }",
                "print(s);")));
    }

    @Test
    void indexingALocalRecordByALocalKey() throws SyntaxError {
        String f = "f = fun(r, k) { return r[k]; }; g = fun(r, k) { r[k] = 7; return r[k]; };\n";
        String c = code(f);
        assertTrue(c.contains("GET_INDEX_LOCALS"), c);
        assertTrue(c.contains("LOAD_LOCAL_REC"), c);
        assertFalse(c.contains("CHECK_RECORD"), c);
        // int, string and bool keys (a bool key is converted to a new string: a collection point)
        assertEquals("2 3 4 5 7 None\n", out(f + "r = {}; r[1] = 2; r[\"a\"] = 3; r[true] = 4; r[\"true!\"] = 5;"
                + " print(f(r, 1) + \" \" + f(r, \"a\") + \" \" + f(r, true) + \" \" + f(r, \"true!\") + \" \" + g(r, 9) + \" \" + f(r, 10));"));
        VmResult bad = run("f = fun(r, k) {\n  return r[k];\n};\nf(3, 1);");
        assertEquals(Outcome.ILLEGAL_CAST, bad.outcome());
        assertEquals(2, bad.errorLine());
        assertTrue(bad.errorDetail().contains("cannot index int: not a record"), bad.errorDetail());
        bad = run("g = fun(r, k) {\n  r[k] = 1;\n};\ng(\"s\", 1);");
        assertEquals(Outcome.ILLEGAL_CAST, bad.outcome());
        assertEquals(2, bad.errorLine());
        assertTrue(bad.errorDetail().contains("cannot index string: not a record"), bad.errorDetail());
    }

    @Test
    void readingAFieldOfALocalChecksItIsARecord() {
        assertEquals("1 None\n", out("f = fun(r) { return r.a + \" \" + r.b; }; print(f({a: 1;}));"));
        VmResult r = run("f = fun(r) {\n  return r.a;\n};\nf(3);");
        assertEquals(Outcome.ILLEGAL_CAST, r.outcome());
        assertEquals(2, r.errorLine());
        assertTrue(r.errorDetail().contains("cannot read field 'a' of int"), r.errorDetail());
    }

    private static void fails(String src, Outcome outcome, int line, String detail) {
        VmResult r = run(src);
        assertEquals(outcome, r.outcome(), r.errorDetail());
        assertEquals(line, r.errorLine(), r.errorDetail());
        assertTrue(r.errorDetail().contains(detail), r.errorDetail());
    }

    @Test
    void theCompilerFusesLiteralOperandsTheModuloIdiomAndGlobals() throws SyntaxError {
        String c = code("x = 7; y = 3; r = {a: 1;}; z = x * 2 + x / 2 + (x - (x / 3) * 3) + (x - (x / y) * y) + r.a; print(z);");
        for (String op : new String[] {"MUL_INT", "DIV_INT", "MOD_INT", "MOD ", "GET_GLOBAL_FIELD", "STORE_LOAD_GLOBAL", "LOAD_GLOBAL2"}) {
            assertTrue(c.contains(op), op + " in\n" + c);
        }
        // not the idiom: another name, another literal, a zero divisor, an expression
        c = code("x = 7; y = 3; print(x - (y / 3) * 3); print(x - (x / 3) * 4); print(x - (x / 0) * 0); print(x - (x / y) * x);");
        assertFalse(c.contains("MOD"), c);
    }

    @Test
    void literalOperandsAndTheModuloIdiomComputeAsTheInstructionsTheyReplace() {
        StringBuilder src = new StringBuilder("f = fun(x, y) { return (x * 3) + \" \" + (x / 3) + \" \" + (x - (x / 3) * 3) + \" \" + (x - (x / y) * y)"
                + " + \" \" + (x - (x / -1) * -1) + \" \" + (x / -1) + \" \" + (x * -2); };\n");
        StringBuilder want = new StringBuilder();
        int[][] cases = {{7, 3}, {-7, 3}, {7, -3}, {-7, -3}, {0, 5}, {2147483647, 10}, {-2147483647 - 1, -1}, {-2147483647 - 1, 7}};
        for (int[] xy : cases) {
            int x = xy[0], y = xy[1];
            src.append("print(f(").append(x == Integer.MIN_VALUE ? "-2147483647 - 1" : Integer.toString(x)).append(", ").append(y).append("));\n");
            want.append(x * 3).append(' ').append(x / 3).append(' ').append(x - (x / 3) * 3).append(' ').append(x - (x / y) * y)
                    .append(' ').append(x - (x / -1) * -1).append(' ').append(x / -1).append(' ').append(x * -2).append('\n');
        }
        assertEquals(want.toString(), out(src.toString()));
        // the same at the top level, where the operands are globals
        assertEquals("1 2 -1\n", out("x = 7; y = 3; a = x - (x / y) * y; b = x - (x / 5) * 5; c = 0 - 7; c = c - (c / y) * y; print(a + \" \" + b + \" \" + c);"));
    }

    @Test
    void literalOperandsAndTheModuloIdiomFailAsTheDivisionWould() {
        fails("s = \"a\";\nprint(s * 2);", Outcome.ILLEGAL_CAST, 2, "operator * needs two ints, not string and int");
        fails("s = None;\nprint(s / 0);", Outcome.ILLEGAL_CAST, 2, "operator / needs two ints, not None and int");
        fails("s = 4;\nprint(s / 0);", Outcome.ILLEGAL_ARITHMETIC, 2, "division by zero");
        fails("s = \"a\";\nprint(s - (s / 3) * 3);", Outcome.ILLEGAL_CAST, 2, "operator / needs two ints, not string and int");
        fails("x = 4; y = true;\nprint(x - (x / y) * y);", Outcome.ILLEGAL_CAST, 2, "operator / needs two ints, not int and bool");
        fails("x = 4; y = 0;\nprint(x - (x / y) * y);", Outcome.ILLEGAL_ARITHMETIC, 2, "division by zero");
        fails("f = fun(x, y) {\n  return x - (x / y) * y;\n};\nf(1, 0);", Outcome.ILLEGAL_ARITHMETIC, 2, "division by zero");
        fails("x = 4;\nprint(x - (x / q) * q);", Outcome.UNINITIALIZED_VARIABLE, 2, "global variable 'q' is not initialized");
        fails("print(\n  q - (q / 3) * 3);", Outcome.UNINITIALIZED_VARIABLE, 2, "global variable 'q' is not initialized");
    }

    @Test
    void fusedGlobalsStoreBeforeTheyLoadAndReportTheLineOfTheLoad() {
        assertEquals("1 1 2\n", out("a = 1; b = a; c = a + b; print(a + \" \" + b + \" \" + c);"));
        assertEquals("5\n", out("a = 2; a = a + 3; print(a);"));
        // a loop whose condition starts with a load right after a store: the load is a jump target
        assertEquals("6\n", out("i = 0; s = 0; while (i < 4) { s = s + i; i = i + 1; } print(s);"));
        assertEquals("yes\n", out("x = 1; if (x == 1) { y = 2; } else { y = 3; } z = y; if (z == 2) { print(\"yes\"); }"));
        fails("a = 1;\nb = c;", Outcome.UNINITIALIZED_VARIABLE, 2, "global variable 'c' is not initialized");
        fails("a = 1;\nb = a +\n  c;", Outcome.UNINITIALIZED_VARIABLE, 3, "global variable 'c' is not initialized");
        fails("a = 1;\nb = c +\n  a;", Outcome.UNINITIALIZED_VARIABLE, 2, "global variable 'c' is not initialized");
        fails("a = 1;\nb = a + a;\nb = d;", Outcome.UNINITIALIZED_VARIABLE, 3, "global variable 'd' is not initialized");
    }

    @Test
    void readingAFieldOfAGlobalChecksItAndItsRecord() {
        assertEquals("1 None\n", out("r = {a: 1;}; print(r.a + \" \" + r.b);"));
        fails("n = 3;\nprint(n.a);", Outcome.ILLEGAL_CAST, 2, "cannot read field 'a' of int");
        fails("n = 3;\nprint(\n  u.a);", Outcome.UNINITIALIZED_VARIABLE, 3, "global variable 'u' is not initialized");
        // a dictionary record (a key its literal lacked) and a shape change at the same site
        assertEquals("1 2 3 4\n", out("f = fun() { return g.x; }; g = {x: 1;}; a = f(); g = {y: 0; x: 2;}; b = f();"
                + " g[\"z\"] = 0; g.x = 3; c = f(); g = {x: 4;}; print(a + \" \" + b + \" \" + c + \" \" + f());"));
    }

    @Test
    void localsWithLiteralsAndPairsOfLocals() throws SyntaxError {
        String f = "f = fun(x, y) { s = \"\"; if (x < 3) { s = s + \"lt\"; } if (x > 3) { s = s + \"gt\"; } if (x <= 3) { s = s + \"le\"; }"
                + " if (x >= 3) { s = s + \"ge\"; } if (x == 3) { s = s + \"eq\"; } if (!(x == 3)) { s = s + \"ne\"; }"
                + " return s + \" \" + (x + 1) + \" \" + (x - 1) + \" \" + (x + y) + \" \" + (y - 2); };\n";
        String c = code(f);
        for (String op : new String[] {"JUMP_IF_LOCAL_NOT_LT_INT", "JUMP_IF_LOCAL_NOT_GT_INT", "JUMP_IF_LOCAL_NOT_LE_INT",
                "JUMP_IF_LOCAL_NOT_GE_INT", "JUMP_IF_LOCAL_NOT_EQ_INT", "LOCAL_ADD_INT", "LOCAL_SUB_INT", "LOAD_LOCAL2"}) {
            assertTrue(c.contains(op), op + " in\n" + c);
        }
        assertEquals("ltlene 3 1 12 8\nlegeeq 4 2 13 8\ngtgene 5 3 14 8\n",
                out(f + "print(f(2, 10)); print(f(3, 10)); print(f(4, 10));"));
        // a string local plus a literal concatenates (and allocates: the locals stay rooted)
        assertEquals("a1 b2 b2\n", out("g = fun(s, t) { u = s + 1; v = t + 2; return u + \" \" + v + \" \" + (t + 2); }; print(g(\"a\", \"b\"));"));
        fails("g = fun(b) {\n  return b + 1;\n};\ng(true);", Outcome.ILLEGAL_CAST, 2, "cannot add bool and int");
        fails("g = fun(b) {\n  return b - 1;\n};\ng(None);", Outcome.ILLEGAL_CAST, 2, "operator - needs two ints, not None and int");
        fails("g = fun(b) {\n  if (b <= 1) { return 0; }\n};\ng(\"s\");", Outcome.ILLEGAL_CAST, 2, "operator <= needs two ints, not string and int");
        fails("g = fun(b) {\n  if (b > 1) { return 0; }\n};\ng({});", Outcome.ILLEGAL_CAST, 2, "operator > needs two ints, not record and int");
        assertEquals("no\n", out("g = fun(b) { if (b == 1) { return \"yes\"; } return \"no\"; }; print(g(\"1\"));"));
    }

    @Test
    void theModuloIdiomOverArithmeticEvaluatesEachSideOnce() throws SyntaxError {
        String c = code("f = fun(x, w) { return (x + w - 1) - ((x + w - 1) / w) * w + ((0 - x) - ((0 - x) / 7) * 7); };");
        assertEquals(2, occurrences(c, "MOD"), c);
        // not the idiom: the two copies differ, or one has an effect (a call) or reads a field
        c = code("f = fun(x, r) { print((x + 1) - ((x + 2) / 3) * 3); print((x + 1) - ((x + 1) / (x + 3)) * (x + 2));"
                + " print(g(x) - (g(x) / 3) * 3); print(r.a - (r.a / 3) * 3); };");
        assertFalse(c.contains("MOD"), c);
        // a call in the expression runs twice, as written
        assertEquals("1 2\n", out("n = 0; g = fun(x) { global n; n = n + 1; return x; }; v = g(7) - (g(7) / 3) * 3; print(v + \" \" + n);"));
    }

    @Test
    void theModuloIdiomOverArithmeticComputesAndFailsAsWritten() {
        StringBuilder src = new StringBuilder("f = fun(x, y, d) { return ((x + y - 1) - ((x + y - 1) / d) * d) + \" \" + ((x * 2) - ((x * 2) / -7) * -7)"
                + " + \" \" + (-x - (-x / (d + 10)) * (d + 10)); };\n");
        StringBuilder want = new StringBuilder();
        int[][] cases = {{7, 3, 4}, {-7, 3, 4}, {7, -30, 4}, {5, 5, -3}, {0, 1, 5}, {2147483647, 1, 10}, {-2147483647 - 1, 1, -1}, {-2147483647, -1, 7}};
        for (int[] c : cases) {
            int x = c[0], y = c[1], d = c[2];
            src.append("print(f(").append(x == Integer.MIN_VALUE ? "-2147483647 - 1" : Integer.toString(x)).append(", ").append(y).append(", ").append(d).append("));\n");
            int e = x + y - 1, t = x * 2, m = -x;
            want.append(e - (e / d) * d).append(' ').append(t - (t / -7) * -7).append(' ').append(m - (m / (d + 10)) * (d + 10)).append('\n');
        }
        assertEquals(want.toString(), out(src.toString()));
        // the division's errors at the division's line; errors inside x at their own
        fails("s = \"a\";\nprint((s + 1) -\n  ((s + 1) / 3) * 3);", Outcome.ILLEGAL_CAST, 3, "operator / needs two ints, not string and int");
        fails("x = 4; d = 0;\nprint((x - 1) - (\n  (x - 1) / d) * d);", Outcome.ILLEGAL_ARITHMETIC, 3, "division by zero");
        fails("x = 4;\nprint((x / 0 + 1) - ((x / 0 + 1) / 3) * 3);", Outcome.ILLEGAL_ARITHMETIC, 2, "division by zero");
        fails("x = 4;\nprint((x + q) - ((x + q) / 3) * 3);", Outcome.UNINITIALIZED_VARIABLE, 2, "global variable 'q' is not initialized");
    }

    @Test
    void incrementingALocalStoresTheSumInItsSlot() throws SyntaxError {
        String f = "f = fun(n, s) { i = 0; j = 0; while (i < n) { i = i + 1; j = i + 2; s = s + 1; } return i + \" \" + j + \" \" + s; };\n";
        String c = code(f);
        assertEquals(2, occurrences(c, "INC_LOCAL"), c); // i = i + 1 and s = s + 1, not j = i + 2
        assertTrue(c.contains("LOCAL_ADD_INT"), c);
        assertFalse(code("i = 0; i = i + 1;").contains("INC_LOCAL"), "a global is no local");
        // ints; a string concatenates (allocating: a collection each time, moving every object in one of the two runs)
        assertEquals("3 5 a111\n0 0 b\n", out(f + "print(f(3, \"a\")); print(f(0, \"b\"));"));
        // a captured local lives in a cell: stored through it
        assertEquals("1\n", out("f = fun() { i = 0; g = fun() { return i; }; i = i + 1; return g(); }; print(f());"));
        fails("g = fun(b) {\n  b = b + 1;\n};\ng(true);", Outcome.ILLEGAL_CAST, 2, "cannot add bool and int");
        fails("g = fun(b) {\n  b = b + 1;\n  return b;\n};\ng(None);", Outcome.ILLEGAL_CAST, 2, "cannot add None and int");
    }

    @Test
    void comparingTwoLocalsBranchesAndFailsLikeTheGeneralComparison() throws SyntaxError {
        String f = "f = fun(x, y) { s = \"\"; if (x < y) { s = s + \"lt\"; } if (x > y) { s = s + \"gt\"; }"
                + " if (x <= y) { s = s + \"le\"; } if (x >= y) { s = s + \"ge\"; } if (x == y) { s = s + \"eq\"; } return s; };\n";
        String c = code(f);
        for (String op : new String[] {"JUMP_IF_LOCALS_NOT_LT", "JUMP_IF_LOCALS_NOT_GT", "JUMP_IF_LOCALS_NOT_LE", "JUMP_IF_LOCALS_NOT_GE"}) {
            assertTrue(c.contains(op), op + " in\n" + c);
        }
        assertTrue(c.contains("JUMP_IF_NOT_EQ"), "== compares any two values: not fused\n" + c);
        assertFalse(code("x = 1; y = 2; if (x < y) { print(1); }").contains("LOCALS"), "globals are no locals");
        assertEquals("ltle gtge legeeq ltle gtge\n", out(f + "print(f(1, 2) + \" \" + f(2, 1) + \" \" + f(3, 3) + \" \" + f(-2147483647 - 1, 2147483647)"
                + " + \" \" + f(2147483647, -2147483647 - 1));"));
        // a loop on two locals
        assertEquals("45\n", out("g = fun(n) { i = 0; s = 0; while (i < n) { s = s + i; i = i + 1; } return s; }; print(g(10));"));
        fails("f = fun(x, y) {\n  if (x <= y) { return 1; }\n};\nf(1, \"2\");", Outcome.ILLEGAL_CAST, 2, "operator <= needs two ints, not int and string");
        fails("f = fun(x, y) {\n  while (x > y) { return 1; }\n};\nf(None, 2);", Outcome.ILLEGAL_CAST, 2, "operator > needs two ints, not None and int");
    }

    @Test
    void aGlobalRecordIsLoadedAndCheckedInOne() throws SyntaxError {
        String src = "r = {}; k = \"a\"; r[k] = 1; r.b = 2; r[k] = r[k] + r.b; print(r);";
        String c = code(src);
        assertEquals(4, occurrences(c, "LOAD_GLOBAL_REC"), c); // r[k] = 1, r.b = 2, r[k] = and r[k] + (reading r.b is GET_GLOBAL_FIELD)
        assertFalse(c.contains("CHECK_RECORD"), c);
        assertTrue(c.matches("(?s).*LOAD_GLOBAL_REC +3 +; r\n.*"), "the disassembly names the global\n" + c);
        assertEquals("{a:3 b:2 }\n", out(src));
        fails("r = 1;\nr[0] = 2;", Outcome.ILLEGAL_CAST, 2, "not a record");
        fails("r = \"s\";\nr.a = 2;", Outcome.ILLEGAL_CAST, 2, "not a record");
        fails("x = 1;\nprint(q[0]);", Outcome.UNINITIALIZED_VARIABLE, 2, "global variable 'q' is not initialized");
        // the name on one line and the indexing on the next: each error at its own line, as unfused
        assertTrue(code("r = {};\nx = r\n  [0];").contains("CHECK_RECORD"));
        fails("r = 1;\nx = r\n  [0];", Outcome.ILLEGAL_CAST, 3, "not a record");
        fails("x = 1;\nx = q\n  [0];", Outcome.UNINITIALIZED_VARIABLE, 2, "global variable 'q' is not initialized");
    }
}
