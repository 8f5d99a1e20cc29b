package io.gcvm.heap;

/**
 * Layout and non-allocating operations of records.
 *
 * <pre>
 *   record: [header][count: int][table: TABLE value, or None while empty]
 *   table:  [header][key 0][value 0][key 1][value 1] ...   capacity = (size - 1) / 2
 * </pre>
 *
 * Fields are kept sorted by key (byte order), so lookup is a binary search, printing needs no
 * sort, and no scratch memory is needed for either. Keys are heap strings; a constant key is
 * the same string object every time, so the search tries identity before comparing bytes.
 */
public final class Records {
    private Records() {}

    public static final int WORDS = 3;
    public static final int INITIAL_CAPACITY = 4;

    public static int count(long[] mem, int r) { return Value.payload(mem[r + 1]); }

    /** Address of the table, or 0 when the record has never had a field. */
    public static int table(long[] mem, int r) {
        long t = mem[r + 2];
        return t == Value.NONE ? 0 : Value.address(t);
    }

    public static int capacity(long[] mem, int table) { return (ObjectKind.size(mem[table]) - 1) >>> 1; }

    public static long keyAt(long[] mem, int table, int i) { return mem[table + 1 + 2 * i]; }

    public static long valueAt(long[] mem, int table, int i) { return mem[table + 2 + 2 * i]; }

    /**
     * Index of {@code key} among the record's fields, or {@code -(insertion point) - 1}.
     * {@code key} is the address of a heap string.
     */
    public static int find(long[] mem, int r, int key) {
        int t = table(mem, r);
        int lo = 0, hi = count(mem, r) - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int k = Value.address(keyAt(mem, t, mid));
            int c = k == key ? 0 : Strings.compare(mem, k, key);
            if (c < 0) lo = mid + 1;
            else if (c > 0) hi = mid - 1;
            else return mid;
        }
        return -lo - 1;
    }

    public static long get(long[] mem, int r, int key) {
        int i = find(mem, r, key);
        return i >= 0 ? valueAt(mem, table(mem, r), i) : Value.NONE;
    }

    /** True if storing a new key needs a bigger table first. */
    public static boolean full(long[] mem, int r) {
        int t = table(mem, r);
        return t == 0 || count(mem, r) == capacity(mem, t);
    }

    /** Words of the table a full record should grow to. */
    public static int grownTableWords(long[] mem, int r) {
        int t = table(mem, r);
        int cap = t == 0 ? INITIAL_CAPACITY : capacity(mem, t) * 2;
        return 1 + 2 * cap;
    }

    /** Moves the fields into {@code newTable} (freshly allocated, cleared) and installs it. */
    public static void adoptTable(long[] mem, int r, int newTable) {
        int t = table(mem, r);
        if (t != 0) System.arraycopy(mem, t + 1, mem, newTable + 1, 2 * count(mem, r));
        mem[r + 2] = Value.pointer(Value.TAG_OBJ, newTable);
    }

    /** Sets field {@code key}; when the key is new the table must have room ({@link #full} false). */
    public static void put(long[] mem, int r, long key, long value) {
        int i = find(mem, r, Value.address(key));
        int t = table(mem, r);
        if (i >= 0) {
            mem[t + 2 + 2 * i] = value;
            return;
        }
        int at = -i - 1;
        int n = count(mem, r);
        System.arraycopy(mem, t + 1 + 2 * at, mem, t + 1 + 2 * (at + 1), 2 * (n - at));
        mem[t + 1 + 2 * at] = key;
        mem[t + 2 + 2 * at] = value;
        mem[r + 1] = Value.ofInt(n + 1);
    }
}
