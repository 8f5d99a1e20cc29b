package io.gcvm.mitscript.compiler;

import io.gcvm.mitscript.syntax.Ast;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies the spec's scoping rules to a whole program, before any code is generated:
 *
 * <ol>
 *   <li>Declare: for every function, its parameters, its {@code global} declarations (anywhere
 *       in the body, nested blocks included) and every name assigned in the body
 *       ({@code x = ...}) that is not declared global become its slots.</li>
 *   <li>Capture: every name a function reads that is neither its own local nor declared global
 *       is looked up outward: the nearest enclosing function that declares it global makes it a
 *       global; the nearest that has it as a local makes it a captured variable (boxed there,
 *       passed down through every function in between); the top level makes it a global.</li>
 * </ol>
 * Function indices are given in source order, the top level being 0.
 */
final class ScopeAnalysis {
    final List<Scope> scopes = new ArrayList<>();
    final Map<Ast.FunLit, Scope> byNode = new IdentityHashMap<>();

    static ScopeAnalysis analyse(Ast.Program program) {
        ScopeAnalysis a = new ScopeAnalysis();
        Scope top = a.newScope(null, null);
        a.declare(top, program.body());
        for (Scope s : a.scopes) {
            if (!s.isTopLevel()) a.captureIn(s, s.node.body());
        }
        return a;
    }

    private Scope newScope(Scope parent, Ast.FunLit node) {
        Scope s = new Scope(parent, node, scopes.size());
        scopes.add(s);
        if (node != null) byNode.put(node, s);
        if (parent != null) parent.children.add(s);
        return s;
    }

    // ------------------------------------------------------------------ pass 1: declare

    private void declare(Scope s, List<Ast.Stmt> body) {
        if (s.node != null) {
            for (String p : s.node.params()) addSlot(s, p);
        }
        collectDeclarations(s, body, true);
        if (!s.isTopLevel()) {
            for (String p : s.node.params()) {
                if (s.declaredGlobals.contains(p)) s.slots.remove(p);
            }
            for (String name : s.assignments.keySet()) { // in order of first assignment
                if (!s.declaredGlobals.contains(name) && !s.slots.containsKey(name)
                        && !isGlobalParam(s, name)) {
                    addSlot(s, name);
                }
            }
        }
        // nested functions, in source order, after this one's own names are known
        for (int i = 0; i < body.size(); i++) {
            List<Ast.FunLit> nested = new ArrayList<>();
            findFunctions(body.get(i), nested);
            for (Ast.FunLit f : nested) {
                Scope child = newScope(s, f);
                child.statementInParent = i;
                declare(child, f.body());
            }
        }
    }

    private static boolean isGlobalParam(Scope s, String name) {
        return s.node.params().contains(name) && s.declaredGlobals.contains(name);
    }

    private static void addSlot(Scope s, String name) {
        if (s.slots.containsKey(name)) return;
        s.slots.put(name, s.slotNames.size());
        s.slotNames.add(name);
    }

    /** {@code top}: the statements are the body's own, not those of a block inside it. */
    private static void collectDeclarations(Scope s, List<Ast.Stmt> body, boolean top) {
        for (int k = 0; k < body.size(); k++) {
            Ast.Stmt st = body.get(k);
            if (st instanceof Ast.Global g) {
                s.declaredGlobals.add(g.name());
            } else if (st instanceof Ast.Assign a && a.target() instanceof Ast.Name n) {
                s.assignments.put(n.name(), s.assignments.getOrDefault(n.name(), 0) + 1);
                if (top) s.assignedAt.put(n.name(), k);
            } else if (st instanceof Ast.If i) {
                collectDeclarations(s, i.then(), false);
                collectDeclarations(s, i.otherwise(), false);
            } else if (st instanceof Ast.While w) {
                collectDeclarations(s, w.body(), false);
            }
        }
    }

    /** Function literals directly in these statements (not inside other function literals). */
    private static void findFunctions(Ast.Stmt st, List<Ast.FunLit> out) {
        if (st instanceof Ast.Assign a) {
            findFunctions(a.target(), out);
            findFunctions(a.value(), out);
        } else if (st instanceof Ast.CallStmt c) {
            findFunctions(c.call(), out);
        } else if (st instanceof Ast.If i) {
            findFunctions(i.cond(), out);
            for (Ast.Stmt s : i.then()) findFunctions(s, out);
            for (Ast.Stmt s : i.otherwise()) findFunctions(s, out);
        } else if (st instanceof Ast.While w) {
            findFunctions(w.cond(), out);
            for (Ast.Stmt s : w.body()) findFunctions(s, out);
        } else if (st instanceof Ast.Return r) {
            findFunctions(r.value(), out);
        }
    }

    private static void findFunctions(Ast.Expr e, List<Ast.FunLit> out) {
        if (e instanceof Ast.FunLit f) {
            out.add(f);
        } else if (e instanceof Ast.RecordLit r) {
            for (Ast.FieldInit fi : r.fields()) findFunctions(fi.value(), out);
        } else if (e instanceof Ast.Binary b) {
            findFunctions(b.left(), out);
            findFunctions(b.right(), out);
        } else if (e instanceof Ast.Unary u) {
            findFunctions(u.operand(), out);
        } else if (e instanceof Ast.Field f) {
            findFunctions(f.object(), out);
        } else if (e instanceof Ast.Index i) {
            findFunctions(i.object(), out);
            findFunctions(i.index(), out);
        } else if (e instanceof Ast.Call c) {
            findFunctions(c.callee(), out);
            for (Ast.Expr a : c.args()) findFunctions(a, out);
        }
    }

    // ------------------------------------------------------------------ pass 2: capture

    private void captureIn(Scope s, List<Ast.Stmt> body) {
        for (Ast.Stmt st : body) captureIn(s, st);
    }

    private void captureIn(Scope s, Ast.Stmt st) {
        if (st instanceof Ast.Assign a) {
            captureIn(s, a.target());
            captureIn(s, a.value());
        } else if (st instanceof Ast.CallStmt c) {
            captureIn(s, c.call());
        } else if (st instanceof Ast.If i) {
            captureIn(s, i.cond());
            captureIn(s, i.then());
            captureIn(s, i.otherwise());
        } else if (st instanceof Ast.While w) {
            captureIn(s, w.cond());
            captureIn(s, w.body());
        } else if (st instanceof Ast.Return r) {
            captureIn(s, r.value());
        }
    }

    private void captureIn(Scope s, Ast.Expr e) {
        if (e instanceof Ast.Name n) {
            String name = n.name();
            if (!s.declaredGlobals.contains(name) && !s.slots.containsKey(name)) s.capture(name);
        } else if (e instanceof Ast.RecordLit r) {
            for (Ast.FieldInit fi : r.fields()) captureIn(s, fi.value());
        } else if (e instanceof Ast.Binary b) {
            captureIn(s, b.left());
            captureIn(s, b.right());
        } else if (e instanceof Ast.Unary u) {
            captureIn(s, u.operand());
        } else if (e instanceof Ast.Field f) {
            captureIn(s, f.object());
        } else if (e instanceof Ast.Index i) {
            captureIn(s, i.object());
            captureIn(s, i.index());
        } else if (e instanceof Ast.Call c) {
            captureIn(s, c.callee());
            for (Ast.Expr a : c.args()) captureIn(s, a);
        }
        // function literals are handled as scopes of their own
    }
}
