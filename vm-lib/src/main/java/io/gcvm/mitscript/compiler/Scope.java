package io.gcvm.mitscript.compiler;

import io.gcvm.mitscript.syntax.Ast;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one function (or the top level) knows about its names, computed by {@link ScopeAnalysis}.
 *
 * <ul>
 *   <li>Slots: parameters first, then every other name assigned in the body. A parameter that is
 *       declared {@code global} keeps its slot (the argument lands there) but its name means the
 *       global.</li>
 *   <li>Globals: names declared {@code global} anywhere in the body.</li>
 *   <li>Free variables: names this function reads that belong to an enclosing function, each
 *       taken from the enclosing function's boxed slot or from its own free variables (when the
 *       name lives further out).</li>
 *   <li>Boxed slots: locals some inner function captures and that may change after it does;
 *       they live in heap cells so the closure and the frame share the variable. A captured
 *       local that cannot change once any closure has it is copied into the closure instead
 *       ({@link #sameForEveryClosure}): no cell, and one load less per use.</li>
 * </ul>
 */
final class Scope {
    /** The kinds a name can resolve to. */
    enum Kind { GLOBAL, LOCAL, BOXED, FREE }

    record Resolution(Kind kind, int index) {}

    final Scope parent;
    final Ast.FunLit node;      // null for the top level
    final int functionIndex;
    final List<String> slotNames = new ArrayList<>();
    final Map<String, Integer> slots = new HashMap<>();
    final Set<String> declaredGlobals = new HashSet<>();
    final Set<Integer> boxed = new HashSet<>();
    final List<String> freeNames = new ArrayList<>();
    final List<Boolean> freeFromLocal = new ArrayList<>();
    final List<Integer> freeIndex = new ArrayList<>();
    final Map<String, Integer> free = new HashMap<>();
    final List<Scope> children = new ArrayList<>();
    /** How many assignments {@code name = ...} the body has, nested blocks included; in order of the first. */
    final Map<String, Integer> assignments = new LinkedHashMap<>();
    /** For a name assigned by one of the body's own statements (not in a block): that statement's index. */
    final Map<String, Integer> assignedAt = new HashMap<>();
    /** Which statement of the enclosing function's body this function literal is in. */
    int statementInParent = -1;

    Scope(Scope parent, Ast.FunLit node, int functionIndex) {
        this.parent = parent;
        this.node = node;
        this.functionIndex = functionIndex;
    }

    boolean isTopLevel() { return parent == null; }

    int params() { return node == null ? 0 : node.params().size(); }

    /** How a name read or assigned in this function's own body is reached. */
    Resolution resolve(String name) {
        if (isTopLevel() || declaredGlobals.contains(name)) return new Resolution(Kind.GLOBAL, -1);
        Integer slot = slots.get(name);
        if (slot != null) return new Resolution(boxed.contains(slot) ? Kind.BOXED : Kind.LOCAL, slot);
        Integer f = free.get(name);
        if (f != null) return new Resolution(Kind.FREE, f);
        return new Resolution(Kind.GLOBAL, -1);
    }

    /**
     * Whether local {@code slot} has one value for as long as any closure made by a function
     * literal in statement {@code statement} of this body can read it, so that the closure may
     * hold a copy of the value instead of sharing a cell: a parameter the body never assigns,
     * or a local assigned exactly once, by one of the body's own statements (so never again,
     * and never in a loop) before that statement. Any other capture of the slot boxes it, and
     * the closures then all copy the cell (reading a captured variable looks at what it holds).
     */
    boolean sameForEveryClosure(int slot, int statement) {
        String name = slotNames.get(slot);
        Integer n = assignments.get(name);
        if (slot < params()) return n == null;
        Integer at = assignedAt.get(name);
        return n != null && n == 1 && at != null && at < statement;
    }

    /**
     * Makes {@code name} a free variable of this function if an enclosing function owns it;
     * returns its index among this function's free variables, or -1 if it is a global.
     */
    int capture(String name) {
        Integer known = free.get(name);
        if (known != null) return known;
        Scope p = parent;
        if (p == null || p.isTopLevel() || p.declaredGlobals.contains(name)) return -1;
        Integer slot = p.slots.get(name);
        boolean fromLocal;
        int index;
        if (slot != null) {
            if (!p.sameForEveryClosure(slot, statementInParent)) p.boxed.add(slot);
            fromLocal = true;
            index = slot;
        } else {
            index = p.capture(name);
            if (index < 0) return -1;
            fromLocal = false;
        }
        int mine = freeNames.size();
        freeNames.add(name);
        freeFromLocal.add(fromLocal);
        freeIndex.add(index);
        free.put(name, mine);
        return mine;
    }
}
