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
