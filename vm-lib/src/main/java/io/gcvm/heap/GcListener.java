package io.gcvm.heap;

/** Told about every collection as it finishes. Nothing per collection is kept in the VM itself. */
@FunctionalInterface
public interface GcListener {
    void onCollection(GcEvent event);
}
