package io.gcvm.heap;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Lookups of records against a plain search over Java strings, on keys chosen to catch edge cases. */
class RecordsTest {
    private final Heap heap = new Heap(4, false, false, null);
    private final long[] mem = heap.mem;

    RecordsTest() { heap.setRoots(v -> {}); }

    private int string(String text) {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        int s = heap.allocate(ObjectKind.STRING, Strings.wordsFor(b.length));
        mem[s + 1] = b.length;
        for (int i = 0; i < b.length; i++) Strings.setByte(mem, s, i, b[i]);
        return s;
    }

    /** A dictionary record holding {@code keys} (in byte order, as Records keeps them). */
    private int dictionary(List<String> keys) {
        int r = heap.allocate(ObjectKind.RECORD, Records.wordsFor(0));
        int t = heap.allocate(ObjectKind.TABLE, Records.DICT_ENTRIES + 2 * keys.size());
        for (int i = 0; i < keys.size(); i++) {
            mem[t + Records.DICT_ENTRIES + 2 * i] = Value.pointer(Value.TAG_STR, string(keys.get(i)));
            mem[t + Records.DICT_ENTRIES + 2 * i + 1] = Value.ofInt(i);
        }
        mem[t + Records.DICT_COUNT] = Value.ofInt(keys.size());
        mem[r + Records.LAYOUT] = Value.pointer(Value.TAG_OBJ, t);
        return r;
    }

    private static int expected(List<String> sorted, String key) {
        int i = 0;
        while (i < sorted.size() && byteCompare(sorted.get(i), key) < 0) i++;
        return i < sorted.size() && sorted.get(i).equals(key) ? i : -i - 1;
    }

    private static int byteCompare(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.ISO_8859_1), b.getBytes(StandardCharsets.ISO_8859_1));
    }

    private void check(List<String> keys, int... probes) {
        TreeSet<String> set = new TreeSet<>(RecordsTest::byteCompare);
        set.addAll(keys);
        List<String> sorted = new ArrayList<>(set);
        int r = dictionary(sorted);
        assertEquals(0, heap.collections(), "no roots here: nothing may be collected");
        byte[] buf = new byte[12];
        for (int n : probes) {
            assertEquals(expected(sorted, Integer.toString(n)), Records.findInt(mem, r, n, buf), "r[" + n + "] in " + sorted);
        }
    }

    private void checkStrings(List<String> keys, List<String> probes) {
        TreeSet<String> set = new TreeSet<>(RecordsTest::byteCompare);
        set.addAll(keys);
        List<String> sorted = new ArrayList<>(set);
        int r = dictionary(sorted);
        for (String p : probes) {
            int key = string(p);
            int want = expected(sorted, p);
            assertEquals(want, Records.find(mem, r, key), "r[\"" + p + "\"] in " + sorted);
            // any hint, right or wrong, gives the same answer
            for (int hint : new int[] {-5, -1, 0, 1, sorted.size() - 1, sorted.size(), sorted.size() + 3, want, -want - 1, Integer.MAX_VALUE}) {
                assertEquals(want, Records.find(mem, r, key, hint), "r[\"" + p + "\"] hinted " + hint + " in " + sorted);
            }
        }
        // the very key objects of the record: found by identity
        for (int i = 0; i < sorted.size(); i++) {
            int t = Value.address(mem[r + Records.LAYOUT]);
            assertEquals(i, Records.find(mem, r, Value.address(mem[t + Records.DICT_ENTRIES + 2 * i])));
        }
        assertEquals(0, heap.collections(), "no roots here: nothing may be collected");
    }

    @Test
    void findsStringKeysAmongAwkwardKeys() {
        List<String> keys = List.of("", "\0", "\0\0", "a", "a\0", "abcdefgh", "abcdefgh\0", "abcdefghi", "abcdefghij",
                "abcdefgg", "abcdefgi", "b", "\u00ff", "\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff", "longer key with spaces");
        List<String> probes = new ArrayList<>(keys);
        probes.addAll(List.of("abcdefg", "abcdefgh\0\0", "abcdefghia", "abcdefgha", "aa", "\u00fe", "c", "abcdefghij\0", "zzzzzzzzzzzz"));
        checkStrings(List.of(), probes);
        checkStrings(List.of(""), probes);
        checkStrings(keys, probes);
    }

    @Test
    void findsStringKeysInRandomRecords() {
        Random rnd = new Random(11);
        String[] alphabet = {"a", "b", "\0", "\u00ff"};
        for (int round = 0; round < 200; round++) {
            List<String> keys = new ArrayList<>(), probes = new ArrayList<>();
            for (int i = rnd.nextInt(30); i > 0; i--) keys.add(randomString(rnd, alphabet));
            for (int i = 0; i < 20; i++) probes.add(randomString(rnd, alphabet));
            checkStrings(keys, probes);
        }
    }

    private static String randomString(Random rnd, String[] alphabet) {
        StringBuilder sb = new StringBuilder();
        for (int j = rnd.nextInt(19); j > 0; j--) sb.append(alphabet[rnd.nextInt(alphabet.length)]);
        return sb.toString();
    }

    @Test
    void copiesAtEveryAlignment() {
        Random rnd = new Random(3);
        for (int srcLen = 0; srcLen <= 20; srcLen++) {
            for (int from = 0; from <= srcLen; from++) {
                for (int at = 0; at <= 17; at++) {
                    int len = srcLen - from;
                    StringBuilder text = new StringBuilder();
                    for (int i = 0; i < srcLen; i++) text.append((char) (1 + rnd.nextInt(255)));
                    int src = string(text.toString());
                    int total = at + len + rnd.nextInt(3);
                    int words = Strings.wordsFor(total);
                    int dst = heap.allocate(ObjectKind.STRING, words + 1); // one guard word past the string
                    mem[dst + 1] = total;
                    mem[dst + words] = 0x5A5A5A5A5A5A5A5AL;
                    for (int i = 0; i < at; i++) Strings.setByte(mem, dst, i, 'p');
                    Strings.copy(mem, src, from, dst, at, len);
                    String want = "p".repeat(at) + text.substring(from) + "\0".repeat(total - at - len);
                    assertEquals(want, Strings.toJava(mem, dst), "from " + from + " at " + at + " len " + len);
                    assertEquals(0x5A5A5A5A5A5A5A5AL, mem[dst + words], "wrote past the string");
                    if ((total & 7) != 0) assertEquals(0, mem[dst + words - 1] << ((total & 7) * 8), "padding not zero");
                    assertEquals(0, heap.collections());
                }
            }
        }
    }

    /** Ranks of dense keys (where r[n] sits in a dictionary of 0..count-1), and back: an array's indices in key order. */
    @Test
    void ranksDenseKeysAndListsArrayIndicesInKeyOrder() {
        for (int count : new int[] {1, 2, 9, 10, 11, 64, 99, 100, 101, 1000, 1234, 20_000}) {
            List<String> sorted = new ArrayList<>();
            for (int i = 0; i < count; i++) sorted.add(Integer.toString(i));
            sorted.sort(RecordsTest::byteCompare);
            for (int i = 0; i < count; i++) {
                int n = Integer.parseInt(sorted.get(i));
                assertEquals(i, Records.denseRank(n, sorted.get(i).length(), count), n + " among 0.." + (count - 1));
                assertEquals(i, Records.rankInArray(n, count), n + " among 0.." + (count - 1));
                assertEquals(n, Records.lexIndex(i, count), "position " + i + " among 0.." + (count - 1));
            }
        }
    }

    @Test
    void readsArrayIndicesOnlyFromCanonicalDecimals() {
        String[] keys = {"0", "7", "10", "2147483647", "2147483648", "99999999999", "00", "01", "-1", "-0", "+1", "",
                "1a", "a", " 1", "1 ", "1\0", "4294967296"};
        int[] want = {0, 7, 10, Integer.MAX_VALUE, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1};
        for (int i = 0; i < keys.length; i++) assertEquals(want[i], Records.decimalIndex(mem, string(keys[i])), "\"" + keys[i] + "\"");
    }

    /** An array record of values 100, 101, ... (count of them) with room for {@code capacity}. */
    private int array(int count, int capacity) {
        int r = heap.allocate(ObjectKind.RECORD, Records.wordsFor(0));
        int t = heap.allocate(ObjectKind.TABLE, Records.ARRAY_VALUES + capacity);
        for (int i = 0; i < count; i++) mem[t + Records.ARRAY_VALUES + i] = Value.ofInt(100 + i);
        mem[t + Records.ARRAY_COUNT] = Value.ofInt(count);
        mem[r + Records.LAYOUT] = Value.pointer(Value.TAG_ARRAY, t);
        return r;
    }

    @Test
    void findsArrayFieldsByIntAndByString() {
        int r = array(12, 16);
        byte[] buf = new byte[12];
        for (int n : new int[] {-1, 0, 5, 11, 12, 13, 1000, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
            int want = n >= 0 && n < 12 ? n : -1;
            assertEquals(want, Records.findInt(mem, r, n, buf), "r[" + n + "]");
            assertEquals(want, Records.find(mem, r, string(Integer.toString(n))), "r[\"" + n + "\"]");
            if (want >= 0) assertEquals(Value.ofInt(100 + n), Records.valueAt(mem, r, want));
        }
        assertEquals(-1, Records.find(mem, r, string("05")));
        assertEquals(-1, Records.find(mem, r, string("x")));
        assertEquals(12, Records.count(mem, r));
    }

    @Test
    void appendsWhereTheArrayEnds() {
        int r = array(3, 4);
        assertEquals(true, Records.appendsAt(mem, r, 3));
        assertEquals(false, Records.appendsAt(mem, r, 2));
        assertEquals(false, Records.appendsAt(mem, r, 4));
        assertEquals(false, Records.appendsAt(mem, r, -1));
        assertEquals(true, Records.hasRoom(mem, r));
        Records.append(mem, r, Value.ofInt(7));
        assertEquals(false, Records.hasRoom(mem, r));
        assertEquals(Records.ARRAY_VALUES + 8, Records.arrayWordsForAppend(mem, r));
        int t = heap.allocate(ObjectKind.TABLE, Records.arrayWordsForAppend(mem, r));
        Records.adoptArray(mem, r, t);
        assertEquals(true, Records.hasRoom(mem, r));
        assertEquals(4, Records.count(mem, r));
        for (int i = 0; i < 3; i++) assertEquals(Value.ofInt(100 + i), Records.valueAt(mem, r, i));
        assertEquals(Value.ofInt(7), Records.valueAt(mem, r, 3));
        // an empty shaped record takes field 0 as an array, a non-empty one never does
        int empty = heap.allocate(ObjectKind.RECORD, Records.wordsFor(0));
        int shape = heap.allocate(ObjectKind.SHAPE, Records.SHAPE_KEYS);
        mem[shape + Records.SHAPE_COUNT] = Value.ofInt(0);
        mem[empty + Records.LAYOUT] = Value.pointer(Value.TAG_SHAPE, shape);
        assertEquals(true, Records.appendsAt(mem, empty, 0));
        assertEquals(false, Records.appendsAt(mem, empty, 1));
        assertEquals(false, Records.appendsAt(mem, dictionary(List.of()), 0));
    }

    @Test
    void findsIntKeysInNearlyDenseRecords() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 150; i++) keys.add(Integer.toString(i));
        check(keys, 0, 5, 99, 100, 149, 150, -1);
        keys.remove("17");
        keys.add("150");
        check(keys, 0, 5, 16, 17, 18, 99, 100, 149, 150, 151);
        keys.add("x");
        check(keys, 0, 5, 16, 17, 18, 99, 100, 149, 150, 151);
        keys.remove("x");
        keys.remove("0");
        keys.add("00");
        check(keys, 0, 1, 5, 16, 17, 18, 99, 100, 149, 150, 151);
    }

    @Test
    void countsDecimalDigits() {
        for (long p = 1; p <= 10_000_000_000L; p *= 10) {
            for (long m : new long[] {p - 1, p, p + 1, -p + 1, -p, -p - 1}) {
                if (m < Integer.MIN_VALUE || m > Integer.MAX_VALUE) continue;
                int n = (int) m;
                assertEquals(Integer.toString(n).length(), Strings.decimalLength(n), Integer.toString(n));
            }
        }
        for (int n : new int[] {Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE + 1}) {
            assertEquals(Integer.toString(n).length(), Strings.decimalLength(n), Integer.toString(n));
        }
    }

    @Test
    void packsDecimals() {
        java.util.List<Integer> ns = new java.util.ArrayList<>(java.util.List.of(99_999_999, -9_999_999, 12_345_678, -1_234_567));
        for (int n = -10_000; n <= 10_000; n++) ns.add(n);
        for (int p = 100_000; p <= 10_000_000; p *= 10) ns.addAll(java.util.List.of(p - 1, p, p + 1, -p + 1, p * 9 + 9));
        for (int n : ns) {
            long w = Strings.packDecimal(n);
            String text = Integer.toString(n);
            for (int i = 0; i < 8; i++) {
                int b = (int) (w >>> (56 - 8 * i)) & 0xFF;
                assertEquals(i < text.length() ? text.charAt(i) : 0, b, n + " byte " + i);
            }
        }
    }

    @Test
    void findsIntKeysAmongAwkwardKeys() {
        int[] probes = {0, 1, 2, 9, 10, 11, 19, 20, 100, 12_345_678, 99_999_999, 100_000_000, 123_456_789,
                -1, -10, -9_999_999, -10_000_000, Integer.MAX_VALUE, Integer.MIN_VALUE, 5, 55};
        check(List.of(), probes);
        check(List.of(""), probes);
        check(List.of("", "-", "0", "00", "1\0", "1\0\0", "10", "1", "9", "a", "12345678", "123456789",
                "12345678\0", "-1", "-10000000", "99999999", "100000000", "2147483647", "-2147483648", "5\0"), probes);
        List<String> dense = new ArrayList<>();
        for (int i = 0; i < 300; i++) dense.add(Integer.toString(i));
        check(dense, 0, 1, 99, 100, 299, 300, 1000, -1, 30, 3);
    }

    @Test
    void findsIntKeysInRandomRecords() {
        Random rnd = new Random(7);
        String[] alphabet = {"0", "1", "2", "9", "-", "\0", "a", "\u00ff"};
        for (int round = 0; round < 300; round++) {
            List<String> keys = new ArrayList<>();
            int n = rnd.nextInt(40);
            for (int i = 0; i < n; i++) {
                if (rnd.nextBoolean()) {
                    keys.add(Integer.toString(rnd.nextInt(2000) - 200));
                } else {
                    StringBuilder sb = new StringBuilder();
                    for (int j = rnd.nextInt(11); j > 0; j--) sb.append(alphabet[rnd.nextInt(alphabet.length)]);
                    keys.add(sb.toString());
                }
            }
            int[] probes = new int[30];
            for (int i = 0; i < probes.length; i++) probes[i] = rnd.nextInt(2200) - 300;
            check(keys, probes);
        }
    }

    // ------------------------------------------------------------------ hashed dictionaries

    /** r[key] = value as the interpreter stores a new or existing string key: find, grow the table if full, insert where find said. */
    private void put(int r, int key, long value) {
        int i = Records.find(mem, r, key);
        if (i >= 0) {
            Records.setAt(mem, r, i, value);
            return;
        }
        if (Records.needsTable(mem, r)) {
            int capacity = Records.capacityForInsert(mem, r);
            int t = heap.allocate(ObjectKind.TABLE, (int) heap.chargedWords(Records.dictionaryWords(capacity)));
            Records.adoptTable(mem, r, t, capacity);
        }
        Records.insertAt(mem, r, -i - 1, Value.pointer(Value.TAG_STR, key), value);
    }

    /** Every key of {@code model} is found, by string and (if it is an int's decimal form) by int, holding its value. */
    private void checkAgainst(int r, java.util.Map<String, Integer> model, Random rnd) {
        byte[] buf = new byte[12];
        assertEquals(model.size(), Records.count(mem, r));
        for (java.util.Map.Entry<String, Integer> e : model.entrySet()) {
            int i = Records.find(mem, r, string(e.getKey()));
            assertEquals(Value.ofInt(e.getValue()), i < 0 ? -1 : Records.valueAt(mem, r, i), "r[\"" + e.getKey() + "\"]");
            assertEquals(i, Records.find(mem, r, string(e.getKey()), rnd.nextInt(model.size() + 2) - 1), "hinted");
            if (e.getKey().matches("-?[1-9][0-9]*|0")) {
                assertEquals(i, Records.findInt(mem, r, Integer.parseInt(e.getKey()), buf), "r[" + e.getKey() + "]");
            }
        }
    }

    @Test
    void findsKeysOfHashedDictionariesInAnyOrderAndSortsThemForPrinting() {
        Random rnd = new Random(5);
        int r = heap.allocate(ObjectKind.RECORD, Records.wordsFor(0));
        int t = heap.allocate(ObjectKind.TABLE, Records.dictionaryWords(Records.INITIAL_CAPACITY));
        Records.initDictionary(mem, t, 0, Records.INITIAL_CAPACITY);
        mem[r + Records.LAYOUT] = Value.pointer(Value.TAG_OBJ, t);
        java.util.Map<String, Integer> model = new java.util.HashMap<>();
        String[] alphabet = {"a", "b", "\0", "\u00ff", "7"};
        for (int round = 0; round < 6; round++) {
            for (int n = 0; n < 700; n++) {
                String key = switch (rnd.nextInt(5)) {
                    case 0 -> randomString(rnd, alphabet);
                    case 1 -> Integer.toString(rnd.nextInt(2000) - 1000);            // short ints, negative too
                    case 2 -> Integer.toString(rnd.nextInt(Integer.MAX_VALUE - 99_999_999) + 99_999_999); // over 8 digits
                    case 3 -> Integer.toString(-1_000_000_000 - rnd.nextInt(100));   // 11 characters, the first 8 shared
                    default -> "shared prefix " + rnd.nextInt(300);                  // one first word, many keys
                };
                int value = rnd.nextInt(1000);
                put(r, string(key), Value.ofInt(value));
                model.put(key, value);
            }
            assertEquals(true, Records.capacity(mem, Value.address(mem[r + Records.LAYOUT])) >= Records.HASHED_CAPACITY);
            checkAgainst(r, model, rnd);
            // absent keys: a hashed dictionary's new key goes at its end
            for (String absent : new String[] {"absent", "", "shared prefix 301", "100000000"}) {
                if (!model.containsKey(absent)) assertEquals(-model.size() - 1, Records.find(mem, r, string(absent)), absent);
            }
            assertEquals(-model.size() - 1, Records.findInt(mem, r, 5000, new byte[12]));
            assertEquals(-model.size() - 1, Records.findInt(mem, r, -2_000_000_000, new byte[12]));
            // printing's order: every key in byte order, each still found with its value
            Records.sortKeys(mem, r);
            List<String> keys = keysOf(r);
            List<String> sorted = new ArrayList<>(model.keySet());
            sorted.sort(RecordsTest::byteCompare);
            assertEquals(sorted, keys);
            checkAgainst(r, model, rnd);
            // a few keys more, sorted again: those put in place one by one
            for (int n = 0; n < round * 3; n++) {
                String key = (round % 2 == 0 ? "" : "\u00ff") + randomString(rnd, alphabet);
                put(r, string(key), Value.ofInt(n));
                model.put(key, n);
            }
            Records.sortKeys(mem, r);
            sorted = new ArrayList<>(model.keySet());
            sorted.sort(RecordsTest::byteCompare);
            assertEquals(sorted, keysOf(r));
            checkAgainst(r, model, rnd);
        }
        assertEquals(0, heap.collections(), "no roots here: nothing may be collected");
    }

    /** The keys of dictionary record r, in its fields' order. */
    private List<String> keysOf(int r) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < Records.count(mem, r); i++) {
            int k = Value.address(Records.keyAt(mem, r, i));
            byte[] b = new byte[Strings.length(mem, k)];
            for (int j = 0; j < b.length; j++) b[j] = (byte) Strings.byteAt(mem, k, j);
            keys.add(new String(b, StandardCharsets.ISO_8859_1));
        }
        return keys;
    }

    @Test
    void tellsApartKeysOfAHashedDictionaryThatShareTheirFirstEightBytes() {
        // "-1000000" then three digits: one first word and one length for all, by string and by int
        int r = heap.allocate(ObjectKind.RECORD, Records.wordsFor(0));
        int t = heap.allocate(ObjectKind.TABLE, Records.dictionaryWords(Records.INITIAL_CAPACITY));
        Records.initDictionary(mem, t, 0, Records.INITIAL_CAPACITY);
        mem[r + Records.LAYOUT] = Value.pointer(Value.TAG_OBJ, t);
        for (int i = 0; i < 80; i++) put(r, string(Integer.toString(-1_000_000_000 - i)), Value.ofInt(i));
        assertEquals(true, Records.capacity(mem, Value.address(mem[r + Records.LAYOUT])) >= Records.HASHED_CAPACITY);
        byte[] buf = new byte[12];
        for (int i = 0; i < 200; i++) {
            int n = -1_000_000_000 - i;
            int byInt = Records.findInt(mem, r, n, buf), byString = Records.find(mem, r, string(Integer.toString(n)));
            assertEquals(byString, byInt, "r[" + n + "]");
            if (i < 80) assertEquals(Value.ofInt(i), Records.valueAt(mem, r, byInt), "r[" + n + "]");
            else assertEquals(-81, byInt, "r[" + n + "] is absent");
        }
    }

    @Test
    void hashesAPackedIntLikeItsString() {
        byte[] buf = new byte[12];
        for (int n : new int[] {0, 7, -7, 12345678, -9999999, 99999999, 100000000, -10000000, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
            int s = string(Integer.toString(n));
            int from = Strings.decimal(n, buf), len = buf.length - from;
            // the words findInt packs from the digits are the string's own, and hash alike
            long w0 = Strings.pack(buf, from, Math.min(len, 8)), w1 = len > 8 ? Strings.pack(buf, from + 8, len - 8) : 0;
            assertEquals(mem[s + Strings.HEADER_WORDS], w0, "first word of " + n);
            if (len > 8) assertEquals(mem[s + Strings.HEADER_WORDS + 1], w1, "second word of " + n);
            assertEquals(Strings.hash(mem, s), Strings.hashWords(mem, w0, w1, len), "hash of " + n);
            if (len <= 8) {
                assertEquals(Strings.hash(mem, s), Strings.hashWords(mem, Strings.packDecimal(n), 0, Strings.decimalLength(n)), "packed " + n);
            }
        }
        assertEquals(Strings.hash(mem, string("")), Strings.hashWords(mem, 0, 0, 0));
    }

    /**
     * 256 keys of 17 words: "key-one!" and then 8 pairs of words, in each pair either both
     * words as they are or both with their first byte's top bit flipped. In the chain
     * {@code h = (h ^ word) * K} that flip is undone by the next word's, whatever h started as:
     * {@link #chainHash} gives all 256 one hash, seeded or not.
     */
    private List<String> keysThatCollideInAChain() {
        List<String> keys = new ArrayList<>();
        for (int j = 0; j < 256; j++) {
            StringBuilder b = new StringBuilder("key-one!");
            for (int pair = 0; pair < 8; pair++) {
                char first = (j >>> pair & 1) == 0 ? 'a' : (char) ('a' | 0x80);
                b.append(first).append("-word-").append(pair).append(first).append("-next-").append(pair);
            }
            keys.add(b.toString());
        }
        return keys;
    }

    /** The multiply-and-xor chain the string hash used to be (its first word mixed as it did). */
    private long chainHash(int s, long start) {
        long k = 0x9E3779B97F4A7C15L, w = mem[s + Strings.HEADER_WORDS];
        long h = start ^ ((w + Strings.length(mem, s)) * k ^ (w >>> 29) * k);
        for (int i = 1; i < (Strings.length(mem, s) + 7) >>> 3; i++) h = (h ^ mem[s + Strings.HEADER_WORDS + i]) * k;
        return h;
    }

    @Test
    void keysChosenToCollideInAChainHashSpreadOverTheIndexWhateverTheSeed() {
        List<String> keys = keysThatCollideInAChain();
        int[] strings = keys.stream().mapToInt(this::string).toArray();
        for (long start : new long[] {0, 0x1234_5678_9ABC_DEF0L}) {
            java.util.Set<Long> chained = new java.util.HashSet<>();
            for (int s : strings) chained.add(chainHash(s, start));
            assertEquals(1, chained.size(), "the keys are a real attack on the chain hash");
        }
        // ours: their slots in an index of 1024 are spread as 256 random ones' are (about 226
        // distinct; 200 or fewer happens about once in a billion tries), under several seeds
        long saved = mem[io.gcvm.heap.alloc.Region.HASH_SEED];
        for (long seed : new long[] {saved, 0, -1, 1, Long.MIN_VALUE, 0x9E3779B97F4A7C15L}) {
            mem[io.gcvm.heap.alloc.Region.HASH_SEED] = seed;
            java.util.Set<Long> slots = new java.util.HashSet<>();
            for (int s : strings) slots.add(Strings.hash(mem, s) >>> 54);
            assertEquals(true, slots.size() > 200, "seed " + seed + ": " + slots.size() + " distinct slots of 1024");
        }
        mem[io.gcvm.heap.alloc.Region.HASH_SEED] = saved;
    }

    @Test
    void everyHeapDrawsItsOwnHashSeedAndTheHashDependsOnIt() {
        long a = new Heap(1, false, false, null).mem[io.gcvm.heap.alloc.Region.HASH_SEED];
        long b = new Heap(1, false, false, null).mem[io.gcvm.heap.alloc.Region.HASH_SEED];
        assertEquals(false, a == b, "two heaps, one seed");
        // each key's hash (short, 16 bytes, long) changes with the seed, and a hashed
        // dictionary built under any seed finds every key
        int[] keys = {string("k"), string("sixteen bytes!!!"), string("a key longer than sixteen bytes")};
        long saved = mem[io.gcvm.heap.alloc.Region.HASH_SEED];
        for (int k : keys) {
            long h = Strings.hash(mem, k);
            mem[io.gcvm.heap.alloc.Region.HASH_SEED] = saved + 1;
            assertEquals(false, h == Strings.hash(mem, k), "the seed changes the hash");
            mem[io.gcvm.heap.alloc.Region.HASH_SEED] = saved;
        }
        for (long seed : new long[] {0, saved}) {
            mem[io.gcvm.heap.alloc.Region.HASH_SEED] = seed;
            int r = heap.allocate(ObjectKind.RECORD, Records.wordsFor(0));
            int t = heap.allocate(ObjectKind.TABLE, Records.dictionaryWords(Records.INITIAL_CAPACITY));
            Records.initDictionary(mem, t, 0, Records.INITIAL_CAPACITY);
            mem[r + Records.LAYOUT] = Value.pointer(Value.TAG_OBJ, t);
            java.util.Map<String, Integer> model = new java.util.HashMap<>();
            for (String key : keysThatCollideInAChain()) {
                put(r, string(key), Value.ofInt(model.size()));
                model.put(key, model.size());
            }
            checkAgainst(r, model, new Random(7));
        }
        mem[io.gcvm.heap.alloc.Region.HASH_SEED] = saved;
    }
}
