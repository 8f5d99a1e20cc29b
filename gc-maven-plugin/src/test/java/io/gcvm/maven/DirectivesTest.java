package io.gcvm.maven;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DirectivesTest {

    private static Directives parse(String src) throws Directives.DirectiveException {
        return Directives.parse(src, "src/gcvm/p.mit");
    }

    private static String error(String src) {
        return assertThrows(Directives.DirectiveException.class, () -> parse(src)).getMessage();
    }

    @Test
    void readsAllFourDirectives() throws Exception {
        Directives d = parse("// @mem 12\n// @timeout 60\n// @expect OutOfMemoryException\n// @oom-mem 3\nx = 1;\n");
        assertEquals(12, d.mem());
        assertEquals(60, d.timeout());
        assertEquals("OutOfMemoryException", d.expect());
        assertEquals(3, d.oomMem());
        assertEquals(3, d.expectLine());
        assertEquals(4, d.oomMemLine());
    }

    @Test
    void absentDirectivesAreNull() throws Exception {
        Directives d = parse("x = 1;\nprint(x);\n");
        assertNull(d.mem());
        assertNull(d.timeout());
        assertNull(d.expect());
        assertNull(d.oomMem());
        assertEquals(Directives.NONE, parse(""));
    }

    @Test
    void ordinaryCommentsAndBlankLinesMayMixWithDirectives() throws Exception {
        Directives d = parse("// A program.\n\n//@mem 4\n   //   @timeout   9  \n// more words: @ not a directive\nx = 1;\n");
        assertEquals(4, d.mem());
        assertEquals(9, d.timeout());
    }

    @Test
    void headerEndsAtTheFirstLineOfCode() throws Exception {
        Directives d = parse("// @mem 4\nx = 1;\n// @mem 8\n// @bogus 1\n");
        assertEquals(4, d.mem());
    }

    @Test
    void crlfLineEndings() throws Exception {
        Directives d = parse("// @mem 5\r\n// @expect SyntaxError\r\nx = ;\r\n");
        assertEquals(5, d.mem());
        assertEquals("SyntaxError", d.expect());
    }

    @Test
    void unknownDirectiveNamesFileAndLine() {
        String m = error("// header\n// @memory 12\nx = 1;\n");
        assertTrue(m.startsWith("src/gcvm/p.mit:2: unknown directive '@memory'"), m);
    }

    @Test
    void badValues() {
        assertTrue(error("// @mem twelve\n").startsWith("src/gcvm/p.mit:1: @mem needs a positive whole number"));
        assertTrue(error("// @mem 0\n").contains("positive"));
        assertTrue(error("// @timeout -1\n").contains("@timeout needs a positive whole number"));
        assertTrue(error("// @mem\n").startsWith("src/gcvm/p.mit:1: @mem needs a value"));
        assertTrue(error("// @mem 4 MB\n").contains("takes one value"));
        assertTrue(error("// @mem 4\n// @mem 5\n").startsWith("src/gcvm/p.mit:2: @mem is given twice"));
        assertTrue(error("// @expect Boom\n").startsWith("src/gcvm/p.mit:1: @expect Boom: not an error"));
        assertTrue(error("// @expect Timeout\n").contains("not an error"));
        assertTrue(error("// @mem 4\n// @oom-mem 4\n").startsWith("src/gcvm/p.mit:2: @oom-mem 4 must be below @mem 4"));
        assertTrue(error("// @\n").contains("unknown directive '@'"));
    }

    @Test
    void everyGuestErrorAndSyntaxErrorCanBeExpected() throws Exception {
        for (String name : new String[] {"OutOfMemoryException", "SyntaxError", "UninitializedVariableException",
                "IllegalCastException", "IllegalArithmeticException", "RuntimeException"}) {
            assertEquals(name, parse("// @expect " + name + "\n").expect());
        }
    }
}
