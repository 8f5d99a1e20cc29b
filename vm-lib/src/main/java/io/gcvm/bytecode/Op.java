package io.gcvm.bytecode;

/**
 * The instruction set. Code is an {@code int[]}: an opcode followed by its operands inline.
 * Stack effects are given as (pops → pushes). "k" operands index the program's constant
 * strings, "g" the globals, "s" the frame's local slots, "i" the closure's captured cells.
 * A jump's target is always its first operand.
 *
 * <p><b>Why this numbering.</b> Opcodes are numbered by how often they run (counted over the
 * benchmark programs in {@code vm-bench}, each program's share of its own instructions
 * averaged over the programs), most frequent first. The launcher runs the JVM's
 * C1 compiler only (C2's compiler arenas would cost more memory than the limit allows), and C1
 * turns the interpreter's {@code switch} into a chain of compares in key order: a frequent
 * opcode with a small number is dispatched in a compare or two. The four comparisons of each
 * compare-and-branch group are consecutive, and the loop handles them in one case, which C1
 * tests as one range (two compares); the {@code _EQ} of each group comes right after its four
 * (the compiler turns a plain jump into its {@code _INT} form by adding the groups' distance).
 * The constants and the two tables below are written by a script from one ordered list, so a
 * renumbering moves nothing else.
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
    public static final int GET_INDEX_LOCALS = 12;   // s t        ( → v): LOAD_LOCAL s; CHECK_RECORD; LOAD_LOCAL t; GET_INDEX in one
    public static final int JUMP_IF_NOT_LT = 13;     // target: fused compare-and-branch (a b → ), jumps when the test fails
    public static final int JUMP_IF_NOT_GT = 14;
    public static final int JUMP_IF_NOT_LE = 15;
    public static final int JUMP_IF_NOT_GE = 16;
    public static final int JUMP_IF_NOT_EQ = 17;
    public static final int INIT_SLOT = 18;          // i          (record v → record): the shape's i-th field
    public static final int LOOP = 19;               // target: a backward jump (checks for timeouts)
    public static final int SUB_INT = 20;            // v          (a → a - v): CONST_INT v; SUB in one
    public static final int GET_LOCAL_FIELD = 21;    // s k site   ( → v): LOAD_LOCAL s; GET_FIELD k site in one
    public static final int GET_INDEX = 22;          // (record i → v)
    public static final int CHECK_RECORD = 23;       // (record → record), raises otherwise
    public static final int JUMP_IF_NOT_LT_INT = 24; // target v: compare-and-branch with an int literal (a → )
    public static final int JUMP_IF_NOT_GT_INT = 25;
    public static final int JUMP_IF_NOT_LE_INT = 26;
    public static final int JUMP_IF_NOT_GE_INT = 27;
    public static final int JUMP_IF_NOT_EQ_INT = 28; // target v
    public static final int LOAD_LOCAL_REC = 29;     // s          ( → record): LOAD_LOCAL s; CHECK_RECORD in one
    public static final int GET_FIELD = 30;          // k site     (record → v); site: an inline-cache slot
    public static final int SET_INDEX = 31;          // (record i v → )
    public static final int NEW_RECORD = 32;         // shape      ( → record with the shape's fields, all None)
    public static final int LOAD_FREE = 33;          // i: the closure's i-th captured cell
    public static final int CONST_STR = 34;          // k          ( → string)
    public static final int JUMP_IF_NOT_NONE = 35;   // target: for a condition a == None (a → )
    public static final int NONE = 36;               // ( → None)
    public static final int JUMP_IF_NONE = 37;       // target: for !(a == None)
    public static final int BOX = 38;                // s: move slot s's value into a new cell
    public static final int MAKE_CLOSURE = 39;       // f          ( → function)
    public static final int SET_FIELD = 40;          // k site     (record v → )
    public static final int POP = 41;
    public static final int JUMP_IF_FALSE = 42;      // target     (bool → )
    public static final int EQ = 43;
    public static final int JUMP = 44;               // target
    public static final int JUMP_IF_EQ = 45;         // target: for a condition !(a == b), jumps when a == b
    public static final int LT = 46;
    public static final int NOT = 47;
    public static final int GT = 48;
    public static final int LE = 49;
    public static final int GE = 50;
    public static final int NEG = 51;
    public static final int STORE_BOXED = 52;        // s
    public static final int LOAD_BOXED = 53;         // s: slot s holds a cell
    public static final int TRUE = 54;
    public static final int FALSE = 55;
    public static final int AND = 56;
    public static final int OR = 57;

    /** True for the conditional jumps (successors: the next instruction and the target). */
    public static boolean isConditionalJump(int op) {
        switch (op) {
            case JUMP_IF_FALSE: case JUMP_IF_NOT_NONE: case JUMP_IF_NONE: case JUMP_IF_EQ:
            case JUMP_IF_NOT_LT: case JUMP_IF_NOT_GT: case JUMP_IF_NOT_LE: case JUMP_IF_NOT_GE: case JUMP_IF_NOT_EQ:
            case JUMP_IF_NOT_LT_INT: case JUMP_IF_NOT_GT_INT: case JUMP_IF_NOT_LE_INT: case JUMP_IF_NOT_GE_INT: case JUMP_IF_NOT_EQ_INT:
                return true;
            default:
                return false;
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
        "LOAD_GLOBAL", "LOAD_LOCAL", "ADD", "STORE_LOCAL", "CONST_INT", "STORE_GLOBAL", "MUL", "CALL", "RETURN", "SUB", "ADD_INT", "DIV", "GET_INDEX_LOCALS", "JUMP_IF_NOT_LT", "JUMP_IF_NOT_GT", "JUMP_IF_NOT_LE", "JUMP_IF_NOT_GE", "JUMP_IF_NOT_EQ", "INIT_SLOT", "LOOP", "SUB_INT", "GET_LOCAL_FIELD", "GET_INDEX", "CHECK_RECORD", "JUMP_IF_NOT_LT_INT", "JUMP_IF_NOT_GT_INT", "JUMP_IF_NOT_LE_INT", "JUMP_IF_NOT_GE_INT", "JUMP_IF_NOT_EQ_INT", "LOAD_LOCAL_REC", "GET_FIELD", "SET_INDEX", "NEW_RECORD", "LOAD_FREE", "CONST_STR", "JUMP_IF_NOT_NONE", "NONE", "JUMP_IF_NONE", "BOX", "MAKE_CLOSURE", "SET_FIELD", "POP", "JUMP_IF_FALSE", "EQ", "JUMP", "JUMP_IF_EQ", "LT", "NOT", "GT", "LE", "GE", "NEG", "STORE_BOXED", "LOAD_BOXED", "TRUE", "FALSE", "AND", "OR"
    };

    private static final int[] OPERANDS = {
        1, 1, 0, 1, 1, 1, 0, 1, 0, 0, 1, 0, 2, 1, 1, 1, 1, 1, 1, 1, 1, 3, 0, 0, 2, 2, 2, 2, 2, 1, 2, 0, 1, 1, 1, 1, 0, 1, 1, 1, 2, 0, 1, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0
    };

    public static String name(int op) { return NAMES[op]; }

    public static int operands(int op) { return OPERANDS[op]; }
}
