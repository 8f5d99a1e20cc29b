package io.gcvm.maven.report;

import io.gcvm.maven.report.GcResults.GcPoint;
import io.gcvm.maven.report.GcResults.Run;
import io.gcvm.maven.report.GcResults.Series;

import java.util.List;

/**
 * Draws one run's heap occupancy as a self-contained SVG image (no script, no fonts or
 * styles from elsewhere), to be put inline in the report page.
 *
 * <p>Along x, the allocation clock: bytes allocated since the start (in fork mode, where the
 * series has no clock, the collection number). Along y, bytes of heap. Drawn:
 * <ul>
 *   <li>the heap in use, as a saw: at each collection a drop from what the heap held before it
 *       ({@code usedBefore}) to what it held after ({@code usedAfter}), then growing with
 *       allocation up to the next collection; after the last one, up to what the heap held at
 *       the end ({@code finalHeapBytes} at the total {@code bytesAllocated});</li>
 *   <li>the bytes each collection found live;</li>
 *   <li>the limit ({@code -mem N}) as a dashed line, and the run's peak heap as a dotted one.</li>
 * </ul>
 * A sampled series (over 2000 collections) is drawn through the kept collections only.
 */
public final class SvgChart {
    static final int WIDTH = 960;
    static final int HEIGHT = 300;
    static final int LEFT = 66;
    static final int RIGHT = WIDTH - 22;
    static final int TOP = 40;
    static final int BOTTOM = HEIGHT - 46;

    static final String HEAP = "#2f6db5";
    static final String HEAP_FILL = "#2f6db5";
    static final String LIVE = "#1e8449";
    static final String LIMIT = "#c0392b";
    static final String PEAK = "#7d3c98";
    static final String GRID = "#e3e3e3";
    static final String AXIS = "#666666";
    static final String TEXT = "#333333";
    /** A white outline behind a label, so the lines it crosses do not hide it. */
    static final String HALO = " stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\"";

    private SvgChart() {}

    public static String render(Run run) {
        Series s = run.series();
        List<GcPoint> pts = s.points();
        boolean clock = s.hasAllocationClock();

        // y: bytes, up to the limit or whatever went above it (KiB-rounded fork figures)
        double yMax = Math.max(run.limitBytes(), run.peakHeapBytes());
        for (GcPoint p : pts) yMax = Math.max(yMax, Math.max(p.usedBefore(), Math.max(p.usedAfter(), p.live())));
        if (run.finalHeapBytes() > 0) yMax = Math.max(yMax, run.finalHeapBytes());
        Axis y = Axis.bytes(Math.max(yMax, 1));

        // x: bytes allocated, or collection numbers
        Axis x;
        boolean end = false;
        if (clock) {
            double xMax = Math.max(run.bytesAllocated(), pts.get(pts.size() - 1).allocated());
            end = run.finalHeapBytes() >= 0 && run.bytesAllocated() >= pts.get(pts.size() - 1).allocated();
            x = Axis.bytes(Math.max(xMax, 1));
        } else if (!pts.isEmpty()) {
            x = Axis.count(pts.get(pts.size() - 1).n());
        } else {
            x = Axis.bytes(Math.max(run.bytesAllocated(), 1));
        }

        StringBuilder b = new StringBuilder(4096 + pts.size() * 48);
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"gcvm-chart\" width=\"").append(WIDTH)
                .append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("\" role=\"img\" style=\"max-width:100%;height:auto\"")
                .append(" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"11\">");
        b.append("<title>").append(Fmt.xml(title(run))).append("</title>");
        b.append("<rect x=\"0\" y=\"0\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" fill=\"#ffffff\"/>");

        // grid and ticks
        for (double t : y.ticks()) {
            String py = Fmt.px(yOf(t, y));
            b.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(RIGHT).append("\" y1=\"").append(py)
                    .append("\" y2=\"").append(py).append("\" stroke=\"").append(GRID).append("\"/>");
            b.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(Fmt.px(yOf(t, y) + 4))
                    .append("\" text-anchor=\"end\" fill=\"").append(TEXT).append("\">").append(y.label(t))
                    .append("</text>");
        }
        for (double t : x.ticks()) {
            String px = Fmt.px(xOf(t, x));
            b.append("<line x1=\"").append(px).append("\" x2=\"").append(px).append("\" y1=\"").append(TOP)
                    .append("\" y2=\"").append(BOTTOM).append("\" stroke=\"").append(GRID).append("\"/>");
            b.append("<text x=\"").append(px).append("\" y=\"").append(BOTTOM + 15)
                    .append("\" text-anchor=\"middle\" fill=\"").append(TEXT).append("\">").append(x.label(t))
                    .append("</text>");
        }
        b.append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"").append(RIGHT - LEFT)
                .append("\" height=\"").append(BOTTOM - TOP).append("\" fill=\"none\" stroke=\"").append(AXIS)
                .append("\"/>");
        // axis titles
        b.append("<text x=\"").append((LEFT + RIGHT) / 2).append("\" y=\"").append(HEIGHT - 10)
                .append("\" text-anchor=\"middle\" fill=\"").append(TEXT).append("\">")
                .append(clock || pts.isEmpty() ? x.unitName() + " allocated since the start of the run"
                        : "collection number")
                .append("</text>");
        int cy = (TOP + BOTTOM) / 2;
        b.append("<text x=\"16\" y=\"").append(cy).append("\" text-anchor=\"middle\" fill=\"").append(TEXT)
                .append("\" transform=\"rotate(-90 16 ").append(cy).append(")\">heap (").append(y.unitName())
                .append(")</text>");

        if (pts.isEmpty()) {
            b.append("<text class=\"gcvm-no-gc\" x=\"").append((LEFT + RIGHT) / 2).append("\" y=\"")
                    .append(cy).append("\" text-anchor=\"middle\" fill=\"").append(AXIS)
                    .append("\">no collection during this run</text>");
        } else {
            // heap in use: the saw, filled below
            StringBuilder saw = new StringBuilder(pts.size() * 32);
            double firstX = 0;
            double lastX = 0;
            for (int i = 0; i < pts.size(); i++) {
                GcPoint p = pts.get(i);
                double px = clock ? xOf(p.allocated(), x) : xOf(p.n(), x);
                if (i == 0) firstX = px;
                lastX = px;
                saw.append(i == 0 ? "M" : "L").append(Fmt.px(px)).append(' ').append(Fmt.px(yOf(p.usedBefore(), y)))
                        .append('V').append(Fmt.px(yOf(p.usedAfter(), y)));
            }
            if (end) {
                lastX = xOf(run.bytesAllocated(), x);
                saw.append('L').append(Fmt.px(lastX)).append(' ').append(Fmt.px(yOf(run.finalHeapBytes(), y)));
            }
            b.append("<path class=\"gcvm-heap-area\" d=\"").append(saw).append('V').append(BOTTOM).append('H')
                    .append(Fmt.px(firstX)).append("Z\" fill=\"").append(HEAP_FILL)
                    .append("\" fill-opacity=\"0.13\" stroke=\"none\"/>");
            b.append("<path class=\"gcvm-heap\" d=\"").append(saw).append("\" fill=\"none\" stroke=\"").append(HEAP)
                    .append("\" stroke-width=\"1.3\" stroke-linejoin=\"round\"/>");

            // live after each collection
            StringBuilder live = new StringBuilder(pts.size() * 16);
            for (GcPoint p : pts) {
                double px = clock ? xOf(p.allocated(), x) : xOf(p.n(), x);
                live.append(live.length() == 0 ? "" : " ").append(Fmt.px(px)).append(',')
                        .append(Fmt.px(yOf(p.live(), y)));
            }
            b.append("<polyline class=\"gcvm-live\" points=\"").append(live).append("\" fill=\"none\" stroke=\"")
                    .append(LIVE).append("\" stroke-width=\"1.6\" stroke-linejoin=\"round\"/>");
            if (pts.size() <= 80) {
                for (GcPoint p : pts) {
                    double px = clock ? xOf(p.allocated(), x) : xOf(p.n(), x);
                    b.append("<circle cx=\"").append(Fmt.px(px)).append("\" cy=\"").append(Fmt.px(yOf(p.live(), y)))
                            .append("\" r=\"2.2\" fill=\"").append(LIVE).append("\"/>");
                }
            }
        }

        // the limit and the peak
        double limitY = yOf(run.limitBytes(), y);
        double peakY = yOf(run.peakHeapBytes(), y);
        b.append("<line class=\"gcvm-limit\" x1=\"").append(LEFT).append("\" x2=\"").append(RIGHT).append("\" y1=\"")
                .append(Fmt.px(limitY)).append("\" y2=\"").append(Fmt.px(limitY)).append("\" stroke=\"").append(LIMIT)
                .append("\" stroke-width=\"1.5\" stroke-dasharray=\"7 4\"/>");
        b.append("<text x=\"").append(RIGHT - 4).append("\" y=\"").append(Fmt.px(limitY - 5))
                .append("\" text-anchor=\"end\"").append(HALO).append(" fill=\"").append(LIMIT).append("\">limit ")
                .append(Fmt.limit(run.limitBytes())).append("</text>");
        if (run.peakHeapBytes() > 0) {
            b.append("<line class=\"gcvm-peak\" x1=\"").append(LEFT).append("\" x2=\"").append(RIGHT)
                    .append("\" y1=\"").append(Fmt.px(peakY)).append("\" y2=\"").append(Fmt.px(peakY))
                    .append("\" stroke=\"").append(PEAK).append("\" stroke-width=\"1\" stroke-dasharray=\"2 3\"/>");
            // below its line, so it never collides with the limit's label above the limit line
            b.append("<text x=\"").append(RIGHT - 4).append("\" y=\"").append(Fmt.px(Math.min(peakY + 13, BOTTOM - 4)))
                    .append("\" text-anchor=\"end\"").append(HALO).append(" fill=\"").append(PEAK).append("\">peak ")
                    .append(Fmt.mb(run.peakHeapBytes())).append(" (").append(Fmt.percent(run.peakHeapBytes(),
                            run.limitBytes())).append(" of the limit)</text>");
        }

        legend(b);
        b.append("</svg>");
        return b.toString();
    }

    private static void legend(StringBuilder b) {
        int lx = LEFT;
        int ly = 18;
        lx = legendItem(b, lx, ly, HEAP, "", "heap in use (drops at each collection)", 1.3);
        lx = legendItem(b, lx, ly, LIVE, "", "live after each collection", 1.6);
        lx = legendItem(b, lx, ly, LIMIT, "7 4", "limit (-mem)", 1.5);
        legendItem(b, lx, ly, PEAK, "2 3", "peak heap", 1);
    }

    private static int legendItem(StringBuilder b, int x, int y, String color, String dash, String text, double w) {
        b.append("<line x1=\"").append(x).append("\" x2=\"").append(x + 22).append("\" y1=\"").append(y - 4)
                .append("\" y2=\"").append(y - 4).append("\" stroke=\"").append(color).append("\" stroke-width=\"")
                .append(w + 0.7).append('"');
        if (!dash.isEmpty()) b.append(" stroke-dasharray=\"").append(dash).append('"');
        b.append("/>");
        b.append("<text x=\"").append(x + 27).append("\" y=\"").append(y).append("\" fill=\"").append(TEXT)
                .append("\">").append(Fmt.xml(text)).append("</text>");
        // about 6 px per character at 11 px
        return x + 27 + (int) Math.ceil(text.length() * 6.0) + 18;
    }

    static String title(Run run) {
        return "Heap occupancy of " + run.name() + " over the run: " + run.collections() + " collection"
                + (run.collections() == 1 ? "" : "s") + ", peak heap " + Fmt.mb(run.peakHeapBytes()) + " of a "
                + Fmt.limit(run.limitBytes()) + " limit, " + Fmt.mb(run.liveBytesAfterLastGc())
                + " live after the last collection";
    }

    static double xOf(double v, Axis a) {
        return LEFT + (v / a.top()) * (RIGHT - LEFT);
    }

    static double yOf(double v, Axis a) {
        return BOTTOM - (v / a.top()) * (BOTTOM - TOP);
    }
}
