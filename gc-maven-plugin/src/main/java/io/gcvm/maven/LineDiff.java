package io.gcvm.maven;

import java.util.ArrayList;
import java.util.List;

/**
 * A line-based unified diff ({@code diff -u} format, 3 lines of context) of expected against
 * actual output. Common leading and trailing lines are set aside first; the rest is aligned by a
 * longest-common-subsequence table when it is small enough, and otherwise shown as one
 * replaced block (the first difference is what a person needs; the result files keep more).
 */
public final class LineDiff {
    static final int CONTEXT = 3;
    /** Largest LCS table (cells) built; beyond it the differing middle is one replaced block. */
    static final long MAX_TABLE = 2_000_000;
    static final String NO_EOL = "\\ No newline at end of file";

    private LineDiff() {}

    /**
     * The diff, or null when the texts are equal.
     *
     * @param expected      the expected text
     * @param actual        the actual text
     * @param expectedLabel the {@code ---} header's name
     * @param actualLabel   the {@code +++} header's name
     */
    public static Result diff(String expected, String actual, String expectedLabel, String actualLabel) {
        if (expected.equals(actual)) return null;
        List<String> a = lines(expected);
        List<String> b = lines(actual);
        List<int[]> ops = script(a, b);   // {op, index}: op 0 equal (index in a), -1 delete (a), +1 insert (b)

        List<String> out = new ArrayList<>();
        out.add("--- " + expectedLabel);
        out.add("+++ " + actualLabel);
        int firstDiff = 0;
        int changed = 0;
        // positions in a and b before each op
        int n = ops.size();
        int[] posA = new int[n + 1];
        int[] posB = new int[n + 1];
        for (int k = 0; k < n; k++) {
            int op = ops.get(k)[0];
            posA[k + 1] = posA[k] + (op <= 0 ? 1 : 0);
            posB[k + 1] = posB[k] + (op >= 0 ? 1 : 0);
        }
        int k = 0;
        while (k < n) {
            if (ops.get(k)[0] == 0) {
                k++;
                continue;
            }
            if (firstDiff == 0) firstDiff = posA[k] + 1;
            // a hunk: from CONTEXT equal lines before k to the end of the last change that is
            // within 2 * CONTEXT equal lines of the previous one, plus CONTEXT equal lines
            int start = k;
            int back = 0;
            while (start > 0 && back < CONTEXT && ops.get(start - 1)[0] == 0) {
                start--;
                back++;
            }
            int end = k;   // exclusive end of the last change seen
            int j = k;
            while (j < n) {
                if (ops.get(j)[0] != 0) {
                    j++;
                    end = j;
                    continue;
                }
                int run = 0;
                while (j + run < n && ops.get(j + run)[0] == 0) run++;
                if (j + run < n && run <= 2 * CONTEXT) {
                    j += run;
                } else {
                    break;
                }
            }
            int stop = end;
            int fwd = 0;
            while (stop < n && fwd < CONTEXT && ops.get(stop)[0] == 0) {
                stop++;
                fwd++;
            }
            int aStart = posA[start], aCount = posA[stop] - posA[start];
            int bStart = posB[start], bCount = posB[stop] - posB[start];
            out.add("@@ -" + range(aStart, aCount) + " +" + range(bStart, bCount) + " @@");
            for (int i = start; i < stop; i++) {
                int[] op = ops.get(i);
                String line = op[0] <= 0 ? a.get(op[1]) : b.get(op[1]);
                String prefix = op[0] == 0 ? " " : op[0] < 0 ? "-" : "+";
                if (op[0] != 0) changed++;
                if (line.endsWith("\n" + NO_EOL)) {
                    out.add(prefix + line.substring(0, line.length() - NO_EOL.length() - 1));
                    out.add(NO_EOL);
                } else {
                    out.add(prefix + line);
                }
            }
            k = stop;
        }
        return new Result(List.copyOf(out), firstDiff, changed);
    }

    private static String range(int start, int count) {
        if (count == 1) return String.valueOf(start + 1);
        return (count == 0 ? start : start + 1) + "," + count;
    }

    /** The lines of {@code s}; a last line without a newline carries the {@link #NO_EOL} marker. */
    static List<String> lines(String s) {
        List<String> out = new ArrayList<>();
        int from = 0;
        while (from < s.length()) {
            int nl = s.indexOf('\n', from);
            if (nl < 0) {
                out.add(s.substring(from) + "\n" + NO_EOL);
                break;
            }
            out.add(s.substring(from, nl));
            from = nl + 1;
        }
        return out;
    }

    private static List<int[]> script(List<String> a, List<String> b) {
        int pre = 0;
        while (pre < a.size() && pre < b.size() && a.get(pre).equals(b.get(pre))) pre++;
        int suf = 0;
        while (suf < a.size() - pre && suf < b.size() - pre
                && a.get(a.size() - 1 - suf).equals(b.get(b.size() - 1 - suf))) suf++;
        List<int[]> ops = new ArrayList<>();
        for (int i = 0; i < pre; i++) ops.add(new int[] {0, i});
        int n = a.size() - pre - suf;
        int m = b.size() - pre - suf;
        if ((long) (n + 1) * (m + 1) <= MAX_TABLE) {
            // lcs[i][j] = LCS length of a[pre+i..] and b[pre+j..]
            int[] lcs = new int[(n + 1) * (m + 1)];
            for (int i = n - 1; i >= 0; i--) {
                for (int j = m - 1; j >= 0; j--) {
                    lcs[i * (m + 1) + j] = a.get(pre + i).equals(b.get(pre + j))
                            ? lcs[(i + 1) * (m + 1) + j + 1] + 1
                            : Math.max(lcs[(i + 1) * (m + 1) + j], lcs[i * (m + 1) + j + 1]);
                }
            }
            int i = 0, j = 0;
            while (i < n || j < m) {
                if (i < n && j < m && a.get(pre + i).equals(b.get(pre + j))) {
                    ops.add(new int[] {0, pre + i});
                    i++;
                    j++;
                } else if (j < m && (i == n || lcs[i * (m + 1) + j + 1] >= lcs[(i + 1) * (m + 1) + j])) {
                    ops.add(new int[] {1, pre + j});
                    j++;
                } else {
                    ops.add(new int[] {-1, pre + i});
                    i++;
                }
            }
            // show deletions before insertions within each changed block, as diff -u does
            normalize(ops);
        } else {
            for (int i = 0; i < n; i++) ops.add(new int[] {-1, pre + i});
            for (int j = 0; j < m; j++) ops.add(new int[] {1, pre + j});
        }
        for (int i = 0; i < suf; i++) ops.add(new int[] {0, a.size() - suf + i});
        return ops;
    }

    /** Within each run of changes, puts the deletions first (stable). */
    private static void normalize(List<int[]> ops) {
        int k = 0;
        while (k < ops.size()) {
            if (ops.get(k)[0] == 0) {
                k++;
                continue;
            }
            int e = k;
            while (e < ops.size() && ops.get(e)[0] != 0) e++;
            List<int[]> block = new ArrayList<>(ops.subList(k, e));
            List<int[]> sorted = new ArrayList<>();
            for (int[] op : block) if (op[0] < 0) sorted.add(op);
            for (int[] op : block) if (op[0] > 0) sorted.add(op);
            for (int i = 0; i < sorted.size(); i++) ops.set(k + i, sorted.get(i));
            k = e;
        }
    }

    /**
     * A diff.
     *
     * @param lines          all lines of the unified diff, headers included
     * @param firstDifference the first expected line (1-based) where the outputs differ
     * @param changedLines   lines marked {@code -} or {@code +}
     */
    public record Result(List<String> lines, int firstDifference, int changedLines) {

        /** At most {@code max} lines; when cut, the last says how many more there are. */
        public List<String> head(int max) {
            if (lines.size() <= max) return lines;
            List<String> out = new ArrayList<>(lines.subList(0, max - 1));
            out.add("... (" + (lines.size() - max + 1) + " more diff lines)");
            return out;
        }

        public boolean truncatedAt(int max) { return lines.size() > max; }

        public String text(int max) { return String.join("\n", head(max)) + "\n"; }
    }
}
