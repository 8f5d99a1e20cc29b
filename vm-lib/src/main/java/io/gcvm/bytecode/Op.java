package io.gcvm.bytecode;

/**
 * The instruction set. Code is an {@code int[]}: an opcode followed by its operands inline.
 * Stack effects are given as (pops → pushes). "k" operands index the program's constant
 * strings, "g" the globals, "s" the frame's local slots, "i" the closure's captured cells.
 * A jump's target is always its first operand.
 *
 * <p><b>Why this numbering.</b> Opcodes are numbered by how often they run, most frequent
 * first: {@code vm-bench/opcount.py --renumber} counts them over the benchmark programs in
 * {@code vm-bench} (each benchmark weighing the same) and rewrites this file. The launcher runs
 * the JVM's C1 compiler only (C2's compiler arenas would cost more memory than the limit
 * allows), and C1 turns the interpreter's {@code switch} into a chain of compares in key order:
 * an opcode numbered k is dispatched in about k compares. The four compare-and-branch
 * instructions of each group ({@code JUMP_IF_NOT_LT}, {@code _GT}, {@code _LE}, {@code _GE},
 * and the same with {@code _INT}) are numbered consecutively in that order: the loop handles
 * both groups in one case, which C1 tests as two ranges. Nothing else depends on the numbers.
 *
 * <p><b>Fused instructions.</b> {@code ADD_INT}, {@code SUB_INT}, {@code GET_LOCAL_FIELD},
 * {@code GET_INDEX_LOCALS}, {@code LOAD_LOCAL_REC} and the {@code _INT}/{@code NONE} jumps do
 * what the two to four instructions they replace would, with the same errors; the compiler
 * emits them where an operand is a literal or a local, saving dispatches.
 */
public final class Op {
    private Op() {}

    public static final int LOAD_GLOBAL = 0;         // g
    public static final int LOAD_LOCAL = 1;          // s
    public static final int ADD = 2;
    public static final int STORE_LOCAL = 3;         // s          (v → )
    public static final int CONST_INT = 4;           // v          ( → int)
    public static final int STORE_GLOBAL = 5;        // g          (v → )
    public static final int MUL = 6;
    public static final int CALL = 7;                // argc       (f a1..an → result)
    public static final int RETURN = 8;              // (v → ) back in the caller: ( → v)
    public static final int SUB = 9;
    public static final int ADD_INT = 10;            // v          (a → a + v): CONST_INT v; ADD in one instruction
    public static final int DIV = 11;
    public static final int JUMP_IF_NOT_LT = 12;     // target: fused compare-and-branch (a b → ), jumps when the test fails
    public static final int JUMP_IF_NOT_GT = 13;
    public static final int JUMP_IF_NOT_LE = 14;
    public static final int JUMP_IF_NOT_GE = 15;
    public static final int GET_INDEX_LOCALS = 16;   // s t        ( → v): LOAD_LOCAL s; CHECK_RECORD; LOAD_LOCAL t; GET_INDEX in one
    public static final int GET_LOCAL_FIELD = 17;    // s k site   ( → v): LOAD_LOCAL s; GET_FIELD k site in one
    public static final int LOOP = 18;               // target: a backward jump (checks for timeouts)
    public static final int SUB_INT = 19;            // v          (a → a - v): CONST_INT v; SUB in one
    public static final int JUMP_IF_NOT_LT_INT = 20; // target v: compare-and-branch with an int literal (a → )
    public static final int JUMP_IF_NOT_GT_INT = 21;
    public static final int JUMP_IF_NOT_LE_INT = 22;
    public static final int JUMP_IF_NOT_GE_INT = 23;
    public static final int GET_INDEX = 24;          // (record i → v)
    public static final int CHECK_RECORD = 25;       // (record → record), raises otherwise
    public static final int INIT_SLOT = 26;          // i          (record v → record): the shape's i-th field
    public static final int GET_FIELD = 27;          // k site     (record → v); site: an inline-cache slot
    public static final int LOAD_LOCAL_REC = 28;     // s          ( → record): LOAD_LOCAL s; CHECK_RECORD in one
    public static final int SET_INDEX = 29;          // (record i v → )
    public static final int JUMP_IF_NOT_EQ_INT = 30; // target v
    public static final int NEW_RECORD = 31;         // shape      ( → record with the shape's fields, all None)
    public static final int LOAD_FREE = 32;          // i: the closure's i-th captured cell
    public static final int CONST_STR = 33;          // k          ( → string)
    public static final int JUMP_IF_NOT_NONE = 34;   // target: for a condition a == None (a → )
    public static final int JUMP_IF_NONE = 35;       // target: for !(a == None)
    public static final int JUMP_IF_NOT_EQ = 36;
    public static final int BOX = 37;                // s: move slot s's value into a new cell
    public static final int MAKE_CLOSURE = 38;       // f          ( → function)
    public static final int SET_FIELD = 39;          // k site     (record v → )
    public static final int POP = 40;
    public static final int JUMP = 41;               // target
    public static final int JUMP_IF_FALSE = 42;      // target     (bool → )
    public static final int EQ = 43;
    public static final int LT = 44;
    public static final int NOT = 45;
    public static final int NEG = 46;
    public static final int NONE = 47;               // ( → None)
    public static final int STORE_BOXED = 48;        // s
    public static final int LOAD_BOXED = 49;         // s: slot s holds a cell
    public static final int TRUE = 50;
    public static final int FALSE = 51;
    public static final int GT = 52;
    public static final int AND = 53;
    public static final int JUMP_IF_EQ = 54;         // target: for a condition !(a == b), jumps when a == b
    public static final int LE = 55;
    public static final int GE = 56;
    public static final int OR = 57;

    /**
     * Where the interpreter's dispatch splits: opcodes below {@code DISPATCH_B} are found in its
     * first switch, those below {@code DISPATCH_C} in the second, the rest in the third (see
     * the class comment). Chosen with {@code vm-bench/opcount.py}'s model of compares per dispatch.
     */
    public static final int DISPATCH_B = 6;
    public static final int DISPATCH_C = 16;

    /** True for the conditional jumps (successors: the next instruction and the target). */
    public static boolean isConditionalJump(int op) {
        switch (op) {
            case JUMP_IF_FALSE: case JUMP_IF_NOT_EQ: case JUMP_IF_EQ: case JUMP_IF_NOT_EQ_INT:
            case JUMP_IF_NOT_NONE: case JUMP_IF_NONE:
            case JUMP_IF_NOT_LT: case JUMP_IF_NOT_GT: case JUMP_IF_NOT_LE: case JUMP_IF_NOT_GE:
            case JUMP_IF_NOT_LT_INT: case JUMP_IF_NOT_GT_INT: case JUMP_IF_NOT_LE_INT: case JUMP_IF_NOT_GE_INT:
                return true;
            default:
                return false;
        }
    }

    /** The compare-with-an-int-literal form of a fused compare-and-branch. */
    public static int withIntLiteral(int op) {
        switch (op) {
            case JUMP_IF_NOT_LT: return JUMP_IF_NOT_LT_INT;
            case JUMP_IF_NOT_GT: return JUMP_IF_NOT_GT_INT;
            case JUMP_IF_NOT_LE: return JUMP_IF_NOT_LE_INT;
            case JUMP_IF_NOT_GE: return JUMP_IF_NOT_GE_INT;
            case JUMP_IF_NOT_EQ: return JUMP_IF_NOT_EQ_INT;
            default: throw new IllegalArgumentException(name(op));
        }
    }

    public static String comparisonSymbol(int op) {
        switch (op) {
            case JUMP_IF_NOT_LT: case JUMP_IF_NOT_LT_INT: return "<";
            case JUMP_IF_NOT_GT: case JUMP_IF_NOT_GT_INT: return ">";
            case JUMP_IF_NOT_LE: case JUMP_IF_NOT_LE_INT: return "<=";
            default: return ">=";
        }
    }

    /** Names and operand counts, indexed by opcode. */
    private static final String[] NAMES = {
        "LOAD_GLOBAL", "LOAD_LOCAL", "ADD", "STORE_LOCAL", "CONST_INT", "STORE_GLOBAL", "MUL", "CALL", "RETURN", "SUB", "ADD_INT", "DIV", "JUMP_IF_NOT_LT", "JUMP_IF_NOT_GT", "JUMP_IF_NOT_LE", "JUMP_IF_NOT_GE", "GET_INDEX_LOCALS", "GET_LOCAL_FIELD", "LOOP", "SUB_INT", "JUMP_IF_NOT_LT_INT", "JUMP_IF_NOT_GT_INT", "JUMP_IF_NOT_LE_INT", "JUMP_IF_NOT_GE_INT", "GET_INDEX", "CHECK_RECORD", "INIT_SLOT", "GET_FIELD", "LOAD_LOCAL_REC", "SET_INDEX", "JUMP_IF_NOT_EQ_INT", "NEW_RECORD", "LOAD_FREE", "CONST_STR", "JUMP_IF_NOT_NONE", "JUMP_IF_NONE", "JUMP_IF_NOT_EQ", "BOX", "MAKE_CLOSURE", "SET_FIELD", "POP", "JUMP", "JUMP_IF_FALSE", "EQ", "LT", "NOT", "NEG", "NONE", "STORE_BOXED", "LOAD_BOXED", "TRUE", "FALSE", "GT", "AND", "JUMP_IF_EQ", "LE", "GE", "OR"
    };

    private static final int[] OPERANDS = {
        1, 1, 0, 1, 1, 1, 0, 1, 0, 0, 1, 0, 1, 1, 1, 1, 2, 3, 1, 1, 2, 2, 2, 2, 0, 0, 1, 2, 1, 0, 2, 1, 1, 1, 1, 1, 1, 1, 1, 2, 0, 1, 1, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 1, 0, 0, 0
    };

    public static String name(int op) { return NAMES[op]; }

    public static int operands(int op) { return OPERANDS[op]; }
}
