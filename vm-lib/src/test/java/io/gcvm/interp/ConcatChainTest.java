package io.gcvm.interp;

import io.gcvm.Outcome;
import io.gcvm.VmResult;
import io.gcvm.mitscript.syntax.SyntaxError;
import org.junit.jupiter.api.Test;

import static io.gcvm.interp.GuestRuns.run;
import static io.gcvm.interp.GuestRuns.out;
import static io.gcvm.interp.GuestRuns.code;
import static io.gcvm.interp.GuestRuns.occurrences;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code CONCAT n}: a chain {@code a + b + c + ...} joined into one string once an operand is
 * a string. The compiler uses it only where evaluating the later operands first cannot show:
 * the same results, the same errors at the same lines, as one {@code +} at a time; and it is
 * checked here against the one-at-a-time sum, under collections at every allocation that move
 * every object.
 */
class ConcatChainTest {

    private static int concats(String src) throws SyntaxError { return occurrences(code(src), "CONCAT"); }

    @Test
    void aChainFromAStringLiteralOnIsOneInstruction() throws SyntaxError {
        assertTrue(code("a = 1; b = 2; s = \"x\" + a + \"y\" + b;").contains("CONCAT         4"));
        // the sum before the literal is one operand: 1 + 2, then "x" and 3
        assertTrue(code("a = 1; s = a + 2 + \"x\" + 3;").contains("CONCAT         3"));
        // s + x + ",": every operand after the first two is a literal
        assertTrue(code("s = \"\"; k = 1; s = s + k + \",\";").contains("CONCAT         3"));
        // two operands are one + anyway
        assertEquals(0, concats("a = 1; s = \"x\" + a;"));
        assertEquals(0, concats("a = 1; b = 2; s = a + b + 1;"));
    }

    @Test
    void theSumIsThatOfOnePlusAtATime() {
        assertEquals("3x3\n", out("a = 1; print(a + 2 + \"x\" + 3);"));
        assertEquals("aNonetrue{b:1 }FUNCTION\n", out("r = {b: 1;}; f = fun() { return 0; }; n = None; t = true;\n"
                + "print(\"a\" + n + t + r + f);"));
        // ints of every length, the longest and the smallest among them, around unaligned bytes
        assertEquals("n123456789|-2147483648|-9999999|99999999|0|7\n",
                out("m = 0 - 2147483647 - 1; a = 0 - 9999999; b = 99999999; z = 0; s = 7;\n"
                        + "print(\"n\" + 123456789 + \"|\" + m + \"|\" + a + \"|\" + b + \"|\" + z + \"|\" + s);"));
        assertEquals("|\n", out("e = \"\"; print(e + \"\" + e + \"|\" + e);"));
        assertEquals("Nonex1\n", out("n = None; print(n + \"x\" + 1);"));
    }

    @Test
    void longStringsAtEveryOffsetMatchTheirOnePlusAtATimeBuild() {
        // a string of every length 0..20 joined at every offset with others; the sums one + at a
        // time (through a function, which the compiler never joins) must be equal
        assertEquals("ok\n", out(String.join("\n",
                "add = fun(a, b) { return a + b; };",
                "w = \"\"; i = 0; bad = 0;",
                "while (i < 21) {",
                "  v = \"abcdefghij\" + i;",
                "  joined = w + \"<\" + v + i + w + \">\" + v;",
                "  one = add(add(add(add(add(add(w, \"<\"), v), i), w), \">\"), v);",
                "  if (!(joined == one)) { bad = bad + 1; print(joined); print(one); }",
                "  w = w + \"q\";",
                "  i = i + 1;",
                "}",
                "if (bad == 0) { print(\"ok\"); }")));
    }

    @Test
    void anOperandThatCallsAFunctionAfterARecordIsNotEvaluatedEarly() throws SyntaxError {
        String src = "r = {a: 1;}; f = fun() { r.a = 2; return \"!\"; };\nprint(\"x\" + r + f());\nprint(\"y\" + f() + r + \"z\");";
        // line 2: f() could change r before r is converted: one + at a time; line 3: the call
        // comes before any conversion, so the chain is joined
        String c = code(src);
        assertEquals(1, concats(src), c);
        assertEquals("x{a:1 }!\ny!{a:2 }z\n", out(src));
    }

    @Test
    void aFailingPlusFailsAtItsLineWithItsMessage() throws SyntaxError {
        String src = "s = None; k = 1;\nx = 0;\nprint(s + k + \",\");";
        assertTrue(code(src).contains("CONCAT"));
        VmResult r = run(src, false);
        assertEquals(Outcome.ILLEGAL_CAST, r.outcome());
        assertEquals(3, r.errorLine());
        assertTrue(r.errorDetail().contains("cannot add None and int"), r.errorDetail());
        // a chain over several lines is not joined: each + keeps its own line for its error
        String lines = "s = None; k = 1;\nprint(s +\n k +\n \",\");";
        assertEquals(0, concats(lines));
        VmResult l = run(lines, false);
        assertEquals(Outcome.ILLEGAL_CAST, l.outcome());
        assertEquals(2, l.errorLine());
    }

    @Test
    void anOperandsErrorComesFirstAsItWouldOnePlusAtATime() {
        // "x" + a cannot fail; reading the record's field does, at its own line
        VmResult r = run("a = 1; n = None;\nprint(\"x\" + a + \"-\" + n.f);", false);
        assertEquals(Outcome.ILLEGAL_CAST, r.outcome());
        assertEquals(2, r.errorLine());
        assertFalse(r.output().contains("x"), r.output());
    }
}
