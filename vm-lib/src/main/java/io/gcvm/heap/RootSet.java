package io.gcvm.heap;

/**
 * Whoever holds pointers into the heap from outside it — the interpreter's registers, its
 * frames and operand stacks, the globals, the constants — enumerates them exactly here.
 * Nothing else is a root: a Java local holding a heap address across an allocation must be
 * registered through this, or it is a bug.
 *
 * <p>Record shapes must be reachable from the roots themselves (the interpreter's shape table
 * holds every shape for the whole run): the collector does not trace a shaped record's layout
 * word, one pointer test fewer per record.
 */
public interface RootSet {
    void scanRoots(RootVisitor visitor);
}
