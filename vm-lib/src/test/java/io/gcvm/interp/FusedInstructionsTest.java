package io.gcvm.interp;

import io.gcvm.Outcome;
import io.gcvm.Vm;
import io.gcvm.VmResult;
import io.gcvm.bytecode.Disassembler;
import io.gcvm.mitscript.syntax.SyntaxError;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fused instructions (ADD_INT, SUB_INT, GET_LOCAL_FIELD, compare-with-literal jumps) behave
 * exactly as the instruction sequences they replace: same results, same errors, same lines.
 */
class FusedInstructionsTest {

    private static VmResult run(String src) { return Vm.builder().memoryMb(2).gcStress(true).verifyHeap(true).build().run(src); }

    private static String out(String src) {
        VmResult r = run(src);
        assertEquals(Outcome.OK, r.outcome(), r.errorDetail());
        return r.output();
    }

    private static String code(String src) throws SyntaxError { return Disassembler.disassemble(Vm.compile(src)); }

    @Test
    void theCompilerFusesWhereAnOperandIsALiteralOrALocal() throws SyntaxError {
        String c = code("f = fun(x, r) { if (x < 3) { return x + 1; } if (r.a == None) { return x - 2; } return 0; };");
        assertTrue(c.contains("JUMP_IF_NOT_LT_INT"), c);
        assertTrue(c.contains("ADD_INT"), c);
        assertTrue(c.contains("SUB_INT"), c);
        assertTrue(c.contains("GET_LOCAL_FIELD"), c);
        assertTrue(c.contains("JUMP_IF_NOT_NONE"), c);
        assertFalse(c.contains("CONST_INT      3"), c);
    }

    @Test
    void aRecordLiteralStoresNoNoneExceptOverAnEarlierValue() throws SyntaxError {
        String c = code("r = {a: None; b: 1; c: None;};");
        assertEquals(1, c.split("INIT_SLOT", -1).length - 1, c);
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
}
