package io.gcvm.mitscript.compiler;

import io.gcvm.bytecode.FunctionProto;
import io.gcvm.bytecode.Op;
import io.gcvm.bytecode.Program;
import io.gcvm.mitscript.syntax.Ast;
import io.gcvm.mitscript.syntax.Parser;
import io.gcvm.mitscript.syntax.SyntaxError;
import io.gcvm.util.BigStack;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a MITScript AST into {@link Program} bytecode, one {@link FunctionProto} per function
 * literal plus the top level, after {@link ScopeAnalysis} has decided what every name means.
 *
 * <p>Evaluation order follows the spec: left to right; record fields in source order; callee
 * before arguments; for {@code e1[e2] = e3}: e1, then e2, then e3. A field access or index on a
 * non-record fails right after its record operand is evaluated ({@code CHECK_RECORD}), before
 * any index or right-hand side.
 */
public final class Compiler {
    private final ScopeAnalysis scopes;
    private final List<String> globals = new ArrayList<>(Program.BUILTINS);
    private final Map<String, Integer> globalIndex = new HashMap<>();
    private final List<byte[]> constants = new ArrayList<>();
    private final Map<String, Integer> constantIndex = new HashMap<>();
    private final FunctionProto[] protos;
    private final List<int[]> shapes = new ArrayList<>();
    private final Map<String, Integer> shapeIndex = new HashMap<>();
    private int cacheSites;

    private Compiler(ScopeAnalysis scopes) {
        this.scopes = scopes;
        for (int i = 0; i < globals.size(); i++) globalIndex.put(globals.get(i), i);
        this.protos = new FunctionProto[scopes.scopes.size()];
    }

    /** Parses and compiles; syntax and compile-time errors come out as {@link SyntaxError}. */
    public static Program compile(String source) throws SyntaxError {
        Ast.Program ast = Parser.parse(source);
        return compile(ast);
    }

    /**
     * Compiles a parsed program. Code generation recurses over the tree, which can be as deep
     * as a long chain of binary operators, so it runs on a big-stack thread.
     */
    public static Program compile(Ast.Program ast) throws SyntaxError {
        try {
            return BigStack.call(new java.util.concurrent.Callable<Program>() {
                @Override
                public Program call() throws SyntaxError {
                    ScopeAnalysis scopes = ScopeAnalysis.analyse(ast);
                    Compiler c = new Compiler(scopes);
                    for (Scope s : scopes.scopes) c.protos[s.functionIndex] = new FunctionCompiler(c, s).compile(ast);
                    c.addStackMaps();
                    return new Program(List.of(c.protos), List.copyOf(c.globals), List.copyOf(c.constants),
                            List.copyOf(c.shapes), c.cacheSites);
                }
            }, SyntaxError.class);
        } catch (BigStack.TooDeep e) {
            throw new SyntaxError(1, 1, "program nested too deeply to compile");
        }
    }

    /** Computes every function's stack maps once all functions are compiled. */
    private void addStackMaps() {
        int[][] captured = new int[protos.length][];
        for (int f = 0; f < protos.length; f++) {
            FunctionProto p = protos[f];
            // loops, not streams, here and below: the stream classes cost every run ~10 ms to set up
            int n = 0;
            for (boolean local : p.freeFromLocal()) if (local) n++;
            captured[f] = new int[n];
            for (int i = 0, k = 0; i < p.freeIndex().length; i++) if (p.freeFromLocal()[i]) captured[f][k++] = p.freeIndex()[i];
        }
        for (int f = 0; f < protos.length; f++) {
            FunctionProto p = protos[f];
            protos[f] = new FunctionProto(p.name(), p.params(), p.locals(), p.maxStack(), p.code(), p.lines(),
                    p.localNames(), p.freeNames(), p.freeFromLocal(), p.freeIndex(),
                    io.gcvm.bytecode.Liveness.analyse(p.code(), p.locals(), captured));
        }
    }

    int global(String name) {
        Integer g = globalIndex.get(name);
        if (g == null) {
            globals.add(name);
            globalIndex.put(name, g = globals.size() - 1);
        }
        return g;
    }

    /** The shape of a record literal with these keys: sorted (by bytes), distinct. */
    List<String> shapeKeys(List<Ast.FieldInit> fields) {
        java.util.TreeSet<String> keys = new java.util.TreeSet<>();
        for (Ast.FieldInit f : fields) keys.add(f.name()); // ISO-8859-1 names: char order is byte order
        return new ArrayList<>(keys);
    }

    int shape(List<String> keys) {
        String joined = String.join("\0", keys);
        Integer s = shapeIndex.get(joined);
        if (s == null) {
            int[] constants = new int[keys.size()];
            for (int i = 0; i < constants.length; i++) constants[i] = constant(keys.get(i));
            shapes.add(constants);
            shapeIndex.put(joined, s = shapes.size() - 1);
        }
        return s;
    }

    int cacheSite() { return cacheSites++; }

    int constant(String s) {
        Integer k = constantIndex.get(s);
        if (k == null) {
            constants.add(s.getBytes(StandardCharsets.ISO_8859_1));
            constantIndex.put(s, k = constants.size() - 1);
        }
        return k;
    }

    /** Emits the code of one function. */
    private static final class FunctionCompiler {
        private final Compiler c;
        private final Scope scope;
        private int[] code = new int[64];
        private int[] lines = new int[64];
        private int length;
        private int depth, maxDepth;
        /** Where the last instruction emitted starts (-1: none that may be fused with), and the last jump target. */
        private int lastOp = -1, label = -1;
        private int line;

        FunctionCompiler(Compiler c, Scope scope) {
            this.c = c;
            this.scope = scope;
        }

        FunctionProto compile(Ast.Program program) {
            List<Ast.Stmt> body;
            String name;
            if (scope.isTopLevel()) {
                body = program.body();
                name = "main";
                line = 1;
            } else {
                body = scope.node.body();
                name = "fun@" + scope.node.line() + ":" + scope.node.col();
                line = scope.node.line();
                for (int slot = 0; slot < scope.slotNames.size(); slot++) {
                    if (scope.boxed.contains(slot)) emit(Op.BOX, slot, 0);
                }
            }
            statements(body);
            emit(Op.NONE, 1);
            emit(Op.RETURN, -1);
            int n = scope.freeNames.size();
            boolean[] fromLocal = new boolean[n];
            int[] index = new int[n];
            for (int i = 0; i < n; i++) {
                fromLocal[i] = scope.freeFromLocal.get(i);
                index[i] = scope.freeIndex.get(i);
            }
            return new FunctionProto(name, scope.params(), scope.slotNames.size(), maxDepth,
                    Arrays.copyOf(code, length), Arrays.copyOf(lines, length),
                    scope.slotNames.toArray(new String[0]), scope.freeNames.toArray(new String[0]),
                    fromLocal, index, io.gcvm.bytecode.Liveness.StackMaps.NONE);
        }

        // -------------------------------------------------------------- emission

        private void put(int word) {
            if (length == code.length) {
                code = Arrays.copyOf(code, length * 2);
                lines = Arrays.copyOf(lines, length * 2);
            }
            lines[length] = line;
            code[length++] = word;
        }

        private void adjust(int stackEffect) {
            depth += stackEffect;
            if (depth > maxDepth) maxDepth = depth;
        }

        private void emit(int op, int stackEffect) {
            lastOp = length;
            put(op);
            adjust(stackEffect);
        }

        private void emit(int op, int operand, int stackEffect) {
            lastOp = length;
            put(op);
            put(operand);
            adjust(stackEffect);
        }

        /**
         * True when the last instruction emitted is {@code op} and nothing jumps to what comes
         * next: the two may be fused into one instruction.
         */
        private boolean follows(int op) {
            return lastOp >= 0 && lastOp == length - 1 - Op.operands(op) && label != length && code[lastOp] == op;
        }

        /** {@code LOAD_LOCAL t}, fused with a {@code LOAD_LOCAL s} just before it (nothing jumping in between) into {@code LOAD_LOCAL2 s t}. */
        private void loadLocal(int t) {
            if (follows(Op.LOAD_LOCAL)) {
                code[lastOp] = Op.LOAD_LOCAL2;
                put(t);
                adjust(1);
                lastOp = -1;
                return;
            }
            emit(Op.LOAD_LOCAL, t, 1);
        }

        /**
         * {@code LOAD_GLOBAL h}, fused with the instruction before it when that is a
         * {@code STORE_GLOBAL g} or a {@code LOAD_GLOBAL g} and nothing jumps in between. Each
         * operand word keeps the line of its own instruction: an uninitialized global is
         * reported at the line of the load that read it.
         */
        private void loadGlobal(int h) {
            if (follows(Op.STORE_GLOBAL) || follows(Op.LOAD_GLOBAL)) {
                code[lastOp] = code[lastOp] == Op.STORE_GLOBAL ? Op.STORE_LOAD_GLOBAL : Op.LOAD_GLOBAL2;
                put(h);
                adjust(1);
                lastOp = -1; // no further fusion into a three-operand instruction
                return;
            }
            emit(Op.LOAD_GLOBAL, h, 1);
        }

        /** Emits a jump with a placeholder target; returns where to patch it. */
        private int jump(int op, int stackEffect) {
            emit(op, -1, stackEffect);
            return length - 1;
        }

        private void patch(int at) {
            code[at] = length;
            label = length;
        }

        // -------------------------------------------------------------- statements

        private void statements(List<Ast.Stmt> body) {
            for (Ast.Stmt st : body) statement(st);
        }

        private void statement(Ast.Stmt st) {
            line = st.line();
            if (st instanceof Ast.Assign a) {
                assign(a);
            } else if (st instanceof Ast.CallStmt cs) {
                expression(cs.call());
                emit(Op.POP, -1);
            } else if (st instanceof Ast.Global) {
                // a declaration: nothing to run
            } else if (st instanceof Ast.If i) {
                int toElse = condition(i.cond());
                statements(i.then());
                if (i.otherwise().isEmpty()) {
                    patch(toElse);
                } else {
                    int toEnd = jump(Op.JUMP, 0);
                    patch(toElse);
                    statements(i.otherwise());
                    patch(toEnd);
                }
            } else if (st instanceof Ast.While w) {
                int top = length;
                label = length;
                int toEnd = condition(w.cond());
                statements(w.body());
                line = w.line();
                emit(Op.LOOP, top, 0);
                patch(toEnd);
            } else if (st instanceof Ast.Return r) {
                expression(r.value());
                emit(Op.RETURN, -1);
            }
        }

        /**
         * Compiles an if/while condition and a jump taken when it is false; returns where to patch
         * the jump. A comparison fuses into one compare-and-branch instruction (same operand
         * order, same errors); anything else is evaluated and tested as a bool.
         */
        private int condition(Ast.Expr cond) {
            if (cond instanceof Ast.Binary b) {
                int fused = switch (b.op()) {
                    case LT -> Op.JUMP_IF_NOT_LT;
                    case GT -> Op.JUMP_IF_NOT_GT;
                    case LE -> Op.JUMP_IF_NOT_LE;
                    case GE -> Op.JUMP_IF_NOT_GE;
                    case EQ -> Op.JUMP_IF_NOT_EQ;
                    default -> -1;
                };
                if (fused >= 0 && b.right() instanceof Ast.IntLit k && localSlot(b.left()) >= 0) {
                    // a local against an int literal: both operands, nothing pushed
                    int slot = localSlot(b.left());
                    line = b.line();
                    lastOp = length;
                    put(Op.withIntLiteral(fused, true));
                    put(-1);
                    put(k.value());
                    put(slot);
                    return length - 3;
                }
                if (fused >= 0 && fused != Op.JUMP_IF_NOT_EQ && localSlot(b.left()) >= 0 && localSlot(b.right()) >= 0) {
                    // a local against a local: both operands, nothing pushed
                    line = b.line();
                    lastOp = length;
                    put(fused - Op.JUMP_IF_NOT_LT + Op.JUMP_IF_LOCALS_NOT_LT);
                    put(-1);
                    put(localSlot(b.left()));
                    put(localSlot(b.right()));
                    return length - 3;
                }
                if (fused >= 0 && b.right() instanceof Ast.IntLit k) {
                    // against an int literal: the literal is an operand, not a push
                    expression(b.left());
                    line = b.line();
                    lastOp = length;
                    put(Op.withIntLiteral(fused, false));
                    put(-1);
                    put(k.value());
                    adjust(-1);
                    return length - 2;
                }
                if (fused == Op.JUMP_IF_NOT_EQ && b.right() instanceof Ast.NoneLit) {
                    expression(b.left());
                    line = b.line();
                    return jump(Op.JUMP_IF_NOT_NONE, -1);
                }
                if (fused >= 0) {
                    expression(b.left());
                    expression(b.right());
                    line = b.line();
                    return jump(fused, -2);
                }
            }
            if (cond instanceof Ast.Unary u && u.op() == Ast.UnOp.NOT && u.operand() instanceof Ast.Binary b
                    && b.op() == Ast.BinOp.EQ) {
                expression(b.left());
                if (b.right() instanceof Ast.NoneLit) {
                    line = b.line();
                    return jump(Op.JUMP_IF_NONE, -1);
                }
                expression(b.right());
                line = b.line();
                return jump(Op.JUMP_IF_EQ, -2);
            }
            expression(cond);
            return jump(Op.JUMP_IF_FALSE, -1);
        }

        private void assign(Ast.Assign a) {
            Ast.Expr target = a.target();
            if (target instanceof Ast.Name n) {
                expression(a.value());
                store(n.name());
            } else if (target instanceof Ast.Field f) {
                record(f.object());
                expression(a.value());
                line = f.line();
                put(Op.SET_FIELD);
                put(c.constant(f.name()));
                put(c.cacheSite());
                adjust(-2);
            } else if (target instanceof Ast.Index i) {
                record(i.object());
                expression(i.index());
                expression(a.value());
                line = i.line();
                emit(Op.SET_INDEX, -3);
            } else {
                throw new IllegalStateException("parser produced an assignment to " + target);
            }
        }

        private void store(String name) {
            Scope.Resolution r = scope.resolve(name);
            switch (r.kind()) {
                case GLOBAL -> emit(Op.STORE_GLOBAL, c.global(name), -1);
                case LOCAL -> {
                    if (follows(Op.LOCAL_ADD_INT) && code[lastOp + 1] == r.index()) {
                        // x = x + v: the sum goes straight back into the slot
                        code[lastOp] = Op.INC_LOCAL;
                        adjust(-1);
                        lastOp = -1;
                    } else {
                        emit(Op.STORE_LOCAL, r.index(), -1);
                    }
                }
                case BOXED -> emit(Op.STORE_BOXED, r.index(), -1);
                case FREE -> throw new IllegalStateException("assigned name resolved as free: " + name);
            }
        }

        // -------------------------------------------------------------- expressions

        private void expression(Ast.Expr e) {
            int saved = line;
            line = e.line();
            if (e instanceof Ast.IntLit i) {
                emit(Op.CONST_INT, i.value(), 1);
            } else if (e instanceof Ast.StrLit s) {
                emit(Op.CONST_STR, c.constant(s.value()), 1);
            } else if (e instanceof Ast.BoolLit b) {
                emit(b.value() ? Op.TRUE : Op.FALSE, 1);
            } else if (e instanceof Ast.NoneLit) {
                emit(Op.NONE, 1);
            } else if (e instanceof Ast.Name n) {
                load(n.name());
            } else if (e instanceof Ast.Field f) {
                int local = localSlot(f.object());
                int global = globalIndex(f.object());
                if (local >= 0) {
                    line = f.line();
                    lastOp = length;
                    put(Op.GET_LOCAL_FIELD);
                    put(local);
                    adjust(1);
                } else if (global >= 0) {
                    line = f.object().line(); // the load's line, for an uninitialized global
                    lastOp = length;
                    put(Op.GET_GLOBAL_FIELD);
                    put(global);
                    adjust(1);
                    line = f.line();
                } else {
                    expression(f.object());
                    line = f.line();
                    lastOp = length;
                    put(Op.GET_FIELD);
                }
                put(c.constant(f.name()));
                put(c.cacheSite());
            } else if (e instanceof Ast.Index i) {
                int r = localSlot(i.object()), k = localSlot(i.index());
                line = i.line();
                if (r >= 0 && k >= 0) {
                    // both locals: nothing to evaluate between the record check and the lookup
                    adjust(2); // pushed for the general lookup
                    lastOp = length;
                    put(Op.GET_INDEX_LOCALS);
                    put(r);
                    put(k);
                    adjust(-1);
                } else {
                    record(i.object());
                    expression(i.index());
                    line = i.line();
                    emit(Op.GET_INDEX, -1);
                }
            } else if (e instanceof Ast.Call call) {
                expression(call.callee());
                for (Ast.Expr arg : call.args()) expression(arg);
                line = call.line();
                emit(Op.CALL, call.args().size(), -call.args().size());
            } else if (e instanceof Ast.Binary b && concatenation(b)) {
                // done: a + b + ... as one CONCAT
            } else if (e instanceof Ast.Binary b) {
                Ast.Binary div = moduloIdiom(b);
                expression(b.left());
                if (div != null && div.right() instanceof Ast.IntLit k) {
                    // x - (x / k) * k: x once, then the remainder (only the division can fail)
                    line = div.line();
                    emit(Op.MOD_INT, k.value(), 0);
                } else if (div != null) {
                    // x - (x / y) * y: x and y once each, in the same order
                    expression(div.right());
                    line = div.line();
                    emit(Op.MOD, -1);
                } else if ((b.op() == Ast.BinOp.ADD || b.op() == Ast.BinOp.SUB) && b.right() instanceof Ast.IntLit k
                        && localSlot(b.left()) >= 0 && follows(Op.LOAD_LOCAL)) {
                    // a local plus or minus a literal: the load just emitted becomes the fused instruction
                    int slot = code[lastOp + 1];
                    length = lastOp;
                    adjust(-1);
                    line = b.line();
                    adjust(2); // LOCAL_ADD_INT pushes the local and its literal for a string concatenation
                    lastOp = length;
                    put(b.op() == Ast.BinOp.ADD ? Op.LOCAL_ADD_INT : Op.LOCAL_SUB_INT);
                    put(slot);
                    put(k.value());
                    adjust(-1);
                } else if ((b.op() == Ast.BinOp.ADD || b.op() == Ast.BinOp.SUB) && b.right() instanceof Ast.IntLit k) {
                    line = b.line();
                    adjust(1); // ADD_INT pushes its literal for a string concatenation: room for it
                    emit(b.op() == Ast.BinOp.ADD ? Op.ADD_INT : Op.SUB_INT, k.value(), -1);
                } else if ((b.op() == Ast.BinOp.MUL || b.op() == Ast.BinOp.DIV) && b.right() instanceof Ast.IntLit k) {
                    line = b.line();
                    emit(b.op() == Ast.BinOp.MUL ? Op.MUL_INT : Op.DIV_INT, k.value(), 0);
                } else {
                    expression(b.right());
                    line = b.line();
                    emit(binaryOp(b.op()), -1);
                }
            } else if (e instanceof Ast.Unary u) {
                expression(u.operand());
                line = u.line();
                emit(u.op() == Ast.UnOp.NEG ? Op.NEG : Op.NOT, 0);
            } else if (e instanceof Ast.RecordLit r) {
                List<String> keys = c.shapeKeys(r.fields());
                emit(Op.NEW_RECORD, c.shape(keys), 1);
                Set<String> set = new HashSet<>();
                for (Ast.FieldInit fi : r.fields()) {
                    // NEW_RECORD makes every field None: a literal None needs no store, unless
                    // it overwrites an earlier value of the same key
                    if (set.add(fi.name()) && fi.value() instanceof Ast.NoneLit) continue;
                    expression(fi.value());
                    line = fi.line();
                    emit(Op.INIT_SLOT, keys.indexOf(fi.name()), -1); // a later duplicate overwrites
                }
            } else if (e instanceof Ast.FunLit f) {
                emit(Op.MAKE_CLOSURE, c.scopes.byNode.get(f).functionIndex, 1);
            }
            line = saved;
        }

        /**
         * Compiles a chain {@code a + b + ... + z} (left-leaning, one line) as one {@code CONCAT}
         * when it pays and keeps the meaning; returns false, having emitted nothing, otherwise.
         * {@code CONCAT} evaluates all its operands first and then adds them left to right,
         * joining every operand from the first string on into one new string, instead of one new
         * string per {@code +}. Evaluating an operand before the additions to its left is safe
         * when it is a literal, or when none of those additions can fail and it calls no function
         * (only a call could change a record operand before its conversion); an addition cannot
         * fail once its left or right operand is a string. So either:
         * <ul>
         *   <li>from a string literal on: the sum before it (compiled as it stands), the literal,
         *       and the operands after it, none of which calls a function; or</li>
         *   <li>the whole chain, when every operand after the first two is a literal and one of
         *       them a string ({@code s + x + ","}).</li>
         * </ul>
         * Joining fewer than three operands gains nothing.
         */
        private boolean concatenation(Ast.Binary b) {
            if (b.op() != Ast.BinOp.ADD) return false;
            List<Ast.Expr> operands = new java.util.ArrayList<>(); // z, ..., b, then a
            List<Ast.Binary> sums = new java.util.ArrayList<>();   // the + before each of z, ..., b
            Ast.Expr x = b;
            while (x instanceof Ast.Binary add && add.op() == Ast.BinOp.ADD) {
                if (add.line() != b.line()) return false; // an error's line is its + sign's
                operands.add(add.right());
                sums.add(add);
                x = add.left();
            }
            operands.add(x);
            java.util.Collections.reverse(operands);
            java.util.Collections.reverse(sums); // sums.get(i - 1) adds operand i
            int n = operands.size(), first = -1;
            for (int i = 0; i < n && first < 0; i++) {
                if (!(operands.get(i) instanceof Ast.StrLit)) continue;
                int from = Math.max(0, i - 1); // the sum before the literal is one operand
                boolean callFree = true;
                for (int k = from + 2; k < n; k++) callFree &= !callsIn(operands.get(k));
                if (callFree && n - from >= 3) first = from;
            }
            if (first < 0) {
                boolean literals = n >= 3, string = false;
                for (int k = 2; k < n; k++) {
                    literals &= isLiteral(operands.get(k));
                    string |= operands.get(k) instanceof Ast.StrLit;
                }
                if (!literals || !string) return false;
                first = 0;
            }
            expression(first == 0 ? operands.get(0) : sums.get(first - 1));
            for (int k = first + 1; k < n; k++) expression(operands.get(k));
            line = b.line();
            emit(Op.CONCAT, n - first, -(n - first - 1));
            return true;
        }

        private static boolean isLiteral(Ast.Expr e) {
            return e instanceof Ast.StrLit || e instanceof Ast.IntLit || e instanceof Ast.BoolLit || e instanceof Ast.NoneLit;
        }

        /** True when evaluating {@code e} may call a function. */
        private static boolean callsIn(Ast.Expr e) {
            if (e instanceof Ast.Call) return true;
            if (e instanceof Ast.Binary b) return callsIn(b.left()) || callsIn(b.right());
            if (e instanceof Ast.Unary u) return callsIn(u.operand());
            if (e instanceof Ast.Field f) return callsIn(f.object());
            if (e instanceof Ast.Index i) return callsIn(i.object()) || callsIn(i.index());
            if (e instanceof Ast.RecordLit r) {
                for (Ast.FieldInit fi : r.fields()) if (callsIn(fi.value())) return true;
            }
            return false; // names, literals, function literals (made, not run)
        }

        /** Pushes the object of an index expression, checked to be a record (at the current line). */
        private void record(Ast.Expr object) {
            int slot = localSlot(object), global = globalIndex(object);
            if (slot >= 0) {
                emit(Op.LOAD_LOCAL_REC, slot, 1);
            } else if (global >= 0 && object.line() == line) {
                // the load and the check on one line: either error is reported there, as before
                emit(Op.LOAD_GLOBAL_REC, global, 1);
            } else {
                expression(object);
                emit(Op.CHECK_RECORD, 0);
            }
        }

        /**
         * For {@code x - (x / y) * y} (the modulo idiom: MITScript has no remainder operator), with
         * {@code x} and {@code y} each written twice the same way and {@code y} not the literal 0,
         * the division; else null. Only {@linkplain #pure pure} expressions qualify: evaluating
         * one again gives the same value, or the same error, which the first evaluation raises
         * first. So each is evaluated once; then only the division can fail (the product and the
         * difference of ints cannot). The one trace the second evaluation would leave is memory:
         * an {@code x} whose {@code +} makes a string would make it twice before the division
         * fails, so the idiom can only allocate less.
         */
        private static Ast.Binary moduloIdiom(Ast.Binary b) {
            if (b.op() != Ast.BinOp.SUB || !pure(b.left())) return null;
            if (!(b.right() instanceof Ast.Binary mul) || mul.op() != Ast.BinOp.MUL) return null;
            if (!(mul.left() instanceof Ast.Binary div) || div.op() != Ast.BinOp.DIV) return null;
            if (!same(div.left(), b.left()) || !pure(div.right()) || !same(div.right(), mul.right())) return null;
            return div.right() instanceof Ast.IntLit k && k.value() == 0 ? null : div;
        }

        /**
         * An expression with no effect but its value or its error: names, int literals, and
         * {@code + - * /} and unary minus of those. (A name's read cannot change anything; nor
         * can arithmetic, except by allocating the string of a {@code +}.)
         */
        private static boolean pure(Ast.Expr e) {
            if (e instanceof Ast.Name || e instanceof Ast.IntLit) return true;
            if (e instanceof Ast.Unary u) return u.op() == Ast.UnOp.NEG && pure(u.operand());
            return e instanceof Ast.Binary b
                    && (b.op() == Ast.BinOp.ADD || b.op() == Ast.BinOp.SUB || b.op() == Ast.BinOp.MUL || b.op() == Ast.BinOp.DIV)
                    && pure(b.left()) && pure(b.right());
        }

        /** The same pure expression written twice (positions aside). */
        private static boolean same(Ast.Expr a, Ast.Expr b) {
            if (a instanceof Ast.Name x && b instanceof Ast.Name y) return x.name().equals(y.name());
            if (a instanceof Ast.IntLit x && b instanceof Ast.IntLit y) return x.value() == y.value();
            if (a instanceof Ast.Unary x && b instanceof Ast.Unary y) return x.op() == y.op() && same(x.operand(), y.operand());
            return a instanceof Ast.Binary x && b instanceof Ast.Binary y
                    && x.op() == y.op() && same(x.left(), y.left()) && same(x.right(), y.right());
        }

        /** The global index of {@code e} if it is the name of a global, else -1. */
        private int globalIndex(Ast.Expr e) {
            if (!(e instanceof Ast.Name n)) return -1;
            return scope.resolve(n.name()).kind() == Scope.Kind.GLOBAL ? c.global(n.name()) : -1;
        }

        /** The slot of {@code e} if it is the name of a (not captured) local, else -1. */
        private int localSlot(Ast.Expr e) {
            if (!(e instanceof Ast.Name n)) return -1;
            Scope.Resolution r = scope.resolve(n.name());
            return r.kind() == Scope.Kind.LOCAL ? r.index() : -1;
        }

        private void load(String name) {
            Scope.Resolution r = scope.resolve(name);
            switch (r.kind()) {
                case GLOBAL -> loadGlobal(c.global(name));
                case LOCAL -> loadLocal(r.index());
                case BOXED -> emit(Op.LOAD_BOXED, r.index(), 1);
                case FREE -> emit(Op.LOAD_FREE, r.index(), 1);
            }
        }

        private static int binaryOp(Ast.BinOp op) {
            switch (op) {
                case ADD: return Op.ADD;
                case SUB: return Op.SUB;
                case MUL: return Op.MUL;
                case DIV: return Op.DIV;
                case LT: return Op.LT;
                case GT: return Op.GT;
                case LE: return Op.LE;
                case GE: return Op.GE;
                case EQ: return Op.EQ;
                case AND: return Op.AND;
                case OR: return Op.OR;
                default: throw new IllegalStateException(op.toString());
            }
        }
    }
}
