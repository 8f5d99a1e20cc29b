package io.gcvm.maven;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LineDiffTest {

    @Test
    void equalTextsHaveNoDiff() {
        assertNull(LineDiff.diff("a\n", "a\n", "e", "a"));
    }

    @Test
    void oneChangedLineWithContext() {
        LineDiff.Result d = LineDiff.diff("1\n2\n3\n4\n5\n6\n7\n8\n", "1\n2\n3\n4\nfive\n6\n7\n8\n", "exp", "act");
        assertEquals(List.of("--- exp", "+++ act", "@@ -2,7 +2,7 @@", " 2", " 3", " 4", "-5", "+five", " 6", " 7", " 8"),
                d.lines());
        assertEquals(5, d.firstDifference());
        assertEquals(2, d.changedLines());
    }

    @Test
    void insertionsAndDeletions() {
        LineDiff.Result d = LineDiff.diff("a\nb\nc\n", "a\nc\nd\n", "e", "a");
        assertEquals(List.of("--- e", "+++ a", "@@ -1,3 +1,3 @@", " a", "-b", " c", "+d"), d.lines());
    }

    @Test
    void emptyExpected() {
        LineDiff.Result d = LineDiff.diff("", "x\n", "e", "a");
        assertEquals(List.of("--- e", "+++ a", "@@ -0,0 +1 @@", "+x"), d.lines());
    }

    @Test
    void missingFinalNewlineIsShown() {
        LineDiff.Result d = LineDiff.diff("a\nb\n", "a\nb", "e", "a");
        assertEquals(List.of("--- e", "+++ a", "@@ -1,2 +1,2 @@", " a", "-b", "+b", LineDiff.NO_EOL), d.lines());
    }

    @Test
    void farApartChangesMakeTwoHunks() {
        StringBuilder e = new StringBuilder(), a = new StringBuilder();
        for (int i = 1; i <= 30; i++) {
            e.append(i).append('\n');
            a.append(i == 3 || i == 25 ? "x" : String.valueOf(i)).append('\n');
        }
        LineDiff.Result d = LineDiff.diff(e.toString(), a.toString(), "e", "a");
        assertEquals(2, d.lines().stream().filter(l -> l.startsWith("@@")).count());
        assertTrue(d.lines().contains("@@ -1,6 +1,6 @@"), d.lines().toString());
        assertTrue(d.lines().contains("@@ -22,7 +22,7 @@"), d.lines().toString());
    }

    @Test
    void headCutsAndSaysHowMuchIsLeft() {
        StringBuilder e = new StringBuilder(), a = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            e.append("e").append(i).append('\n');
            a.append("a").append(i).append('\n');
        }
        LineDiff.Result d = LineDiff.diff(e.toString(), a.toString(), "e", "a");
        List<String> h = d.head(20);
        assertEquals(20, h.size());
        assertEquals("... (84 more diff lines)", h.get(19));
        assertTrue(d.truncatedAt(20));
    }

    @Test
    void hugeDifferingMiddleFallsBackToOneBlock() {
        StringBuilder e = new StringBuilder(), a = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            e.append("e").append(i).append('\n');
            a.append("a").append(i).append('\n');
        }
        LineDiff.Result d = LineDiff.diff("same\n" + e, "same\n" + a, "e", "a");
        assertEquals("@@ -1,3001 +1,3001 @@", d.lines().get(2));
        assertEquals(2, d.firstDifference());
        assertEquals(6000, d.changedLines());
    }
}
