package io.gcvm.interp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * The guest's standard input and output, through fixed-size buffers: what the JVM holds for
 * I/O does not grow with what the program reads or prints.
 */
public final class GuestIO {
    private static final int BUFFER = 8192;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] inBuf = new byte[BUFFER];
    private final byte[] outBuf = new byte[BUFFER];
    private int inPos, inLen, outLen;

    public GuestIO(InputStream in, OutputStream out) {
        this.in = in;
        this.out = out;
    }

    /** Next byte of input, or -1 at end of input. */
    int read() {
        if (inPos == inLen) {
            if (in == null) return -1;
            try {
                inLen = in.read(inBuf, 0, BUFFER);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            inPos = 0;
            if (inLen <= 0) {
                inLen = 0;
                return -1;
            }
        }
        return inBuf[inPos++] & 0xFF;
    }

    /** Bytes before the next '\n' when that line break is already buffered, else -1. */
    int bufferedLineLength() {
        for (int i = inPos; i < inLen; i++) {
            if (inBuf[i] == '\n') return i - inPos;
        }
        return -1;
    }

    /** The byte {@code i} places ahead in the buffer (which must hold it). */
    int peek(int i) { return inBuf[inPos + i] & 0xFF; }

    /**
     * Packs the next {@code len} buffered bytes into the (cleared) heap string {@code s} and
     * consumes {@code consume} bytes (at least {@code len}) of the buffer.
     */
    void takeInto(long[] mem, int s, int len, int consume) {
        int base = s + io.gcvm.heap.Strings.HEADER_WORDS;
        int p = inPos;
        int full = len >>> 3;
        for (int i = 0; i < full; i++, p += 8) {
            mem[base + i] = (inBuf[p] & 0xFFL) << 56 | (inBuf[p + 1] & 0xFFL) << 48 | (inBuf[p + 2] & 0xFFL) << 40
                    | (inBuf[p + 3] & 0xFFL) << 32 | (inBuf[p + 4] & 0xFFL) << 24 | (inBuf[p + 5] & 0xFFL) << 16
                    | (inBuf[p + 6] & 0xFFL) << 8 | (inBuf[p + 7] & 0xFFL);
        }
        if ((len & 7) != 0) {
            long w = 0;
            for (int j = 0; j < (len & 7); j++) w |= (inBuf[p + j] & 0xFFL) << (56 - 8 * j);
            mem[base + full] = w;
        }
        inPos += consume;
    }

    void write(int b) {
        if (outLen == BUFFER) flush(false);
        outBuf[outLen++] = (byte) b;
    }

    void write(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) write(bytes[i]);
    }

    /** Writes out what is buffered (and flushes the stream when asked). */
    public void flush(boolean stream) {
        try {
            if (outLen > 0) out.write(outBuf, 0, outLen);
            outLen = 0;
            if (stream) out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
