package io.gcvm.bytecode;

/**
 * The instruction set. Code is an {@code int[]}: an opcode followed by its operands inline.
 * Stack effects are given as (pops → pushes). "k" operands index the program's constant
 * strings, "g" the globals, "s" the frame's local slots, "i" the closure's captured cells.
 *
 * <p><b>Why this numbering.</b> Opcodes are numbered by how often they run (counted over the
 * benchmark programs in {@code vm-bench}), most frequent first. The launcher runs the JVM's
 * C1 compiler only (C2's compiler arenas would cost more memory than the limit allows), and C1
 * turns the interpreter's {@code switch} into a chain of compares in key order: a frequent
 * opcode with a small number is dispatched in a compare or two. The fused compare-and-branch
 * opcodes are consecutive ({@link #isConditionalJump}, and the loop handles four of them in one
 * case, which C1 tests as one range).
 */
public final class Op {
    private Op() {}

    public static final int LOAD_GLOBAL = 0;    // g
    public static final int LOAD_LOCAL = 1;     // s
    public static final int CONST_INT = 2;      // v          ( → int)
    public static final int ADD = 3;
    public static final int CHECK_RECORD = 4;   //            (record → record), raises otherwise
    public static final int SUB = 5;
    public static final int STORE_GLOBAL = 6;   // g          (v → )
    public static final int STORE_LOCAL = 7;    // s          (v → )
    public static final int JUMP_IF_NOT_LT = 8; // target: fused compare-and-branch (a b → ), jumps when the test fails
    public static final int JUMP_IF_NOT_GT = 9;
    public static final int JUMP_IF_NOT_LE = 10;
    public static final int JUMP_IF_NOT_GE = 11;
    public static final int JUMP_IF_NOT_EQ = 12;
    public static final int JUMP_IF_EQ = 13;    // target: for a condition !(a == b), jumps when a == b
    public static final int GET_INDEX = 14;     //            (record i → v)
    public static final int MUL = 15;
    public static final int GET_FIELD = 16;     // k site     (record → v); site: an inline-cache slot
    public static final int CALL = 17;          // argc       (f a1..an → result)
    public static final int RETURN = 18;        //            (v → ) back in the caller: ( → v)
    public static final int DIV = 19;
    public static final int INIT_SLOT = 20;     // i          (record v → record): the shape's i-th field
    public static final int LOOP = 21;          // target: a backward jump (checks for timeouts)
    public static final int NONE = 22;          //            ( → None)
    public static final int SET_INDEX = 23;     //            (record i v → )
    public static final int NEW_RECORD = 24;    // shape      ( → record with the shape's fields, all None)
    public static final int CONST_STR = 25;     // k          ( → string)
    public static final int LOAD_FREE = 26;     // i: the closure's i-th captured cell
    public static final int BOX = 27;           // s: move slot s's value into a new cell
    public static final int MAKE_CLOSURE = 28;  // f          ( → function)
    public static final int SET_FIELD = 29;     // k site     (record v → )
    public static final int POP = 30;
    public static final int JUMP_IF_FALSE = 31; // target     (bool → )
    public static final int EQ = 32;
    public static final int JUMP = 33;          // target
    public static final int LT = 34;
    public static final int GT = 35;
    public static final int LE = 36;
    public static final int GE = 37;
    public static final int NOT = 38;
    public static final int NEG = 39;
    public static final int STORE_BOXED = 40;   // s
    public static final int LOAD_BOXED = 41;    // s: slot s holds a cell
    public static final int TRUE = 42;
    public static final int FALSE = 43;
    public static final int AND = 44;
    public static final int OR = 45;

    /** True for the conditional jumps (successors: the next instruction and the target). */
    public static boolean isConditionalJump(int op) { return op == JUMP_IF_FALSE || (op >= JUMP_IF_NOT_LT && op <= JUMP_IF_EQ); }

    public static String comparisonSymbol(int op) {
        switch (op) {
            case JUMP_IF_NOT_LT: return "<";
            case JUMP_IF_NOT_GT: return ">";
            case JUMP_IF_NOT_LE: return "<=";
            default: return ">=";
        }
    }

    /** Names and operand counts, indexed by opcode. */
    private static final String[] NAMES = {
        "LOAD_GLOBAL", "LOAD_LOCAL", "CONST_INT", "ADD", "CHECK_RECORD", "SUB", "STORE_GLOBAL", "STORE_LOCAL", "JUMP_IF_NOT_LT", "JUMP_IF_NOT_GT", "JUMP_IF_NOT_LE", "JUMP_IF_NOT_GE", "JUMP_IF_NOT_EQ", "JUMP_IF_EQ", "GET_INDEX", "MUL", "GET_FIELD", "CALL", "RETURN", "DIV", "INIT_SLOT", "LOOP", "NONE", "SET_INDEX", "NEW_RECORD", "CONST_STR", "LOAD_FREE", "BOX", "MAKE_CLOSURE", "SET_FIELD", "POP", "JUMP_IF_FALSE", "EQ", "JUMP", "LT", "GT", "LE", "GE", "NOT", "NEG", "STORE_BOXED", "LOAD_BOXED", "TRUE", "FALSE", "AND", "OR"
    };

    private static final int[] OPERANDS = {
        1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 2, 1, 0, 0, 1, 1, 0, 0, 1, 1, 1, 1, 1, 2, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0
    };

    public static String name(int op) { return NAMES[op]; }

    public static int operands(int op) { return OPERANDS[op]; }
}
