package io.gcvm.jit;

import io.gcvm.bytecode.FunctionProto;
import io.gcvm.bytecode.Liveness;
import io.gcvm.bytecode.Op;
import io.gcvm.heap.Records;
import io.gcvm.heap.Value;
import io.gcvm.interp.Frames;

import static io.gcvm.jit.Code.*;

/**
 * Translates one guest function's bytecode into a JVM class whose {@code run} method does what
 * the interpreter would do for that function, instruction by instruction, without the dispatch:
 * the operands are constants, the operand-stack depth at every instruction is known here, so
 * every stack slot is a fixed JVM local, and a guest jump is a JVM jump.
 *
 * <p><b>Values in JVM locals, the frame at every safepoint.</b> Between calls into the VM, the
 * guest's locals and operand slots are JVM longs (so C1 keeps them in registers), and the
 * function's frame in the managed heap is not kept up to date. Everything that may collect or
 * that reads the frame (a call, an allocation, an instruction's general case, a hand-back) goes
 * through one out-of-line path, {@code Interpreter.jitSlow}: the spill chain first writes the
 * live operand slots and every local to the frame, and everything is read back from it after
 * (the collector may have moved what they point to). At those points the collector sees a
 * compiled activation exactly as an interpreted one, with the same frame links, and the
 * interpreter can take over any activation at any instruction. Between them no guest value
 * lives anywhere the collector does not look: nothing allocates there.
 *
 * <p><b>Handing back.</b> Compiled code runs the fast path of each instruction, and has the
 * interpreter's own code run the general case of a few (a string {@code +}, an index that
 * needs a key string, a new field, the rare instructions). Anything else (a type that needs an
 * error, a call of a function that is not compiled, a frame that does not fit in the stack
 * segment, the periodic timeout check, the JVM stack depth bound, a jump out of a compiled
 * loop) hands the activation back: it writes its values to the frame, stores pc, fp, sp, hp
 * and the function into the interpreter's registers and returns {@code CompiledFunction.DEOPT};
 * every compiled caller on the JVM stack returns it too, and the interpreter goes on from that
 * instruction, which it runs again from the start. So compiled code never raises a guest error
 * itself, and each check comes before any effect.
 *
 * <p>The generated method is {@code long run(Interpreter vm, long[] mem, int fp, int depth, int entry)}:
 * it returns the function's result, or DEOPT. {@code entry} is 0 for a call; for an activation
 * the interpreter has been running, it is 1 + the loop head to go on from.
 */
public final class FunctionCompiler {
    /** Compiled activations nested on the JVM stack at most; a deeper call is left to the interpreter. */
    public static final int MAX_DEPTH = 256;

    /**
     * The most JVM bytecode a compiled function may have; a longer one stays interpreted (its
     * loops may still be compiled on their own). C1's memory for a method grows faster than its
     * size (its register allocator keeps a live set per block, as long as there are values):
     * with values in JVM locals, 1.3-1.45 KB per byte of bytecode at 3,000-3,700 bytes (JDK 25's
     * MemStat: life's step, 3,724 bytes, 5.3 MB), and it counts against the process's limit of
     * -mem N + 5 MB while it compiles. Compiles are one at a time (the launcher runs one
     * compiler thread), and the arena's chunks are reused from one compile to the next, so a
     * method costs little more as long as its arena stays near the interpreter loop's own (4.1
     * MB). At 4,000 bytes, life, kmedoids and bignum peaked 1.3 MB higher (and cars ran 40 %
     * faster); at 3,500, no peak moved (benchmarks and tools/rss-meter.sh) and cars' inner loop
     * (3,008 bytes) and kmedoids' main function (3,404) are compiled.
     */
    public static final int MAX_CODE_BYTES = 3500;

    static final String VM = "io/gcvm/interp/Interpreter";
    static final String CF = "io/gcvm/interp/CompiledFunction";
    static final String BARRIER = "io/gcvm/heap/WriteBarrier";
    static final String RUN = "(L" + VM + ";[JIII)J";
    static final long DEOPT = io.gcvm.interp.CompiledFunction.DEOPT;

    // JVM locals of run: its parameters, scratch, then the operand slots and the guest locals (VARS on)
    private static final int THIS = 0, VMR = 1, MEM = 2, FP = 3, DEPTH = 4, ENTRY = 5, A = 6, B = 8, X = 10, Y = 11,
            COUNT = 12, R = 13, P = 15, RET = 16, G = 17, VARS = 18;

    /** A frame of at most this many words (locals and operand slots) is read back inline where a loop is entered from the interpreter, not by the shared stub. */
    private static final int INLINE_RELOAD = 4;

    /** A call or allocation with at most this many values live across it (operands and locals) writes and reads them inline. */
    private static final int INLINE_SYNC = 6;

    private final FunctionProto proto;
    private final int fid;
    private final int[] code;
    private final ClassFile cf;
    private final Code c;
    /** Operand-stack depth before each instruction, -1 where no path reaches. */
    private final int[] depth;
    /** Which operand slots and locals are ints before each instruction ({@link IntFacts}): their tag checks are left out. */
    private final boolean[][] ints;
    private final int[] labelOf;
    private final int[] deoptOf;
    /** Frame offset (from fp) of operand slot 0. */
    private final int operandBase;

    /** The instructions translated: from..to (both included); a whole function is 0..its end. */
    private final int from, to;

    /**
     * Whether the collector goes by the stack maps, clearing the dead locals of a frame. Without
     * it, every local in a frame is a root: each must hold a valid value there at every
     * safepoint, so all are written and read back (a dead one not read back could be written
     * to the frame later, pointing where its object was before the collector moved it).
     */
    private final boolean liveness;

    /** JVM local of operand slot 0 (slot k at + 2k) and of guest local 0 (local s at + 2s). */
    private final int slots0, locals0;

    /** The shared reload stub's label (-1 until needed), and where it goes back to, by RET. */
    private int reloadStub = -1;
    private int[] reloadReturns = new int[8];
    private int nReturns;

    /** Out-of-line calls of the interpreter's general case: per call, its label, its P word, its RET, its depth. */
    private int[] steps = new int[16];
    private int nSteps;
    /** Per depth d: the spill chain's entry that writes operand slots d-1..0 to the frame (-1: not used). */
    private int[] spillFrom;

    /**
     * {@code liveness}: whether the collector goes by the stack maps (then a local dead at a
     * safepoint need be neither in the frame nor read back); {@code limit}: the most JVM code
     * made before giving up (the method is then not made).
     */
    private FunctionCompiler(FunctionProto proto, int fid, String className, int from, int to, boolean liveness, int limit) {
        this.liveness = liveness;
        this.from = from;
        this.to = to;
        this.proto = proto;
        this.fid = fid;
        this.code = proto.code();
        this.cf = new ClassFile(className, CF);
        this.slots0 = VARS;
        this.locals0 = VARS + 2 * proto.maxStack();
        this.c = new Code(cf, locals0 + 2 * proto.locals(), limit);
        this.depth = depths(proto);
        this.ints = depth == null ? null : IntFacts.analyse(proto, depth);
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
    public static byte[] compile(FunctionProto proto, int fid, boolean liveness) {
        return compile(new FunctionCompiler(proto, fid, CLASS_PREFIX + fid, 0, proto.code().length - 1, liveness, MAX_CODE_BYTES));
    }

    /**
     * The class file of the loop {@code from..to} of function {@code fid} (a loop head and its
     * LOOP instruction) compiled on its own, or null when it cannot be: for an activation that
     * has been looping in the interpreter while the function itself is not compiled. A jump out
     * of the loop hands back at its target, and a RETURN returns the activation's result.
     */
    public static byte[] compileLoop(FunctionProto proto, int fid, int from, int to, boolean liveness) {
        return compile(new FunctionCompiler(proto, fid, CLASS_PREFIX + fid + "L" + from, from, to, liveness, MAX_CODE_BYTES));
    }

    private static byte[] compile(FunctionCompiler fc) {
        int bytes = emit(fc);
        if (bytes < 0 || bytes > MAX_CODE_BYTES) return null;
        try {
            fc.constructor();
            fc.cf.addMethod(ClassFile.ACC_PUBLIC, "run", RUN, fc.c);
            return fc.cf.toBytes();
        } catch (ClassFile.TooLarge e) {
            return null;
        }
    }

    /** Emits {@code run}'s code; its bytes, or -1 when it cannot be made (depths, a class-file limit, the compiler's limit). */
    private static int emit(FunctionCompiler fc) {
        if (fc.depth == null) return -1;
        try {
            fc.body();
            return fc.c.length();
        } catch (ClassFile.TooLarge e) {
            return -1;
        }
    }

    /**
     * Bytes of JVM code the function's instructions from..to would take, whatever
     * {@link #MAX_CODE_BYTES} says; -1 when they cannot be compiled at all (operand-stack
     * depths that do not check out, or a method over the class file's limit). For the
     * {@code gcvm.jit.log} report of what was not compiled, and why.
     */
    public static int codeBytes(FunctionProto proto, int fid, int from, int to, boolean liveness) {
        return emit(new FunctionCompiler(proto, fid, CLASS_PREFIX + fid, from, to, liveness, 0xFFFF));
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
            for (int k = 0; k < 2; k++) {
                int succ = Op.successor(code, pc, k);
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

    private void body() {
        for (int pc = from; pc <= to; pc++) {
            if (depth[pc] >= 0) labelOf[pc] = c.newLabel();
        }
        // the scratch locals read after a shared stub typed from the start (the verifier merges there)
        c.lconst(0);
        c.local(LSTORE, R);
        c.iconst(0);
        c.local(ISTORE, RET);
        c.iconst(0);
        c.local(ISTORE, P);
        c.local(ALOAD, VMR);
        c.field(GETFIELD, VM, "gbase", "I");
        c.local(ISTORE, G);
        spillFrom = new int[proto.maxStack() + 1];
        java.util.Arrays.fill(spillFrom, -1);
        // entry != 0: into the loop whose head is at entry - 1, the frame as the interpreter left it
        int call = c.newLabel();
        c.local(ILOAD, ENTRY);
        c.jump(IFEQ, call);
        reload();
        for (int pc = 0; pc < code.length; pc += 1 + Op.operands(code[pc])) {
            int head = Op.isLoop(code[pc]) ? code[pc + 1] : -1;
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
            // a call: the parameters from the frame; the other locals start as None (a compiled
            // caller does not clear them in the frame: every safepoint writes the locals the
            // collector will look at, all of them without liveness, before anything may collect)
            for (int s = 0; s < proto.params(); s++) {
                loadWord(Frames.LOCALS + s);
                store(var(s));
            }
            for (int s = proto.params(); s < proto.locals(); s++) {
                c.lconst(Value.NONE);
                store(var(s));
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

        // out of the straight-line code: the hand-backs and the general cases, each a P word
        // (and for a general case, the RET to come back by), then the spill chain from its depth
        for (int pc = 0; pc < code.length; pc++) {
            if (deoptOf[pc] < 0) continue;
            c.bind(deoptOf[pc]);
            toChain(word(HAND_BACK, depth[pc], pc), -1, depth[pc]);
        }
        for (int i = 0; i < nSteps; i += 4) {
            c.bind(steps[i]);
            toChain(steps[i + 1], steps[i + 2], steps[i + 3]);
        }
        spillChainAndTail();
        if (reloadStub >= 0) {
            c.bind(reloadStub);
            reloadAll();
            c.local(ILOAD, RET);
            c.tableswitch(reloadReturns, nReturns);
        }
    }

    /** The op of a hand-back's P word (no instruction's). */
    public static final int HAND_BACK = 0x80;

    /** The P word: an op (or HAND_BACK), a depth, a pc. */
    private static int word(int op, int d, int pc) {
        if (pc > 0xFFFF || d > 0xFF) throw new ClassFile.TooLarge("function"); // not compiled
        return op << 24 | d << 16 | pc;
    }

    private int spillFrom(int d) {
        if (spillFrom[d] < 0) spillFrom[d] = c.newLabel();
        return spillFrom[d];
    }

    /**
     * The spill chain: entered at depth d, it writes operand slots d-1..0 and every local to
     * the frame, then calls {@code jitSlow} with P (a hand-back, a call or allocation with too
     * many live values to sync inline, or an instruction's general case). Unless that handed
     * the activation back, every local and slot is read back and RET says where to go on: the
     * reload stub, shared with the entry at a loop head, is that last part.
     */
    private void spillChainAndTail() {
        boolean used = false;
        for (int k = proto.maxStack(); k >= 0; k--) {
            if (spillFrom[k] >= 0) {
                c.bind(spillFrom[k]);
                used = true;
            }
            if (used && k > 0) storeSlot(k - 1);
        }
        if (!used) return;
        for (int s = 0; s < proto.locals(); s++) storeLocal(s);
        c.local(ALOAD, VMR);
        c.local(ILOAD, P);
        c.local(ILOAD, FP);
        c.iconst(fid);
        c.local(ILOAD, DEPTH);
        c.invoke(INVOKEVIRTUAL, VM, "jitSlow", "(IIII)J");
        if (nReturns == 0) {
            c.op(LRETURN); // only hand-backs
            return;
        }
        // handed back (here, or somewhere inside a call): so is this activation, its frame as the interpreter expects
        int goOn = c.newLabel();
        c.local(LSTORE, R);
        c.local(LLOAD, R);
        compareWord(DEOPT, IFNE, goOn);
        c.local(LLOAD, R);
        c.op(LRETURN);
        c.bind(goOn);
        if (reloadStub < 0) reloadStub = c.newLabel();
    }

    // ------------------------------------------------------------------ where values are

    /** JVM local of the operand slot at depth {@code d}. */
    private int slot(int d) { return slots0 + 2 * d; }

    /** JVM local of guest local {@code s}. */
    private int var(int s) { return locals0 + 2 * s; }

    private void load(int jvmLocal) { c.local(LLOAD, jvmLocal); }

    private void store(int jvmLocal) { c.local(LSTORE, jvmLocal); }

    /** Guest local {@code s} into its frame word. */
    private void storeLocal(int s) {
        address(Frames.LOCALS + s);
        load(var(s));
        c.op(LASTORE);
    }

    /** Operand slot {@code k} into its frame word. */
    private void storeSlot(int k) {
        address(operand(k));
        load(slot(k));
        c.op(LASTORE);
    }

    /**
     * Where a loop is entered from the interpreter: every local and operand slot read from the
     * frame. Inline for a small frame; else by the reload stub the spill chain ends in, which
     * comes back here through a tableswitch on RET.
     */
    private void reload() {
        if (proto.locals() + proto.maxStack() <= INLINE_RELOAD) {
            reloadAll();
            return;
        }
        if (reloadStub < 0) reloadStub = c.newLabel();
        int back = c.newLabel();
        c.iconst(returnTo(back));
        c.local(ISTORE, RET);
        target(reloadStub);
        c.bind(back);
    }

    /** The RET that makes the reload stub go on at {@code label}. */
    private int returnTo(int label) {
        if (nReturns == reloadReturns.length) reloadReturns = java.util.Arrays.copyOf(reloadReturns, nReturns * 2);
        reloadReturns[nReturns] = label;
        return nReturns++;
    }

    private void reloadAll() { readBack(null, proto.maxStack()); }

    /**
     * After anything that may have collected: the globals' base (they may have moved), the
     * locals ({@code live} ones, or all when null) and operand slots 0..slots-1 read from the frame.
     */
    private void readBack(boolean[] live, int slots) {
        c.local(ALOAD, VMR);
        c.field(GETFIELD, VM, "gbase", "I");
        c.local(ISTORE, G);
        for (int s = 0; s < proto.locals(); s++) {
            if (live != null && !live[s]) continue;
            loadWord(Frames.LOCALS + s);
            store(var(s));
        }
        for (int k = 0; k < slots; k++) {
            loadWord(operand(k));
            store(slot(k));
        }
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

    /** Frame offset of the operand slot at depth {@code d}. */
    private int operand(int d) { return operandBase + d; }

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
        load(l);
        c.op(L2I);
        c.iconst(15);
        c.op(IAND);
        c.iconst(tag);
        c.jump(IF_ICMPNE, label);
    }

    /** Compares the long on the JVM stack with {@code word}, then {@code branch} (IFEQ: equal, IFNE: not) to {@code label}. */
    private void compareWord(long word, int branch, int label) {
        c.lconst(word);
        c.op(LCMP);
        c.jump(branch, label);
    }

    /** Whether the value in JVM local {@code v} (an operand slot or a guest local) is an int on every path to {@code pc}. */
    private boolean intAt(int pc, int v) {
        if (v >= slots0 && v < locals0) return ints[pc][(v - slots0) / 2];
        if (v >= locals0) return ints[pc][proto.maxStack() + (v - locals0) / 2];
        return false;
    }

    /** Jumps to {@code label} unless the long in JVM local {@code v} is an int; nothing when it is one on every path to {@code pc}. */
    private void unlessInt(int pc, int v, int label) {
        if (!intAt(pc, v)) unlessTag(v, Value.TAG_INT, label);
    }

    /** Jumps to {@code label} unless both are ints, checking only those not known to be ints at {@code pc}. */
    private void unlessInts(int pc, int l, int r, int label) {
        boolean li = intAt(pc, l), ri = intAt(pc, r);
        if (li && ri) return;
        if (li || ri) unlessTag(li ? r : l, Value.TAG_INT, label);
        else unlessInts(l, r, label);
    }

    /** Jumps to {@code label} unless both longs in JVM locals {@code l} and {@code r} are ints. */
    private void unlessInts(int l, int r, int label) {
        load(l);
        c.op(L2I);
        c.iconst(Value.TAG_INT);
        c.op(IXOR);
        load(r);
        c.op(L2I);
        c.iconst(Value.TAG_INT);
        c.op(IXOR);
        c.op(IOR);
        c.iconst(15);
        c.op(IAND);
        c.jump(IFNE, label);
    }

    /** Pushes mem, the address of global g (vm.gbase, kept in G and read again after anything that may collect). */
    private void globalAddress(int g) {
        c.local(ALOAD, MEM);
        c.local(ILOAD, G);
        c.iconst(g);
        c.op(IADD);
    }

    /** Global g (as the interpreter: mem[vm.gbase + g]) into long local l, handing back at pc if it was never assigned. */
    private void global(int g, int l, int pc) {
        globalAddress(g);
        c.op(LALOAD);
        store(l);
        load(l);
        compareWord(Value.UNDEF, IFEQ, deopt(pc));
    }

    /**
     * The four tests, as "jump when the test fails" after LCMP. Two int words compare as their
     * ints do: the int is the word's high half, and the low halves (the tag) are equal.
     */
    private static int failBranch(int test) {
        switch (test) {
            case 0: return IFGE; // not <
            case 1: return IFLE; // not >
            case 2: return IFGT; // not <=
            default: return IFLT; // not >=
        }
    }

    private void target(int label) { c.jump(GOTO, label); }

    // ------------------------------------------------------------------ instructions

    private void instruction(int pc, int d) {
        int op = code[pc];
        int a1 = Op.operands(op) > 0 ? code[pc + 1] : 0, a2 = Op.operands(op) > 1 ? code[pc + 2] : 0,
                a3 = Op.operands(op) > 2 ? code[pc + 3] : 0;
        // the slot at depth d is free at pc: it may be filled before a check that hands back at pc
        int top = d > 0 ? slot(d - 1) : -1, push = slot(d);
        switch (op) {
            case Op.LOAD_GLOBAL:
                global(a1, push, pc);
                break;
            case Op.LOAD_GLOBAL2:
                global(a1, push, pc);
                global(a2, slot(d + 1), pc);
                break;
            case Op.STORE_GLOBAL:
                globalAddress(a1);
                load(top);
                c.invoke(INVOKESTATIC, BARRIER, "store", "([JIJ)V");
                break;
            case Op.STORE_LOAD_GLOBAL:
                // the store is done again if the load hands back: the same value, no harm
                globalAddress(a1);
                load(top);
                c.invoke(INVOKESTATIC, BARRIER, "store", "([JIJ)V");
                global(a2, A, pc);
                load(A);
                store(top);
                break;
            case Op.LOAD_LOCAL:
                load(var(a1));
                store(push);
                break;
            case Op.LOAD_LOCAL2:
                load(var(a1));
                store(push);
                load(var(a2));
                store(slot(d + 1));
                break;
            case Op.STORE_LOCAL:
                load(top);
                store(var(a1));
                break;
            case Op.CONST_INT:
                c.lconst(Value.ofInt(a1));
                store(push);
                break;
            case Op.CONST_STR:
                c.local(ALOAD, MEM);
                c.local(ALOAD, VMR);
                c.field(GETFIELD, VM, "constants", "J");
                payload();
                c.iconst(1 + a1);
                c.op(IADD);
                c.op(LALOAD);
                store(push);
                break;
            case Op.NONE: case Op.TRUE: case Op.FALSE:
                c.lconst(op == Op.NONE ? Value.NONE : op == Op.TRUE ? Value.TRUE : Value.FALSE);
                store(push);
                break;
            case Op.POP:
                break;
            case Op.ADD: case Op.SUB: case Op.MUL:
                arithmetic(pc, d, op);
                break;
            case Op.DIV: case Op.MOD:
                division(pc, d, op == Op.DIV ? IDIV : IREM);
                break;
            case Op.ADD_INT: case Op.SUB_INT: case Op.MUL_INT:
                withLiteral(pc, top, a1, op == Op.ADD_INT ? IADD : op == Op.SUB_INT ? ISUB : IMUL);
                store(top);
                break;
            case Op.DIV_INT: case Op.MOD_INT:
                if (a1 == 0) {
                    target(deopt(pc)); // the interpreter raises the division by zero
                } else {
                    withLiteral(pc, top, a1, op == Op.DIV_INT ? IDIV : IREM);
                    store(top);
                }
                break;
            case Op.LOCAL_ADD_INT: case Op.LOCAL_SUB_INT:
                withLiteral(pc, var(a1), a2, op == Op.LOCAL_ADD_INT ? IADD : ISUB);
                store(push);
                break;
            case Op.INC_LOCAL:
                withLiteral(pc, var(a1), a2, IADD);
                store(var(a1));
                break;
            case Op.JUMP_IF_NOT_LT: case Op.JUMP_IF_NOT_GT: case Op.JUMP_IF_NOT_LE: case Op.JUMP_IF_NOT_GE:
                compareAndBranch(pc, slot(d - 2), top, op - Op.JUMP_IF_NOT_LT, a1);
                break;
            case Op.JUMP_IF_LOCALS_NOT_LT: case Op.JUMP_IF_LOCALS_NOT_GT: case Op.JUMP_IF_LOCALS_NOT_LE: case Op.JUMP_IF_LOCALS_NOT_GE:
                compareAndBranch(pc, var(a2), var(a3), op - Op.JUMP_IF_LOCALS_NOT_LT, a1);
                break;
            case Op.JUMP_IF_LOCAL_NOT_LT_INT: case Op.JUMP_IF_LOCAL_NOT_GT_INT: case Op.JUMP_IF_LOCAL_NOT_LE_INT:
            case Op.JUMP_IF_LOCAL_NOT_GE_INT:
                compareWithLiteral(pc, var(a3), a2, op - Op.JUMP_IF_LOCAL_NOT_LT_INT, a1);
                break;
            case Op.JUMP_IF_NOT_LT_INT: case Op.JUMP_IF_NOT_GT_INT: case Op.JUMP_IF_NOT_LE_INT: case Op.JUMP_IF_NOT_GE_INT:
                compareWithLiteral(pc, top, a2, op - Op.JUMP_IF_NOT_LT_INT, a1);
                break;
            case Op.JUMP_IF_LOCAL_NOT_EQ_INT: case Op.JUMP_IF_NOT_EQ_INT:
                // an int equals exactly the same int word, and nothing else
                load(op == Op.JUMP_IF_NOT_EQ_INT ? top : var(a3));
                compareWord(Value.ofInt(a2), IFNE, jumpTo(a1));
                break;
            case Op.JUMP_IF_NOT_NONE: case Op.JUMP_IF_NONE:
                load(top);
                compareWord(Value.NONE, op == Op.JUMP_IF_NOT_NONE ? IFNE : IFEQ, jumpTo(a1));
                break;
            case Op.JUMP_IF_FALSE:
                load(top);
                compareWord(Value.FALSE, IFEQ, jumpTo(a1));
                load(top);
                compareWord(Value.TRUE, IFNE, deopt(pc)); // not a bool: the interpreter raises
                break;
            case Op.JUMP_IF_NOT_EQ: case Op.JUMP_IF_EQ:
                c.local(ALOAD, MEM);
                load(slot(d - 2));
                load(top);
                c.invoke(INVOKESTATIC, VM, "equal", "([JJJ)Z");
                c.jump(op == Op.JUMP_IF_EQ ? IFNE : IFEQ, jumpTo(a1));
                break;
            case Op.JUMP:
                target(jumpTo(a1));
                break;
            case Op.LOOP: case Op.LOOP_JIT:
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
                unlessTag(top, Value.TAG_REC, deopt(pc));
                break;
            case Op.LOAD_LOCAL_REC:
                unlessTag(var(a1), Value.TAG_REC, deopt(pc));
                load(var(a1));
                store(push);
                break;
            case Op.LOAD_GLOBAL_REC:
                global(a1, push, pc);
                unlessTag(push, Value.TAG_REC, deopt(pc));
                break;
            case Op.GET_FIELD:
                field(pc, a1, a2, top, top);
                break;
            case Op.GET_LOCAL_FIELD:
                field(pc, a2, a3, var(a1), push);
                break;
            case Op.GET_GLOBAL_FIELD:
                global(a1, push, pc);
                field(pc, a2, a3, push, push);
                break;
            case Op.INIT_SLOT:
                // (record v → record); a barrier although the record is new, as in the interpreter
                c.local(ALOAD, MEM);
                load(slot(d - 2));
                payload();
                c.iconst(Records.VALUES + a1);
                c.op(IADD);
                load(top);
                c.invoke(INVOKESTATIC, BARRIER, "store", "([JIJ)V");
                break;
            case Op.NEW_RECORD: {
                boolean[] live = inlineSync(pc, d);
                if (live == null) {
                    slowHere(op, pc, d);
                    break;
                }
                c.local(ALOAD, VMR);
                c.iconst(pc + 2);
                c.local(ILOAD, FP);
                c.iconst(operand(d));
                c.iconst(fid);
                c.iconst(a1);
                c.invoke(INVOKEVIRTUAL, VM, "jitNewRecord", "(IIIII)J");
                c.local(LSTORE, R);
                readBack(live, d);
                load(R);
                store(push);
                break;
            }
            case Op.CALL: {
                // the interpreter's: it runs compiled callees and built-ins on the JVM stack, and
                // hands anything else back; either may collect
                int base = d - a1 - 1;
                boolean[] live = inlineSync(pc, d);
                if (live == null) {
                    slowHere(op, pc, d); // the result in the frame after
                    break;
                }
                int ok = c.newLabel();
                c.local(ALOAD, VMR);
                c.iconst(pc);
                c.local(ILOAD, FP);
                c.iconst(operand(base));
                c.iconst(a1);
                c.iconst(fid);
                c.local(ILOAD, DEPTH);
                c.invoke(INVOKEVIRTUAL, VM, "jitCall", "(IIIIII)J");
                c.local(LSTORE, R);
                // handed back somewhere inside: so is this activation (its frame is what the interpreter expects)
                load(R);
                compareWord(DEOPT, IFNE, ok);
                load(R);
                c.op(LRETURN);
                c.bind(ok);
                readBack(live, base);
                load(R);
                store(slot(base));
                break;
            }
            case Op.LOAD_FREE: {
                // a cell shared with the frame that made it, or the value itself
                c.local(ALOAD, MEM);
                loadWord(Frames.CLOSURE);
                payload();
                c.iconst(2 + a1);
                c.op(IADD);
                c.op(LALOAD);
                store(push);
                int done = c.newLabel();
                unlessTag(push, Value.TAG_CELL, done);
                cellValue(push);
                store(push);
                c.bind(done);
                break;
            }
            case Op.LOAD_BOXED:
                cellValue(var(a1));
                store(push);
                break;
            case Op.STORE_BOXED:
                c.local(ALOAD, MEM);
                load(var(a1));
                payload();
                c.iconst(1);
                c.op(IADD);
                load(top);
                c.invoke(INVOKESTATIC, BARRIER, "store", "([JIJ)V");
                break;
            case Op.RETURN:
                load(top);
                c.op(LRETURN);
                break;
            case Op.SET_FIELD:
                setField(pc + 1, a2, d);
                break;
            case Op.BOX: case Op.MAKE_CLOSURE: case Op.EQ: case Op.NOT: case Op.LT: case Op.GT:
            case Op.LE: case Op.GE: case Op.NEG: case Op.AND: case Op.OR: case Op.CONCAT:
                // rare instructions that go on to the next: the interpreter runs this one, then back here
                slowHere(op, pc + 1, d);
                break;
            case Op.GET_INDEX:
                getIndex(pc + 1, d, ints[pc][d - 1]);
                break;
            case Op.GET_INDEX_LOCALS:
                // LOAD_LOCAL s; CHECK_RECORD; LOAD_LOCAL t; GET_INDEX
                unlessTag(var(a1), Value.TAG_REC, deopt(pc));
                load(var(a1));
                store(push);
                load(var(a2));
                store(slot(d + 1));
                getIndex(pc + 3, d + 2, ints[pc][proto.maxStack() + a2]);
                break;
            case Op.SET_INDEX:
                setIndex(pc + 1, d, ints[pc][d - 2]);
                break;
            default:
                throw new IllegalArgumentException("no translation for " + Op.name(op));
        }
    }

    /** Pushes the value in the cell that JVM local {@code l} points to. */
    private void cellValue(int l) {
        c.local(ALOAD, MEM);
        load(l);
        payload();
        c.iconst(1);
        c.op(IADD);
        c.op(LALOAD);
    }

    /**
     * GET_INDEX (record i → v) at depth d: an int index of an array record inline; a string
     * or int key of another record by {@code jitIndex}, without a safepoint; any other key by
     * the interpreter's general case ({@code after}: the pc just after the instruction).
     */
    private void getIndex(int after, int d, boolean intIndex) {
        int done = c.newLabel(), keyed = c.newLabel(), slow = step(Op.GET_INDEX, after, d, done);
        int rec = slot(d - 2), idx = slot(d - 1);
        arrayOf(rec, idx, intIndex, keyed);
        // X: the array, Y: the index
        c.local(ILOAD, Y);
        c.jump(IFLT, keyed);
        c.local(ILOAD, Y);
        arrayCount();
        c.jump(IF_ICMPGE, keyed);
        slotXY(Records.ARRAY_VALUES);
        c.op(LALOAD);
        store(rec);
        target(done);
        // any other record with a string or int key: looked up without a safepoint
        c.bind(keyed);
        c.local(ALOAD, VMR);
        load(rec);
        payload();
        load(idx);
        c.invoke(INVOKEVIRTUAL, VM, "jitIndex", "(IJ)J");
        store(A);
        load(A);
        compareWord(DEOPT, IFEQ, slow);
        load(A);
        store(rec);
        c.bind(done);
    }

    /**
     * SET_INDEX (record i v → ) at depth d: an array record's existing index, or an append
     * with room, inline; an existing field of another record by {@code jitSetIndex}, without a
     * safepoint; anything else by the interpreter's general case.
     */
    private void setIndex(int after, int d, boolean intIndex) {
        int store = c.newLabel(), done = c.newLabel(), keyed = c.newLabel(), slow = step(Op.SET_INDEX, after, d, done);
        arrayOf(slot(d - 3), slot(d - 2), intIndex, keyed);
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
        load(slot(d - 1));
        c.invoke(INVOKESTATIC, BARRIER, "store", "([JIJ)V");
        target(done);
        // an existing field of any other record, with a string or int key: stored without a safepoint
        c.bind(keyed);
        c.local(ALOAD, VMR);
        load(slot(d - 3));
        payload();
        load(slot(d - 2));
        load(slot(d - 1));
        c.invoke(INVOKEVIRTUAL, VM, "jitSetIndex", "(IJJ)Z");
        c.jump(IFEQ, slow);
        c.bind(done);
    }

    /**
     * SET_FIELD (record v → ) at depth d: into a record whose layout is the one the site's
     * cache holds (a shaped record's existing field), inline, as the interpreter does first;
     * anything else (another layout, a dictionary, a new field, no record) by its general case,
     * which fills the cache.
     */
    private void setField(int after, int site, int d) {
        int done = c.newLabel(), slow = step(Op.SET_FIELD, after, d, done);
        int rec = slot(d - 2);
        addressInX(rec, Value.TAG_REC, slow);
        cachedIndex(site, slow);
        slotXY(Records.VALUES);
        load(slot(d - 1));
        c.invoke(INVOKESTATIC, BARRIER, "store", "([JIJ)V");
        c.bind(done);
    }

    /** Y := the index site {@code site}'s cache holds for the layout of record X; to {@code miss} unless it holds that layout with an index. */
    private void cachedIndex(int site, int miss) {
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
    }

    /** The record in JVM local {@code rec}, the index in {@code idx}: X = its array, Y = the int index; else to {@code slow}. */
    private void arrayOf(int rec, int idx, boolean intIndex, int slow) {
        if (!intIndex) unlessTag(idx, Value.TAG_INT, slow);
        c.local(ALOAD, MEM);
        load(rec);
        payload();
        c.iconst(Records.LAYOUT);
        c.op(IADD);
        c.op(LALOAD);
        store(B);
        addressInX(B, Value.TAG_ARRAY, slow);
        load(idx);
        payload();
        c.local(ISTORE, Y);
    }

    /** X := the address in JVM local {@code l}, a pointer tagged {@code tag}; else to {@code otherwise}. */
    private void addressInX(int l, int tag, int otherwise) {
        unlessTag(l, tag, otherwise);
        load(l);
        payload();
        c.local(ISTORE, X);
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

    /**
     * The label of an out-of-line {@code jitSlow} of {@code op} at depth d and {@code pc} (for
     * an instruction's general case, just after it), which goes on at {@code then}. It runs on
     * the frame: the spill chain writes operand slots and locals to it, and everything is read
     * back after.
     */
    private int step(int op, int pc, int d, int then) {
        if (nSteps + 4 > steps.length) steps = java.util.Arrays.copyOf(steps, steps.length * 2);
        int label = c.newLabel();
        steps[nSteps++] = label;
        steps[nSteps++] = word(op, d, pc);
        steps[nSteps++] = returnTo(then);
        steps[nSteps++] = d;
        spillFrom(d);
        return label;
    }

    /**
     * For a call or an allocation at {@code pc} with {@code d} operands: unless too many values
     * are live across it (then null, and nothing emitted: it goes by the spill chain), writes
     * the operand slots and the locals live after it (its stack map) to the frame, for a direct
     * call of the interpreter's helper, after which {@link #readBack} reads the same locals
     * back; returns which. A dead local is neither written nor read back: it is not read again
     * before it is written, and the collector clears it in the frame. Without liveness every
     * local counts as live.
     */
    private boolean[] inlineSync(int pc, int d) {
        boolean[] live = liveAfter(pc);
        int n = d;
        for (boolean l : live) if (l) n++;
        if (n > INLINE_SYNC) return null;
        for (int k = 0; k < d; k++) storeSlot(k);
        for (int s = 0; s < live.length; s++) if (live[s]) storeLocal(s);
        return live;
    }

    /** Which locals are live after the instruction at {@code pc}: its stack map's, or all without one or without liveness. */
    private boolean[] liveAfter(int pc) {
        Liveness.StackMaps maps = proto.stackMaps();
        int m = liveness ? maps.find(pc + 1 + Op.operands(code[pc])) : -1;
        boolean[] live = new boolean[proto.locals()];
        for (int s = 0; s < live.length; s++) live[s] = m < 0 || maps.isLive(m, s);
        return live;
    }

    /** {@code jitSlow} of {@code op} at depth d and {@code pc}, in the straight-line code. */
    private void slowHere(int op, int pc, int d) {
        int back = c.newLabel();
        toChain(word(op, d, pc), returnTo(back), d);
        c.bind(back);
    }

    /** P := {@code word}, RET := {@code ret} (none for a hand-back: -1), then along the spill chain from depth d. */
    private void toChain(int word, int ret, int d) {
        c.iconst(word);
        c.local(ISTORE, P);
        if (ret >= 0) {
            c.iconst(ret);
            c.local(ISTORE, RET);
        }
        target(spillFrom(d));
    }

    /**
     * ADD, SUB or MUL of the top two operands (at depth d) when both are ints, else (for ADD: a
     * string concatenation, or the error) the interpreter's. On the words themselves, an int's
     * sum or difference is the words' sum or difference, less or plus one tag.
     */
    private void arithmetic(int pc, int d, int op) {
        int left = slot(d - 2), right = slot(d - 1);
        int done = c.newLabel();
        if (!intAt(pc, left) || !intAt(pc, right)) unlessInts(pc, left, right, op == Op.ADD ? step(Op.ADD, pc + 1, d, done) : deopt(pc));
        load(left);
        if (op == Op.MUL) {
            payload();
            load(right);
            payload();
            c.op(IMUL);
            ofInt();
        } else {
            load(right);
            c.op(op == Op.ADD ? LADD : LSUB);
            c.lconst(Value.TAG_INT);
            c.op(op == Op.ADD ? LSUB : LADD);
        }
        store(left);
        c.bind(done);
    }

    /** a / b or the modulo idiom (Java's %) on the top two operands; b == 0 is the interpreter's to raise. */
    private void division(int pc, int d, int jvmOp) {
        int left = slot(d - 2), right = slot(d - 1);
        unlessInts(pc, left, right, deopt(pc));
        load(right);
        payload();
        c.local(ISTORE, Y);
        c.local(ILOAD, Y);
        c.jump(IFEQ, deopt(pc));
        load(left);
        payload();
        c.local(ILOAD, Y);
        c.op(jvmOp);
        ofInt();
        store(left);
    }

    /** Pushes the int in JVM local {@code src} OP the literal {@code v}, as a word; hands back at pc unless it is an int. */
    private void withLiteral(int pc, int src, int v, int jvmOp) {
        unlessInt(pc, src, deopt(pc));
        load(src);
        if (jvmOp == IADD || jvmOp == ISUB) {
            c.lconst((long) v << 32);
            c.op(jvmOp == IADD ? LADD : LSUB);
        } else {
            payload();
            c.iconst(v);
            c.op(jvmOp);
            ofInt();
        }
    }

    private void compareAndBranch(int pc, int left, int right, int test, int target) {
        unlessInts(pc, left, right, deopt(pc));
        load(left);
        load(right);
        c.op(LCMP);
        c.jump(failBranch(test), jumpTo(target));
    }

    private void compareWithLiteral(int pc, int src, int v, int test, int target) {
        unlessInt(pc, src, deopt(pc));
        load(src);
        c.lconst(Value.ofInt(v));
        c.op(LCMP);
        c.jump(failBranch(test), jumpTo(target));
    }

    /**
     * The record in JVM local {@code src}, field k through inline-cache site {@code site}, into
     * JVM local {@code dst} (which may be src): the cached index when the record's layout is
     * the cached one, else the interpreter's look-up (which fills the cache, reads
     * dictionaries, and allocates nothing); a value that is no record hands back.
     */
    private void field(int pc, int k, int site, int src, int dst) {
        addressInX(src, Value.TAG_REC, deopt(pc));
        int miss = c.newLabel(), done = c.newLabel();
        // a hit: the record's layout is the site's cached one, with an index (not -1: no such field)
        cachedIndex(site, miss);
        slotXY(Records.VALUES);
        c.op(LALOAD);
        store(dst);
        target(done);
        c.bind(miss);
        c.local(ALOAD, VMR);
        c.local(ILOAD, X);
        c.iconst(k);
        c.iconst(site);
        c.invoke(INVOKEVIRTUAL, VM, "jitGetField", "(III)J");
        store(dst);
        c.bind(done);
    }
}
