package io.gcvm.interp;

/**
 * Layout of the guest call stack, which lives in the managed heap.
 *
 * <p>The stack is a chain of {@code STACK} segments (normally one 8 KiB block each), linked to
 * the previous segment. Frames are laid out contiguously inside a segment; a call whose frame
 * does not fit in the rest of the segment starts a new one.
 *
 * <pre>
 *  segment: [header][previous segment or None][caller's sp (raw)][first frame's closure][frame]...
 *
 *  a call f(a1..an) in the caller's operand stack:   ... f a1 .. an          (sp after an)
 *  becomes the callee's frame in place:                  ^fp-1 ^fp
 *   fp-1       the closure being run (a root; None for the top level)
 *   fp+0 ...   locals: the arguments where the caller pushed them, then the other locals (roots)
 *   hp         caller's fp << 32 | caller's hp     (raw; caller's fp 0 for the top level)
 *   hp+1       caller's function << 32 | return pc (raw)
 *   hp+2 ...   operand stack, up to the VM's sp (roots)          where hp = fp + locals
 * </pre>
 *
 * A call copies nothing: the callee and its arguments already sit where the frame needs them,
 * and only the two link words are written. Returning puts the result where the callee was
 * (fp - 1). A frame that starts a new segment has its callee and arguments copied there, and
 * the caller's sp kept in the segment's header, for the return.
 *
 * The collector scans, for every frame from the current one outwards, the closure slot, the
 * locals, and the operand stack up to that frame's top (the callee's closure slot, exclusive,
 * for a caller); words above a frame's top are dead temporaries and are never scanned.
 */
public final class Frames {
    private Frames() {}

    /** Offsets from fp. */
    public static final int CLOSURE = -1;
    public static final int LOCALS = 0;
    /** Offsets from hp. */
    static final int LINK = 0;
    static final int RETURN_TO = 1;
    public static final int OPERANDS = 2;

    /** Segment header words: the object header, the link to the previous segment, the caller's sp. */
    static final int SEGMENT_PREV = 1;
    static final int SEGMENT_CALLER_SP = 2;
    /** Where the first frame's closure slot is. */
    static final int SEGMENT_FRAMES = 3;
    /** A normal segment: exactly one block. */
    static final int SEGMENT_WORDS = io.gcvm.heap.alloc.Region.BLOCK_WORDS;
}
