package io.gcvm.heap;

/**
 * Told about every collection as it finishes. Nothing per collection is kept in the VM itself.
 * Called on the thread that runs the program: for {@code Vm.run}, the run's own thread, not the
 * caller's (whatever the listener records is visible to the caller once {@code run} returns).
 */
@FunctionalInterface
public interface GcListener {
    void onCollection(GcEvent event);
}
