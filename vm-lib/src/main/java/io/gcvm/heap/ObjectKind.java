package io.gcvm.heap;

/**
 * The header word of every heap object, and what each kind of object holds.
 *
 * <pre>
 *  header:  | size in words (32) | unused (24) | kind (8) |
 * </pre>
 *
 * The size counts the header. Words after the header are either all tagged {@link Value}s
 * ({@link #RECORD}, {@link #TABLE}, {@link #CLOSURE}, {@link #CELL}, {@link #SHAPE}) — the collector scans
 * every one — or raw ({@link #STRING}, {@link #BYTES}, {@link #FREE}). {@link #STACK}
 * segments hold frames, scanned frame by frame (see {@code interp.Frames}), never as a whole.
 * Mark bits are not in the header: they live in side bitmaps (see {@code heap.alloc}).
 */
public final class ObjectKind {
    private ObjectKind() {}

    /** A free cell: word 1 links the next free cell of its size class. */
    public static final int FREE = 0;
    /** {@code [hdr][len | hash << 32][bytes packed 8 per word, big-endian]}. */
    public static final int STRING = 1;
    /** {@code [hdr][layout: SHAPE or TABLE][values...]}; see Records. */
    public static final int RECORD = 2;
    /** {@code [hdr][value...]}: a plain array of values. */
    public static final int TABLE = 3;
    /** {@code [hdr][function index:int][captured cell...]}. */
    public static final int CLOSURE = 4;
    /** {@code [hdr][value]}: a captured variable. */
    public static final int CELL = 5;
    /** {@code [hdr][previous segment or None][frames...]}: part of the guest call stack. */
    public static final int STACK = 6;
    /** {@code [hdr][raw bytes...]}: scratch buffers. */
    public static final int BYTES = 7;
    /** {@code [hdr][id:int][count:int][key...]}: the sorted field names of a record literal. */
    public static final int SHAPE = 8;

    /**
     * Left behind by a moved object during a compacting collection: the size field holds the
     * object's new address. Only ever seen by the collector.
     */
    public static final int FORWARDED = 0xFF;

    public static long forwardingHeader(int newAddress) { return ((long) newAddress << 32) | FORWARDED; }

    public static long header(int kind, int sizeWords) { return ((long) sizeWords << 32) | kind; }

    public static int kind(long header) { return (int) header & 0xFF; }

    public static int size(long header) { return (int) (header >>> 32); }

    /** True when every word after the header is a tagged value the collector must scan. */
    public static boolean holdsValues(int kind) {
        return kind == RECORD || kind == TABLE || kind == CLOSURE || kind == CELL || kind == SHAPE;
    }

    public static String name(int kind) {
        switch (kind) {
            case FREE: return "free";
            case STRING: return "string";
            case RECORD: return "record";
            case TABLE: return "table";
            case CLOSURE: return "closure";
            case CELL: return "cell";
            case STACK: return "stack";
            case BYTES: return "bytes";
            case SHAPE: return "shape";
            default: return "kind#" + kind;
        }
    }
}
