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
 * allows), and C1 turns a {@code switch} into a chain of compares in key order. So the
 * interpreter dispatches in a short tree: {@code op < DISPATCH_B}, then {@code op < DISPATCH_C},
 * each range with a switch of its own, most frequent first (the script also moves the cases
 * into the right switch). The four comparisons of each compare-and-branch group
 * ({@code JUMP_IF_NOT_LT}, {@code _GT}, {@code _LE}, {@code _GE}; the same with {@code _INT};
 * with {@code JUMP_IF_LOCAL_NOT_}; and with {@code JUMP_IF_LOCALS_NOT_}) are numbered consecutively in that order: the loop
 * handles each group in one case, which C1 tests as one range. Nothing else depends on the numbers.
 *
 * <p><b>Fused instructions.</b> {@code ADD_INT}, {@code SUB_INT}, {@code MUL_INT},
 * {@code DIV_INT}, {@code GET_LOCAL_FIELD}, {@code GET_GLOBAL_FIELD}, {@code GET_INDEX_LOCALS},
 * {@code LOAD_LOCAL_REC}, {@code LOAD_GLOBAL_REC}, {@code LOAD_GLOBAL2}, {@code STORE_LOAD_GLOBAL}, {@code INC_LOCAL} and the
 * {@code _INT}/{@code NONE}/{@code LOCALS} jumps do what the two to four instructions they replace would, with
 * the same errors at the same lines; the compiler emits them where an operand is a literal, a
 * local or a global, saving dispatches. {@code MOD_INT} and {@code MOD} are the modulo idiom
 * {@code x - (x / y) * y} (MITScript has no remainder operator) with x and y names, literals or
 * arithmetic of those: each is evaluated once, and only the division can fail.
 *
 * <p><b>Concatenation.</b> In a chain {@code a + b + c + ...} the sum becomes a string at its
 * first string literal and stays one; {@code CONCAT n} concatenates the sum so far and the
 * operands from that literal on in one string of the exact size, instead of one new string per
 * {@code +}. The compiler uses it only when no operand after the first contains a call: only a
 * call can change a record between its evaluation and its conversion.
 */
public final class Op {
    private Op() {}

    public static final int LOAD_GLOBAL = 0;               // g
    public static final int ADD = 1;
    public static final int LOAD_LOCAL = 2;                // s
    public static final int STORE_LOCAL = 3;               // s          (v → )
    public static final int CALL = 4;                      // argc       (f a1..an → result)
    public static final int RETURN = 5;                    // (v → ) back in the caller: ( → v)
    public static final int STORE_LOAD_GLOBAL = 6;         // g h        (v → w): STORE_GLOBAL g; LOAD_GLOBAL h in one
    public static final int LOAD_GLOBAL2 = 7;              // g h        ( → v w): LOAD_GLOBAL g; LOAD_GLOBAL h in one
    public static final int LOOP = 8;                      // target: a backward jump (checks for timeouts)
    public static final int LOAD_LOCAL2 = 9;               // s t        ( → v w): LOAD_LOCAL s; LOAD_LOCAL t in one
    public static final int GET_INDEX_LOCALS = 10;         // s t        ( → v): LOAD_LOCAL s; CHECK_RECORD; LOAD_LOCAL t; GET_INDEX in one
    public static final int GET_INDEX = 11;                // (record i → v)
    public static final int STORE_GLOBAL = 12;             // g          (v → )
    public static final int CHECK_RECORD = 13;             // (record → record), raises otherwise
    public static final int INIT_SLOT = 14;                // i          (record v → record): the shape's i-th field
    public static final int LOCAL_SUB_INT = 15;            // s v        ( → s - v): LOAD_LOCAL s; SUB_INT v in one
    public static final int ADD_INT = 16;                  // v          (a → a + v): CONST_INT v; ADD in one instruction
    public static final int SUB = 17;
    public static final int LOCAL_ADD_INT = 18;            // s v        ( → s + v): LOAD_LOCAL s; ADD_INT v in one
    public static final int INC_LOCAL = 19;                // s v        ( → ): s = s + v; LOCAL_ADD_INT s v; STORE_LOCAL s in one
    public static final int LOAD_LOCAL_REC = 20;           // s          ( → record): LOAD_LOCAL s; CHECK_RECORD in one
    public static final int LOAD_GLOBAL_REC = 21;          // g          ( → record): LOAD_GLOBAL g; CHECK_RECORD in one
    public static final int SET_INDEX = 22;                // (record i v → )
    public static final int CONST_INT = 23;                // v          ( → int)
    public static final int JUMP_IF_NOT_LT = 24;           // target: fused compare-and-branch (a b → ), jumps when the test fails
    public static final int JUMP_IF_NOT_GT = 25;
    public static final int JUMP_IF_NOT_LE = 26;
    public static final int JUMP_IF_NOT_GE = 27;
    public static final int GET_LOCAL_FIELD = 28;          // s k site   ( → v): LOAD_LOCAL s; GET_FIELD k site in one
    public static final int GET_GLOBAL_FIELD = 29;         // g k site   ( → v): LOAD_GLOBAL g; GET_FIELD k site in one
    public static final int GET_FIELD = 30;                // k site     (record → v); site: an inline-cache slot
    public static final int MUL = 31;
    public static final int CONST_STR = 32;                // k          ( → string)
    public static final int NEW_RECORD = 33;               // shape      ( → record with the shape's fields, all None)
    public static final int MOD_INT = 34;                  // v          (a → a - (a / v) * v): the modulo idiom, LOAD a; DIV_INT v; MUL_INT v; SUB without the second load
    public static final int DIV_INT = 35;                  // v          (a → a / v): CONST_INT v; DIV in one
    public static final int MUL_INT = 36;                  // v          (a → a * v): CONST_INT v; MUL in one
    public static final int JUMP_IF_LOCAL_NOT_EQ_INT = 37; // target v s
    public static final int LOAD_FREE = 38;                // i: the closure's i-th captured variable: a cell, or its value if it never changes
    public static final int JUMP_IF_NOT_NONE = 39;         // target: for a condition a == None (a → )
    public static final int JUMP_IF_LOCAL_NOT_LT_INT = 40; // target v s: local s against the literal v ( → ): LOAD_LOCAL s; JUMP_IF_NOT_LT_INT in one
    public static final int JUMP_IF_LOCAL_NOT_GT_INT = 41;
    public static final int JUMP_IF_LOCAL_NOT_LE_INT = 42;
    public static final int JUMP_IF_LOCAL_NOT_GE_INT = 43;
    public static final int JUMP_IF_LOCALS_NOT_LT = 44;    // target s t: local s against local t ( → ): LOAD_LOCAL2 s t; JUMP_IF_NOT_LT in one
    public static final int JUMP_IF_LOCALS_NOT_GT = 45;
    public static final int JUMP_IF_LOCALS_NOT_LE = 46;
    public static final int JUMP_IF_LOCALS_NOT_GE = 47;
    public static final int MOD = 48;                      // (a b → a - (a / b) * b): the modulo idiom with a variable divisor
    public static final int DIV = 49;
    public static final int JUMP_IF_NONE = 50;             // target: for !(a == None)
    public static final int SUB_INT = 51;                  // v          (a → a - v): CONST_INT v; SUB in one
    public static final int BOX = 52;                      // s: move slot s's value into a new cell
    public static final int JUMP_IF_NOT_EQ_INT = 53;       // target v
    public static final int JUMP_IF_NOT_LT_INT = 54;       // target v: compare-and-branch with an int literal (a → )
    public static final int JUMP_IF_NOT_GT_INT = 55;
    public static final int JUMP_IF_NOT_LE_INT = 56;
    public static final int JUMP_IF_NOT_GE_INT = 57;
    public static final int SET_FIELD = 58;                // k site     (record v → )
    public static final int MAKE_CLOSURE = 59;             // f          ( → function)
    public static final int JUMP_IF_NOT_EQ = 60;
    public static final int JUMP_IF_EQ = 61;               // target: for a condition !(a == b), jumps when a == b
    public static final int POP = 62;
    public static final int JUMP = 63;                     // target
    public static final int JUMP_IF_FALSE = 64;            // target     (bool → )
    public static final int EQ = 65;
    public static final int NOT = 66;
    public static final int LT = 67;
    public static final int GT = 68;
    public static final int LE = 69;
    public static final int GE = 70;
    public static final int NEG = 71;
    public static final int NONE = 72;                     // ( → None)
    public static final int STORE_BOXED = 73;              // s
    public static final int LOAD_BOXED = 74;               // s: slot s holds a cell
    public static final int TRUE = 75;
    public static final int FALSE = 76;
    public static final int AND = 77;
    public static final int OR = 78;
    public static final int CONCAT = 79;                   // n          (v1 .. vn → string): a + b + ... + z once an operand is a string
    public static final int LOOP_JIT = 80;                 // target: a LOOP whose loop has compiled code, which the interpreter goes into (it patches LOOP into this)

    /**
     * Where the interpreter's dispatch splits: opcodes below {@code DISPATCH_B} are found in its
     * first switch, those below {@code DISPATCH_C} in the second, the rest in the third (see
     * the class comment). Chosen with {@code vm-bench/opcount.py}'s model of compares per dispatch.
     */
    public static final int DISPATCH_B = 10;
    public static final int DISPATCH_C = 23;
    public static final int DISPATCH_D = 36;
    /** From here on, the opcodes that hardly ever run: dispatched out of line (Interpreter.executeCold). */
    public static final int DISPATCH_COLD = 52;

    /**
     * The compare-with-an-int-literal form of a fused compare-and-branch: the value compared is
     * popped from the stack, or read from a local slot ({@code local}).
     */
    public static int withIntLiteral(int op, boolean local) {
        switch (op) {
            case JUMP_IF_NOT_LT: return local ? JUMP_IF_LOCAL_NOT_LT_INT : JUMP_IF_NOT_LT_INT;
            case JUMP_IF_NOT_GT: return local ? JUMP_IF_LOCAL_NOT_GT_INT : JUMP_IF_NOT_GT_INT;
            case JUMP_IF_NOT_LE: return local ? JUMP_IF_LOCAL_NOT_LE_INT : JUMP_IF_NOT_LE_INT;
            case JUMP_IF_NOT_GE: return local ? JUMP_IF_LOCAL_NOT_GE_INT : JUMP_IF_NOT_GE_INT;
            case JUMP_IF_NOT_EQ: return local ? JUMP_IF_LOCAL_NOT_EQ_INT : JUMP_IF_NOT_EQ_INT;
            default: throw new IllegalArgumentException(name(op));
        }
    }

    /** What an instruction does to the operand-stack depth (a CALL: pops the callee and arguments, pushes the result). */
    public static int stackEffect(int op, int[] code, int pc) {
        switch (op) {
            case LOAD_GLOBAL: case LOAD_LOCAL: case LOCAL_SUB_INT: case LOCAL_ADD_INT: case LOAD_LOCAL_REC:
            case LOAD_GLOBAL_REC: case CONST_INT: case GET_LOCAL_FIELD: case GET_GLOBAL_FIELD: case CONST_STR:
            case NEW_RECORD: case LOAD_FREE: case MAKE_CLOSURE: case NONE: case LOAD_BOXED: case TRUE:
            case FALSE: case GET_INDEX_LOCALS:
                return 1;
            case LOAD_GLOBAL2: case LOAD_LOCAL2:
                return 2;
            case STORE_LOAD_GLOBAL: case LOOP: case CHECK_RECORD: case ADD_INT: case INC_LOCAL: case GET_FIELD:
            case MOD_INT: case DIV_INT: case MUL_INT: case JUMP_IF_LOCAL_NOT_EQ_INT: case JUMP_IF_LOCAL_NOT_LT_INT:
            case JUMP_IF_LOCAL_NOT_GT_INT: case JUMP_IF_LOCAL_NOT_LE_INT: case JUMP_IF_LOCAL_NOT_GE_INT:
            case JUMP_IF_LOCALS_NOT_LT: case JUMP_IF_LOCALS_NOT_GT: case JUMP_IF_LOCALS_NOT_LE: case JUMP_IF_LOCALS_NOT_GE:
            case SUB_INT: case BOX: case JUMP: case NOT: case NEG: case LOOP_JIT:
                return 0;
            case ADD: case STORE_LOCAL: case RETURN: case GET_INDEX: case STORE_GLOBAL: case INIT_SLOT:
            case SUB: case MUL: case JUMP_IF_NOT_NONE: case MOD: case DIV: case JUMP_IF_NONE:
            case JUMP_IF_NOT_EQ_INT: case JUMP_IF_NOT_LT_INT: case JUMP_IF_NOT_GT_INT: case JUMP_IF_NOT_LE_INT:
            case JUMP_IF_NOT_GE_INT: case POP: case JUMP_IF_FALSE: case EQ: case LT: case GT: case LE:
            case GE: case STORE_BOXED: case AND: case OR:
                return -1;
            case JUMP_IF_NOT_LT: case JUMP_IF_NOT_GT: case JUMP_IF_NOT_LE: case JUMP_IF_NOT_GE:
            case SET_FIELD: case JUMP_IF_NOT_EQ: case JUMP_IF_EQ:
                return -2;
            case SET_INDEX:
                return -3;
            case CALL:
                return -code[pc + 1];
            case CONCAT:
                return 1 - code[pc + 1];
            default:
                throw new IllegalArgumentException("no stack effect for " + name(op));
        }
    }

    /**
     * How many operand slots the instruction writes on top of what it leaves of the stack (it
     * pops {@code pushes(op) - stackEffect}).
     */
    public static int pushes(int op) {
        switch (op) {
            case LOAD_LOCAL2: case LOAD_GLOBAL2:
                return 2;
            case STORE_LOCAL: case STORE_GLOBAL: case RETURN: case SET_INDEX: case SET_FIELD: case POP:
            case INC_LOCAL: case BOX: case STORE_BOXED: case CHECK_RECORD: case JUMP: case LOOP: case LOOP_JIT:
                return 0;
            default:
                return isConditionalJump(op) ? 0 : 1;
        }
    }

    /**
     * The instruction at {@code pc}'s successor {@code k} (0: its jump target, 1: the next
     * instruction), or -1 when it has none of that kind (or the next would be past the end).
     */
    public static int successor(int[] code, int pc, int k) {
        int op = code[pc];
        if (k == 0) return hasTarget(op) ? code[pc + 1] : -1;
        int next = pc + 1 + operands(op);
        return fallsThrough(op) && next < code.length ? next : -1;
    }

    /** Whether the instruction's first operand is a jump target (the conditional jumps, JUMP, LOOP). */
    public static boolean hasTarget(int op) { return op == JUMP || isLoop(op) || isConditionalJump(op); }

    /** Whether the instruction may go on to the next one (all but JUMP, LOOP and RETURN). */
    public static boolean fallsThrough(int op) { return op != JUMP && !isLoop(op) && op != RETURN; }

    /** LOOP, or the LOOP_JIT the interpreter makes of it. */
    public static boolean isLoop(int op) { return op == LOOP || op == LOOP_JIT; }

    /** True for the conditional jumps (successors: the next instruction and the target). */
    public static boolean isConditionalJump(int op) {
        switch (op) {
            case JUMP_IF_FALSE: case JUMP_IF_NOT_NONE: case JUMP_IF_NONE: case JUMP_IF_EQ:
            case JUMP_IF_NOT_LT: case JUMP_IF_NOT_GT: case JUMP_IF_NOT_LE: case JUMP_IF_NOT_GE: case JUMP_IF_NOT_EQ:
            case JUMP_IF_NOT_LT_INT: case JUMP_IF_NOT_GT_INT: case JUMP_IF_NOT_LE_INT: case JUMP_IF_NOT_GE_INT: case JUMP_IF_NOT_EQ_INT:
            case JUMP_IF_LOCAL_NOT_LT_INT: case JUMP_IF_LOCAL_NOT_GT_INT: case JUMP_IF_LOCAL_NOT_LE_INT: case JUMP_IF_LOCAL_NOT_GE_INT:
            case JUMP_IF_LOCAL_NOT_EQ_INT:
            case JUMP_IF_LOCALS_NOT_LT: case JUMP_IF_LOCALS_NOT_GT: case JUMP_IF_LOCALS_NOT_LE: case JUMP_IF_LOCALS_NOT_GE:
                return true;
            default:
                return false;
        }
    }

    /**
     * Which operands of {@code op} are local slots: bit i set when operand i (1-based) names one.
     * Every such instruction reads the slot, except STORE_LOCAL, which writes it. The one list
     * the compiler's liveness analysis and the disassembler both go by.
     */
    public static int localOperands(int op) {
        switch (op) {
            case LOAD_LOCAL: case STORE_LOCAL: case LOAD_BOXED: case STORE_BOXED: case BOX: case LOAD_LOCAL_REC:
            case GET_LOCAL_FIELD: case LOCAL_ADD_INT: case LOCAL_SUB_INT:
            case INC_LOCAL: // reads s, then writes it: for liveness the same as a read (s is live before it either way)
                return 1 << 1;
            case LOAD_LOCAL2: case GET_INDEX_LOCALS:
                return 1 << 1 | 1 << 2;
            case JUMP_IF_LOCAL_NOT_LT_INT: case JUMP_IF_LOCAL_NOT_GT_INT: case JUMP_IF_LOCAL_NOT_LE_INT: case JUMP_IF_LOCAL_NOT_GE_INT:
            case JUMP_IF_LOCAL_NOT_EQ_INT:
                return 1 << 3;
            case JUMP_IF_LOCALS_NOT_LT: case JUMP_IF_LOCALS_NOT_GT: case JUMP_IF_LOCALS_NOT_LE: case JUMP_IF_LOCALS_NOT_GE:
                return 1 << 2 | 1 << 3;
            default:
                return 0;
        }
    }

    /** The operator a comparison ({@code LT} ... {@code GE}, or a compare-and-branch) tests, for its error message. */
    public static String comparisonSymbol(int op) {
        switch (op) {
            case LT: case JUMP_IF_NOT_LT: case JUMP_IF_NOT_LT_INT: case JUMP_IF_LOCAL_NOT_LT_INT: case JUMP_IF_LOCALS_NOT_LT: return "<";
            case GT: case JUMP_IF_NOT_GT: case JUMP_IF_NOT_GT_INT: case JUMP_IF_LOCAL_NOT_GT_INT: case JUMP_IF_LOCALS_NOT_GT: return ">";
            case LE: case JUMP_IF_NOT_LE: case JUMP_IF_NOT_LE_INT: case JUMP_IF_LOCAL_NOT_LE_INT: case JUMP_IF_LOCALS_NOT_LE: return "<=";
            default: return ">=";
        }
    }

    /** Names and operand counts, indexed by opcode. */
    private static final String[] NAMES = {
        "LOAD_GLOBAL", "ADD", "LOAD_LOCAL", "STORE_LOCAL", "CALL", "RETURN", "STORE_LOAD_GLOBAL", "LOAD_GLOBAL2", "LOOP", "LOAD_LOCAL2", "GET_INDEX_LOCALS", "GET_INDEX", "STORE_GLOBAL", "CHECK_RECORD", "INIT_SLOT", "LOCAL_SUB_INT", "ADD_INT", "SUB", "LOCAL_ADD_INT", "INC_LOCAL", "LOAD_LOCAL_REC", "LOAD_GLOBAL_REC", "SET_INDEX", "CONST_INT", "JUMP_IF_NOT_LT", "JUMP_IF_NOT_GT", "JUMP_IF_NOT_LE", "JUMP_IF_NOT_GE", "GET_LOCAL_FIELD", "GET_GLOBAL_FIELD", "GET_FIELD", "MUL", "CONST_STR", "NEW_RECORD", "MOD_INT", "DIV_INT", "MUL_INT", "JUMP_IF_LOCAL_NOT_EQ_INT", "LOAD_FREE", "JUMP_IF_NOT_NONE", "JUMP_IF_LOCAL_NOT_LT_INT", "JUMP_IF_LOCAL_NOT_GT_INT", "JUMP_IF_LOCAL_NOT_LE_INT", "JUMP_IF_LOCAL_NOT_GE_INT", "JUMP_IF_LOCALS_NOT_LT", "JUMP_IF_LOCALS_NOT_GT", "JUMP_IF_LOCALS_NOT_LE", "JUMP_IF_LOCALS_NOT_GE", "MOD", "DIV", "JUMP_IF_NONE", "SUB_INT", "BOX", "JUMP_IF_NOT_EQ_INT", "JUMP_IF_NOT_LT_INT", "JUMP_IF_NOT_GT_INT", "JUMP_IF_NOT_LE_INT", "JUMP_IF_NOT_GE_INT", "SET_FIELD", "MAKE_CLOSURE", "JUMP_IF_NOT_EQ", "JUMP_IF_EQ", "POP", "JUMP", "JUMP_IF_FALSE", "EQ", "NOT", "LT", "GT", "LE", "GE", "NEG", "NONE", "STORE_BOXED", "LOAD_BOXED", "TRUE", "FALSE", "AND", "OR", "CONCAT", "LOOP_JIT"
    };

    private static final int[] OPERANDS = {
        1, 0, 1, 1, 1, 0, 2, 2, 1, 2, 2, 0, 1, 0, 1, 2, 1, 0, 2, 2, 1, 1, 0, 1, 1, 1, 1, 1, 3, 3, 2, 0, 1, 1, 1, 1, 1, 3, 1, 1, 3, 3, 3, 3, 3, 3, 3, 3, 0, 0, 1, 1, 1, 2, 2, 2, 2, 2, 2, 1, 1, 1, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 1, 1
    };

    public static String name(int op) { return NAMES[op]; }

    public static int operands(int op) { return OPERANDS[op]; }
}
