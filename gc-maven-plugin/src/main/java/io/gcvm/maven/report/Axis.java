package io.gcvm.maven.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A chart axis from 0 with "nice" ticks (steps of 1, 2, 2.5 or 5 times a power of ten) in a
 * readable unit: bytes become KB, MB or GB (powers of 1024) by their size; counts stay as
 * they are.
 *
 * @param top      the axis' end, in base units (bytes, or a count): a multiple of the step, at
 *                 least the largest value it must show
 * @param step     the distance between ticks, in base units
 * @param unit     base units per displayed unit (1048576 for MB, 1 for a count)
 * @param unitName {@code "MB"}, {@code "KB"}, ... or empty for a count
 */
record Axis(double top, double step, double unit, String unitName) {

    static Axis bytes(double max) {
        double unit;
        String name;
        if (max >= 4.0 * (1L << 30)) {
            unit = 1L << 30;
            name = "GB";
        } else if (max >= 512.0 * 1024) {
            unit = 1 << 20;
            name = "MB";
        } else if (max >= 2048) {
            unit = 1024;
            name = "KB";
        } else {
            unit = 1;
            name = "bytes";
        }
        return of(max, unit, name, unit == 1);
    }

    static Axis count(double max) {
        return of(max, 1, "", true);
    }

    /**
     * The step of 1, 2, 2.5 or 5 times a power of ten that gives 3 to 7 intervals and the top
     * closest to the maximum (fewer intervals on a tie).
     */
    private static Axis of(double max, double unit, String name, boolean integral) {
        double m = Math.max(max / unit, integral ? 1 : 1e-9);
        double bestStep = 0;
        double bestTop = Double.MAX_VALUE;
        long bestN = Long.MAX_VALUE;
        int e0 = (int) Math.floor(Math.log10(m / 7));
        for (int e = e0 - 1; e <= e0 + 1; e++) {
            for (double mult : new double[] {1, 2, 2.5, 5}) {
                double step = mult * Math.pow(10, e);
                if (integral && (step < 1 || step != Math.rint(step))) continue;
                long n = (long) Math.ceil(m / step - 1e-9);
                if (n < 3 || n > 7) continue;
                double top = n * step;
                if (top < bestTop - 1e-9 * top || Math.abs(top - bestTop) <= 1e-9 * top && n < bestN) {
                    bestStep = step;
                    bestTop = top;
                    bestN = n;
                }
            }
        }
        if (bestStep == 0) {       // a count of 1 or 2: one tick per unit
            bestStep = 1;
            bestTop = Math.max(1, Math.ceil(m));
        }
        return new Axis(bestTop * unit, bestStep * unit, unit, name);
    }

    /** The tick values, in base units, from 0 to {@link #top}. */
    List<Double> ticks() {
        List<Double> out = new ArrayList<>();
        long n = Math.round(top / step);
        for (long i = 0; i <= n; i++) out.add(i * step);
        return out;
    }

    /** A tick's label in the axis' unit, without the unit. */
    String label(double value) {
        return Fmt.tick(value / unit);
    }
}
