package io.gcvm.heap;

import io.gcvm.heap.alloc.Region;

/**
 * Layout and non-allocating operations of heap strings.
 *
 * <pre>  [header][length][bytes, 8 per word, big-endian, last word zero-padded]</pre>
 *
 * Big-endian packing makes an unsigned comparison of two words compare eight bytes in
 * lexicographic order at once, which is what record keys are sorted by.
 */
public final class Strings {
    private Strings() {}

    public static final int HEADER_WORDS = 2;

    public static int wordsFor(int length) { return HEADER_WORDS + ((length + 7) >>> 3); }

    public static int length(long[] mem, int s) { return (int) mem[s + 1]; }

    public static int byteAt(long[] mem, int s, int i) {
        return (int) (mem[s + HEADER_WORDS + (i >>> 3)] >>> (56 - ((i & 7) << 3))) & 0xFF;
    }

    /** Stores byte {@code i}; the string's words must have been cleared (allocation does that). */
    public static void setByte(long[] mem, int s, int i, int b) {
        mem[s + HEADER_WORDS + (i >>> 3)] |= (long) (b & 0xFF) << (56 - ((i & 7) << 3));
    }

    /**
     * Stores byte {@code i} of a string written in order, from byte 0, into memory that may
     * not be cleared: the first byte of a word assigns the word (and zeros the rest of it), a
     * later one is or-ed in.
     */
    public static void appendByte(long[] mem, int s, int i, int b) {
        int w = s + HEADER_WORDS + (i >>> 3), shift = 56 - ((i & 7) << 3);
        long bits = (long) (b & 0xFF) << shift;
        mem[w] = (i & 7) == 0 ? bits : mem[w] | bits;
    }

    /**
     * Stores {@code len} (at most 8) bytes, packed big-endian in {@code w} with zeros after
     * them, at byte {@code at} of a string written in order (see {@link #appendByte}).
     */
    public static void appendWord(long[] mem, int s, int at, long w, int len) {
        int d = s + HEADER_WORDS + (at >>> 3), shift = (at & 7) << 3;
        if (shift == 0) {
            mem[d] = w;
            return;
        }
        mem[d] |= w >>> shift;
        if ((at & 7) + len > 8) mem[d + 1] = w << (64 - shift);
    }

    /** The first 8 bytes of string {@code s} as one word (zero padded; 0 for the empty string). */
    public static long firstWord(long[] mem, int s) { return (int) mem[s + 1] == 0 ? 0 : mem[s + HEADER_WORDS]; }

    private static final long GOLDEN = 0x9E3779B97F4A7C15L, ODD = 0xC2B2AE3D27D4EB4FL;

    /**
     * A hash of string {@code s}'s contents, well mixed in its high bits (a dictionary's hash
     * index takes its top bits), keyed by the heap's seed ({@link Region#HASH_SEED}). For a
     * string of at most 16 bytes it is {@link #hashWords} of its words, so that an int key's
     * decimal form, packed, hashes without a string.
     *
     * <p>Each step multiplies two words, each masked by the seed or by the hash so far, to 128
     * bits and folds the halves together ({@link #fold}); a last step multiplies by the seed.
     * A flipped bit in the input so changes the product by a multiple of a word the seed
     * hides, and keys that collide cannot be worked out without the seed. (In a chain of
     * "xor a word, multiply by a constant", seeded or not, a flip of one word's top bit is
     * cancelled by the same flip in the next word.) It is not a cryptographic function: it
     * guards a dictionary against keys chosen in advance to collide, as the seeded string
     * hashes of Lua and Go do.
     */
    public static long hash(long[] mem, int s) {
        int len = length(mem, s), p = s + HEADER_WORDS;
        if (len <= 16) return hashWords(mem, len == 0 ? 0 : mem[p], len > 8 ? mem[p + 1] : 0, len);
        long seed = mem[Region.HASH_SEED], h = seed ^ len;
        int i = 0, words = (len + 7) >>> 3;
        for (; i + 1 < words; i += 2) h = fold(mem[p + i] ^ seed, mem[p + i + 1] ^ h ^ ODD);
        if (i < words) h = fold(mem[p + i] ^ seed, h ^ ODD);
        return fold(h ^ GOLDEN, seed ^ ODD);
    }

    /** {@link #hash} of a string of {@code len} bytes (at most 16) whose words are {@code w0} and {@code w1}. */
    public static long hashWords(long[] mem, long w0, long w1, int len) {
        long seed = mem[Region.HASH_SEED];
        return fold(fold(w0 ^ seed, w1 ^ Long.rotateLeft(seed, 32) ^ len) ^ GOLDEN, seed ^ ODD);
    }

    /** The 128-bit product of {@code a} and {@code b}, its high half xor its low half. */
    private static long fold(long a, long b) { return Math.multiplyHigh(a, b) ^ a * b; }

    /** The {@code len} bytes (at most 8) of {@code b} from {@code from}, packed as a string's word is: big-endian, zero padded. */
    public static long pack(byte[] b, int from, int len) {
        long w = 0;
        for (int k = 0; k < 8; k++) w = w << 8 | (k < len ? b[from + k] & 0xFF : 0);
        return w;
    }

    public static boolean equal(long[] mem, int a, int b) {
        if (a == b) return true;
        int len = length(mem, a);
        if (len != length(mem, b)) return false;
        int words = (len + 7) >>> 3;
        for (int i = 0; i < words; i++) {
            if (mem[a + HEADER_WORDS + i] != mem[b + HEADER_WORDS + i]) return false;
        }
        return true;
    }

    /** Lexicographic byte order (unsigned), shorter first on a common prefix. */
    public static int compare(long[] mem, int a, int b) {
        if (a == b) return 0;
        int la = length(mem, a), lb = length(mem, b);
        int words = (Math.min(la, lb) + 7) >>> 3;
        for (int i = 0; i < words; i++) {
            long x = mem[a + HEADER_WORDS + i], y = mem[b + HEADER_WORDS + i];
            if (x != y) {
                int c = Long.compareUnsigned(x, y);
                // padding zeros past the shorter string compare below any byte of the longer one;
                // a real 0 byte would tie with padding, so fall back to lengths then
                return c != 0 ? c : Integer.compare(la, lb);
            }
        }
        return Integer.compare(la, lb);
    }

    /** Compares heap string {@code a} with {@code len} bytes of {@code b} from {@code from}: byte order. */
    public static int compare(long[] mem, int a, byte[] b, int from, int len) {
        int la = length(mem, a);
        int n = Math.min(la, len);
        for (int i = 0; i < n; i++) {
            int c = byteAt(mem, a, i) - (b[from + i] & 0xFF);
            if (c != 0) return c;
        }
        return Integer.compare(la, len);
    }

    /**
     * The decimal form of {@code n} packed as a string's first word is (big-endian, zero
     * padded), for {@code -9999999 <= n <= 99999999} (at most 8 characters).
     */
    public static long packDecimal(int n) {
        long x = n < 0 ? -(long) n : n;
        long w = 0;
        while (x >= 10) { // two digits at a time
            long q = (x * 0x51EB851FL) >>> 37; // x / 100 for x < 2^32
            w = (w >>> 16) | ((long) DIGIT_PAIRS[(int) (x - q * 100)] << 48);
            x = q;
        }
        if (x != 0 || w == 0) w = (w >>> 8) | (('0' + x) << 56); // an odd digit out, or n == 0
        if (n < 0) w = (w >>> 8) | ((long) '-' << 56);
        return w;
    }

    /** The two characters of 00 .. 99, as a big-endian 16-bit word. */
    private static final short[] DIGIT_PAIRS = new short[100];
    static {
        for (int i = 0; i < 100; i++) DIGIT_PAIRS[i] = (short) (('0' + i / 10) << 8 | ('0' + i % 10));
    }

    /**
     * Characters in the decimal form of {@code n}: at most four compares, no loop (C1 compiles
     * {@code Long.numberOfTrailingZeros}, which could count a packed word's bytes, as a call).
     */
    public static int decimalLength(int n) {
        long x = n < 0 ? -(long) n : n;
        int digits;
        if (x < 100_000) digits = x < 100 ? (x < 10 ? 1 : 2) : x < 1_000 ? 3 : x < 10_000 ? 4 : 5;
        else digits = x < 10_000_000 ? (x < 1_000_000 ? 6 : 7) : x < 100_000_000 ? 8 : x < 1_000_000_000 ? 9 : 10;
        return n < 0 ? digits + 1 : digits;
    }

    /** Writes {@code n} in decimal at the end of {@code buf} (12 bytes); returns where it starts. */
    public static int decimal(int n, byte[] buf) {
        int pos = buf.length;
        long x = Math.abs((long) n);
        do {
            long q = (x * 0xCCCCCCCDL) >>> 35; // x / 10 for x < 2^32
            buf[--pos] = (byte) ('0' + (x - q * 10));
            x = q;
        } while (x != 0);
        if (n < 0) buf[--pos] = '-';
        return pos;
    }

    /**
     * Copies {@code len} bytes of string {@code src} from {@code from} into {@code dst} at
     * {@code at}; the destination's bytes from {@code at} on must be zero (freshly allocated).
     */
    public static void copy(long[] mem, int src, int from, int dst, int at, int len) {
        if (len <= 0) return;
        if ((from & 7) != 0) {
            for (int i = 0; i < len; i++) setByte(mem, dst, at + i, byteAt(mem, src, from + i));
            return;
        }
        // whole source words, shifted into place when the destination is not word aligned
        int s = src + HEADER_WORDS + (from >>> 3);
        int d = dst + HEADER_WORDS + (at >>> 3);
        int words = (len + 7) >>> 3;
        long lastMask = (len & 7) == 0 ? -1L : -1L << (64 - ((len & 7) << 3));
        int shift = (at & 7) << 3;
        if (shift == 0) {
            System.arraycopy(mem, s, mem, d, words - 1);
            mem[d + words - 1] = mem[s + words - 1] & lastMask;
            return;
        }
        int lastDst = dst + HEADER_WORDS + ((at + len - 1) >>> 3);
        for (int i = 0; i < words - 1; i++) {
            long w = mem[s + i];
            mem[d + i] |= w >>> shift;
            mem[d + i + 1] = w << (64 - shift);
        }
        long w = mem[s + words - 1] & lastMask;
        mem[d + words - 1] |= w >>> shift;
        if (d + words <= lastDst) mem[d + words] = w << (64 - shift);
    }

    /** For error messages, tests and the host API only — never on a guest's hot path. */
    public static String toJava(long[] mem, int s) {
        int len = length(mem, s);
        char[] cs = new char[len];
        for (int i = 0; i < len; i++) cs[i] = (char) byteAt(mem, s, i);
        return new String(cs);
    }
}
