package io.gcvm.bytecode;

/**
 * The instruction set. Code is an {@code int[]}: an opcode followed by its operands inline.
 * Stack effects are given as (pops → pushes). "k" operands index the program's constant
 * strings, "g" the globals, "s" the frame's local slots, "i" the closure's captured cells.
 */
public final class Op {
    private Op() {}

    public static final int CONST_INT = 0;     // v          ( → int)
    public static final int CONST_STR = 1;     // k          ( → string)
    public static final int NONE = 2;          //            ( → None)
    public static final int TRUE = 3;
    public static final int FALSE = 4;
    public static final int LOAD_LOCAL = 5;    // s
    public static final int STORE_LOCAL = 6;   // s          (v → )
    public static final int LOAD_BOXED = 7;    // s: slot s holds a cell
    public static final int STORE_BOXED = 8;   // s
    public static final int LOAD_FREE = 9;     // i
    public static final int LOAD_GLOBAL = 10;  // g
    public static final int STORE_GLOBAL = 11; // g
    public static final int BOX = 12;          // s: move slot s's value into a new cell
    public static final int MAKE_CLOSURE = 13; // f          ( → function)
    public static final int NEW_RECORD = 14;   // shape      ( → record with the shape's fields, all None)
    public static final int INIT_SLOT = 15;    // i          (record v → record): the shape's i-th field
    public static final int GET_FIELD = 16;    // k site     (record → v); site: an inline-cache slot
    public static final int SET_FIELD = 17;    // k site     (record v → )
    public static final int CHECK_RECORD = 18; //            (record → record), raises otherwise
    public static final int GET_INDEX = 19;    //            (record i → v)
    public static final int SET_INDEX = 20;    //            (record i v → )
    public static final int ADD = 21;
    public static final int SUB = 22;
    public static final int MUL = 23;
    public static final int DIV = 24;
    public static final int LT = 25;
    public static final int GT = 26;
    public static final int LE = 27;
    public static final int GE = 28;
    public static final int EQ = 29;
    public static final int AND = 30;
    public static final int OR = 31;
    public static final int NEG = 32;
    public static final int NOT = 33;
    public static final int JUMP = 34;         // target
    public static final int JUMP_IF_FALSE = 35;// target     (bool → )
    public static final int LOOP = 36;         // target: a backward jump (checks for timeouts)
    public static final int CALL = 37;         // argc       (f a1..an → result)
    public static final int RETURN = 38;       //            (v → ) back in the caller: ( → v)
    public static final int POP = 39;
    // fused compare-and-branch, for if/while conditions: (a b → ), jump when the test fails
    public static final int JUMP_IF_NOT_LT = 40;  // target
    public static final int JUMP_IF_NOT_GT = 41;
    public static final int JUMP_IF_NOT_LE = 42;
    public static final int JUMP_IF_NOT_GE = 43;
    public static final int JUMP_IF_NOT_EQ = 44;
    /** For a condition !(a == b): jump when a == b. */
    public static final int JUMP_IF_EQ = 45;

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

    private static final String[] NAMES = {
        "CONST_INT", "CONST_STR", "NONE", "TRUE", "FALSE", "LOAD_LOCAL", "STORE_LOCAL",
        "LOAD_BOXED", "STORE_BOXED", "LOAD_FREE", "LOAD_GLOBAL", "STORE_GLOBAL", "BOX",
        "MAKE_CLOSURE", "NEW_RECORD", "INIT_SLOT", "GET_FIELD", "SET_FIELD", "CHECK_RECORD",
        "GET_INDEX", "SET_INDEX", "ADD", "SUB", "MUL", "DIV", "LT", "GT", "LE", "GE", "EQ",
        "AND", "OR", "NEG", "NOT", "JUMP", "JUMP_IF_FALSE", "LOOP", "CALL", "RETURN", "POP",
        "JUMP_IF_NOT_LT", "JUMP_IF_NOT_GT", "JUMP_IF_NOT_LE", "JUMP_IF_NOT_GE", "JUMP_IF_NOT_EQ", "JUMP_IF_EQ"
    };

    private static final int[] OPERANDS = {
        1, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0,
        1, 1, 1, 1, 1, 1
    };

    public static String name(int op) { return NAMES[op]; }

    public static int operands(int op) { return OPERANDS[op]; }
}
