package io.gcvm.interp;

import io.gcvm.Outcome;
import io.gcvm.Vm;
import io.gcvm.VmResult;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Comparisons and logic as values (not fused into a branch), and the two equality branches:
 * each of the instructions that share one case names its own operator in its error, and
 * gives its own result.
 */
class ValueOperatorsTest {

    private static VmResult run(String src) { return Vm.builder().memoryMb(2).build().run(src); }

    private static String out(String src) {
        VmResult r = run(src);
        assertEquals(Outcome.OK, r.outcome(), r.errorText());
        return r.output();
    }

    @Test
    void comparisonsAsValues() {
        StringBuilder want = new StringBuilder();
        int[][] pairs = {{1, 2}, {2, 2}, {3, 2}, {-5, 4}};
        StringBuilder src = new StringBuilder();
        for (int[] p : pairs) {
            int a = p[0], b = p[1];
            src.append("a = ").append(a).append("; b = ").append(b).append("; x = a < b; y = a > b; z = a <= b; w = a >= b; ")
               .append("print(x); print(y); print(z); print(w);\n");
            want.append(a < b).append('\n').append(a > b).append('\n').append(a <= b).append('\n').append(a >= b).append('\n');
        }
        assertEquals(want.toString(), out(src.toString()));
    }

    @Test
    void logicAsValues() {
        assertEquals("true\nfalse\nfalse\nfalse\ntrue\ntrue\ntrue\nfalse\n", out(String.join("\n",
                "t = true; f = false;",
                "a = t & t; print(a); a = t & f; print(a); a = f & t; print(a); a = f & f; print(a);",
                "a = t | t; print(a); a = t | f; print(a); a = f | t; print(a); a = f | f; print(a);")));
    }

    @Test
    void eachOperatorNamesItselfInItsError() {
        String[][] cases = {
            {"<", "operator < needs two ints, not int and string"},
            {">", "operator > needs two ints, not int and string"},
            {"<=", "operator <= needs two ints, not int and string"},
            {">=", "operator >= needs two ints, not int and string"},
        };
        for (String[] c : cases) {
            VmResult r = run("a = 1;\nx = a " + c[0] + " \"s\";");
            assertEquals(Outcome.ILLEGAL_CAST, r.outcome(), c[0]);
            assertEquals(2, r.errorLine(), c[0]);
            assertTrue(r.errorDetail().contains(c[1]), r.errorDetail());
        }
        for (String op : new String[] {"&", "|"}) {
            VmResult r = run("a = true;\nx = a " + op + " 1;");
            assertEquals(Outcome.ILLEGAL_CAST, r.outcome(), op);
            assertEquals(2, r.errorLine(), op);
            assertTrue(r.errorDetail().contains("operator " + op + " needs two bools, not bool and int"), r.errorDetail());
        }
    }

    @Test
    void bothEqualityBranchesGoTheRightWay() {
        // if (a == b) jumps away when they differ; if (!(a == b)) when they are equal: strings by
        // value, records by identity, functions never
        assertEquals("eq ne ne ne eq | ne eq eq eq ne\n", out(String.join("\n",
                "r = {}; s = {}; f = fun() { return 0; }; o = \"\";",
                "t = fun(a, b) { if (a == b) { return \"eq\"; } return \"ne\"; };",
                "u = fun(a, b) { if (!(a == b)) { return \"ne\"; } return \"eq\"; };",
                "o = t(\"x\" + 1, \"x1\") + \" \" + t(r, s) + \" \" + t(f, f) + \" \" + t(1, None) + \" \" + t(r, r);",
                "o = o + \" | \" + u(\"x\", \"y\") + \" \" + u(None, None) + \" \" + u(2, 2) + \" \" + u(r, r) + \" \" + u(f, f);",
                "print(o);")));
    }
}
