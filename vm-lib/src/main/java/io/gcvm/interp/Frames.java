package io.gcvm.interp;

/**
 * Layout of the guest call stack, which lives in the managed heap.
 *
 * <p>The stack is a chain of {@code STACK} segments (normally one 8 KiB block each), linked to
 * the previous segment. Frames are laid out contiguously inside a segment; a call whose frame
 * does not fit in the rest of the segment starts a new one.
 *
 * <pre>
 *  segment: [header][previous segment or None][frame][frame]...
 *
 *  frame at fp:
 *   fp+0  caller's fp                       (raw; 0 for the top level)
 *   fp+1  caller's function << 32 | return pc (raw)
 *   fp+2  caller's sp once callee and arguments are popped (raw)
 *   fp+3  the closure being run (a root; None for the top level)
 *   fp+4  locals: parameters first, then the other locals (roots)
 *   ...   operand stack, up to the VM's sp (roots)
 * </pre>
 *
 * The collector scans, for every frame from the current one outwards, the closure slot and
 * the words from the locals up to that frame's top of stack; words above a frame's top are
 * dead temporaries and are never scanned.
 */
final class Frames {
    private Frames() {}

    static final int CALLER_FP = 0;
    static final int RETURN_TO = 1;
    static final int CALLER_SP = 2;
    static final int CLOSURE = 3;
    static final int LOCALS = 4;

    /** Segment header words: the object header and the link to the previous segment. */
    static final int SEGMENT_PREV = 1;
    static final int SEGMENT_FRAMES = 2;
    /** A normal segment: exactly one block. */
    static final int SEGMENT_WORDS = io.gcvm.heap.alloc.Region.BLOCK_WORDS;
}
