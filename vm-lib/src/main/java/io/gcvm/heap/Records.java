package io.gcvm.heap;

/**
 * Layout and non-allocating operations of records. A record is shaped, an array or a dictionary:
 *
 * <pre>
 *   record:      [header][layout][value 0][value 1] ...
 *   shape:       [header][count:int][key 0][key 1] ...                keys sorted, distinct
 *   array:       [header][count:int][value 0][value 1] ... [None] ...  (a TABLE; keys "0" .. count-1)
 *   dictionary:  [header][count:int][key 0][value 0][key 1][value 1] ...  (a TABLE, sorted by key)
 *   hashed:      [header][count:int][key 0][value 0] ... [hash index]  (a TABLE, in insertion order)
 * </pre>
 *
 * <p><b>Shaped</b> (layout is a {@link Value#TAG_SHAPE} pointer): the field names are those of
 * a record literal, known when the program is compiled; each literal's shape is made once
 * when the program starts, and every record it creates holds just its values inline. A
 * two-field record is four words, one object. Field access finds the key's index in the shape
 * (binary search, or the interpreter's inline cache keyed by the shape's pointer).
 *
 * <p><b>Dictionary</b> (layout is a {@link Value#TAG_OBJ} pointer to a table): a record that
 * got a field its shape does not have. A small one keeps its fields sorted by key, so lookup
 * is a binary search and printing needs no sort. The record's inline words are then unused (None).
 *
 * <p>A dictionary table with room for {@value #HASHED_CAPACITY} fields or more is <b>hashed</b>:
 * it holds a hash index after its entries, 2^k slots, two per word, each 0 (empty) or a
 * field's index + 1, found by linear probing from the top k bits of {@link Strings#hash} of
 * the key; at most half the slots are used. Its fields are no longer kept sorted: a new key
 * is appended, so a field's index never changes (and neither do the interpreter's hints,
 * which a sorted insertion would shift for every key above it), and a key is found with one
 * hash and usually one comparison instead of log2(count). Printing sorts the fields in place
 * first ({@link #sortKeys}), when they are out of order. The slots sit in bits 4-31 and
 * 32-63 of each word, so the word's tag bits say "not a pointer" (the collector passes over
 * it), and a collection moves the table whole. The index costs half a word per field of
 * capacity: it pays for dictionaries keyed by many strings, as a word count's, not for small ones.
 *
 * <p><b>Array</b> (layout is a {@link Value#TAG_ARRAY} pointer to a table): a record whose keys
 * are exactly the decimal forms of 0 .. count-1, as a record filled by {@code r[i] = v} for
 * i = 0, 1, 2 ... is. It holds no key strings: the value of field n is at index n, so
 * {@code r[n]} is one bounds check and one load, and the table takes one word per field instead
 * of two plus a key string. An empty shaped record becomes an array when field 0 is stored,
 * and an array stays one while fields are stored at existing indices or appended at index
 * count; any other new key turns it into a dictionary for good (see {@code
 * Interpreter.storeField}). Where an index is asked for, an array's field index is the array
 * index, not the key's position in key order ({@link #lexIndex} maps between the two for printing).
 *
 * <p>Keys are heap strings; a constant key is the same string object every time, so searches
 * try identity before comparing bytes.
 */
public final class Records {
    private Records() {}

    public static final int LAYOUT = 1;
    public static final int VALUES = 2;
    public static final int SHAPE_COUNT = 1, SHAPE_KEYS = 2;
    public static final int DICT_COUNT = 1, DICT_ENTRIES = 2;
    public static final int ARRAY_COUNT = 1, ARRAY_VALUES = 2;
    /** A dictionary starts with room for this many fields, and doubles. */
    public static final int INITIAL_CAPACITY = 4;
    /** A dictionary table with room for this many fields or more has a hash index (see the class comment). */
    public static final int HASHED_CAPACITY = 64;
    /** Bits 4-9 of a dictionary's count word: log2 of its hash index's words, or 0 for none. */
    private static final int INDEX_SHIFT = 4, INDEX_BITS = 0x3F;

    /** Words of a record created by a literal whose shape has {@code fields} keys. */
    public static int wordsFor(int fields) { return VALUES + fields; }

    public static boolean isShaped(long[] mem, int r) { return Value.tag(mem[r + LAYOUT]) == Value.TAG_SHAPE; }

    public static boolean isArray(long[] mem, int r) { return Value.tag(mem[r + LAYOUT]) == Value.TAG_ARRAY; }

    // ------------------------------------------------------------------ shapes

    public static int shapeCount(long[] mem, int s) { return Value.payload(mem[s + SHAPE_COUNT]); }

    /** Index of string {@code key} in shape {@code s}, or -1. */
    public static int shapeIndex(long[] mem, int s, int key) {
        int lo = 0, hi = shapeCount(mem, s) - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int k = Value.address(mem[s + SHAPE_KEYS + mid]);
            int c = k == key ? 0 : Strings.compare(mem, k, key);
            if (c < 0) lo = mid + 1;
            else if (c > 0) hi = mid - 1;
            else return mid;
        }
        return -1;
    }

    // ------------------------------------------------------------------ either layout

    private static int layout(long[] mem, int r) { return Value.address(mem[r + LAYOUT]); }

    public static int count(long[] mem, int r) {
        int l = layout(mem, r);
        return Value.payload(mem[l + (isShaped(mem, r) ? SHAPE_COUNT : DICT_COUNT)]); // ARRAY_COUNT == DICT_COUNT
    }

    /** The key of field {@code i} of a shaped or dictionary record (an array's keys are not strings: its index). */
    public static long keyAt(long[] mem, int r, int i) {
        int l = layout(mem, r);
        return isShaped(mem, r) ? mem[l + SHAPE_KEYS + i] : mem[l + DICT_ENTRIES + 2 * i];
    }

    public static long valueAt(long[] mem, int r, int i) {
        long layout = mem[r + LAYOUT];
        switch (Value.tag(layout)) {
            case Value.TAG_SHAPE: return mem[r + VALUES + i];
            case Value.TAG_ARRAY: return mem[Value.address(layout) + ARRAY_VALUES + i];
            default: return mem[Value.address(layout) + DICT_ENTRIES + 2 * i + 1];
        }
    }

    /**
     * {@link #find}, trying index {@code hint} first: where an equal key was found last, since
     * code like {@code x[k] = x[k] + 1} looks the same key up twice, a program looks its
     * frequent keys up again and again, and records with the same keys (say, two counts kept
     * per word) hold each at the same index. The guess is checked against the key there, so
     * any int is a safe hint.
     */
    public static int find(long[] mem, int r, int key, int hint) {
        long layout = mem[r + LAYOUT];
        int l = Value.address(layout);
        if (hint >= 0 && Value.tag(layout) == Value.TAG_OBJ && hint < Value.payload(mem[l + DICT_COUNT])) {
            int k = Value.address(mem[l + DICT_ENTRIES + 2 * hint]);
            long len = mem[k + 1];
            // a key of at most 8 bytes is its length and one word: compared here, without a call
            if (len == mem[key + 1] && (len == 0 || (len <= 8 ? mem[k + Strings.HEADER_WORDS] == mem[key + Strings.HEADER_WORDS]
                    : Strings.equal(mem, k, key)))) {
                return hint;
            }
        }
        return find(mem, r, key);
    }

    /**
     * Index of {@code key} (a string's address) among the fields, or -(insertion point) - 1
     * (for an array, where the key would go were it a dictionary: never an insertion point;
     * for a hashed dictionary, its count: a new key is appended).
     */
    public static int find(long[] mem, int r, int key) {
        long layout = mem[r + LAYOUT];
        int l = Value.address(layout);
        int first, stride, count;
        if (Value.tag(layout) == Value.TAG_ARRAY) {
            int n = decimalIndex(mem, key);
            return n >= 0 && n < Value.payload(mem[l + ARRAY_COUNT]) ? n : -1;
        } else if (Value.tag(layout) == Value.TAG_SHAPE) {
            first = l + SHAPE_KEYS;
            stride = 1;
            count = Value.payload(mem[l + SHAPE_COUNT]);
        } else {
            first = l + DICT_ENTRIES;
            stride = 2;
            count = Value.payload(mem[l + DICT_COUNT]);
            if (indexLog(mem, l) != 0) return hashFind(mem, l, Strings.hash(mem, key), key, 0, 0, 0);
        }
        if (count == 0) return -1;
        // the first 8 bytes of each key, as one word, decide most comparisons: find the first
        // key whose first word is not below the key's. Branch-free halving (C1 turns the
        // conditional into a conditional move), as the outcome of each step is unpredictable.
        int len = Strings.length(mem, key);
        long w = Strings.firstWord(mem, key) ^ Long.MIN_VALUE; // flipped: signed compares order them unsigned
        int base = 0, n = count;
        while (n > 1) {
            int half = n >>> 1, mid = base + half;
            long x = Strings.firstWord(mem, Value.address(mem[first + stride * mid])) ^ Long.MIN_VALUE;
            base = x < w ? mid : base;
            n -= half;
        }
        int i = (Strings.firstWord(mem, Value.address(mem[first + stride * base])) ^ Long.MIN_VALUE) < w ? base + 1 : base;
        // then the keys sharing that first word (rarely more than one), in order
        for (; i < count; i++) {
            int k = Value.address(mem[first + stride * i]);
            if ((Strings.firstWord(mem, k) ^ Long.MIN_VALUE) != w) break;
            int lk = Strings.length(mem, k);
            // equal first words: if either string is that short, the shorter one is a prefix of the other
            int c = k == key ? 0 : lk <= 8 || len <= 8 ? Integer.compare(lk, len) : Strings.compare(mem, k, key);
            if (c == 0) return i;
            if (c > 0) break;
        }
        return -i - 1;
    }

    /**
     * Index of the field whose key is the decimal form of {@code n} (what {@code r[n]} means),
     * or a negative number if there is none. Allocates nothing: an int of at most 8 characters
     * is compared as one packed word ({@link Strings#packDecimal}), a longer one through the
     * digits in {@code buf} (12 bytes of the caller's).
     */
    public static int findInt(long[] mem, int r, int n, byte[] buf) {
        if (n > 99_999_999 || n < -9_999_999) return findLongInt(mem, r, n, buf);
        // n's decimal form, packed as a string's first word is
        long w = Strings.packDecimal(n), x;
        int len = Strings.decimalLength(n);
        long wf = w ^ Long.MIN_VALUE; // signed compares of flipped words order them unsigned
        long layout = mem[r + LAYOUT];
        int l = Value.address(layout);
        int first, stride, hi;
        if (Value.tag(layout) == Value.TAG_ARRAY) {
            return n >= 0 && n < Value.payload(mem[l + ARRAY_COUNT]) ? n : -1;
        } else if (Value.tag(layout) == Value.TAG_SHAPE) {
            first = l + SHAPE_KEYS;
            stride = 1;
            hi = Value.payload(mem[l + SHAPE_COUNT]) - 1;
        } else {
            first = l + DICT_ENTRIES;
            stride = 2;
            hi = Value.payload(mem[l + DICT_COUNT]) - 1;
            if (indexLog(mem, l) != 0) return hashFind(mem, l, Strings.hashWords(mem, w, 0, len), 0, w, 0, len);
            if (n >= 0 && n <= hi + 1) {
                // a record used as an array usually has exactly the keys 0..count-1: n is then
                // at its rank among them, or (n == count, an append) goes in at its rank among 0..n
                int at = denseRank(n, len, n <= hi ? hi + 1 : n + 1);
                if (n <= hi) {
                    int k = Value.address(mem[first + 2 * at]);
                    if ((int) mem[k + 1] == len && mem[k + Strings.HEADER_WORDS] == w) return at;
                } else if ((at == 0 || comparePacked(mem, Value.address(mem[first + 2 * (at - 1)]), wf, len) < 0)
                        && (at > hi || comparePacked(mem, Value.address(mem[first + 2 * at]), wf, len) > 0)) {
                    return -at - 1; // between its neighbours: absent, and this is where it goes
                }
            }
        }
        int lo = 0;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int k = Value.address(mem[first + stride * mid]);
            int lk = (int) mem[k + 1];
            // "" sorts first; past that, the first 8 bytes decide, then the lengths
            if (lk == 0 || (x = mem[k + Strings.HEADER_WORDS] ^ Long.MIN_VALUE) < wf || (x == wf && lk < len)) lo = mid + 1;
            else if (x != wf || lk != len) hi = mid - 1;
            else return mid;
        }
        return -lo - 1;
    }

    /** Compares string {@code k} with the packed decimal whose flipped word is {@code wf} ({@code len} bytes). */
    private static int comparePacked(long[] mem, int k, long wf, int len) {
        int lk = (int) mem[k + 1];
        if (lk == 0) return -1;
        long x = mem[k + Strings.HEADER_WORDS] ^ Long.MIN_VALUE;
        return x != wf ? (x < wf ? -1 : 1) : Integer.compare(lk, len);
    }

    private static final long[] POW10 = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
            100_000_000L, 1_000_000_000L, 10_000_000_000L};

    /**
     * Where the decimal form of {@code n} ({@code digits} long, {@code 0 <= n < count}) sorts
     * among the decimal forms of 0 .. count-1: the index of r[n] in a dictionary whose keys are
     * exactly those. Sums, over each length, the numbers of that length that sort before it.
     */
    static int denseRank(int n, int digits, int count) {
        if (n == 0) return 0;
        // "0", then the numbers of n's length below n
        long rank = 1 + n - POW10[digits - 1];
        // each shorter length: those below n's prefix of that length, and the prefix itself
        long prefix = n;
        for (int len = digits - 1; len >= 1; len--) {
            prefix = (prefix * 0xCCCCCCCDL) >>> 35; // prefix / 10
            rank += prefix - POW10[len - 1] + 1;
        }
        // each longer length: those below n followed by zeros
        long below = n;
        for (int len = digits + 1; POW10[len - 1] < count; len++) {
            below *= 10;
            rank += Math.min(below, Math.min(POW10[len], count)) - POW10[len - 1];
        }
        return (int) rank;
    }

    private static int findLongInt(long[] mem, int r, int n, byte[] buf) {
        if (isArray(mem, r)) return n >= 0 && n < count(mem, r) ? n : -1;
        int from = Strings.decimal(n, buf);
        int len = buf.length - from;
        boolean shaped = isShaped(mem, r);
        int l = layout(mem, r);
        if (!shaped && indexLog(mem, l) != 0) {
            // at most 11 characters: two words
            long w0 = Strings.pack(buf, from, Math.min(len, 8)), w1 = len > 8 ? Strings.pack(buf, from + 8, len - 8) : 0;
            return hashFind(mem, l, Strings.hashWords(mem, w0, w1, len), 0, w0, w1, len);
        }
        int first = shaped ? l + SHAPE_KEYS : l + DICT_ENTRIES;
        int stride = shaped ? 1 : 2;
        int lo = 0, hi = count(mem, r) - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = Strings.compare(mem, Value.address(mem[first + stride * mid]), buf, from, len);
            if (c < 0) lo = mid + 1;
            else if (c > 0) hi = mid - 1;
            else return mid;
        }
        return -lo - 1;
    }

    /** Stores into the field at index {@code i} (from {@link #find} or {@link #findInt}). */
    public static void setAt(long[] mem, int r, int i, long value) {
        long layout = mem[r + LAYOUT];
        switch (Value.tag(layout)) {
            case Value.TAG_SHAPE: WriteBarrier.store(mem, r + VALUES + i, value); break;
            case Value.TAG_ARRAY: WriteBarrier.store(mem, Value.address(layout) + ARRAY_VALUES + i, value); break;
            default: WriteBarrier.store(mem, Value.address(layout) + DICT_ENTRIES + 2 * i + 1, value);
        }
    }

    public static long get(long[] mem, int r, int key) {
        int i = find(mem, r, key);
        return i >= 0 ? valueAt(mem, r, i) : Value.NONE;
    }

    // ------------------------------------------------------------------ arrays

    /**
     * The int whose canonical decimal form string {@code s} is ("0", or a digit 1-9 and then
     * digits), if it is a non-negative int: the array index the key names; else -1.
     */
    public static int decimalIndex(long[] mem, int s) {
        int len = Strings.length(mem, s);
        if (len == 0 || len > 10) return -1;
        long n = 0;
        for (int i = 0; i < len; i++) {
            int c = Strings.byteAt(mem, s, i) - '0';
            if (c < 0 || c > 9 || (c == 0 && i == 0 && len > 1)) return -1;
            n = n * 10 + c;
        }
        return n <= Integer.MAX_VALUE ? (int) n : -1;
    }

    /**
     * True if record {@code r} takes a new field at {@code index} as an array: it is an array
     * with {@code count == index}, or an empty shaped record and {@code index == 0}.
     */
    public static boolean appendsAt(long[] mem, int r, int index) {
        long layout = mem[r + LAYOUT];
        int l = Value.address(layout);
        switch (Value.tag(layout)) {
            case Value.TAG_ARRAY: return index >= 0 && index == Value.payload(mem[l + ARRAY_COUNT]);
            case Value.TAG_SHAPE: return index == 0 && Value.payload(mem[l + SHAPE_COUNT]) == 0;
            default: return false;
        }
    }

    /** True if array record {@code r} has room for one more value in its table. */
    public static boolean hasRoom(long[] mem, int r) {
        if (!isArray(mem, r)) return false;
        int a = layout(mem, r);
        return ARRAY_VALUES + Value.payload(mem[a + ARRAY_COUNT]) < ObjectKind.size(mem[a]);
    }

    /** Words of the table an array (or empty shaped) record should move to before it appends. */
    public static int arrayWordsForAppend(long[] mem, int r) {
        int cap = isArray(mem, r) ? 2 * (ObjectKind.size(mem[layout(mem, r)]) - ARRAY_VALUES) : INITIAL_CAPACITY;
        return ARRAY_VALUES + Math.max(INITIAL_CAPACITY, cap);
    }

    /**
     * Moves an array's values (none, for an empty shaped record) into {@code table} (freshly
     * allocated and cleared, at least as large as they need) and makes the record an array using it.
     */
    public static void adoptArray(long[] mem, int r, int table) {
        int n = 0;
        if (isArray(mem, r)) {
            int a = layout(mem, r);
            n = Value.payload(mem[a + ARRAY_COUNT]);
            System.arraycopy(mem, a + ARRAY_VALUES, mem, table + ARRAY_VALUES, n);
        }
        mem[table + ARRAY_COUNT] = Value.ofInt(n); // the table is new: its own stores need no barrier
        WriteBarrier.store(mem, r + LAYOUT, Value.pointer(Value.TAG_ARRAY, table));
    }

    /** Appends {@code value} at index count of an array record with room ({@link #hasRoom}). */
    public static void append(long[] mem, int r, long value) {
        int a = layout(mem, r);
        int n = Value.payload(mem[a + ARRAY_COUNT]);
        WriteBarrier.store(mem, a + ARRAY_VALUES + n, value);
        mem[a + ARRAY_COUNT] = Value.ofInt(n + 1);
    }

    /**
     * Where key n sorts among the keys of an array of {@code count} fields (the dictionary
     * index the field would have): {@link #denseRank}.
     */
    public static int rankInArray(int n, int count) { return denseRank(n, Strings.decimalLength(n), count); }

    /**
     * The array index of the field at position {@code ordinal} in key order, among the
     * decimal forms of 0 .. count-1 ("0", "1", "10", "100", ..., "11", ...): the inverse of
     * {@link #rankInArray}. Walks the tree of decimal prefixes, skipping whole subtrees.
     */
    public static int lexIndex(int ordinal, int count) {
        if (ordinal == 0) return 0;
        long last = count - 1L;
        long cur = 1;
        long k = ordinal - 1; // steps still to take among 1 .. count-1, in key order
        while (k > 0) {
            long under = 0; // keys with prefix cur: cur, cur0..cur9, cur00..cur99, ...
            for (long lo = cur, hi = cur; lo <= last; lo *= 10, hi = hi * 10 + 9) under += Math.min(last, hi) - lo + 1;
            if (under <= k) {
                k -= under;
                cur++;
            } else {
                k--;
                cur *= 10;
            }
        }
        return (int) cur;
    }

    // ------------------------------------------------------------------ adding a field

    /**
     * True if adding a new key needs a new dictionary table first (always, for a shaped record;
     * an array must be turned into a dictionary first, see {@code Interpreter.storeField}).
     */
    public static boolean needsTable(long[] mem, int r) {
        if (isShaped(mem, r)) return true;
        int t = layout(mem, r);
        return Value.payload(mem[t + DICT_COUNT]) == capacity(mem, t);
    }

    public static int capacity(long[] mem, int table) {
        int log = indexLog(mem, table);
        int words = ObjectKind.size(mem[table]) - DICT_ENTRIES;
        // with an index, at most half its slots (one per word) may be used, whatever rounding added
        return log == 0 ? words >>> 1 : Math.min((words - (1 << log)) >>> 1, 1 << log);
    }

    /**
     * Fields the dictionary table the record should move to before a new key is added has room
     * for: a shaped or array record's fields and one more (at least {@link #INITIAL_CAPACITY}),
     * or twice a full dictionary's.
     */
    public static int capacityForInsert(long[] mem, int r) {
        return isShaped(mem, r) || isArray(mem, r) ? Math.max(INITIAL_CAPACITY, count(mem, r) + 1) : capacity(mem, layout(mem, r)) * 2;
    }

    /** Words of a dictionary table with room for {@code capacity} fields, its hash index included. */
    public static int dictionaryWords(int capacity) { return DICT_ENTRIES + 2 * capacity + indexWords(capacity); }

    /** Words of the hash index of a table with room for {@code capacity} fields: a power of two, at least the capacity. */
    private static int indexWords(int capacity) {
        return capacity < HASHED_CAPACITY ? 0 : Integer.highestOneBit(capacity - 1) << 1;
    }

    /** log2 of the words of table {@code t}'s hash index, or 0 if it has none. */
    private static int indexLog(long[] mem, int t) { return (int) (mem[t + DICT_COUNT] >>> INDEX_SHIFT) & INDEX_BITS; }

    /**
     * Sets the count word of new dictionary table {@code t} (sized by {@link #dictionaryWords}
     * for {@code capacity}, entries in place) to {@code n} fields, and fills in its hash index
     * if its capacity has one.
     */
    public static void initDictionary(long[] mem, int t, int n, int capacity) {
        int words = indexWords(capacity);
        int log = words == 0 ? 0 : Integer.numberOfTrailingZeros(words);
        mem[t + DICT_COUNT] = Value.ofInt(n) | (long) log << INDEX_SHIFT; // a new table: no barrier
        if (log != 0) buildIndex(mem, t, log, n);
    }

    /** Makes hashed table {@code t}'s index (2^log words) of its fields 0..n-1 from scratch. */
    private static void buildIndex(long[] mem, int t, int log, int n) {
        int index = indexAt(mem, t, log);
        java.util.Arrays.fill(mem, index, index + (1 << log), 0L);
        for (int i = 0; i < n; i++) indexField(mem, t, log, i);
    }

    // The index's 2^(log+1) slots: slot j is bits 4-31 (j even) or 32-63 (j odd) of word j/2.
    private static int slot(long[] mem, int index, int j) {
        long w = mem[index + (j >>> 1)];
        return (j & 1) == 0 ? (int) w >>> INDEX_SHIFT : (int) (w >>> 32);
    }

    private static void setSlot(long[] mem, int index, int j, int v) {
        int at = index + (j >>> 1);
        mem[at] = (j & 1) == 0 ? (mem[at] & 0xFFFFFFFF00000000L) | (long) v << INDEX_SHIFT
                : (mem[at] & 0xFFFFFFFFL) | (long) v << 32;
    }

    private static int indexAt(long[] mem, int t, int log) { return t + ObjectKind.size(mem[t]) - (1 << log); }

    /**
     * Index of a key among the fields of hashed dictionary table {@code t}, or -count - 1 (a
     * new key goes at the end): the heap string {@code key}, or, when that is 0 (no object is
     * there), the {@code len} bytes (at most 16) packed in {@code w0} and {@code w1} as a
     * string's words (an int's decimal form, which has no string). {@code h}: its {@link Strings#hash}.
     */
    private static int hashFind(long[] mem, int t, long h, int key, long w0, long w1, int len) {
        int log = indexLog(mem, t), index = indexAt(mem, t, log), mask = (2 << log) - 1;
        for (int j = (int) (h >>> (63 - log)); ; j = (j + 1) & mask) {
            int v = slot(mem, index, j);
            if (v == 0) return -Value.payload(mem[t + DICT_COUNT]) - 1;
            int k = Value.address(mem[t + DICT_ENTRIES + 2 * (v - 1)]);
            if (key != 0 ? Strings.equal(mem, k, key)
                    : (int) mem[k + 1] == len && mem[k + Strings.HEADER_WORDS] == w0 && (len <= 8 || mem[k + Strings.HEADER_WORDS + 1] == w1)) {
                return v - 1;
            }
        }
    }

    /** Enters field {@code i} (its key in place) into hashed table {@code t}'s index. */
    private static void indexField(long[] mem, int t, int log, int i) {
        int index = indexAt(mem, t, log), mask = (2 << log) - 1;
        int j = (int) (Strings.hash(mem, Value.address(mem[t + DICT_ENTRIES + 2 * i])) >>> (63 - log));
        while (slot(mem, index, j) != 0) j = (j + 1) & mask;
        setSlot(mem, index, j, i + 1);
    }

    /**
     * Keys added since a hashed dictionary was last sorted, up to which {@link #sortKeys} puts
     * each in place by a binary search and a shift (n moves each) rather than heapsorting all
     * n (n log n comparisons of strings).
     */
    private static final int SHORT_TAIL = 16;

    /**
     * Puts the fields of dictionary record {@code r} in key order, if it is hashed and they are
     * not (printing walks them by index). Allocates nothing; the index is made again.
     */
    public static void sortKeys(long[] mem, int r) {
        if (Value.tag(mem[r + LAYOUT]) != Value.TAG_OBJ) return;
        int t = layout(mem, r), log = indexLog(mem, t);
        if (log == 0) return;
        int n = Value.payload(mem[t + DICT_COUNT]), e = t + DICT_ENTRIES;
        int sorted = 1; // fields 0 .. sorted-1 are in order
        while (sorted < n && compareKeys(mem, e, sorted - 1, sorted) < 0) sorted++;
        if (sorted >= n) return;
        if (n - sorted <= SHORT_TAIL) {
            // a few keys added since the last sort (a record printed as it grows): each goes
            // where a binary search over those before it says, the ones above moving up
            for (int i = sorted; i < n; i++) {
                int lo = 0, hi = i;
                while (lo < hi) {
                    int mid = (lo + hi) >>> 1;
                    if (compareKeys(mem, e, mid, i) < 0) lo = mid + 1;
                    else hi = mid;
                }
                long k = mem[e + 2 * i], v = mem[e + 2 * i + 1];
                System.arraycopy(mem, e + 2 * lo, mem, e + 2 * lo + 2, 2 * (i - lo));
                mem[e + 2 * lo] = k;
                mem[e + 2 * lo + 1] = v;
            }
        } else {
            // heapsort of the (key, value) pairs: in place, n log n comparisons
            for (int i = n / 2 - 1; i >= 0; i--) siftDown(mem, e, i, n);
            for (int end = n - 1; end > 0; end--) {
                swapEntries(mem, e, 0, end);
                siftDown(mem, e, 0, end);
            }
        }
        WriteBarrier.remember(mem, e, e + 2 * n); // values moved to other cards
        buildIndex(mem, t, log, n);
    }

    private static int compareKeys(long[] mem, int e, int i, int j) {
        return Strings.compare(mem, Value.address(mem[e + 2 * i]), Value.address(mem[e + 2 * j]));
    }

    private static void siftDown(long[] mem, int e, int i, int n) {
        for (int c; (c = 2 * i + 1) < n; i = c) {
            if (c + 1 < n && compareKeys(mem, e, c, c + 1) < 0) c++;
            if (compareKeys(mem, e, i, c) >= 0) return;
            swapEntries(mem, e, i, c);
        }
    }

    private static void swapEntries(long[] mem, int e, int i, int j) {
        int a = e + 2 * i, b = e + 2 * j;
        long k = mem[a], v = mem[a + 1];
        mem[a] = mem[b];
        mem[a + 1] = mem[b + 1];
        mem[b] = k;
        mem[b + 1] = v;
    }

    /**
     * Moves the fields into {@code table} (freshly allocated and cleared, any size from
     * {@link #dictionaryWords} of {@code capacity} up: its capacity is what fits) and makes
     * the record a dictionary using it.
     */
    public static void adoptTable(long[] mem, int r, int table, int capacity) {
        int n = count(mem, r);
        if (isShaped(mem, r)) {
            int s = layout(mem, r);
            for (int i = 0; i < n; i++) {
                mem[table + DICT_ENTRIES + 2 * i] = mem[s + SHAPE_KEYS + i];
                mem[table + DICT_ENTRIES + 2 * i + 1] = mem[r + VALUES + i];
                mem[r + VALUES + i] = Value.NONE; // no longer used: keep no object alive
            }
        } else {
            System.arraycopy(mem, layout(mem, r) + DICT_ENTRIES, mem, table + DICT_ENTRIES, 2 * n);
        }
        initDictionary(mem, table, n, capacity); // the table is new: its own stores need no barrier
        WriteBarrier.store(mem, r + LAYOUT, Value.pointer(Value.TAG_OBJ, table));
    }

    /**
     * Adds a key the dictionary record does not have, where it sorts: {@code at} is the insertion
     * point {@link #find} returned for it (-result - 1), still right if the record moved or
     * adopted a table since. A hashed table appends it whatever {@code at} says (it may have
     * been worked out in the sorted table the record had before). Returns the new field's
     * index. There must be room ({@link #needsTable} false).
     */
    public static int insertAt(long[] mem, int r, int at, long key, long value) {
        int t = layout(mem, r);
        int n = Value.payload(mem[t + DICT_COUNT]);
        int base = t + DICT_ENTRIES;
        int log = indexLog(mem, t);
        if (log != 0) {
            at = n;
        } else if (at < n) {
            System.arraycopy(mem, base + 2 * at, mem, base + 2 * (at + 1), 2 * (n - at));
            WriteBarrier.remember(mem, base + 2 * (at + 1), base + 2 * (n + 1)); // entries moved to other cards
        }
        WriteBarrier.store(mem, base + 2 * at, key);
        WriteBarrier.store(mem, base + 2 * at + 1, value);
        mem[t + DICT_COUNT] += 1L << 32; // count + 1, the index's size kept
        if (log != 0) indexField(mem, t, log, at);
        return at;
    }
}
