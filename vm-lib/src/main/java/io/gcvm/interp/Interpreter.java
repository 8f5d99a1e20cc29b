package io.gcvm.interp;

import io.gcvm.Outcome;
import io.gcvm.bytecode.FunctionProto;
import io.gcvm.bytecode.Op;
import io.gcvm.bytecode.Program;
import io.gcvm.heap.Heap;
import io.gcvm.heap.HeapExhausted;
import io.gcvm.heap.ObjectKind;
import io.gcvm.heap.Records;
import io.gcvm.heap.RootSet;
import io.gcvm.heap.RootVisitor;
import io.gcvm.heap.Strings;
import io.gcvm.heap.Value;
import io.gcvm.heap.WriteBarrier;
import io.gcvm.jit.FunctionCompiler;

import java.io.IOException;
import java.io.UncheckedIOException;

import static io.gcvm.interp.Frames.CLOSURE;
import static io.gcvm.interp.Frames.LINK;
import static io.gcvm.interp.Frames.LOCALS;
import static io.gcvm.interp.Frames.OPERANDS;
import static io.gcvm.interp.Frames.RETURN_TO;
import static io.gcvm.interp.Frames.SEGMENT_CALLER_SP;
import static io.gcvm.interp.Frames.SEGMENT_FRAMES;
import static io.gcvm.interp.Frames.SEGMENT_PREV;
import static io.gcvm.interp.Frames.SEGMENT_WORDS;

/**
 * Runs a compiled {@link Program} over the managed {@link Heap}.
 *
 * <p>One loop, one {@code switch}: a guest call switches the loop's registers to the callee's
 * frame instead of recursing in Java, so guest recursion is bounded by heap memory only.
 *
 * <p><b>Rooting discipline.</b> Everything the interpreter can reach lives in the heap and is
 * reachable from the registers below, which {@link #scanRoots} reports exactly. Any operation
 * that allocates keeps its operands on the operand stack while it allocates, and reads them
 * back from the stack afterwards: no Java local holds a heap address across an allocation.
 * The loop keeps pc/fp/sp in Java locals for speed and writes them to the fields before any
 * call that may allocate ({@link #save}), reading them back after.
 */
public final class Interpreter implements RootSet {
    private static final int TICKS = 1 << 14;

    private final FunctionProto[] protos;
    private final Program program;
    private final Heap heap;
    private final long[] mem;
    private final GuestIO io;
    private final long deadline;
    /** Use the compiler's stack maps: dead locals are not roots. */
    private final boolean liveness;

    // ---- registers: the roots outside the frames
    private int pc, fp, sp, fid;
    /** The current frame's link words (see {@link Frames}): fp + the function's locals. */
    private int hp;
    private int segment, spare;
    int segmentLimit; // read by compiled code
    private long globals = Value.NONE, shapes = Value.NONE;
    long constants = Value.NONE; // read by compiled code
    /** Where the globals' values start in the heap (the globals table's first value word); kept by {@link #scanRoots}. */
    int gbase; // read by compiled code
    /**
     * Inline caches of GET_FIELD/SET_FIELD sites: the layout word (a shape pointer) last seen and
     * the field's index in that shape. A hit is one compare of the record's layout word, with no
     * load from the shape; since a collection may move shapes, {@link #scanRoots} empties them.
     */
    final long[] cacheLayout; // read by compiled code
    final int[] cacheIndex;
    /** An empty cache entry: never a record's layout word. */
    private static final long NO_LAYOUT = Value.UNDEF;
    /** Words of a record of each shape (from the program text, so bounded by it). */
    private final int[] recordWords;
    /** Scratch for the decimal digits of an integer index (r[n] looks fields up without a string). */
    private final byte[] digits = new byte[12];
    /** Work stack of the record printer, and one scratch root for multi-step operations. */
    long work = Value.NONE, scratch = Value.NONE;
    /**
     * The key strings of small int indices made so far (a table of {@link Stringifier#INT_KEYS},
     * or None), so that records used as arrays share their key strings. Not a root: each
     * collection drops it, and it is made again when next needed.
     */
    long intKeys = Value.NONE;
    /** The key of a field store in progress (rooted while the record's table grows). */
    private long key = Value.NONE;
    /**
     * Where lookups of computed keys last found them, by a hash of the key's first 8 bytes and
     * its length ({@link #findKey}): a guess for the next lookup of an equal key, in this record
     * or in another with the same keys (two counts kept per word), checked against the key
     * there, so a stale or colliding entry costs one compare. A fixed size: no guest data.
     */
    private final int[] keyHints = new int[4096];
    int ticks = TICKS; // counted down by compiled code too
    private final Stringifier stringifier;

    /** Per function: its compiled code once it has some (read by compiled code at its calls), and the calls left before it is compiled. */
    final CompiledFunction[] compiled;
    private final int[] callsToCompile;
    /** Per function, per loop head: code for the loops around it ({@link #loopTick}), made when first wanted. */
    private final CompiledFunction[][] loopCode;
    private final Jit jit; // null: compiling is off

    public Interpreter(Program program, Heap heap, GuestIO io, long deadlineNanos, boolean liveness) {
        this(program, heap, io, deadlineNanos, liveness, 0, 0);
    }

    /**
     * @param jitThreshold calls after which a function is compiled to JVM bytecode
     *                     ({@link io.gcvm.jit.FunctionCompiler}); 0: never
     * @param jitBudget    class-file bytes compiled at most, functions and loops together
     */
    public Interpreter(Program program, Heap heap, GuestIO io, long deadlineNanos, boolean liveness, int jitThreshold,
                       int jitBudget) {
        this.liveness = liveness;
        this.program = program;
        this.protos = program.functions().toArray(new FunctionProto[0]);
        this.heap = heap;
        this.mem = heap.mem;
        this.io = io;
        this.deadline = deadlineNanos;
        this.stringifier = new Stringifier(this, heap);
        this.cacheLayout = new long[program.cacheSites()];
        this.cacheIndex = new int[program.cacheSites()];
        java.util.Arrays.fill(cacheLayout, NO_LAYOUT);
        this.recordWords = new int[program.shapes().size()];
        for (int i = 0; i < recordWords.length; i++) recordWords[i] = Records.wordsFor(program.shapes().get(i).length);
        heap.setRoots(this);
        this.compiled = new CompiledFunction[protos.length];
        this.callsToCompile = new int[protos.length];
        this.loopCode = new CompiledFunction[protos.length][];
        CompiledFunction.load();
        this.jit = jitThreshold > 0 ? new Jit(jitBudget, liveness) : null;
        // counted down at every interpreted call; with compiling off it wraps round every 2^32 calls
        java.util.Arrays.fill(callsToCompile, jitThreshold > 0 ? jitThreshold : 0);
    }

    Heap heap() { return heap; }

    /**
     * Current call depth (frames on the guest stack, the top level included), counted along the
     * frames' links: wanted only for a stack overflow's message, so no call or return counts it.
     */
    public int depth() {
        int n = 0;
        for (int f = fp, h = hp; f != 0; n++) {
            long link = mem[h + LINK];
            f = (int) (link >>> 32);
            h = (int) link;
        }
        return n;
    }

    // ------------------------------------------------------------------ roots

    @Override
    public void scanRoots(RootVisitor v) {
        spare = 0; // a cached empty segment is not a root: let the sweep take it
        globals = v.visit(globals);
        gbase = Value.address(globals) + 1;
        constants = v.visit(constants);
        shapes = v.visit(shapes);
        java.util.Arrays.fill(cacheLayout, NO_LAYOUT); // the shapes may move
        work = v.visit(work);
        scratch = v.visit(scratch);
        intKeys = Value.NONE; // a cache, not a root
        key = v.visit(key);
        if (segment != 0) {
            int s = Value.address(v.visit(Value.pointer(Value.TAG_OBJ, segment)));
            segmentLimit += s - segment;
            segment = s;
        }
        int f = fp, h = hp, top = sp, function = fid, at = pc, seg = segment;
        while (f != 0) {
            mem[f + CLOSURE] = v.visit(mem[f + CLOSURE]);
            FunctionProto proto = protos[function];
            int locals = proto.locals();
            int map = liveness ? proto.stackMaps().find(at) : -1;
            int base = f + LOCALS;
            for (int s = 0; s < locals; s++) {
                if (map < 0 || proto.stackMaps().isLive(map, s)) mem[base + s] = v.visit(mem[base + s]);
                else mem[base + s] = Value.NONE; // dead: never read again, so neither kept nor left dangling
            }
            for (int q = h + OPERANDS; q < top; q++) mem[q] = v.visit(mem[q]);
            long link = mem[h + LINK], returnTo = mem[h + RETURN_TO];
            function = (int) (returnTo >>> 32);
            at = (int) returnTo;
            if (f + CLOSURE == seg + SEGMENT_FRAMES) {
                // the first frame of its segment: the caller's top is kept in the segment's header
                top = (int) mem[seg + SEGMENT_CALLER_SP];
                long prev = mem[seg + SEGMENT_PREV];
                seg = prev == Value.NONE ? 0 : Value.address(prev);
            } else {
                top = f + CLOSURE; // the callee's slot, scanned above as its closure
            }
            f = (int) (link >>> 32);
            h = (int) link;
        }
    }

    // ------------------------------------------------------------------ start

    /** Runs the program to its end; guest errors come out as {@link GuestError}. */
    public void run() {
        int nGlobals = program.globals().size();
        int g = heap.allocate(ObjectKind.TABLE, 1 + nGlobals);
        for (int i = 0; i < nGlobals; i++) mem[g + 1 + i] = Value.UNDEF;
        mem[g + 1 + Program.GLOBAL_PRINT] = Value.ofBuiltin(Builtins.PRINT);
        mem[g + 1 + Program.GLOBAL_INPUT] = Value.ofBuiltin(Builtins.INPUT);
        mem[g + 1 + Program.GLOBAL_INTCAST] = Value.ofBuiltin(Builtins.INTCAST);
        globals = Value.pointer(Value.TAG_OBJ, g);
        gbase = g + 1;

        int nConst = program.constants().size();
        constants = Value.pointer(Value.TAG_OBJ, heap.allocate(ObjectKind.TABLE, 1 + nConst));
        for (int k = 0; k < nConst; k++) {
            byte[] bytes = program.constants().get(k);
            int s = heap.allocate(ObjectKind.STRING, Strings.wordsFor(bytes.length));
            mem[s + 1] = bytes.length;
            for (int i = 0; i < bytes.length; i++) Strings.setByte(mem, s, i, bytes[i]);
            WriteBarrier.store(mem, Value.address(constants) + 1 + k, Value.pointer(Value.TAG_STR, s));
        }

        int nShapes = program.shapes().size();
        shapes = Value.pointer(Value.TAG_OBJ, heap.allocate(ObjectKind.TABLE, 1 + nShapes));
        for (int i = 0; i < nShapes; i++) {
            int[] keys = program.shapes().get(i);
            int s = heap.allocate(ObjectKind.SHAPE, Records.SHAPE_KEYS + keys.length);
            mem[s + Records.SHAPE_COUNT] = Value.ofInt(keys.length);
            for (int k = 0; k < keys.length; k++) mem[s + Records.SHAPE_KEYS + k] = mem[Value.address(constants) + 1 + keys[k]];
            WriteBarrier.store(mem, Value.address(shapes) + 1 + i, Value.pointer(Value.TAG_SHAPE, s));
        }

        FunctionProto main = protos[0];
        int seg = pushSegment(1 + main.locals() + OPERANDS + main.maxStack());
        mem[seg + SEGMENT_CALLER_SP] = 0;
        fp = seg + SEGMENT_FRAMES - CLOSURE;
        mem[fp + CLOSURE] = Value.NONE;
        hp = fp + LOCALS + main.locals();
        mem[hp + LINK] = 0;
        mem[hp + RETURN_TO] = 0;
        sp = hp + OPERANDS;
        fid = 0;
        pc = 0;
        execute();
    }

    // ------------------------------------------------------------------ the loop

    private void save(int pc, int fp, int sp) {
        this.pc = pc;
        this.fp = fp;
        this.sp = sp;
    }

    private void execute() {
        final long[] mem = this.mem;
        int pc = this.pc, fp = this.fp, sp = this.sp;
        int[] code = protos[fid].code();
        try {
            for (;;) {
                // ---- dispatch: grouped and ordered by vm-bench/opcount.py (see Op); do not reorder by hand
                int op = code[pc++];
                if (op < Op.DISPATCH_B) {
                    switch (op) {
                        case Op.LOAD_GLOBAL: {
                            // global(), written out: the hottest instruction, and C1's inlined call costs a few instructions more
                            int g = code[pc++];
                            long v = mem[gbase + g];
                            if (v == Value.UNDEF) throw uninitialized(g);
                            mem[sp++] = v;
                            break;
                        }
                        case Op.ADD: {
                            long b = mem[sp - 1], a = mem[sp - 2];
                            if ((((a ^ Value.TAG_INT) | (b ^ Value.TAG_INT)) & 0xF) == 0) {
                                mem[sp - 2] = Value.ofInt(Value.payload(a) + Value.payload(b));
                                sp--;
                                break;
                            }
                            save(pc, fp, sp);
                            addNonInts();
                            fp = this.fp;
                            sp = this.sp;
                            break;
                        }
                        case Op.LOAD_LOCAL: mem[sp++] = mem[fp + LOCALS + code[pc++]]; break;
                        case Op.STORE_LOCAL: mem[fp + LOCALS + code[pc++]] = mem[--sp]; break;
                        case Op.CALL: {
                            int argc = code[pc++];
                            int base = sp - argc - 1;
                            long callee = mem[base];
                            if (Value.tag(callee) == Value.TAG_FUN) {
                                // the common case inline: a closure, the right arity, its frame fits here
                                int f = Value.payload(mem[Value.address(callee) + 1]);
                                FunctionProto proto = protos[f];
                                int newFp = base - CLOSURE, newHp = newFp + LOCALS + proto.locals();
                                if (argc == proto.params() && newHp + OPERANDS + proto.maxStack() <= segmentLimit && --ticks >= 0) {
                                    // the callee and its arguments are already where the frame needs them
                                    mem[newHp + LINK] = ((long) fp << 32) | hp;
                                    mem[newHp + RETURN_TO] = ((long) fid << 32) | pc;
                                    CompiledFunction compiledCallee = compiled[f];
                                    if (compiledCallee == null && --callsToCompile[f] == 0 && jit != null) {
                                        compiledCallee = compiled[f] = jit.compile(proto, f); // and this call runs it
                                    }
                                    if (compiledCallee != null) {
                                        int callerHp = hp, callerFid = fid;
                                        long result = compiledCallee.run(this, mem, newFp, 0, 0);
                                        if (result != CompiledFunction.DEOPT) {
                                            mem[base] = result; // the result replaces the callee
                                            sp = base + 1;
                                            hp = callerHp; // compiled code sets these registers where it may collect
                                            fid = callerFid;
                                            break;
                                        }
                                        // handed back: go on where the compiled code stopped
                                        pc = this.pc;
                                        fp = this.fp;
                                        sp = this.sp;
                                        code = protos[fid].code();
                                        break;
                                    }
                                    // the other locals start as None (compiled code clears its own)
                                    for (int i = newFp + LOCALS + argc; i < newHp; i++) mem[i] = Value.NONE;
                                    fp = newFp;
                                    hp = newHp;
                                    sp = newHp + OPERANDS;
                                    fid = f;
                                    pc = 0;
                                    code = proto.code();
                                    break;
                                }
                            }
                            save(pc, fp, sp);
                            call(argc);
                            pc = this.pc;
                            fp = this.fp;
                            sp = this.sp;
                            code = protos[fid].code();
                            break;
                        }
                        case Op.RETURN: {
                            long link = mem[hp + LINK];
                            if (link >>> 32 != 0 && fp + CLOSURE != segment + SEGMENT_FRAMES) {
                                // the common case inline: back to a caller in the same stack segment
                                long result = mem[sp - 1];
                                long returnTo = mem[hp + RETURN_TO];
                                sp = fp + CLOSURE; // the result replaces the callee
                                fp = (int) (link >>> 32);
                                hp = (int) link;
                                mem[sp++] = result;
                                fid = (int) (returnTo >>> 32);
                                pc = (int) returnTo;
                                code = protos[fid].code();
                                break;
                            }
                            save(pc, fp, sp);
                            if (!ret()) return;
                            pc = this.pc;
                            fp = this.fp;
                            sp = this.sp;
                            code = protos[fid].code();
                            break;
                        }
                        case Op.STORE_LOAD_GLOBAL: {
                            WriteBarrier.store(mem, gbase + code[pc++], mem[sp - 1]);
                            mem[sp - 1] = global(mem, code[pc++]);
                            break;
                        }
                        case Op.LOAD_GLOBAL2: {
                            mem[sp] = global(mem, code[pc++]);
                            mem[sp + 1] = global(mem, code[pc++]);
                            sp += 2;
                            break;
                        }
                        case Op.LOOP:
                            if (--ticks < 0) {
                                save(pc, fp, sp);
                                if (loopTick()) return; // the top level returned, from compiled code
                                pc = this.pc;
                                fp = this.fp;
                                sp = this.sp;
                                code = protos[fid].code();
                                break;
                            }
                            pc = code[pc];
                            break;
                        case Op.LOAD_LOCAL2:
                            mem[sp] = mem[fp + LOCALS + code[pc]];
                            mem[sp + 1] = mem[fp + LOCALS + code[pc + 1]];
                            sp += 2;
                            pc += 2;
                            break;
                        default: throw badOpcode(op, pc - 1);
                    }
                } else if (op < Op.DISPATCH_C) {
                    switch (op) {
                        case Op.GET_INDEX_LOCALS: {
                            long r = mem[fp + LOCALS + code[pc++]];
                            if (Value.tag(r) != Value.TAG_REC) throw notARecord(r);
                            mem[sp++] = r;
                            mem[sp++] = mem[fp + LOCALS + code[pc++]];
                            // fall through: GET_INDEX on the two locals just pushed
                        }
                        case Op.GET_INDEX: {
                            long idx = mem[sp - 1];
                            if (Value.tag(idx) == Value.TAG_INT) {
                                // r[n] of an array record: no key string needed to look the field up
                                long layout = mem[Value.address(mem[sp - 2]) + Records.LAYOUT];
                                if (Value.tag(layout) == Value.TAG_ARRAY) {
                                    int a = Value.address(layout), n = Value.payload(idx);
                                    mem[sp - 2] = n >= 0 && n < Value.payload(mem[a + Records.ARRAY_COUNT]) ? mem[a + Records.ARRAY_VALUES + n] : Value.NONE;
                                    sp--;
                                    break;
                                }
                            }
                            save(pc, fp, sp);
                            getIndex();
                            fp = this.fp;
                            sp = this.sp;
                            break;
                        }
                        case Op.STORE_GLOBAL: WriteBarrier.store(mem, gbase + code[pc++], mem[--sp]); break;
                        case Op.CHECK_RECORD:
                            if (Value.tag(mem[sp - 1]) != Value.TAG_REC) throw notARecord(mem[sp - 1]);
                            break;
                        case Op.INIT_SLOT: {
                            long v = mem[--sp];
                            // a barrier although the record is new: a call among its field values may have collected
                            WriteBarrier.store(mem, Value.address(mem[sp - 1]) + Records.VALUES + code[pc++], v);
                            break;
                        }
                        case Op.LOCAL_SUB_INT: {
                            // LOAD_LOCAL s; SUB_INT v
                            long a = mem[fp + LOCALS + code[pc]];
                            int v = code[pc + 1];
                            pc += 2;
                            if (Value.tag(a) != Value.TAG_INT) throw intsError(a, Value.ofInt(v), "-");
                            mem[sp++] = Value.ofInt(Value.payload(a) - v);
                            break;
                        }
                        case Op.ADD_INT: {
                            long a = mem[sp - 1];
                            if (Value.tag(a) == Value.TAG_INT) {
                                mem[sp - 1] = Value.ofInt(Value.payload(a) + code[pc++]);
                                break;
                            }
                            mem[sp++] = Value.ofInt(code[pc++]);
                            save(pc, fp, sp);
                            addNonInts(); // string concatenation, or the error
                            fp = this.fp;
                            sp = this.sp;
                            break;
                        }
                        case Op.SUB: { long b = mem[--sp], a = mem[sp - 1]; if ((((a ^ Value.TAG_INT) | (b ^ Value.TAG_INT)) & 0xF) != 0) throw intsError(a, b, "-"); mem[sp - 1] = Value.ofInt(Value.payload(a) - Value.payload(b)); break; }
                        case Op.LOCAL_ADD_INT: case Op.INC_LOCAL: {
                            // LOAD_LOCAL s; ADD_INT v, and for INC_LOCAL then STORE_LOCAL s
                            int s = fp + LOCALS + code[pc];
                            long a = mem[s];
                            int v = code[pc + 1];
                            pc += 2;
                            if (Value.tag(a) == Value.TAG_INT) {
                                long sum = Value.ofInt(Value.payload(a) + v);
                                if (op == Op.INC_LOCAL) mem[s] = sum;
                                else mem[sp++] = sum;
                                break;
                            }
                            mem[sp] = a;
                            mem[sp + 1] = Value.ofInt(v);
                            save(pc, fp, sp + 2);
                            addNonInts(); // string concatenation, or the error
                            fp = this.fp;
                            sp = this.sp;
                            if (op == Op.INC_LOCAL) mem[fp + LOCALS + code[pc - 2]] = mem[--sp];
                            break;
                        }
                        case Op.LOAD_LOCAL_REC: {
                            long r = mem[fp + LOCALS + code[pc++]];
                            if (Value.tag(r) != Value.TAG_REC) throw notARecord(r);
                            mem[sp++] = r;
                            break;
                        }
                        case Op.LOAD_GLOBAL_REC: {
                            long r = global(mem, code[pc++]);
                            if (Value.tag(r) != Value.TAG_REC) throw notARecord(r);
                            mem[sp++] = r;
                            break;
                        }
                        case Op.SET_INDEX: {
                            long idx = mem[sp - 2];
                            if (Value.tag(idx) == Value.TAG_INT) {
                                long layout = mem[Value.address(mem[sp - 3]) + Records.LAYOUT];
                                if (Value.tag(layout) == Value.TAG_ARRAY) {
                                    // an existing index, or an append with room: store in place, allocate nothing
                                    int a = Value.address(layout), n = Value.payload(idx), count = Value.payload(mem[a + Records.ARRAY_COUNT]);
                                    if (n >= 0 && n <= count && (n < count || Records.ARRAY_VALUES + n < ObjectKind.size(mem[a]))) {
                                        WriteBarrier.store(mem, a + Records.ARRAY_VALUES + n, mem[sp - 1]);
                                        if (n == count) mem[a + Records.ARRAY_COUNT] = Value.ofInt(n + 1);
                                        sp -= 3;
                                        break;
                                    }
                                }
                            }
                            save(pc, fp, sp);
                            setIndex();
                            fp = this.fp;
                            sp = this.sp;
                            break;
                        }
                        default: throw badOpcode(op, pc - 1);
                    }
                } else if (op < Op.DISPATCH_D) {
                    switch (op) {
                        case Op.CONST_INT: mem[sp++] = Value.ofInt(code[pc++]); break;
                        case Op.JUMP_IF_NOT_LT: case Op.JUMP_IF_NOT_GT: case Op.JUMP_IF_NOT_LE: case Op.JUMP_IF_NOT_GE: {
                            // (a b → ); the four are numbered consecutively, in this order
                            int test = op - Op.JUMP_IF_NOT_LT; // 0 <, 1 >, 2 <=, 3 >=
                            long b = mem[--sp], a = mem[--sp];
                            if ((((a ^ Value.TAG_INT) | (b ^ Value.TAG_INT)) & 0xF) != 0) throw intsError(a, b, Op.comparisonSymbol(op));
                            int x = Value.payload(a), y = Value.payload(b);
                            pc = (test == 0 ? x < y : test == 1 ? x > y : test == 2 ? x <= y : x >= y) ? pc + 1 : code[pc];
                            break;
                        }
                        case Op.GET_GLOBAL_FIELD: case Op.GET_LOCAL_FIELD: {
                            mem[sp++] = op == Op.GET_LOCAL_FIELD ? mem[fp + LOCALS + code[pc++]] : global(mem, code[pc++]);
                            // fall through: GET_FIELD on the value just pushed
                        }
                        case Op.GET_FIELD: {
                            long rec = mem[sp - 1];
                            int k = code[pc++], site = code[pc++];
                            if (Value.tag(rec) != Value.TAG_REC) throw fieldOfNonRecord(k, rec);
                            int r = Value.address(rec);
                            // the inline cache's hit, inline (C1 would call cachedIndex: too big to inline)
                            long layout = mem[r + Records.LAYOUT];
                            int i = layout == cacheLayout[site] ? cacheIndex[site] : cachedIndex(r, k, site);
                            if (i >= 0) mem[sp - 1] = mem[r + Records.VALUES + i];
                            else if (i == -1) mem[sp - 1] = Value.NONE;
                            else mem[sp - 1] = Records.get(mem, r, Value.address(mem[Value.address(constants) + 1 + k]));
                            break;
                        }
                        case Op.MUL: { long b = mem[--sp], a = mem[sp - 1]; if ((((a ^ Value.TAG_INT) | (b ^ Value.TAG_INT)) & 0xF) != 0) throw intsError(a, b, "*"); mem[sp - 1] = Value.ofInt(Value.payload(a) * Value.payload(b)); break; }
                        case Op.CONST_STR: mem[sp++] = mem[Value.address(constants) + 1 + code[pc++]]; break;
                        case Op.NEW_RECORD: {
                            int shape = code[pc++];
                            save(pc, fp, sp);
                            int r = heap.allocate(ObjectKind.RECORD, recordWords[shape]);
                            fp = this.fp;
                            sp = this.sp;
                            mem[r + Records.LAYOUT] = mem[Value.address(shapes) + 1 + shape]; // read after allocating: it may have moved
                            mem[sp++] = Value.pointer(Value.TAG_REC, r);
                            break;
                        }
                        case Op.DIV_INT: case Op.MOD_INT: {
                            // a / k, or a - (a / k) * k (the same as Java's a % k, overflow included)
                            long a = mem[sp - 1];
                            int k = code[pc++];
                            if (Value.tag(a) != Value.TAG_INT) throw intsError(a, Value.ofInt(k), "/");
                            if (k == 0) throw divisionByZero();
                            mem[sp - 1] = Value.ofInt(op == Op.DIV_INT ? Value.payload(a) / k : Value.payload(a) % k);
                            break;
                        }
                        default: throw badOpcode(op, pc - 1);
                    }
                } else {
                    switch (op) {
                        case Op.MUL_INT: {
                            long a = mem[sp - 1];
                            int k = code[pc++];
                            if (Value.tag(a) != Value.TAG_INT) throw intsError(a, Value.ofInt(k), "*");
                            mem[sp - 1] = Value.ofInt(Value.payload(a) * k);
                            break;
                        }
                        case Op.JUMP_IF_LOCAL_NOT_EQ_INT:
                            pc = mem[fp + LOCALS + code[pc + 2]] == Value.ofInt(code[pc + 1]) ? pc + 3 : code[pc];
                            break;
                        case Op.LOAD_FREE: {
                            // a cell shared with the frame that made it, or the value itself (see Op)
                            long v = mem[Value.address(mem[fp + CLOSURE]) + 2 + code[pc++]];
                            mem[sp++] = Value.tag(v) == Value.TAG_CELL ? mem[Value.address(v) + 1] : v;
                            break;
                        }
                        case Op.JUMP_IF_NOT_NONE: pc = mem[--sp] == Value.NONE ? pc + 1 : code[pc]; break;
                        case Op.JUMP_IF_LOCAL_NOT_LT_INT: case Op.JUMP_IF_LOCAL_NOT_GT_INT: case Op.JUMP_IF_LOCAL_NOT_LE_INT: case Op.JUMP_IF_LOCAL_NOT_GE_INT: {
                            // target v s: local s against the literal v; numbered as the plain four
                            long a = mem[fp + LOCALS + code[pc + 2]];
                            int x = Value.payload(a), y = code[pc + 1];
                            if (Value.tag(a) != Value.TAG_INT) throw intsError(a, Value.ofInt(y), Op.comparisonSymbol(op));
                            int test = op - Op.JUMP_IF_LOCAL_NOT_LT_INT; // 0 <, 1 >, 2 <=, 3 >=
                            pc = (test == 0 ? x < y : test == 1 ? x > y : test == 2 ? x <= y : x >= y) ? pc + 3 : code[pc];
                            break;
                        }
                        case Op.JUMP_IF_LOCALS_NOT_LT: case Op.JUMP_IF_LOCALS_NOT_GT: case Op.JUMP_IF_LOCALS_NOT_LE: case Op.JUMP_IF_LOCALS_NOT_GE: {
                            // target s t: local s against local t; numbered as the plain four
                            long a = mem[fp + LOCALS + code[pc + 1]], b = mem[fp + LOCALS + code[pc + 2]];
                            if ((((a ^ Value.TAG_INT) | (b ^ Value.TAG_INT)) & 0xF) != 0) throw intsError(a, b, Op.comparisonSymbol(op));
                            int x = Value.payload(a), y = Value.payload(b);
                            int test = op - Op.JUMP_IF_LOCALS_NOT_LT; // 0 <, 1 >, 2 <=, 3 >=
                            pc = (test == 0 ? x < y : test == 1 ? x > y : test == 2 ? x <= y : x >= y) ? pc + 3 : code[pc];
                            break;
                        }
                        case Op.MOD: case Op.DIV: {
                            // a / b, or the modulo idiom a - (a / b) * b (Java's a % b, overflow included)
                            long b = mem[--sp], a = mem[sp - 1];
                            if ((((a ^ Value.TAG_INT) | (b ^ Value.TAG_INT)) & 0xF) != 0) throw intsError(a, b, "/");
                            int d = Value.payload(b);
                            if (d == 0) throw divisionByZero();
                            mem[sp - 1] = Value.ofInt(op == Op.DIV ? Value.payload(a) / d : Value.payload(a) % d);
                            break;
                        }
                        case Op.JUMP_IF_NONE: pc = mem[--sp] == Value.NONE ? code[pc] : pc + 1; break;
                        case Op.SUB_INT: {
                            long a = mem[sp - 1];
                            if (Value.tag(a) != Value.TAG_INT) throw intsError(a, Value.ofInt(code[pc]), "-");
                            mem[sp - 1] = Value.ofInt(Value.payload(a) - code[pc++]);
                            break;
                        }
                        default:
                            save(pc, fp, sp);
                            executeCold(op);
                            if (finished) return; // the top level returned, from compiled code
                            pc = this.pc;
                            fp = this.fp;
                            sp = this.sp;
                            code = protos[fid].code();
                    }
                }
                // ---- end of dispatch
            }
        } catch (GuestError e) {
            if (e.line == 0) e.line = protos[fid].lineAt(pc - 1);
            save(pc, fp, sp);
            throw e;
        } catch (HeapExhausted e) {
            GuestError g = new GuestError(Outcome.OUT_OF_MEMORY, e.getMessage());
            g.line = protos[fid].lineAt(this.pc - 1);
            throw g;
        }
    }

    /**
     * The instructions that hardly ever run (numbered from {@link Op#DISPATCH_COLD} on), out of
     * {@link #execute}: the JIT's memory for compiling a method grows with its size, and the
     * whole process must stay within the memory limit. Same names as in the loop, so a case
     * reads the same here as there; the registers come from the fields and go back to them.
     */
    private void executeCold(int op) {
        final long[] mem = this.mem;
        int pc = this.pc, fp = this.fp, sp = this.sp;
        int[] code = protos[fid].code();
        try {
            // ---- cold dispatch: the cases vm-bench/opcount.py puts here
            switch (op) {
                case Op.BOX: {
                    int slot = code[pc++];
                    save(pc, fp, sp);
                    int cell = heap.allocate(ObjectKind.CELL, 2);
                    fp = this.fp;
                    sp = this.sp;
                    mem[cell + 1] = mem[fp + LOCALS + slot];
                    mem[fp + LOCALS + slot] = Value.pointer(Value.TAG_CELL, cell);
                    break;
                }
                case Op.JUMP_IF_NOT_EQ_INT:
                    // an int equals exactly the same int, and nothing else
                    pc = mem[--sp] == Value.ofInt(code[pc + 1]) ? pc + 2 : code[pc];
                    break;
                case Op.JUMP_IF_NOT_LT_INT: case Op.JUMP_IF_NOT_GT_INT: case Op.JUMP_IF_NOT_LE_INT: case Op.JUMP_IF_NOT_GE_INT: {
                    // (a → ) against the literal after the target; numbered as the four above
                    int test = op - Op.JUMP_IF_NOT_LT_INT;
                    long a = mem[--sp];
                    int x = Value.payload(a), y = code[pc + 1];
                    if (Value.tag(a) != Value.TAG_INT) throw intsError(a, Value.ofInt(y), Op.comparisonSymbol(op));
                    pc = (test == 0 ? x < y : test == 1 ? x > y : test == 2 ? x <= y : x >= y) ? pc + 2 : code[pc];
                    break;
                }
                case Op.SET_FIELD: {
                    int k = code[pc++], site = code[pc++];
                    long rec = mem[sp - 2];
                    int i = Value.tag(rec) == Value.TAG_REC ? cachedIndex(Value.address(rec), k, site) : -2;
                    if (i >= 0) {
                        WriteBarrier.store(mem, Value.address(rec) + Records.VALUES + i, mem[sp - 1]);
                        sp -= 2;
                        break;
                    }
                    save(pc, fp, sp);
                    key = mem[Value.address(constants) + 1 + k];
                    storeField(sp - 2, sp - 1, -1, 0);
                    fp = this.fp;
                    sp = this.sp - 2;
                    break;
                }
                case Op.MAKE_CLOSURE: {
                    int f = code[pc++];
                    save(pc, fp, sp);
                    makeClosure(f);
                    fp = this.fp;
                    sp = this.sp;
                    break;
                }
                case Op.JUMP_IF_NOT_EQ: case Op.JUMP_IF_EQ: {
                    // for a == b (jumps when they differ) and for !(a == b) (jumps when equal)
                    long b = mem[--sp], a = mem[--sp];
                    pc = equal(mem, a, b) == (op == Op.JUMP_IF_EQ) ? code[pc] : pc + 1;
                    break;
                }
                case Op.POP: sp--; break;
                case Op.JUMP: pc = code[pc]; break;
                case Op.JUMP_IF_FALSE: {
                    long c = mem[--sp];
                    if (c == Value.FALSE) pc = code[pc];
                    else if (c == Value.TRUE) pc++;
                    else throw new GuestError(Outcome.ILLEGAL_CAST, "condition must be a bool, not " + Value.kindName(c));
                    break;
                }
                case Op.EQ: {
                    long b = mem[--sp], a = mem[sp - 1];
                    mem[sp - 1] = Value.ofBool(equal(mem, a, b));
                    break;
                }
                case Op.NOT: {
                    long a = mem[sp - 1];
                    if (Value.tag(a) != Value.TAG_BOOL) throw new GuestError(Outcome.ILLEGAL_CAST, "cannot apply ! to " + Value.kindName(a));
                    mem[sp - 1] = a ^ (1L << 32);
                    break;
                }
                case Op.LT: case Op.GT: case Op.LE: case Op.GE: {
                    long b = mem[--sp], a = mem[sp - 1];
                    if ((((a ^ Value.TAG_INT) | (b ^ Value.TAG_INT)) & 0xF) != 0) throw intsError(a, b, Op.comparisonSymbol(op));
                    int x = Value.payload(a), y = Value.payload(b);
                    mem[sp - 1] = Value.ofBool(op == Op.LT ? x < y : op == Op.GT ? x > y : op == Op.LE ? x <= y : x >= y);
                    break;
                }
                case Op.NEG: {
                    long a = mem[sp - 1];
                    if (Value.tag(a) != Value.TAG_INT) throw new GuestError(Outcome.ILLEGAL_CAST, "cannot negate " + Value.kindName(a));
                    mem[sp - 1] = Value.ofInt(-Value.payload(a));
                    break;
                }
                case Op.NONE: mem[sp++] = Value.NONE; break;
                case Op.STORE_BOXED: WriteBarrier.store(mem, Value.address(mem[fp + LOCALS + code[pc++]]) + 1, mem[--sp]); break;
                case Op.LOAD_BOXED: mem[sp++] = mem[Value.address(mem[fp + LOCALS + code[pc++]]) + 1]; break;
                case Op.TRUE: mem[sp++] = Value.TRUE; break;
                case Op.FALSE: mem[sp++] = Value.FALSE; break;
                case Op.AND: case Op.OR: {
                    long b = mem[--sp], a = mem[sp - 1];
                    if (Value.tag(a) != Value.TAG_BOOL || Value.tag(b) != Value.TAG_BOOL) throw boolsError(a, b, op == Op.AND ? "&" : "|");
                    mem[sp - 1] = Value.ofBool(op == Op.AND ? a == Value.TRUE && b == Value.TRUE : a == Value.TRUE || b == Value.TRUE);
                    break;
                }
                case Op.CONCAT: {
                    int n = code[pc++];
                    save(pc, fp, sp);
                    sum(n);
                    sp = this.sp;
                    break;
                }
                case Op.LOOP_JIT:
                    save(pc, fp, sp);
                    finished = loopEnter();
                    pc = this.pc;
                    fp = this.fp;
                    sp = this.sp;
                    break;
                default: throw badOpcode(op, pc - 1);
            }
            // ---- end of cold dispatch
        } catch (GuestError e) {
            if (e.line == 0) e.line = protos[fid].lineAt(pc - 1);
            throw e;
        } finally {
            save(pc, fp, sp);
        }
    }

    /**
     * {@code CONCAT n}: replaces the n values on top of the stack by their sum, added left to
     * right as {@code +} does: ints while both sides are ints, then, from the first string on,
     * every operand left joined into one new string.
     */
    private void sum(int n) {
        int base = sp - n, i = 1;
        for (; i < n && Value.tag(mem[base]) == Value.TAG_INT && Value.tag(mem[base + i]) == Value.TAG_INT; i++) {
            mem[base] = Value.ofInt(Value.payload(mem[base]) + Value.payload(mem[base + i]));
        }
        // the sum so far, then the operands from i on, next to each other
        System.arraycopy(mem, base + i, mem, base + 1, n - i);
        sp = base + 1 + n - i;
        if (i < n) concatOrFail(sp - base);
    }

    /** {@code +} on the two values on top of the stack, not both ints: a string concatenation, or the error. */
    private void addNonInts() { concatOrFail(2); }

    /**
     * The n values on top of the stack, the first two not both ints: their concatenation if
     * either of those two is a string (then every later {@code +} concatenates too), else the
     * {@code +} of the two fails.
     */
    private void concatOrFail(int n) {
        long a = mem[sp - n], b = mem[sp - n + 1];
        if (Value.tag(a) != Value.TAG_STR && Value.tag(b) != Value.TAG_STR) {
            throw new GuestError(Outcome.ILLEGAL_CAST, "cannot add " + Value.kindName(a) + " and " + Value.kindName(b));
        }
        stringifier.concat(n);
    }

    private static IllegalStateException badOpcode(int op, int at) {
        return new IllegalStateException("bad opcode " + op + " at " + at);
    }

    /**
     * The spec's {@code ==}: ints, booleans and strings by value, None equals None, records by
     * identity. Functions (closures and built-ins) are never equal, not even to themselves: the
     * course's reference VM behaves so and its staff tests check it (documented as a deviation
     * from the spec's wording in the language reference).
     */
    static boolean equal(long[] mem, long a, long b) {
        int ta = Value.tag(a);
        if (ta == Value.TAG_FUN || ta == Value.TAG_BUILTIN) return false;
        return a == b || (ta == Value.TAG_STR && Value.tag(b) == Value.TAG_STR
                && Strings.equal(mem, Value.address(a), Value.address(b)));
    }

    /**
     * Global {@code g}'s value; raises if it was never assigned, at the line of the instruction
     * word last read (the operand naming {@code g}). Small enough for C1 to inline.
     */
    private long global(long[] mem, int g) {
        long v = mem[gbase + g];
        if (v == Value.UNDEF) throw uninitialized(g);
        return v;
    }

    /** A global read before any assignment. */
    private GuestError uninitialized(int g) {
        return new GuestError(Outcome.UNINITIALIZED_VARIABLE, "global variable '" + program.globals().get(g) + "' is not initialized");
    }

    private GuestError fieldOfNonRecord(int k, long v) {
        return new GuestError(Outcome.ILLEGAL_CAST, "cannot read field '"
                + Strings.toJava(mem, Value.address(mem[Value.address(constants) + 1 + k])) + "' of " + Value.kindName(v));
    }

    private static GuestError divisionByZero() {
        return new GuestError(Outcome.ILLEGAL_ARITHMETIC, "division by zero");
    }

    private static GuestError notARecord(long v) {
        return new GuestError(Outcome.ILLEGAL_CAST, "cannot index " + Value.kindName(v) + ": not a record");
    }

    private static GuestError intsError(long a, long b, String op) {
        return new GuestError(Outcome.ILLEGAL_CAST, "operator " + op + " needs two ints, not "
                + Value.kindName(a) + " and " + Value.kindName(b));
    }

    private static GuestError boolsError(long a, long b, String op) {
        return new GuestError(Outcome.ILLEGAL_CAST, "operator " + op + " needs two bools, not "
                + Value.kindName(a) + " and " + Value.kindName(b));
    }

    /**
     * The periodic check at a LOOP instruction (the registers saved, pc at its operand), then
     * its jump. With compiling on, an activation that is still looping when the check comes
     * round has run a while: the loops around this one are compiled (once per loop head) and
     * the activation goes on in that code, from the loop's head, until it leaves them or
     * returns. Returns true when that return was the top level's (the program's end).
     */
    private boolean loopTick() {
        tick();
        int loopAt = pc - 1, head = protos[fid].code()[pc];
        pc = head;
        if (jit == null) return false;
        CompiledFunction c = compiled[fid];
        if (c == null && callsToCompile[fid] > 0) {
            // hot before it was called often: the whole function, if the compiler takes it
            callsToCompile[fid] = 0;
            c = compiled[fid] = jit.compile(protos[fid], fid);
        }
        if (c != null) {
            patchLoops(0, Integer.MAX_VALUE, null, c);
        } else {
            // the loops around this one on their own, shared by every loop head inside them
            CompiledFunction[] byHead = loopCode[fid];
            if (byHead == null) byHead = loopCode[fid] = new CompiledFunction[protos[fid].code().length];
            c = byHead[head];
            if (c == null) {
                c = jit.compileLoop(protos[fid], fid, loopAt, head);
                if (c == null) {
                    byHead[head] = CompiledFunction.DECLINED;
                    return false;
                }
                patchLoops(c.from, c.to, byHead, c);
            } else if (c == CompiledFunction.DECLINED) {
                return false;
            }
        }
        return runLoop(c, head);
    }

    /**
     * The current function's loops whose heads are in from..to have compiled code {@code c}
     * now: each of those heads gets it in {@code byHead} (unless it has some already; null for
     * a whole function's code), and each LOOP becomes LOOP_JIT, so that the interpreter goes
     * into the code at every turn of the loop, not only when the periodic check comes round.
     * (A hint in the code: a LOOP_JIT without code for its loop is a LOOP.)
     */
    private void patchLoops(int from, int to, CompiledFunction[] byHead, CompiledFunction c) {
        int[] code = protos[fid].code();
        for (int at = 0; at < code.length; at += 1 + Op.operands(code[at])) {
            if (!Op.isLoop(code[at])) continue;
            int h = code[at + 1];
            if (h < from || h > to) continue;
            if (byHead != null && byHead[h] == null) byHead[h] = c;
            code[at] = Op.LOOP_JIT;
        }
    }

    /**
     * LOOP_JIT (the registers saved, pc at its operand): the periodic check when due, then the
     * compiled code of its loop from the loop's head, or the plain jump when there is none.
     * Returns true when the top level returned (the program's end).
     */
    private boolean loopEnter() {
        if (--ticks < 0) tick();
        int head = protos[fid].code()[pc];
        pc = head;
        CompiledFunction c = compiled[fid];
        if (c == null && loopCode[fid] != null) c = loopCode[fid][head];
        if (c == null || c == CompiledFunction.DECLINED) return false;
        return runLoop(c, head);
    }

    /** The activation goes on in compiled code {@code c} from loop head {@code head}; true when the top level returned. */
    private boolean runLoop(CompiledFunction c, int head) {
        loopEntries++;
        int f0 = fid, fp0 = fp, hp0 = hp;
        long result = c.run(this, mem, fp, 0, head + 1);
        if (result == CompiledFunction.DEOPT) return false; // the registers say where it stopped
        // the activation returned: as its RETURN would
        fid = f0;
        fp = fp0;
        hp = hp0;
        sp = hp0 + OPERANDS;
        mem[sp++] = result;
        return !ret();
    }

    private void tick() {
        ticks = TICKS;
        if (Thread.currentThread().isInterrupted()) throw new GuestError(Outcome.TIMEOUT, "interrupted");
        if (deadline != 0 && System.nanoTime() - deadline > 0) throw new GuestError(Outcome.TIMEOUT, "time limit exceeded");
    }

    // ------------------------------------------------------------------ records

    /**
     * GET_INDEX (record i → v) on the registers, past the inline case that the loop and
     * compiled code both run first (an int index of an array record): an int index of another
     * record, or any other key, by its string. Allocates the key string if the index is no
     * string; values are re-read after.
     */
    private void getIndex() {
        int i = keyIndex(Value.address(mem[sp - 2]), mem[sp - 1]);
        if (i == OTHER_KEY) {
            long key = keyAt(sp - 1); // a string now (may collect: the record is read again)
            i = keyIndex(Value.address(mem[sp - 2]), key);
        }
        int r = Value.address(mem[sp - 2]);
        mem[sp - 2] = i >= 0 ? Records.valueAt(mem, r, i) : Value.NONE;
        sp--;
    }

    /**
     * SET_INDEX (record i v → ) on the registers, past the inline case that the loop and
     * compiled code both run first (an array record's existing index, or an append with room):
     * may allocate, collect, grow the record.
     */
    private void setIndex() {
        long idx = mem[sp - 2];
        int absentAt = -1;
        boolean intKey = Value.tag(idx) == Value.TAG_INT;
        if (intKey) {
            int r = Value.address(mem[sp - 3]), n = Value.payload(idx);
            if (!Records.isArray(mem, r)) {
                int i = Records.findInt(mem, r, n, digits);
                if (i >= 0) { // an existing field: store in place, allocate nothing
                    Records.setAt(mem, r, i, mem[sp - 1]);
                    sp -= 3;
                    return;
                }
                absentAt = -i - 1;
            }
        }
        key = intKey ? Value.NONE : keyAt(sp - 2); // an int key's string is made only if needed
        storeField(sp - 3, sp - 1, absentAt, Value.payload(idx));
        sp -= 3;
    }

    /**
     * Where constant key {@code k} lives in shaped record {@code r}: its value index, -1 if the
     * shape has no such field, or -2 if the record is a dictionary (look it up there). The site's
     * inline cache remembers the last shape seen (its pointer: the record's layout word) and the
     * index found in it; every collection empties the caches, since it may move the shapes.
     */
    /**
     * For tests: a site whose cache holds a layout word that is no current shape's pointer (a
     * shape moved since it was cached), described; null when every cached entry is current.
     */
    String staleCacheEntry() {
        int table = Value.address(shapes);
        for (int site = 0; site < cacheLayout.length; site++) {
            long cached = cacheLayout[site];
            if (cached == NO_LAYOUT) continue;
            boolean current = false;
            for (int i = 1; i < ObjectKind.size(mem[table]); i++) current |= mem[table + i] == cached;
            if (!current) return "site " + site + " caches " + Long.toHexString(cached) + ", no current shape";
        }
        return null;
    }

    int cachedIndex(int r, int k, int site) {
        long layout = mem[r + Records.LAYOUT];
        if (layout == cacheLayout[site]) return cacheIndex[site];
        if (Value.tag(layout) != Value.TAG_SHAPE) return -2;
        int i = Records.shapeIndex(mem, Value.address(layout), Value.address(mem[Value.address(constants) + 1 + k]));
        cacheLayout[site] = layout;
        cacheIndex[site] = i;
        return i;
    }

    /**
     * The record key for the index value at stack slot {@code at}: the string itself, or its
     * string conversion (a new heap string). Allocates; stack values must be re-read after.
     */
    private long keyAt(int at) {
        long idx = mem[at];
        if (Value.tag(idx) == Value.TAG_STR) return idx;
        return stringifier.toHeapString(at);
    }

    /**
     * r[key] = v: the record and the value are on the stack at the given slots, the key is in
     * the {@code key} register, or, when that is None, the key is the int {@code intKey} (its
     * string is made only if the record needs it). All are rooted, and read again after
     * anything that allocates (which may move them). {@code absentAt}: where the key goes if
     * the caller already looked in the dictionary record and found it absent (moving objects
     * keeps their keys' order), else -1.
     *
     * <p>An array record (see {@link Records}) takes the key as an index while it names an
     * existing field or the next one; an empty shaped record becomes an array at key 0; any
     * other new key turns an array into a dictionary first.
     */
    private void storeField(int recordSlot, int valueSlot, int absentAt, int intKey) {
        long rec = mem[recordSlot];
        if (Value.tag(rec) != Value.TAG_REC) {
            throw new GuestError(Outcome.ILLEGAL_CAST, "cannot store a field into " + Value.kindName(rec));
        }
        int r = Value.address(rec);
        boolean array = Records.isArray(mem, r);
        if (array || Records.isShaped(mem, r)) {
            int n = key == Value.NONE ? intKey : Records.decimalIndex(mem, Value.address(key));
            if (array && n >= 0 && n < Records.count(mem, r)) {
                Records.setAt(mem, r, n, mem[valueSlot]);
                key = Value.NONE;
                return;
            }
            if (Records.appendsAt(mem, r, n)) {
                append(recordSlot, valueSlot);
                key = Value.NONE;
                return;
            }
            if (array) {
                toDictionary(recordSlot);
                absentAt = -1;
            }
        }
        if (key == Value.NONE) key = stringifier.intKey(intKey);
        r = Value.address(mem[recordSlot]);
        int slot = hintSlot(Value.address(key)); // the key's contents, which a collection does not change
        int i = absentAt >= 0 ? -absentAt - 1 : findKey(r, Value.address(key), slot);
        if (i >= 0) {
            Records.setAt(mem, r, i, mem[valueSlot]);
        } else {
            if (Records.needsTable(mem, r)) {
                int capacity = Records.capacityForInsert(mem, r);
                int t = newDictionaryTable(capacity);
                r = Value.address(mem[recordSlot]);
                Records.adoptTable(mem, r, t, capacity);
            }
            keyHints[slot] = Records.insertAt(mem, r, -i - 1, key, mem[valueSlot]); // where find said: moving kept the order
        }
        key = Value.NONE;
    }

    /** Index of the string {@code key} among record r's fields ({@link Records#find(long[], int, int)}), trying its hint (at {@code slot}: {@link #hintSlot}) first. */
    private int findKey(int r, int key, int slot) {
        int i = Records.find(mem, r, key, keyHints[slot]);
        if (i >= 0) keyHints[slot] = i;
        return i;
    }

    private int hintSlot(int key) {
        return (int) ((Strings.firstWord(mem, key) + Strings.length(mem, key)) * 0x9E3779B97F4A7C15L >>> 52); // 12 bits: the table's 4096 entries
    }

    /** Appends the value to the array (or empty shaped) record, growing its table if full. */
    private void append(int recordSlot, int valueSlot) {
        int r = Value.address(mem[recordSlot]);
        if (!Records.hasRoom(mem, r)) {
            int words = (int) heap.chargedWords(Records.arrayWordsForAppend(mem, r));
            int t = heap.allocate(ObjectKind.TABLE, words);
            r = Value.address(mem[recordSlot]);
            Records.adoptArray(mem, r, t);
        }
        Records.append(mem, r, mem[valueSlot]);
    }

    /**
     * Turns the array record into a dictionary with room for one more field: a key string
     * per index, each entry placed at its key's rank. The new table is rooted in
     * {@code scratch} while the key strings are made.
     */
    private void toDictionary(int recordSlot) {
        int n = Records.count(mem, Value.address(mem[recordSlot]));
        int capacity = Records.capacityForInsert(mem, Value.address(mem[recordSlot]));
        scratch = Value.pointer(Value.TAG_OBJ, newDictionaryTable(capacity));
        for (int i = 0; i < n; i++) {
            long k = stringifier.intKey(i); // may collect: the record, its values and the table move
            int t = Value.address(scratch);
            int at = t + Records.DICT_ENTRIES + 2 * Records.rankInArray(i, n);
            WriteBarrier.store(mem, at, k);
            WriteBarrier.store(mem, at + 1, Records.valueAt(mem, Value.address(mem[recordSlot]), i));
        }
        int t = Value.address(scratch);
        scratch = Value.NONE;
        Records.initDictionary(mem, t, n, capacity);
        WriteBarrier.store(mem, Value.address(mem[recordSlot]) + Records.LAYOUT, Value.pointer(Value.TAG_OBJ, t));
    }

    /**
     * A new dictionary table with room for {@code capacity} fields, filling the whole cell or
     * run it occupies (no rounding is wasted: {@link Records#capacity} counts what fits). May collect.
     */
    private int newDictionaryTable(int capacity) {
        return heap.allocate(ObjectKind.TABLE, (int) heap.chargedWords(Records.dictionaryWords(capacity)));
    }

    // ------------------------------------------------------------------ closures

    private void makeClosure(int f) {
        FunctionProto proto = protos[f];
        int n = proto.freeNames().length;
        int c = heap.allocate(ObjectKind.CLOSURE, 2 + n);
        mem[c + 1] = Value.ofInt(f);
        int enclosing = Value.address(mem[fp + CLOSURE]);
        for (int i = 0; i < n; i++) {
            int from = proto.freeIndex()[i];
            mem[c + 2 + i] = proto.freeFromLocal()[i] ? mem[fp + LOCALS + from] : mem[enclosing + 2 + from];
        }
        mem[sp++] = Value.pointer(Value.TAG_FUN, c);
    }

    // ------------------------------------------------------------------ calls

    private void call(int argc) {
        if (--ticks < 0) tick();
        int base = sp - argc - 1;
        long callee = mem[base];
        int tag = Value.tag(callee);
        if (tag == Value.TAG_BUILTIN) {
            Builtins.call(this, Value.payload(callee), base, argc);
            return;
        }
        if (tag != Value.TAG_FUN) {
            throw new GuestError(Outcome.ILLEGAL_CAST, "cannot call " + Value.kindName(callee) + ": not a function");
        }
        int f = Value.payload(mem[Value.address(callee) + 1]);
        FunctionProto proto = protos[f];
        if (argc != proto.params()) {
            throw new GuestError(Outcome.RUNTIME_ERROR, "function expects " + proto.params()
                    + " argument" + (proto.params() == 1 ? "" : "s") + " but got " + argc);
        }
        int need = 1 + proto.locals() + OPERANDS + proto.maxStack(); // the closure slot, then the frame
        int newFp;
        if (base + need <= segmentLimit) {
            newFp = base - CLOSURE; // the callee and its arguments are where the frame needs them
        } else {
            int seg;
            try {
                seg = pushSegment(need);
            } catch (HeapExhausted e) {
                throw stackExhausted(e);
            }
            mem[seg + SEGMENT_CALLER_SP] = base;
            System.arraycopy(mem, base, mem, seg + SEGMENT_FRAMES, 1 + argc); // the callee and its arguments
            newFp = seg + SEGMENT_FRAMES - CLOSURE;
        }
        int newHp = newFp + LOCALS + proto.locals();
        java.util.Arrays.fill(mem, newFp + LOCALS + argc, newHp, Value.NONE);
        mem[newHp + LINK] = ((long) fp << 32) | hp;
        mem[newHp + RETURN_TO] = ((long) fid << 32) | pc;
        fp = newFp;
        hp = newHp;
        sp = newHp + OPERANDS;
        fid = f;
        pc = 0;
    }

    /** Back to the caller with the top of stack as result; false when the top level returns. */
    private boolean ret() {
        long result = mem[sp - 1];
        long link = mem[hp + LINK];
        if (link >>> 32 == 0) return false;
        long returnTo = mem[hp + RETURN_TO];
        int callerSp = fp + CLOSURE;
        if (fp + CLOSURE == segment + SEGMENT_FRAMES) {
            callerSp = (int) mem[segment + SEGMENT_CALLER_SP];
            popSegment();
        }
        fp = (int) (link >>> 32);
        hp = (int) link;
        sp = callerSp;
        mem[sp++] = result;
        fid = (int) (returnTo >>> 32);
        pc = (int) returnTo;
        return true;
    }

    /** Starts a new stack segment with room for a frame of {@code frameWords}; returns it. */
    private int pushSegment(int frameWords) {
        int words = Math.max(SEGMENT_WORDS, SEGMENT_FRAMES + frameWords);
        int s;
        if (spare != 0 && ObjectKind.size(mem[spare]) >= words) {
            s = spare;
            spare = 0;
        } else {
            s = heap.allocate(ObjectKind.STACK, words);
        }
        WriteBarrier.store(mem, s + SEGMENT_PREV, segment == 0 ? Value.NONE : Value.pointer(Value.TAG_OBJ, segment));
        segment = s;
        segmentLimit = s + ObjectKind.size(mem[s]);
        return s;
    }

    private void popSegment() {
        int old = segment;
        segment = Value.address(mem[old + SEGMENT_PREV]);
        segmentLimit = segment + ObjectKind.size(mem[segment]);
        mem[old + SEGMENT_PREV] = Value.NONE;
        if (spare == 0 && ObjectKind.size(mem[old]) == SEGMENT_WORDS) {
            spare = old;
        } else {
            heap.freeLarge(old);
        }
    }

    /** Bytes the call stack's segments hold. */
    public long stackBytes() {
        long words = 0;
        for (int s = segment; s != 0; ) {
            words += ObjectKind.size(mem[s]);
            long prev = mem[s + SEGMENT_PREV];
            s = prev == Value.NONE ? 0 : Value.address(prev);
        }
        return words * 8;
    }

    /**
     * A frame could not be allocated. When the call stack is what fills the heap (it holds at
     * least half of the live data) this is runaway recursion: a RuntimeException naming the
     * stack overflow. Otherwise the program's data is what outgrew the limit.
     */
    private GuestError stackExhausted(HeapExhausted e) {
        long stack = stackBytes();
        if (stack * 2 >= e.liveBytes) {
            return new GuestError(Outcome.RUNTIME_ERROR, "stack overflow: call depth " + depth()
                    + " needs more than the " + (e.limitBytes >> 20) + " MB memory limit (the stack holds "
                    + stack + " bytes, live heap " + e.liveBytes + " bytes)");
        }
        return new GuestError(Outcome.OUT_OF_MEMORY, e.getMessage());
    }

    // ------------------------------------------------------------------ for compiled code

    /** Set when compiled code entered from a LOOP_JIT returned from the top level: the program's end. */
    private boolean finished;

    /** Activations the interpreter sent into compiled code at a loop so far (for tests). */
    long loopEntries;

    /** Hand-backs from compiled code so far (for tests: compiled code that always handed back would still give the right output). */
    long handBacks;

    /** Instructions compiled code left to the interpreter's general case so far (for tests, as {@link #handBacks}). */
    long generalCases;

    /**
     * Compiled code's one way into the interpreter, for anything that reads the frame or may
     * collect: the operand slots and locals are in the frame when it is called, and are read
     * back after. {@code word} is {@code op << 24 | depth << 16 | pc}: at instruction {@code
     * pc} of function {@code fid}, frame {@code fp}, with {@code depth} operands on its stack,
     * op is {@link FunctionCompiler#HAND_BACK}, CALL or NEW_RECORD (pc: the instruction's), or an
     * instruction whose general case {@link #jitStep} runs (pc: just after it). {@code jvmDepth}
     * compiled activations are on the JVM stack. Returns {@link CompiledFunction#DEOPT} when the
     * activation is handed back, else 0 (a result is in the frame, where the instruction puts it).
     */
    long jitSlow(int word, int fp, int fid, int jvmDepth) {
        int op = word >>> 24, pc = word & 0xFFFF;
        int spOffset = LOCALS + protos[fid].locals() + OPERANDS + ((word >>> 16) & 0xFF);
        switch (op) {
            case FunctionCompiler.HAND_BACK:
                return jitDeopt(pc, fp, spOffset, fid);
            case Op.CALL: {
                int argc = protos[fid].code()[pc + 1], base = spOffset - argc - 1;
                long r = jitCall(pc, fp, base, argc, fid, jvmDepth);
                if (r == CompiledFunction.DEOPT) return r;
                mem[fp + base] = r;
                return 0;
            }
            case Op.NEW_RECORD:
                mem[fp + spOffset] = jitNewRecord(pc + 2, fp, spOffset, fid, protos[fid].code()[pc + 1]);
                return 0;
            default:
                jitStep(op, pc, fp, spOffset, fid);
                return 0;
        }
    }

    /**
     * Compiled code hands its activation back at instruction {@code pc} of function {@code fid},
     * frame {@code fp}, operand stack top {@code fp + spOffset}: the registers say so, and the
     * interpreter goes on from there. Returns {@link CompiledFunction#DEOPT} for the code to return.
     */
    private long jitDeopt(int pc, int fp, int spOffset, int fid) {
        handBacks++;
        setRegisters(pc, fp, spOffset, fid);
        return CompiledFunction.DEOPT;
    }

    /** The registers as the interpreter would have them at compiled code's {@code pc}, before anything that may collect or raise. */
    private void setRegisters(int pc, int fp, int spOffset, int fid) {
        this.pc = pc;
        this.fp = fp;
        this.sp = fp + spOffset;
        this.hp = fp + LOCALS + protos[fid].locals();
        this.fid = fid;
    }

    /** NEW_RECORD for compiled code: the registers set, then the allocation (which may collect). Returns the record. */
    long jitNewRecord(int pc, int fp, int spOffset, int fid, int shape) {
        setRegisters(pc, fp, spOffset, fid);
        int r = heap.allocate(ObjectKind.RECORD, recordWords[shape]);
        mem[r + Records.LAYOUT] = mem[Value.address(shapes) + 1 + shape]; // read after allocating: it may have moved
        return Value.pointer(Value.TAG_REC, r);
    }

    /**
     * CALL argc for compiled code at {@code pc} of function {@code fid} with frame {@code fp}:
     * the callee and its arguments are at {@code fp + baseOffset}; {@code depth} compiled
     * activations are on the JVM stack. A compiled callee of the right arity whose frame fits
     * in the stack segment runs here, after the same frame links as the interpreter writes; a
     * callee due for compiling is compiled first; a built-in runs here. Returns the result, or
     * {@link CompiledFunction#DEOPT} (the registers then at the call, for the interpreter).
     */
    long jitCall(int pc, int fp, int baseOffset, int argc, int fid, int depth) {
        int base = fp + baseOffset;
        long callee = mem[base];
        int tag = Value.tag(callee);
        if (tag == Value.TAG_FUN) {
            int f = Value.payload(mem[Value.address(callee) + 1]);
            CompiledFunction c = compiled[f];
            if (c == null && --callsToCompile[f] == 0) c = compiled[f] = jit.compile(protos[f], f);
            if (c != null && argc == c.params && base + 1 + c.frameWords <= segmentLimit
                    && depth < FunctionCompiler.MAX_DEPTH && --ticks >= 0) {
                int newHp = base + 1 + LOCALS + c.locals;
                mem[newHp + LINK] = ((long) fp << 32) | (fp + LOCALS + protos[fid].locals());
                mem[newHp + RETURN_TO] = ((long) fid << 32) | (pc + 2);
                return c.run(this, mem, base + 1, depth + 1, 0);
            }
        } else if (tag == Value.TAG_BUILTIN) {
            setRegisters(pc + 2, fp, baseOffset + argc + 1, fid); // input() allocates
            try {
                Builtins.call(this, Value.payload(callee), base, argc);
            } catch (GuestError e) {
                throw atLine(e, fid, pc + 2);
            }
            return mem[base];
        }
        return jitDeopt(pc, fp, baseOffset + argc + 1, fid);
    }

    /**
     * GET_INDEX for compiled code past its inline array case, without a safepoint: record r's
     * value at key idx (a string, or an int: no key string made), None if it has none; or
     * {@link CompiledFunction#DEOPT} for any other key, whose string the general case makes.
     * Allocates nothing and reads no frame.
     */
    long jitIndex(int r, long idx) {
        int i = keyIndex(r, idx);
        if (i == OTHER_KEY) return CompiledFunction.DEOPT;
        return i >= 0 ? Records.valueAt(mem, r, i) : Value.NONE;
    }

    /**
     * SET_INDEX for compiled code past its inline array case, without a safepoint: stores v at
     * key idx (a string, or an int) of record r when r is no array record and already has that
     * field; false otherwise (a new field, an array record, another key), for the general case.
     * Allocates nothing and reads no frame.
     */
    boolean jitSetIndex(int r, long idx, long v) {
        if (Records.isArray(mem, r)) return false;
        int i = keyIndex(r, idx);
        if (i < 0) return false; // absent, or OTHER_KEY
        Records.setAt(mem, r, i, v);
        return true;
    }

    /** {@link #keyIndex} of a key that is neither an int nor a string: its string must be made first. */
    private static final int OTHER_KEY = Integer.MIN_VALUE;

    /**
     * The index of key {@code idx} in record r, without making a key string: an int key by
     * its digits, a string by itself (negative when absent, as {@link Records#find}); or
     * {@link #OTHER_KEY} for any other key.
     */
    private int keyIndex(int r, long idx) {
        if (Value.tag(idx) == Value.TAG_INT) return Records.findInt(mem, r, Value.payload(idx), digits);
        if (Value.tag(idx) == Value.TAG_STR) return findKey(r, Value.address(idx), hintSlot(Value.address(idx)));
        return OTHER_KEY;
    }

    /** GET_FIELD for compiled code when the site's cache did not give an index: field k of shaped or dictionary record r. Allocates nothing. */
    long jitGetField(int r, int k, int site) {
        int i = cachedIndex(r, k, site);
        if (i >= 0) return mem[r + Records.VALUES + i];
        if (i == -1) return Value.NONE;
        return Records.get(mem, r, Value.address(mem[Value.address(constants) + 1 + k]));
    }

    /**
     * An instruction's general case for compiled code, by the interpreter's own code: ADD of
     * operands that are not both ints, GET_INDEX and SET_INDEX past their inline array cases,
     * and the rare instructions of {@link #executeCold}. {@code pc} is where the loop's pc
     * would be (just after the opcode, which for ADD, GET_INDEX and SET_INDEX is just after the
     * instruction); execution goes on after the instruction, its errors at its line.
     */
    private void jitStep(int op, int pc, int fp, int spOffset, int fid) {
        generalCases++;
        setRegisters(pc, fp, spOffset, fid);
        try {
            switch (op) {
                case Op.ADD: addNonInts(); break;
                case Op.GET_INDEX: getIndex(); break;
                case Op.SET_INDEX: setIndex(); break;
                default: executeCold(op);
            }
        } catch (GuestError e) {
            throw atLine(e, fid, pc);
        }
    }

    /** The error, at the line of compiled code's instruction ending at {@code pc}, as the loop would place it. */
    private GuestError atLine(GuestError e, int fid, int pc) {
        if (e.line == 0) e.line = protos[fid].lineAt(pc - 1);
        return e;
    }

    /** For tests: how many loop heads have compiled code. */
    int loopsCompiled() {
        int n = 0;
        for (CompiledFunction[] byHead : loopCode) {
            if (byHead == null) continue;
            for (CompiledFunction c : byHead) if (c != null && c != CompiledFunction.DECLINED) n++;
        }
        return n;
    }

    /** For tests: whether function {@code f} has been compiled. */
    boolean isCompiled(int f) { return compiled[f] != null; }

    // ------------------------------------------------------------------ for built-ins

    long[] mem() { return mem; }

    GuestIO io() { return io; }

    int sp() { return sp; }

    void setSp(int sp) { this.sp = sp; }

    Stringifier stringifier() { return stringifier; }
}
