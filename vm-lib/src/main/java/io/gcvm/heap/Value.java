package io.gcvm.heap;

/**
 * Guest values as unboxed 64-bit words.
 *
 * <pre>
 *   63            32 31        4 3  0
 *  +----------------+-----------+----+
 *  |    payload     |     0     |tag |
 *  +----------------+-----------+----+
 * </pre>
 *
 * The payload is a 32-bit int, a boolean (0/1), a built-in's id, or the word address of a heap
 * object. Tags with bit 3 set are pointers: the collector follows exactly those words. The word
 * 0 is {@code None}, so freshly cleared memory reads as None (a new frame's locals, a new
 * record table's empty slots).
 */
public final class Value {
    private Value() {}

    public static final int TAG_NONE = 0;
    public static final int TAG_BOOL = 1;
    public static final int TAG_INT = 2;
    public static final int TAG_BUILTIN = 3;
    /** A global that has never been assigned; never visible to guest code as a value. */
    public static final int TAG_UNDEF = 4;
    public static final int TAG_STR = 8;
    public static final int TAG_REC = 9;
    public static final int TAG_FUN = 10;
    /** A captured-variable cell (internal: only frames and closures hold these). */
    public static final int TAG_CELL = 11;
    /** Any other heap object (record tables, constants, buffers, stack segments). */
    public static final int TAG_OBJ = 12;
    /** A record shape (internal: only records and the shape table hold these). */
    public static final int TAG_SHAPE = 13;
    /** The values table of a record used as an array (internal: only records hold these; see Records). */
    public static final int TAG_ARRAY = 14;

    public static final long NONE = 0L;
    public static final long FALSE = TAG_BOOL;
    public static final long TRUE = (1L << 32) | TAG_BOOL;
    public static final long UNDEF = TAG_UNDEF;

    public static int tag(long v) { return (int) v & 0xF; }

    public static boolean isPointer(long v) { return (v & 8) != 0; }

    public static int payload(long v) { return (int) (v >>> 32); }

    public static long ofInt(int i) { return ((long) i << 32) | TAG_INT; }

    public static long ofBool(boolean b) { return b ? TRUE : FALSE; }

    public static long ofBuiltin(int id) { return ((long) id << 32) | TAG_BUILTIN; }

    public static long pointer(int tag, int address) { return ((long) address << 32) | tag; }

    public static boolean isInt(long v) { return tag(v) == TAG_INT; }

    public static boolean isBool(long v) { return tag(v) == TAG_BOOL; }

    public static boolean isStr(long v) { return tag(v) == TAG_STR; }

    public static boolean isRec(long v) { return tag(v) == TAG_REC; }

    public static boolean isFunction(long v) { int t = tag(v); return t == TAG_FUN || t == TAG_BUILTIN; }

    /** Heap address (word index) of a pointer value. */
    public static int address(long v) { return (int) (v >>> 32); }

    /** The spec's kind name of a value, for error messages. */
    public static String kindName(long v) {
        switch (tag(v)) {
            case TAG_NONE: return "None";
            case TAG_BOOL: return "bool";
            case TAG_INT: return "int";
            case TAG_STR: return "string";
            case TAG_REC: return "record";
            case TAG_FUN: case TAG_BUILTIN: return "function";
            default: return "internal value (tag " + tag(v) + ")";
        }
    }
}
