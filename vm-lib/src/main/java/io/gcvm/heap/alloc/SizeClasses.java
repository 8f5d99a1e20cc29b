package io.gcvm.heap.alloc;

/**
 * The size classes of small objects, in words (header included). Spaced about 12–25 % apart
 * so the space lost to rounding a request up stays small; every class fits at least two cells
 * in a block. Requests above {@link #MAX_SMALL_WORDS} go to the large-object space.
 */
public final class SizeClasses {
    private SizeClasses() {}

    private static final int[] SIZES = {
        2, 3, 4, 5, 6, 7, 8, 10, 12, 14, 16, 20, 24, 28, 32, 40, 48, 56, 64,
        80, 96, 112, 128, 160, 192, 224, 256, 320, 384, 448, 512
    };

    public static final int COUNT = SIZES.length;
    public static final int MAX_SMALL_WORDS = SIZES[COUNT - 1];

    /** Class index for every request size 0..MAX_SMALL_WORDS. */
    private static final byte[] CLASS_OF = new byte[MAX_SMALL_WORDS + 1];

    static {
        int c = 0;
        for (int w = 0; w <= MAX_SMALL_WORDS; w++) {
            while (SIZES[c] < w) c++;
            CLASS_OF[w] = (byte) c;
        }
    }

    public static int classOf(int words) { return CLASS_OF[words]; }

    public static int cellWords(int sizeClass) { return SIZES[sizeClass]; }

    public static int cellsPerBlock(int sizeClass) { return Region.BLOCK_WORDS / SIZES[sizeClass]; }
}
