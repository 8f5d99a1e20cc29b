package io.gcvm.bytecode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds a function's stack maps: for every instruction at which a collection can happen,
 * the set of local slots that are roots there. Everything else in the frame's locals is dead —
 * never read again before being written — and the collector neither follows nor keeps it.
 *
 * <p>A classic backward dataflow over the bytecode: {@code in(i) = use(i) ∪ (out(i) − def(i))},
 * {@code out(i) = ∪ in(successors)}, iterated to a fixed point. The roots at a collection point
 * are {@code out(i)} plus the slots the instruction itself still reads after it has allocated
 * ({@code BOX} its slot, {@code MAKE_CLOSURE} the slots it captures: cells, or values it copies).
 *
 * <p>Collection points are the instructions that allocate: {@code BOX}, {@code MAKE_CLOSURE},
 * {@code NEW_RECORD}, {@code SET_FIELD} (a new field may need a bigger table), {@code GET_INDEX},
 * {@code SET_INDEX}, {@code ADD} and {@code CONCAT} (string concatenation) and {@code CALL} (a new frame, or a
 * built-in that allocates; it is also where every caller frame waits). A map is keyed by the
 * pc just after its instruction: that is the pc a frame holds while the instruction runs.
 */
public final class Liveness {
    private Liveness() {}

    /** Stack maps of one function: sorted points and, per point, {@code words} words of slot bits. */
    public record StackMaps(int[] points, long[] bits, int words) {
        public static final StackMaps NONE = new StackMaps(new int[0], new long[0], 0);

        /** Index of the map at {@code pc}, or -1. */
        public int find(int pc) { return Arrays.binarySearch(points, pc); }

        public boolean isLive(int map, int slot) {
            return (bits[map * words + (slot >>> 6)] & (1L << slot)) != 0;
        }
    }

    public static boolean isCollectionPoint(int op) {
        switch (op) {
            case Op.BOX: case Op.MAKE_CLOSURE: case Op.NEW_RECORD: case Op.SET_FIELD:
            case Op.GET_INDEX: case Op.GET_INDEX_LOCALS: case Op.SET_INDEX: case Op.ADD: case Op.ADD_INT: case Op.CALL:
            case Op.LOCAL_ADD_INT: case Op.INC_LOCAL: case Op.CONCAT:
                return true;
            default:
                return false;
        }
    }

    /**
     * @param code            the function's code
     * @param locals          its number of local slots
     * @param capturedSlots   for each function index, the enclosing slots its closure captures
     *                        (what {@code MAKE_CLOSURE f} reads)
     */
    public static StackMaps analyse(int[] code, int locals, int[][] capturedSlots) {
        if (locals == 0) return StackMaps.NONE;
        int words = (locals + 63) >>> 6;
        List<Integer> starts = new ArrayList<>();
        for (int pc = 0; pc < code.length; pc += 1 + Op.operands(code[pc])) starts.add(pc);
        int n = starts.size();
        int[] at = new int[code.length + 1];
        Arrays.fill(at, -1);
        for (int i = 0; i < n; i++) at[starts.get(i)] = i;
        at[code.length] = n; // falling off the end never happens (every function ends in RETURN)

        long[] in = new long[(n + 1) * words];
        long[] out = new long[(n + 1) * words];
        long[] tmp = new long[words];
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = n - 1; i >= 0; i--) {
                int pc = starts.get(i);
                int op = code[pc];
                int next = pc + 1 + Op.operands(op);
                Arrays.fill(tmp, 0);
                // out = union of successors' in
                if (Op.hasTarget(op)) or(tmp, in, at[code[pc + 1]], words);
                if (Op.fallsThrough(op)) or(tmp, in, at[next], words);
                System.arraycopy(tmp, 0, out, i * words, words);
                // in = use ∪ (out − def)
                int slots = Op.localOperands(op);
                if (op == Op.STORE_LOCAL) {
                    clear(tmp, code[pc + 1]);
                } else if (slots != 0) {
                    for (int k = 1; k <= 3; k++) if ((slots & 1 << k) != 0) set(tmp, code[pc + k]);
                } else if (op == Op.MAKE_CLOSURE) {
                    for (int s : capturedSlots[code[pc + 1]]) set(tmp, s);
                }
                for (int w = 0; w < words; w++) {
                    if (in[i * words + w] != tmp[w]) {
                        in[i * words + w] = tmp[w];
                        changed = true;
                    }
                }
            }
        }

        List<Integer> points = new ArrayList<>();
        for (int i = 0; i < n; i++) if (isCollectionPoint(code[starts.get(i)])) points.add(i);
        int[] pcs = new int[points.size()];
        long[] bits = new long[points.size() * words];
        for (int p = 0; p < points.size(); p++) {
            int i = points.get(p);
            int pc = starts.get(i);
            int op = code[pc];
            pcs[p] = pc + 1 + Op.operands(op);
            System.arraycopy(out, i * words, bits, p * words, words);
            long[] row = Arrays.copyOfRange(bits, p * words, (p + 1) * words);
            if (op == Op.BOX) set(row, code[pc + 1]);
            if (op == Op.MAKE_CLOSURE) for (int s : capturedSlots[code[pc + 1]]) set(row, s);
            System.arraycopy(row, 0, bits, p * words, words);
        }
        return new StackMaps(pcs, bits, words);
    }

    private static void or(long[] dst, long[] src, int index, int words) {
        if (index < 0) throw new IllegalStateException("jump to the middle of an instruction");
        for (int w = 0; w < words; w++) dst[w] |= src[index * words + w];
    }

    private static void set(long[] bits, int slot) { bits[slot >>> 6] |= 1L << slot; }

    private static void clear(long[] bits, int slot) { bits[slot >>> 6] &= ~(1L << slot); }
}
