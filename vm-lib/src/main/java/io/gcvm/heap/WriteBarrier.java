package io.gcvm.heap;

import io.gcvm.heap.alloc.Region;

/**
 * The write barrier of the generational ("sticky mark bits") collection: every store of a
 * pointer into a heap object goes through here, so a minor collection can find the old objects
 * that may now point at young ones without tracing the old generation.
 *
 * <p>It marks a card: the region's card table (see {@link io.gcvm.heap.alloc.Region}) has one
 * word per 8 KiB block, one bit per 16 words. A minor collection scans the old objects on dirty
 * cards as extra roots, then every collection clears the cards.
 *
 * <p>Stores that need no barrier: into frames and operand stacks (a collection scans every live
 * frame as roots anyway), and into an object allocated since the last possible collection (it is
 * young: whatever it points at is traced if it survives). Everything else — record fields,
 * dictionary tables, cells, the globals table, a stack segment's link to the one below — must
 * use {@link #store}, or {@link #remember} after a bulk copy. The heap verifier checks this
 * invariant before every minor collection it watches ({@code --verify-heap}).
 */
public final class WriteBarrier {
    private WriteBarrier() {}

    /** {@code mem[slot] = value}, remembering the slot's card if the value is a pointer. */
    public static void store(long[] mem, int slot, long value) {
        mem[slot] = value;
        if (Value.isPointer(value)) mem[Region.cardWordOf(mem, slot)] |= 1L << (slot >>> 4);
    }

    /** Remembers every card of {@code [from, to)} (after a bulk copy of values into an object). */
    public static void remember(long[] mem, int from, int to) {
        for (int p = from & -16; p < to; p += 16) mem[Region.cardWordOf(mem, p)] |= 1L << (p >>> 4);
    }

    /** True if the card holding {@code slot} is dirty (for the verifier and tests). */
    public static boolean isRemembered(long[] mem, int slot) {
        return (mem[Region.cardWordOf(mem, slot)] & (1L << (slot >>> 4))) != 0;
    }
}
