package io.gcvm.maven;

import io.gcvm.heap.GcEvent;
import io.gcvm.heap.GcListener;

import java.util.ArrayList;
import java.util.List;

/**
 * The per-collection series of one run, capped: it keeps every k-th collection (numbers 1,
 * 1 + k, 1 + 2k, ...) where k is the smallest power of two that keeps at most {@link #cap}
 * points, plus the last collection, so a chart of heap occupancy ends where the run did.
 * k doubles (dropping every other kept point) whenever the cap is passed, so memory stays
 * bounded however many collections a run makes.
 */
public final class GcSeries implements GcListener {
    public static final int DEFAULT_CAP = 2000;

    /** How exact the byte figures are. */
    public static final String EXACT = "bytes";
    public static final String FROM_GC_LOG = "KiB (rounded up: parsed from the CLI's --gc-log)";

    private final int cap;
    private final ArrayList<GcEvent> kept = new ArrayList<>();
    private int stride = 1;
    private int total;
    private GcEvent last;
    private String precision = EXACT;

    public GcSeries() { this(DEFAULT_CAP); }

    public GcSeries(int cap) {
        if (cap < 2) throw new IllegalArgumentException("cap must be at least 2");
        this.cap = cap;
    }

    @Override
    public synchronized void onCollection(GcEvent e) {
        total++;
        last = e;
        if ((e.number() - 1) % stride != 0) return;
        kept.add(e);
        if (kept.size() > cap) {
            stride *= 2;
            int s = stride;
            kept.removeIf(x -> (x.number() - 1) % s != 0);
        }
    }

    /** The kept points, in order, the last collection included. */
    public synchronized List<GcEvent> points() {
        List<GcEvent> out = new ArrayList<>(kept);
        if (last != null && (out.isEmpty() || out.get(out.size() - 1).number() != last.number())) out.add(last);
        return out;
    }

    /** How many collections the run made (all of them, not only the kept ones). */
    public synchronized int total() { return total; }

    /** The k of "every k-th". */
    public synchronized int stride() { return stride; }

    public int cap() { return cap; }

    public synchronized String precision() { return precision; }

    public synchronized GcSeries precision(String p) {
        this.precision = p;
        return this;
    }
}
