package io.gcvm.jit;

import io.gcvm.bytecode.FunctionProto;
import io.gcvm.bytecode.Op;

/**
 * Which operand slots and locals hold an int on every path to an instruction: a forward
 * dataflow over one function's bytecode (meet: and), so that compiled code can leave out the
 * tag checks those values would pass anyway.
 *
 * <p>A fact must hold in every execution, the interpreter's included, since compiled loop code
 * is entered from the interpreter at a loop head. So a value is an int after an instruction
 * only if the instruction cannot go on with anything else:
 * <ul>
 *   <li>{@code CONST_INT}; {@code SUB}, {@code MUL}, {@code DIV}, {@code MOD} and their
 *       literal forms, and {@code LOCAL_SUB_INT}, which raise an error for anything but ints;</li>
 *   <li>{@code ADD} and its literal forms ({@code ADD_INT}, {@code LOCAL_ADD_INT},
 *       {@code INC_LOCAL}) only when what they add to is an int: a string makes them
 *       concatenate;</li>
 *   <li>loads and stores of locals carry the fact along.</li>
 * </ul>
 * Everything else (globals, fields, indexing, calls, parameters) is not known to be an int.
 */
final class IntFacts {
    private IntFacts() {}

    /**
     * Per instruction (null where no path reaches it): index d < maxStack, the operand slot at
     * depth d; index maxStack + s, local s. {@code depth} as {@link FunctionCompiler#depths}.
     */
    static boolean[][] analyse(FunctionProto proto, int[] depth) {
        int[] code = proto.code();
        int slots = proto.maxStack(), width = slots + proto.locals();
        boolean[][] in = new boolean[code.length][];
        int[] work = new int[code.length];
        boolean[] queued = new boolean[code.length];
        int n = 0;
        in[0] = new boolean[width];
        work[n++] = 0;
        queued[0] = true;
        boolean[] out = new boolean[width];
        while (n > 0) {
            int pc = work[--n];
            queued[pc] = false;
            int op = code[pc];
            System.arraycopy(in[pc], 0, out, 0, width);
            transfer(op, code, pc, depth[pc], slots, out);
            for (int k = 0; k < 2; k++) {
                int succ = Op.successor(code, pc, k);
                if (succ < 0) continue;
                boolean changed = false;
                if (in[succ] == null) {
                    in[succ] = out.clone();
                    changed = true;
                } else {
                    for (int i = 0; i < width; i++) {
                        if (in[succ][i] && !out[i]) {
                            in[succ][i] = false;
                            changed = true;
                        }
                    }
                }
                if (changed && !queued[succ]) {
                    queued[succ] = true;
                    work[n++] = succ;
                }
            }
        }
        return in;
    }

    /** The facts after instruction {@code op} at {@code pc}, operand depth d before it, in place. */
    private static void transfer(int op, int[] code, int pc, int d, int slots, boolean[] f) {
        int after = d + Op.stackEffect(op, code, pc);
        boolean top = d > 0 && f[d - 1], second = d > 1 && f[d - 2];
        // the slots below what the instruction pops keep their facts; what it pushes is not
        // known to be an int unless said below; the slots above the new top are free
        for (int i = Math.max(0, after - Op.pushes(op)); i < slots; i++) f[i] = false;
        switch (op) {
            case Op.CONST_INT: case Op.LOCAL_SUB_INT: case Op.SUB: case Op.MUL: case Op.DIV: case Op.MOD:
            case Op.SUB_INT: case Op.MUL_INT: case Op.DIV_INT: case Op.MOD_INT: case Op.NEG:
                f[after - 1] = true; // an int, or the instruction raised an error
                break;
            case Op.ADD:
                f[after - 1] = top && second;
                break;
            case Op.ADD_INT:
                f[after - 1] = top;
                break;
            case Op.LOAD_LOCAL: case Op.LOCAL_ADD_INT:
                f[after - 1] = f[slots + code[pc + 1]];
                break;
            case Op.LOAD_LOCAL2:
                f[after - 2] = f[slots + code[pc + 1]];
                f[after - 1] = f[slots + code[pc + 2]];
                break;
            case Op.STORE_LOCAL:
                f[slots + code[pc + 1]] = top;
                break;
            case Op.BOX:
                f[slots + code[pc + 1]] = false; // a cell now
                break;
            default:
                break; // INC_LOCAL s v: s stays an int if it was one (a string stays no int)
        }
    }
}
