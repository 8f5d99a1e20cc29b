package io.gcvm.heap;

/**
 * Thrown by {@link Heap#allocate} when a full collection still leaves no room: the guest's
 * {@code OutOfMemoryException}. Carries the figures its message gives.
 */
public final class HeapExhausted extends RuntimeException {
    public final long requestedBytes;
    public final long limitBytes;
    public final long liveBytes;
    public final int collections;

    public HeapExhausted(long requestedBytes, long limitBytes, long liveBytes, int collections) {
        super("cannot allocate " + requestedBytes + " bytes: limit " + (limitBytes >> 20) + " MB ("
                + limitBytes + " bytes), live heap " + liveBytes + " bytes after a full collection ("
                + collections + " collections so far)", null, false, false);
        this.requestedBytes = requestedBytes;
        this.limitBytes = limitBytes;
        this.liveBytes = liveBytes;
        this.collections = collections;
    }
}
