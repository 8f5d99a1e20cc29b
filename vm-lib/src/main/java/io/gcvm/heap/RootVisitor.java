package io.gcvm.heap;

/**
 * Receives every root value. Returns the value to store back in the root (a moving collector
 * returns the object's new address; mark-sweep returns the value unchanged), so every root
 * holder writes the result back: {@code slot = visitor.visit(slot)}.
 */
@FunctionalInterface
public interface RootVisitor {
    long visit(long value);
}
