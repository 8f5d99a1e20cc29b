package io.gcvm.heap.alloc;

import java.util.function.IntConsumer;

/**
 * A building block of the heap: hands out objects in the region and, with the collector's
 * help, takes back the dead ones. Blocks compose: a {@link Segregator} sends each request to
 * one of two allocators by size.
 *
 * <p>Allocation is split so the heap's policy can sit between the two halves:
 * {@link #allocate} only uses memory the allocator already holds and returns 0 when it has
 * none; {@link #expand} takes more blocks from the region, and when the region has none left
 * the heap collects.
 */
public interface Allocator {
    /** Address of {@code words} words of free memory already held, or 0. */
    int allocate(int words);

    /** Takes blocks from the region so that a request of {@code words} can succeed; false if none. */
    boolean expand(int words);

    /** Words a request of {@code words} really occupies (rounded up to its cell or run). */
    long chargedWords(int words);

    /** Words the cell or run holding the object at {@code address} occupies. */
    long cellWordsAt(int address);

    /** True if {@code address} lies in memory this allocator manages (live or not). */
    boolean owns(int address);

    /** True if {@code address} is the start of an object this allocator has handed out. */
    boolean isObjectStart(int address);

    /** Sets the object's mark; false if it was marked already. */
    boolean testAndMark(int address);

    boolean isMarked(int address);

    /** Frees every unmarked object and clears the marks; returns the words the survivors hold. */
    long sweep();

    /** Clears every mark: a full collection starts from nothing marked. */
    void clearMarks();

    /**
     * Marks every object still allocated, after a sweep: the survivors of a collection are the
     * old generation, which a minor collection neither traces nor frees ("sticky" mark bits).
     * Objects allocated later start unmarked, young.
     */
    void stickMarks();

    /**
     * For a minor collection: calls {@code visitor} for every marked (old) object with a dirty
     * card, with the range of words {@code [from, to)} the dirty cards cover in it (at most the
     * whole object, header included).
     */
    void scanDirtyCards(DirtyVisitor visitor);

    /** Receives an old object and the part of it that was written since the last collection. */
    @FunctionalInterface
    interface DirtyVisitor { void visit(int object, int from, int to); }

    /** Calls {@code visitor} with every object handed out and not freed. */
    void forEachObject(IntConsumer visitor);

    /** Blocks of the region this allocator holds. */
    int heldBlocks();
}
