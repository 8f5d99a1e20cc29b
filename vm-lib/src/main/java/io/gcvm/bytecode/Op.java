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
 * <p><b>Fused instructions.</b> {@code ADD_INT}, {@code SUB_INT}, {@code MUL_INT},
 * {@code DIV_INT}, {@code GET_LOCAL_FIELD}, {@code GET_GLOBAL_FIELD}, {@code GET_INDEX_LOCALS},
 * {@code LOAD_LOCAL_REC}, {@code LOAD_GLOBAL2}, {@code STORE_LOAD_GLOBAL} and the
 * {@code _INT}/{@code NONE} jumps do what the two to four instructions they replace would, with
 * the same errors at the same lines; the compiler emits them where an operand is a literal, a
 * local or a global, saving dispatches. {@code MOD_INT} and {@code MOD} are the modulo idiom
 * {@code x - (x / y) * y} (MITScript has no remainder operator) with x a name and y a name or a
 * literal: each name is read once, and only the division can fail.
 */
public final class Op {
    private Op() {}

    public static final int LOAD_GLOBAL = 0;         // g
    public static final int ADD = 1;
    public static final int LOAD_LOCAL = 2;          // s
    public static final int CALL = 3;                // argc       (f a1..an → result)
    public static final int STORE_LOAD_GLOBAL = 4;   // g h        (v → w): STORE_GLOBAL g; LOAD_GLOBAL h in one
    public static final int RETURN = 5;              // (v → ) back in the caller: ( → v)
    public static final int LOAD_GLOBAL2 = 6;        // g h        ( → v w): LOAD_GLOBAL g; LOAD_GLOBAL h in one
    public static final int STORE_LOCAL = 7;         // s          (v → )
    public static final int STORE_GLOBAL = 8;        // g          (v → )
    public static final int CHECK_RECORD = 9;        // (record → record), raises otherwise
    public static final int JUMP_IF_NOT_LT = 10;     // target: fused compare-and-branch (a b → ), jumps when the test fails
    public static final int JUMP_IF_NOT_GT = 11;
    public static final int JUMP_IF_NOT_LE = 12;
    public static final int JUMP_IF_NOT_GE = 13;
    public static final int JUMP_IF_NOT_EQ = 14;
    public static final int JUMP_IF_LOCAL_NOT_LT_INT = 15; // target v s: local s against the literal v ( → ): LOAD_LOCAL s; JUMP_IF_NOT_LT_INT in one
    public static final int JUMP_IF_LOCAL_NOT_GT_INT = 16;
    public static final int JUMP_IF_LOCAL_NOT_LE_INT = 17;
    public static final int JUMP_IF_LOCAL_NOT_GE_INT = 18;
    public static final int JUMP_IF_LOCAL_NOT_EQ_INT = 19; // target v s
    public static final int INIT_SLOT = 20;          // i          (record v → record): the shape's i-th field
    public static final int ADD_INT = 21;            // v          (a → a + v): CONST_INT v; ADD in one instruction
    public static final int LOCAL_SUB_INT = 22;      // s v        ( → s - v): LOAD_LOCAL s; SUB_INT v in one
    public static final int LOOP = 23;               // target: a backward jump (checks for timeouts)
    public static final int MOD_INT = 24;            // v          (a → a - (a / v) * v): the modulo idiom, LOAD a; DIV_INT v; MUL_INT v; SUB without the second load
    public static final int GET_GLOBAL_FIELD = 25;   // g k site   ( → v): LOAD_GLOBAL g; GET_FIELD k site in one
    public static final int GET_INDEX = 26;          // (record i → v)
    public static final int CONST_STR = 27;          // k          ( → string)
    public static final int SUB = 28;
    public static final int SET_INDEX = 29;          // (record i v → )
    public static final int GET_LOCAL_FIELD = 30;    // s k site   ( → v): LOAD_LOCAL s; GET_FIELD k site in one
    public static final int LOAD_FREE = 31;          // i: the closure's i-th captured cell
    public static final int MUL_INT = 32;            // v          (a → a * v): CONST_INT v; MUL in one
    public static final int LOAD_LOCAL2 = 33;        // s t        ( → v w): LOAD_LOCAL s; LOAD_LOCAL t in one
    public static final int GET_INDEX_LOCALS = 34;   // s t        ( → v): LOAD_LOCAL s; CHECK_RECORD; LOAD_LOCAL t; GET_INDEX in one
    public static final int JUMP_IF_NOT_LT_INT = 35; // target v: compare-and-branch with an int literal (a → )
    public static final int JUMP_IF_NOT_GT_INT = 36;
    public static final int JUMP_IF_NOT_LE_INT = 37;
    public static final int JUMP_IF_NOT_GE_INT = 38;
    public static final int JUMP_IF_NOT_EQ_INT = 39; // target v
    public static final int MOD = 40;                // (a b → a - (a / b) * b): the modulo idiom with a variable divisor
    public static final int NEW_RECORD = 41;         // shape      ( → record with the shape's fields, all None)
    public static final int CONST_INT = 42;          // v          ( → int)
    public static final int MUL = 43;
    public static final int JUMP_IF_NONE = 44;       // target: for !(a == None)
    public static final int LOCAL_ADD_INT = 45;      // s v        ( → s + v): LOAD_LOCAL s; ADD_INT v in one
    public static final int LOAD_LOCAL_REC = 46;     // s          ( → record): LOAD_LOCAL s; CHECK_RECORD in one
    public static final int DIV_INT = 47;            // v          (a → a / v): CONST_INT v; DIV in one
    public static final int GET_FIELD = 48;          // k site     (record → v); site: an inline-cache slot
    public static final int JUMP_IF_NOT_NONE = 49;   // target: for a condition a == None (a → )
    public static final int NONE = 50;               // ( → None)
    public static final int BOX = 51;                // s: move slot s's value into a new cell
    public static final int DIV = 52;
    public static final int SET_FIELD = 53;          // k site     (record v → )
    public static final int MAKE_CLOSURE = 54;       // f          ( → function)
    public static final int SUB_INT = 55;            // v          (a → a - v): CONST_INT v; SUB in one
    public static final int POP = 56;
    public static final int JUMP_IF_FALSE = 57;      // target     (bool → )
    public static final int EQ = 58;
    public static final int JUMP = 59;               // target
    public static final int LT = 60;
    public static final int NOT = 61;
    public static final int NEG = 62;
    public static final int JUMP_IF_EQ = 63;         // target: for a condition !(a == b), jumps when a == b
    public static final int GT = 64;
    public static final int LE = 65;
    public static final int GE = 66;
    public static final int STORE_BOXED = 67;        // s
    public static final int LOAD_BOXED = 68;         // s: slot s holds a cell
    public static final int TRUE = 69;
    public static final int FALSE = 70;
    public static final int AND = 71;
    public static final int OR = 72;

    /** True for the conditional jumps (successors: the next instruction and the target). */
    public static boolean isConditionalJump(int op) {
        switch (op) {
            case JUMP_IF_FALSE: case JUMP_IF_NOT_NONE: case JUMP_IF_NONE: case JUMP_IF_EQ:
            case JUMP_IF_NOT_LT: case JUMP_IF_NOT_GT: case JUMP_IF_NOT_LE: case JUMP_IF_NOT_GE: case JUMP_IF_NOT_EQ:
            case JUMP_IF_NOT_LT_INT: case JUMP_IF_NOT_GT_INT: case JUMP_IF_NOT_LE_INT: case JUMP_IF_NOT_GE_INT: case JUMP_IF_NOT_EQ_INT:
            case JUMP_IF_LOCAL_NOT_LT_INT: case JUMP_IF_LOCAL_NOT_GT_INT: case JUMP_IF_LOCAL_NOT_LE_INT: case JUMP_IF_LOCAL_NOT_GE_INT:
            case JUMP_IF_LOCAL_NOT_EQ_INT:
                return true;
            default:
                return false;
        }
    }

    /** True for the instructions whose third operand is a local slot they read (the local compare-and-branch jumps). */
    public static boolean readsLocalAt3(int op) {
        switch (op) {
            case JUMP_IF_LOCAL_NOT_LT_INT: case JUMP_IF_LOCAL_NOT_GT_INT: case JUMP_IF_LOCAL_NOT_LE_INT: case JUMP_IF_LOCAL_NOT_GE_INT:
            case JUMP_IF_LOCAL_NOT_EQ_INT:
                return true;
            default:
                return false;
        }
    }

    public static String comparisonSymbol(int op) {
        switch (op) {
            case JUMP_IF_NOT_LT: case JUMP_IF_NOT_LT_INT: case JUMP_IF_LOCAL_NOT_LT_INT: return "<";
            case JUMP_IF_NOT_GT: case JUMP_IF_NOT_GT_INT: case JUMP_IF_LOCAL_NOT_GT_INT: return ">";
            case JUMP_IF_NOT_LE: case JUMP_IF_NOT_LE_INT: case JUMP_IF_LOCAL_NOT_LE_INT: return "<=";
            default: return ">=";
        }
    }

    /** Names and operand counts, indexed by opcode. */
    private static final String[] NAMES = {
        "LOAD_GLOBAL", "ADD", "LOAD_LOCAL", "CALL", "STORE_LOAD_GLOBAL", "RETURN", "LOAD_GLOBAL2", "STORE_LOCAL", "STORE_GLOBAL", "CHECK_RECORD", "JUMP_IF_NOT_LT", "JUMP_IF_NOT_GT", "JUMP_IF_NOT_LE", "JUMP_IF_NOT_GE", "JUMP_IF_NOT_EQ", "JUMP_IF_LOCAL_NOT_LT_INT", "JUMP_IF_LOCAL_NOT_GT_INT", "JUMP_IF_LOCAL_NOT_LE_INT", "JUMP_IF_LOCAL_NOT_GE_INT", "JUMP_IF_LOCAL_NOT_EQ_INT", "INIT_SLOT", "ADD_INT", "LOCAL_SUB_INT", "LOOP", "MOD_INT", "GET_GLOBAL_FIELD", "GET_INDEX", "CONST_STR", "SUB", "SET_INDEX", "GET_LOCAL_FIELD", "LOAD_FREE", "MUL_INT", "LOAD_LOCAL2", "GET_INDEX_LOCALS", "JUMP_IF_NOT_LT_INT", "JUMP_IF_NOT_GT_INT", "JUMP_IF_NOT_LE_INT", "JUMP_IF_NOT_GE_INT", "JUMP_IF_NOT_EQ_INT", "MOD", "NEW_RECORD", "CONST_INT", "MUL", "JUMP_IF_NONE", "LOCAL_ADD_INT", "LOAD_LOCAL_REC", "DIV_INT", "GET_FIELD", "JUMP_IF_NOT_NONE", "NONE", "BOX", "DIV", "SET_FIELD", "MAKE_CLOSURE", "SUB_INT", "POP", "JUMP_IF_FALSE", "EQ", "JUMP", "LT", "NOT", "NEG", "JUMP_IF_EQ", "GT", "LE", "GE", "STORE_BOXED", "LOAD_BOXED", "TRUE", "FALSE", "AND", "OR"
    };

    private static final int[] OPERANDS = {
        1, 0, 1, 1, 2, 0, 2, 1, 1, 0, 1, 1, 1, 1, 1, 3, 3, 3, 3, 3, 1, 1, 2, 1, 1, 3, 0, 1, 0, 0, 3, 1, 1, 2, 2, 2, 2, 2, 2, 2, 0, 1, 1, 0, 1, 2, 1, 1, 2, 1, 0, 1, 0, 2, 1, 1, 0, 1, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0
    };

    public static String name(int op) { return NAMES[op]; }

    public static int operands(int op) { return OPERANDS[op]; }
}
