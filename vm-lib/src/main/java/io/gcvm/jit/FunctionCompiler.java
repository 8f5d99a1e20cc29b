package io.gcvm.jit;

import io.gcvm.bytecode.FunctionProto;
import io.gcvm.bytecode.Op;
import io.gcvm.heap.Records;
import io.gcvm.heap.Value;
import io.gcvm.interp.Frames;

import static io.gcvm.jit.Code.*;

/**
 * Translates one guest function's bytecode into a JVM class whose {@code run} method does what
 * the interpreter would do for that function, instruction by instruction, without the dispatch:
 * the operands are constants, the operand-stack depth at every instruction is known here, so
 * every stack slot is a fixed offset from the frame pointer, and a guest jump is a JVM jump.
 *
 * <p><b>Same frames, same heap.</b> The compiled code keeps every guest value where the
 * interpreter keeps it: locals and operands in the function's frame in the managed heap, never
 * in a JVM local across a call or an allocation. It writes the same frame links at a call. So
 * the collector sees a compiled activation exactly as an interpreted one, and the interpreter
 * can take over any activation at any instruction.
 *
 * <p><b>Handing back.</b> Compiled code runs only the fast path of each instruction. Anything
 * else (a type that needs a conversion or an error, a dictionary record, a call of a function
 * that is not compiled, a built-in, a frame that does not fit in the stack segment, the
 * periodic timeout check, the JVM stack depth bound, an instruction not translated) hands the
 * activation back: it stores pc, fp, sp, hp and the function into the interpreter's registers
 * and returns {@code CompiledFunction.DEOPT}; every compiled caller on the JVM stack returns it
 * too, and the interpreter goes on from that instruction, which it runs again from the start.
 * So compiled code never raises a guest error itself, and each check comes before any effect.
 *
 * <p>The generated method is {@code long run(Interpreter vm, long[] mem, int fp, int depth, int entry)}:
 * it returns the function's result, or DEOPT. {@code entry} is 0 for a call; for an activation
 * the interpreter has been running, it is 1 + the loop head to go on from.
 */
public final class FunctionCompiler {
    /** Compiled activations nested on the JVM stack at most; a deeper call is left to the interpreter. */
    public static final int MAX_DEPTH = 256;

    /**
     * The most JVM bytecode a compiled function may have; a longer one stays interpreted. C1's
     * memory for a method is 0.7-1.2 KB per byte of bytecode (JDK 25's MemStat), and counts
     * against the process's limit of -mem N + 5 MB while it compiles. Compiles are one at a
     * time (the launcher runs one compiler thread), and the arena's chunks are reused from one
     * compile to the next, so a method costs little more as long as its arena stays under the
     * interpreter loop's own (about 4 MB). With two compiler threads, one 2,600-byte function
     * cost hash_table 1.5 MB more, hence 2,000 bytes then; with one thread, 3,000 bytes left
     * the stress programs' margins as they were (tools/rss-meter.sh: 1.0-1.2 MB against
     * 1.1-1.3) and made word_freq, whose main loop it takes, 10-13 % faster.
     */
    static final int MAX_CODE_BYTES = 3000;

    static final String VM = "io/gcvm/interp/Interpreter";
    static final String CF = "io/gcvm/interp/CompiledFunction";
    static final String BARRIER = "io/gcvm/heap/WriteBarrier";
    static final String RUN = "(L" + VM + ";[JIII)J";
    static final long DEOPT = io.gcvm.interp.CompiledFunction.DEOPT;

    // JVM locals of run
    private static final int THIS = 0, VMR = 1, MEM = 2, FP = 3, DEPTH = 4, ENTRY = 5, A = 6, B = 8, X = 10, Y = 11,
            COUNT = 12, R = 13, LOCALS_USED = 15;

    private final FunctionProto proto;
    private final int fid;
    private final int[] code;
    private final ClassFile cf;
    private final Code c;
    /** Operand-stack depth before each instruction, -1 where no path reaches. */
    private final int[] depth;
    private final int[] labelOf;
    private final int[] deoptOf;
    /** Frame offset (from fp) of operand slot 0. */
    private final int operandBase;

    /** The instructions translated: from..to (both included); a whole function is 0..its end. */
    private final int from, to;

    private FunctionCompiler(FunctionProto proto, int fid, String className, int from, int to) {
        this.from = from;
        this.to = to;
        this.proto = proto;
        this.fid = fid;
        this.code = proto.code();
        this.cf = new ClassFile(className, CF);
        this.c = new Code(cf, LOCALS_USED, MAX_CODE_BYTES);
        this.depth = depths(proto);
        this.labelOf = new int[code.length];
        this.deoptOf = new int[code.length];
        java.util.Arrays.fill(labelOf, -1);
        java.util.Arrays.fill(deoptOf, -1);
        this.operandBase = Frames.LOCALS + proto.locals() + Frames.OPERANDS;
    }

    /**
     * Generated classes are named this + the function's index (+ "L" + the loop's head, for a
     * loop): in the interpreter's package, whose package-private registers they use.
     */
    static final String CLASS_PREFIX = "io/gcvm/interp/Compiled";

    /**
     * The class file of function {@code fid} compiled, or null when it cannot be: its
     * operand-stack depths do not check out, or the class would exceed a class-file limit or
     * {@link #MAX_CODE_BYTES}. (The interpreter's loop calls this: the name is made here, out of
     * the code the JVM compiles into that loop.)
     */
    public static byte[] compile(FunctionProto proto, int fid) {
        return compile(new FunctionCompiler(proto, fid, CLASS_PREFIX + fid, 0, proto.code().length - 1));
    }

    /**
     * The class file of the loop {@code from..to} of function {@code fid} (a loop head and its
     * LOOP instruction) compiled on its own, or null when it cannot be: for an activation that
     * has been looping in the interpreter while the function itself is not compiled. A jump out
     * of the loop hands back at its target, and a RETURN returns the activation's result.
     */
    public static byte[] compileLoop(FunctionProto proto, int fid, int from, int to) {
        return compile(new FunctionCompiler(proto, fid, CLASS_PREFIX + fid + "L" + from, from, to));
    }

    private static byte[] compile(FunctionCompiler fc) {
        try {
            if (fc.depth == null) return null;
            fc.constructor();
            if (!fc.body()) return null;
            return fc.cf.toBytes();
        } catch (ClassFile.TooLarge e) {
            return null;
        }
    }

    // ------------------------------------------------------------------ operand-stack depths

    /**
     * The operand-stack depth before each instruction of {@code proto}, found along every path
     * from its entry ({@link Op#stackEffect}); -1 where no path reaches. Null if two paths
     * disagree or the depth leaves 0..maxStack: then the function is not compiled.
     */
    static int[] depths(FunctionProto proto) {
        int[] code = proto.code(), depth = new int[code.length], work = new int[code.length];
        java.util.Arrays.fill(depth, -1);
        int n = 0;
        depth[0] = 0;
        work[n++] = 0;
        while (n > 0) {
            int pc = work[--n], op = code[pc];
            int d = depth[pc] + Op.stackEffect(op, code, pc);
            if (d < 0 || d > proto.maxStack()) return null;
            int next = pc + 1 + Op.operands(op);
            for (int k = 0; k < 2; k++) {
                int succ = k == 0 ? (Op.hasTarget(op) ? code[pc + 1] : -1) : (Op.fallsThrough(op) && next < code.length ? next : -1);
                if (succ < 0) continue;
                if (depth[succ] < 0) {
                    depth[succ] = d;
                    work[n++] = succ;
                } else if (depth[succ] != d) {
                    return null;
                }
            }
        }
        return depth;
    }

    // ------------------------------------------------------------------ the class

    private void constructor() {
        Code init = new Code(cf, 1);
        init.local(ALOAD, THIS);
        init.invoke(INVOKESPECIAL, CF, "<init>", "()V");
        init.op(Code.RETURN);
        cf.addMethod(ClassFile.ACC_PUBLIC, "<init>", "()V", init);
    }

    private boolean body() {
        for (int pc = from; pc <= to; pc++) {
            if (depth[pc] >= 0) labelOf[pc] = c.newLabel();
        }
        // entry != 0: into the loop whose head is at entry - 1, the frame as the interpreter left it
        int call = c.newLabel();
        c.local(ILOAD, ENTRY);
        c.jump(IFEQ, call);
        for (int pc = 0; pc < code.length; pc += 1 + Op.operands(code[pc])) {
            int head = code[pc] == Op.LOOP ? code[pc + 1] : -1;
            if (head >= from && head <= to && depth[head] >= 0) {
                c.local(ILOAD, ENTRY);
                c.iconst(head + 1);
                c.jump(IF_ICMPEQ, labelOf[head]);
            }
        }
        c.op(ACONST_NULL); // no such loop head: a VM bug, raised as one
        c.op(ATHROW);
        c.bind(call);
        if (from == 0) {
            // a call: the locals that are not parameters start as None (a compiled caller does not clear them)
            for (int s = proto.params(); s < proto.locals(); s++) {
                address(Frames.LOCALS + s);
                c.lconst(Value.NONE);
                c.op(LASTORE);
            }
        } else {
            c.op(ACONST_NULL); // a loop is only entered at a head
            c.op(ATHROW);
        }
        int last = -1;
        for (int pc = 0; pc < code.length; pc += 1 + Op.operands(code[pc])) {
            if (pc < from || pc > to || depth[pc] < 0) continue;
            c.bind(labelOf[pc]);
            instruction(pc, depth[pc]);
            last = pc;
        }
        int next = last + 1 + Op.operands(code[last]);
        if (Op.fallsThrough(code[last]) && next < code.length) target(jumpTo(next)); // off the end of a loop: hand back there

        // the hand-back stubs, out of the straight-line code
        for (int pc = 0; pc < code.length; pc++) {
            if (deoptOf[pc] < 0) continue;
            c.bind(deoptOf[pc]);
            c.local(ALOAD, VMR);
            c.iconst(pc);
            c.local(ILOAD, FP);
            c.iconst(operandBase + depth[pc]);
            c.iconst(fid);
            c.invoke(INVOKEVIRTUAL, VM, "jitDeopt", "(IIII)J");
            c.op(LRETURN);
        }
        if (c.length() > MAX_CODE_BYTES) return false;
        cf.addMethod(ClassFile.ACC_PUBLIC, "run", RUN, c);
        return true;
    }

    // ------------------------------------------------------------------ emitting helpers

    /** Where a jump to {@code pc} goes: its instruction if translated, else a hand-back there. */
    private int jumpTo(int pc) { return pc >= from && pc <= to ? labelOf[pc] : deopt(pc); }

    /** The label that hands the activation back at instruction {@code pc}. */
    private int deopt(int pc) {
        if (deoptOf[pc] < 0) deoptOf[pc] = c.newLabel();
        return deoptOf[pc];
    }

    /** Pushes mem, fp + off (ready for LALOAD or, after a value, LASTORE). */
    private void address(int off) {
        c.local(ALOAD, MEM);
        c.local(ILOAD, FP);
        if (off != 0) {
            c.iconst(off);
            c.op(IADD);
        }
    }

    private void loadWord(int off) {
        address(off);
        c.op(LALOAD);
    }

    private int local(int s) { return Frames.LOCALS + s; }

    /** Frame offset of the operand slot at depth {@code d}. */
    private int operand(int d) { return operandBase + d; }

    /** long on the JVM stack → its 4-bit tag (int). */
    private void tag() {
        c.op(L2I);
        c.iconst(15);
        c.op(IAND);
    }

    /** long on the JVM stack → its payload (int). */
    private void payload() {
        c.iconst(32);
        c.op(LUSHR);
        c.op(L2I);
    }

    /** int on the JVM stack → the int value word. */
    private void ofInt() {
        c.op(I2L);
        c.iconst(32);
        c.op(LSHL);
        c.lconst(Value.TAG_INT);
        c.op(LOR);
    }

    /** Jumps to {@code label} unless the long in JVM local {@code l} has tag {@code tag}. */
    private void unlessTag(int l, int tag, int label) {
        c.local(LLOAD, l);
        tag();
        c.iconst(tag);
        c.jump(IF_ICMPNE, label);
    }

    /** Compares the long on the JVM stack with {@code word}, then {@code branch} (IFEQ: equal, IFNE: not) to {@code label}. */
    private void compareWord(long word, int branch, int label) {
        c.lconst(word);
        c.op(LCMP);
        c.jump(branch, label);
    }

    /** Jumps to {@code label} unless both longs in A and B are ints. */
    private void unlessInts(int label) {
        c.local(LLOAD, A);
        c.lconst(Value.TAG_INT);
        c.op(LXOR);
        c.local(LLOAD, B);
        c.lconst(Value.TAG_INT);
        c.op(LXOR);
        c.op(LOR);
        c.op(L2I);
        c.iconst(15);
        c.op(IAND);
        c.jump(IFNE, label);
    }

    /** Pushes global g's value (as the interpreter: mem[vm.gbase + g]). */
    private void loadGlobal(int g) {
        globalAddress(g);
        c.op(LALOAD);
    }

    private void globalAddress(int g) {
        c.local(ALOAD, MEM);
        c.local(ALOAD, VMR);
        c.field(GETFIELD, VM, "gbase", "I");
        c.iconst(g);
        c.op(IADD);
    }

    /** Global g into long local l, handing back at pc if it was never assigned. */
    private void global(int g, int l, int pc) {
        loadGlobal(g);
        c.local(LSTORE, l);
        c.local(LLOAD, l);
        compareWord(Value.UNDEF, IFEQ, deopt(pc));
    }

    private void storeFrom(int off, int l) {
        address(off);
        c.local(LLOAD, l);
        c.op(LASTORE);
    }

    /** The four compare-and-branch tests, as "jump when the test fails": the JVM branch for ints on the stack. */
    private static int failBranch(int test) {
        switch (test) {
            case 0: return IF_ICMPGE; // not <
            case 1: return IF_ICMPLE; // not >
            case 2: return IF_ICMPGT; // not <=
            default: return IF_ICMPLT; // not >=
        }
    }

    private void target(int label) { c.jump(GOTO, label); }

    // ------------------------------------------------------------------ instructions

    private void instruction(int pc, int d) {
        int op = code[pc];
        int a1 = Op.operands(op) > 0 ? code[pc + 1] : 0, a2 = Op.operands(op) > 1 ? code[pc + 2] : 0,
                a3 = Op.operands(op) > 2 ? code[pc + 3] : 0;
        int top = operand(d - 1), push = operand(d);
        switch (op) {
            case Op.LOAD_GLOBAL:
                global(a1, A, pc);
                storeFrom(push, A);
                break;
            case Op.LOAD_GLOBAL2:
                global(a1, A, pc);
                global(a2, B, pc);
                storeFrom(push, A);
                storeFrom(push + 1, B);
                break;
            case Op.STORE_GLOBAL:
                globalAddress(a1);
                loadWord(top);
                c.invoke(INVOKESTATIC, BARRIER, "store", "([JIJ)V");
                break;
            case Op.STORE_LOAD_GLOBAL:
                // the store is done again if the load hands back: the same value, no harm
                globalAddress(a1);
                loadWord(top);
                c.invoke(INVOKESTATIC, BARRIER, "store", "([JIJ)V");
                global(a2, A, pc);
                storeFrom(top, A);
                break;
            case Op.LOAD_LOCAL:
                address(push);
                loadWord(local(a1));
                c.op(LASTORE);
                break;
            case Op.LOAD_LOCAL2:
                address(push);
                loadWord(local(a1));
                c.op(LASTORE);
                address(push + 1);
                loadWord(local(a2));
                c.op(LASTORE);
                break;
            case Op.STORE_LOCAL:
                address(local(a1));
                loadWord(top);
                c.op(LASTORE);
                break;
            case Op.CONST_INT:
                address(push);
                c.lconst(Value.ofInt(a1));
                c.op(LASTORE);
                break;
            case Op.CONST_STR:
                address(push);
                c.local(ALOAD, MEM);
                c.local(ALOAD, VMR);
                c.field(GETFIELD, VM, "constants", "J");
                payload();
                c.iconst(1 + a1);
                c.op(IADD);
                c.op(LALOAD);
                c.op(LASTORE);
                break;
            case Op.NONE: case Op.TRUE: case Op.FALSE:
                address(push);
                c.lconst(op == Op.NONE ? Value.NONE : op == Op.TRUE ? Value.TRUE : Value.FALSE);
                c.op(LASTORE);
                break;
            case Op.POP:
                break;
            case Op.ADD: case Op.SUB: case Op.MUL:
                arithmetic(pc, operand(d - 2), operand(d - 2), top, op == Op.ADD ? IADD : op == Op.SUB ? ISUB : IMUL);
                break;
            case Op.DIV: case Op.MOD:
                division(pc, top, op == Op.DIV ? IDIV : IREM);
                break;
            case Op.ADD_INT: case Op.SUB_INT: case Op.MUL_INT:
                withLiteral(pc, top, top, a1, op == Op.ADD_INT ? IADD : op == Op.SUB_INT ? ISUB : IMUL);
                break;
            case Op.DIV_INT: case Op.MOD_INT:
                if (a1 == 0) target(deopt(pc)); // the interpreter raises the division by zero
                else withLiteral(pc, top, top, a1, op == Op.DIV_INT ? IDIV : IREM);
                break;
            case Op.LOCAL_ADD_INT:
                withLiteral(pc, local(a1), push, a2, IADD);
                break;
            case Op.LOCAL_SUB_INT:
                withLiteral(pc, local(a1), push, a2, ISUB);
                break;
            case Op.INC_LOCAL:
                withLiteral(pc, local(a1), local(a1), a2, IADD);
                break;
            case Op.JUMP_IF_NOT_LT: case Op.JUMP_IF_NOT_GT: case Op.JUMP_IF_NOT_LE: case Op.JUMP_IF_NOT_GE:
                compareAndBranch(pc, operand(d - 2), top, op - Op.JUMP_IF_NOT_LT, a1);
                break;
            case Op.JUMP_IF_LOCALS_NOT_LT: case Op.JUMP_IF_LOCALS_NOT_GT: case Op.JUMP_IF_LOCALS_NOT_LE: case Op.JUMP_IF_LOCALS_NOT_GE:
                compareAndBranch(pc, local(a2), local(a3), op - Op.JUMP_IF_LOCALS_NOT_LT, a1);
                break;
            case Op.JUMP_IF_LOCAL_NOT_LT_INT: case Op.JUMP_IF_LOCAL_NOT_GT_INT: case Op.JUMP_IF_LOCAL_NOT_LE_INT:
            case Op.JUMP_IF_LOCAL_NOT_GE_INT:
                compareWithLiteral(pc, local(a3), a2, op - Op.JUMP_IF_LOCAL_NOT_LT_INT, a1);
                break;
            case Op.JUMP_IF_NOT_LT_INT: case Op.JUMP_IF_NOT_GT_INT: case Op.JUMP_IF_NOT_LE_INT: case Op.JUMP_IF_NOT_GE_INT:
                compareWithLiteral(pc, top, a2, op - Op.JUMP_IF_NOT_LT_INT, a1);
                break;
            case Op.JUMP_IF_LOCAL_NOT_EQ_INT: case Op.JUMP_IF_NOT_EQ_INT:
                // an int equals exactly the same int word, and nothing else
                loadWord(op == Op.JUMP_IF_NOT_EQ_INT ? top : local(a3));
                compareWord(Value.ofInt(a2), IFNE, jumpTo(a1));
                break;
            case Op.JUMP_IF_NOT_NONE: case Op.JUMP_IF_NONE:
                loadWord(top);
                compareWord(Value.NONE, op == Op.JUMP_IF_NOT_NONE ? IFNE : IFEQ, jumpTo(a1));
                break;
            case Op.JUMP_IF_FALSE:
                loadWord(top);
                c.local(LSTORE, A);
                c.local(LLOAD, A);
                compareWord(Value.FALSE, IFEQ, jumpTo(a1));
                c.local(LLOAD, A);
                c.lconst(Value.TRUE);
                c.op(LCMP);
                c.jump(IFNE, deopt(pc)); // not a bool: the interpreter raises
                break;
            case Op.JUMP_IF_NOT_EQ: case Op.JUMP_IF_EQ:
                c.local(ALOAD, MEM);
                loadWord(operand(d - 2));
                loadWord(top);
                c.invoke(INVOKESTATIC, VM, "equal", "([JJJ)Z");
                c.jump(op == Op.JUMP_IF_EQ ? IFNE : IFEQ, jumpTo(a1));
                break;
            case Op.JUMP:
                target(jumpTo(a1));
                break;
            case Op.LOOP:
                // the interpreter's periodic check (timeouts, interrupts): hand back when it is due
                c.local(ALOAD, VMR);
                c.local(ALOAD, VMR);
                c.field(GETFIELD, VM, "ticks", "I");
                c.iconst(1);
                c.op(ISUB);
                c.op(DUP_X1);
                c.field(PUTFIELD, VM, "ticks", "I");
                c.jump(IFLT, deopt(pc));
                target(jumpTo(a1));
                break;
            case Op.CHECK_RECORD:
                wordIntoA(top, Value.TAG_REC, deopt(pc));
                break;
            case Op.LOAD_LOCAL_REC:
                wordIntoA(local(a1), Value.TAG_REC, deopt(pc));
                storeFrom(push, A);
                break;
            case Op.LOAD_GLOBAL_REC:
                global(a1, A, pc);
                unlessTag(A, Value.TAG_REC, deopt(pc));
                storeFrom(push, A);
                break;
            case Op.GET_FIELD:
                loadWord(top);
                c.local(LSTORE, A);
                field(pc, a1, a2, top);
                break;
            case Op.GET_LOCAL_FIELD:
                loadWord(local(a1));
                c.local(LSTORE, A);
                field(pc, a2, a3, push);
                break;
            case Op.GET_GLOBAL_FIELD:
                global(a1, A, pc);
                field(pc, a2, a3, push);
                break;
            case Op.INIT_SLOT:
                // (record v → record); a barrier although the record is new, as in the interpreter
                c.local(ALOAD, MEM);
                loadWord(operand(d - 2));
                payload();
                c.iconst(Records.VALUES + a1);
                c.op(IADD);
                loadWord(top);
                c.invoke(INVOKESTATIC, BARRIER, "store", "([JIJ)V");
                break;
            case Op.NEW_RECORD:
                c.local(ALOAD, VMR);
                c.iconst(pc + 2);
                c.local(ILOAD, FP);
                c.iconst(push);
                c.iconst(fid);
                c.iconst(a1);
                c.invoke(INVOKEVIRTUAL, VM, "jitNewRecord", "(IIIII)J");
                c.local(LSTORE, A);
                storeFrom(push, A);
                break;
            case Op.LOAD_FREE:
                // a cell shared with the frame that made it, or the value itself
                address(push);
                c.local(ALOAD, MEM);
                loadWord(Frames.CLOSURE);
                payload();
                c.iconst(2 + a1);
                c.op(IADD);
                c.op(LALOAD);
                c.local(LSTORE, A);
                int plain = c.newLabel(), done = c.newLabel();
                c.local(LLOAD, A);
                tag();
                c.iconst(Value.TAG_CELL);
                c.jump(IF_ICMPNE, plain);
                c.local(ALOAD, MEM);
                c.local(LLOAD, A);
                payload();
                c.iconst(1);
                c.op(IADD);
                c.op(LALOAD);
                target(done);
                c.bind(plain);
                c.local(LLOAD, A);
                c.bind(done);
                c.op(LASTORE);
                break;
            case Op.LOAD_BOXED:
                address(push);
                c.local(ALOAD, MEM);
                loadWord(local(a1));
                payload();
                c.iconst(1);
                c.op(IADD);
                c.op(LALOAD);
                c.op(LASTORE);
                break;
            case Op.STORE_BOXED:
                c.local(ALOAD, MEM);
                loadWord(local(a1));
                payload();
                c.iconst(1);
                c.op(IADD);
                loadWord(top);
                c.invoke(INVOKESTATIC, BARRIER, "store", "([JIJ)V");
                break;
            case Op.CALL:
                call(pc, d, a1);
                break;
            case Op.RETURN:
                loadWord(top);
                c.op(LRETURN);
                break;
            case Op.BOX: case Op.SET_FIELD: case Op.MAKE_CLOSURE: case Op.EQ: case Op.NOT: case Op.LT: case Op.GT:
            case Op.LE: case Op.GE: case Op.NEG: case Op.AND: case Op.OR: case Op.CONCAT:
                // rare instructions that go on to the next: the interpreter runs this one, then back here
                step(op, pc + 1, d);
                break;
            case Op.GET_INDEX:
                getIndex(pc + 1, d);
                break;
            case Op.GET_INDEX_LOCALS:
                // LOAD_LOCAL s; CHECK_RECORD; LOAD_LOCAL t; GET_INDEX
                wordIntoA(local(a1), Value.TAG_REC, deopt(pc));
                storeFrom(push, A);
                address(push + 1);
                loadWord(local(a2));
                c.op(LASTORE);
                getIndex(pc + 3, d + 2);
                break;
            case Op.SET_INDEX:
                setIndex(pc + 1, d);
                break;
            default:
                throw new IllegalArgumentException("no translation for " + Op.name(op));
        }
    }

    /**
     * GET_INDEX (record i → v) at depth d: an int index of an array record inline, anything
     * else by the interpreter's general case ({@code after}: the pc just after the instruction).
     */
    private void getIndex(int after, int d) {
        int slow = c.newLabel(), none = c.newLabel(), done = c.newLabel();
        int rec = operand(d - 2);
        arrayOf(rec, operand(d - 1), slow);
        // X: the array, Y: the index
        c.local(ILOAD, Y);
        c.jump(IFLT, none);
        c.local(ILOAD, Y);
        arrayCount();
        c.jump(IF_ICMPGE, none);
        address(rec);
        slotXY(Records.ARRAY_VALUES);
        c.op(LALOAD);
        c.op(LASTORE);
        target(done);
        c.bind(none);
        address(rec);
        c.lconst(Value.NONE);
        c.op(LASTORE);
        target(done);
        c.bind(slow);
        step(Op.GET_INDEX, after, d);
        c.bind(done);
    }

    /**
     * SET_INDEX (record i v → ) at depth d: an array record's existing index, or an append
     * with room, inline; anything else by the interpreter's general case.
     */
    private void setIndex(int after, int d) {
        int slow = c.newLabel(), store = c.newLabel(), done = c.newLabel();
        arrayOf(operand(d - 3), operand(d - 2), slow);
        // X: the array, Y: the index; COUNT: the count
        arrayCount();
        c.local(ISTORE, COUNT);
        c.local(ILOAD, Y);
        c.jump(IFLT, slow);
        c.local(ILOAD, Y);
        c.local(ILOAD, COUNT);
        c.jump(IF_ICMPLT, store);
        c.local(ILOAD, Y);
        c.local(ILOAD, COUNT);
        c.jump(IF_ICMPGT, slow);
        // an append: only into room the array already has
        c.iconst(Records.ARRAY_VALUES);
        c.local(ILOAD, Y);
        c.op(IADD);
        c.local(ALOAD, MEM);
        c.local(ILOAD, X);
        c.op(LALOAD);
        c.invoke(INVOKESTATIC, "io/gcvm/heap/ObjectKind", "size", "(J)I");
        c.jump(IF_ICMPGE, slow);
        c.local(ALOAD, MEM);
        c.local(ILOAD, X);
        c.iconst(Records.ARRAY_COUNT);
        c.op(IADD);
        c.local(ILOAD, Y);
        c.iconst(1);
        c.op(IADD);
        ofInt();
        c.op(LASTORE);
        c.bind(store);
        slotXY(Records.ARRAY_VALUES);
        loadWord(operand(d - 1));
        c.invoke(INVOKESTATIC, BARRIER, "store", "([JIJ)V");
        target(done);
        c.bind(slow);
        step(Op.SET_INDEX, after, d);
        c.bind(done);
    }

    /** The record at frame offset {@code rec}, index at {@code idx}: X = its array, Y = the int index; else to {@code slow}. */
    private void arrayOf(int rec, int idx, int slow) {
        wordIntoA(idx, Value.TAG_INT, slow);
        c.local(ALOAD, MEM);
        loadWord(rec);
        payload();
        c.iconst(Records.LAYOUT);
        c.op(IADD);
        c.op(LALOAD);
        c.local(LSTORE, B);
        unlessTag(B, Value.TAG_ARRAY, slow);
        c.local(LLOAD, B);
        payload();
        c.local(ISTORE, X);
        c.local(LLOAD, A);
        payload();
        c.local(ISTORE, Y);
    }

    /** Pushes mem, X + {@code offset} + Y: a record's or array's value Y, for LALOAD or, after a value, LASTORE. */
    private void slotXY(int offset) {
        c.local(ALOAD, MEM);
        c.local(ILOAD, X);
        c.iconst(offset);
        c.op(IADD);
        c.local(ILOAD, Y);
        c.op(IADD);
    }

    /** Pushes the element count of the array in X. */
    private void arrayCount() {
        c.local(ALOAD, MEM);
        c.local(ILOAD, X);
        c.iconst(Records.ARRAY_COUNT);
        c.op(IADD);
        c.op(LALOAD);
        payload();
    }

    /** The interpreter runs instruction {@code op}'s general case ({@code jitStep}), at depth d, its pc then {@code pc}. */
    private void step(int op, int pc, int d) {
        c.local(ALOAD, VMR);
        c.iconst(op);
        c.iconst(pc);
        c.local(ILOAD, FP);
        c.iconst(operandBase + d);
        c.iconst(fid);
        c.invoke(INVOKEVIRTUAL, VM, "jitStep", "(IIIII)V");
    }

    /**
     * a OP b for the ints at frame offsets {@code left} and {@code right}, into {@code dst}; for
     * ADD, anything else (a string concatenation, or the error) by the interpreter's helper.
     */
    private void arithmetic(int pc, int dst, int left, int right, int jvmOp) {
        int other = jvmOp == IADD ? c.newLabel() : deopt(pc), done = c.newLabel();
        intsIntoAB(left, right, other);
        address(dst);
        c.local(LLOAD, A);
        payload();
        c.local(LLOAD, B);
        payload();
        c.op(jvmOp);
        ofInt();
        c.op(LASTORE);
        if (jvmOp == IADD) {
            target(done);
            c.bind(other);
            step(Op.ADD, pc + 1, depth[pc]);
            c.bind(done);
        }
    }

    /** a / b or the modulo idiom (Java's %) on the top two operands; b == 0 is the interpreter's to raise. */
    private void division(int pc, int top, int jvmOp) {
        intsIntoAB(top - 1, top, deopt(pc));
        c.local(LLOAD, B);
        payload();
        c.local(ISTORE, Y);
        c.local(ILOAD, Y);
        c.jump(IFEQ, deopt(pc));
        address(top - 1);
        c.local(LLOAD, A);
        payload();
        c.local(ILOAD, Y);
        c.op(jvmOp);
        ofInt();
        c.op(LASTORE);
    }

    /** The words at frame offsets {@code left} and {@code right} into A and B; to {@code notInts} unless both are ints. */
    private void intsIntoAB(int left, int right, int notInts) {
        loadWord(left);
        c.local(LSTORE, A);
        loadWord(right);
        c.local(LSTORE, B);
        unlessInts(notInts);
    }

    /** The word at frame offset {@code src} into A; to {@code otherwise} unless its tag is {@code tag}. */
    private void wordIntoA(int src, int tag, int otherwise) {
        loadWord(src);
        c.local(LSTORE, A);
        unlessTag(A, tag, otherwise);
    }

    /** The int at frame offset {@code src} OP the literal {@code v}, into {@code dst}. */
    private void withLiteral(int pc, int src, int dst, int v, int jvmOp) {
        wordIntoA(src, Value.TAG_INT, deopt(pc));
        address(dst);
        c.local(LLOAD, A);
        payload();
        c.iconst(v);
        c.op(jvmOp);
        ofInt();
        c.op(LASTORE);
    }

    private void compareAndBranch(int pc, int left, int right, int test, int target) {
        intsIntoAB(left, right, deopt(pc));
        c.local(LLOAD, A);
        payload();
        c.local(LLOAD, B);
        payload();
        c.jump(failBranch(test), jumpTo(target));
    }

    private void compareWithLiteral(int pc, int src, int v, int test, int target) {
        wordIntoA(src, Value.TAG_INT, deopt(pc));
        c.local(LLOAD, A);
        payload();
        c.iconst(v);
        c.jump(failBranch(test), jumpTo(target));
    }

    /**
     * The record in A, field k through inline-cache site {@code site}, into frame offset
     * {@code dst}: the cached index when the record's layout is the cached one, else the
     * interpreter's look-up (which fills the cache, and reads dictionaries); a value that is
     * no record hands back.
     */
    private void field(int pc, int k, int site, int dst) {
        unlessTag(A, Value.TAG_REC, deopt(pc));
        c.local(LLOAD, A);
        payload();
        c.local(ISTORE, X);
        int miss = c.newLabel(), done = c.newLabel();
        // a hit: the record's layout is the site's cached one, with an index (not -1: no such field)
        c.local(ALOAD, MEM);
        c.local(ILOAD, X);
        c.iconst(Records.LAYOUT);
        c.op(IADD);
        c.op(LALOAD);
        c.local(ALOAD, VMR);
        c.field(GETFIELD, VM, "cacheLayout", "[J");
        c.iconst(site);
        c.op(LALOAD);
        c.op(LCMP);
        c.jump(IFNE, miss);
        c.local(ALOAD, VMR);
        c.field(GETFIELD, VM, "cacheIndex", "[I");
        c.iconst(site);
        c.op(IALOAD);
        c.local(ISTORE, Y);
        c.local(ILOAD, Y);
        c.jump(IFLT, miss);
        address(dst);
        slotXY(Records.VALUES);
        c.op(LALOAD);
        c.op(LASTORE);
        target(done);
        c.bind(miss);
        address(dst);
        c.local(ALOAD, VMR);
        c.local(ILOAD, X);
        c.iconst(k);
        c.iconst(site);
        c.invoke(INVOKEVIRTUAL, VM, "jitGetField", "(III)J");
        c.op(LASTORE);
        c.bind(done);
    }

    /**
     * CALL argc with the callee at operand depth d - argc - 1, by the interpreter's
     * {@code jitCall}: a compiled callee runs on the JVM stack, a built-in runs there too,
     * anything else hands back.
     */
    private void call(int pc, int d, int argc) {
        int base = operand(d - argc - 1), ok = c.newLabel();
        c.local(ALOAD, VMR);
        c.iconst(pc);
        c.local(ILOAD, FP);
        c.iconst(base);
        c.iconst(argc);
        c.iconst(fid);
        c.local(ILOAD, DEPTH);
        c.invoke(INVOKEVIRTUAL, VM, "jitCall", "(IIIIII)J");
        c.local(LSTORE, R);
        // handed back somewhere inside: so is this activation (its frame is already what the interpreter expects)
        c.local(LLOAD, R);
        compareWord(DEOPT, IFNE, ok);
        c.local(LLOAD, R);
        c.op(LRETURN);
        c.bind(ok);
        // the result replaces the callee
        storeFrom(base, R);
    }
}
