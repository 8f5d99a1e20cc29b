package io.gcvm.heap.alloc;

import java.util.function.IntConsumer;

/**
 * Sends requests of up to {@code threshold} words to {@code small} and larger ones to
 * {@code large}; address-based questions go to whichever of the two owns the address.
 */
public final class Segregator implements Allocator {
    private final int threshold;
    private final Allocator small;
    private final Allocator large;

    public Segregator(int threshold, Allocator small, Allocator large) {
        this.threshold = threshold;
        this.small = small;
        this.large = large;
    }

    private Allocator by(int words) { return words <= threshold ? small : large; }

    private Allocator at(int address) { return small.owns(address) ? small : large; }

    @Override public int allocate(int words) { return by(words).allocate(words); }

    @Override public boolean expand(int words) { return by(words).expand(words); }

    @Override public long chargedWords(int words) { return by(words).chargedWords(words); }

    @Override public long cellWordsAt(int address) { return at(address).cellWordsAt(address); }

    @Override public boolean owns(int address) { return small.owns(address) || large.owns(address); }

    @Override public boolean isObjectStart(int address) { return at(address).isObjectStart(address); }

    @Override public boolean testAndMark(int address) { return at(address).testAndMark(address); }

    @Override public boolean isMarked(int address) { return at(address).isMarked(address); }

    @Override public long sweep() { return small.sweep() + large.sweep(); }

    @Override
    public void clearMarks() {
        small.clearMarks();
        large.clearMarks();
    }

    @Override
    public void stickMarks() {
        small.stickMarks();
        large.stickMarks();
    }

    @Override
    public void scanDirtyCards(DirtyVisitor visitor) {
        small.scanDirtyCards(visitor);
        large.scanDirtyCards(visitor);
    }

    @Override
    public void forEachObject(IntConsumer visitor) {
        small.forEachObject(visitor);
        large.forEachObject(visitor);
    }

    @Override public int heldBlocks() { return small.heldBlocks() + large.heldBlocks(); }
}
