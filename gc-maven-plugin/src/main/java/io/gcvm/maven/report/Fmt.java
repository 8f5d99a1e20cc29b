package io.gcvm.maven.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * How the report writes figures. One megabyte is 2<sup>20</sup> bytes, as {@code -mem N}
 * counts it; the exact figure of every cell is in its {@code title} (shown on hover).
 */
final class Fmt {
    static final double MB = 1 << 20;

    private Fmt() {}

    /** {@code 5906432} → {@code "5.63 MB"}. */
    static String mb(long bytes) {
        return String.format(Locale.ROOT, "%,.2f MB", bytes / MB);
    }

    /** {@code 44859779} ns → {@code "44.86 ms"}. */
    static String ms(long nanos) {
        return String.format(Locale.ROOT, "%,.2f ms", nanos / 1e6);
    }

    /** Kilobytes of the outside meter in MB, one decimal: {@code 16691} → {@code "16.3 MB"}. */
    static String rss(long kb) {
        return String.format(Locale.ROOT, "%,.1f MB", kb / 1024.0);
    }

    /** {@code 5906432} → {@code "5,906,432 bytes"}. */
    static String bytes(long bytes) {
        return String.format(Locale.ROOT, "%,d bytes", bytes);
    }

    /** {@code 44859779} → {@code "44,859,779 ns"}. */
    static String nanos(long nanos) {
        return String.format(Locale.ROOT, "%,d ns", nanos);
    }

    /** A whole number of megabytes as such, anything else as {@link #mb}. */
    static String limit(long bytes) {
        return bytes % (1 << 20) == 0 ? (bytes >> 20) + " MB" : mb(bytes);
    }

    /** Whole percent, {@code "94 %"}; empty when there is no whole. */
    static String percent(long part, long whole) {
        return whole <= 0 ? "" : String.format(Locale.ROOT, "%.0f %%", 100.0 * part / whole);
    }

    static String seconds(String time) {
        return (time == null || time.isEmpty() ? "?" : time) + " s";
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%d", n);
    }

    /** A coordinate in an SVG: one decimal, no trailing zero. */
    static String px(double v) {
        long tenths = Math.round(v * 10);
        return tenths % 10 == 0 ? Long.toString(tenths / 10) : (tenths / 10.0 + "");
    }

    /** A tick label: up to three decimals, trailing zeros dropped ({@code 0.25}, {@code 2}). */
    static String tick(double v) {
        BigDecimal d = BigDecimal.valueOf(v).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros();
        return d.signum() == 0 ? "0" : d.toPlainString();
    }

    /** Escapes text for HTML and SVG (element content and attribute values). */
    static String xml(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t') b.append(' ');
                    else b.append(c);
                }
            }
        }
        return b.toString();
    }

    /** An HTML id from a run name: {@code sub/x.mit@oom} → {@code run-sub-x-mit-oom}. */
    static String id(String name) {
        StringBuilder b = new StringBuilder("run-");
        for (char c : name.toCharArray()) {
            b.append(Character.isLetterOrDigit(c) && c < 128 || c == '_' || c == '-' ? c : '-');
        }
        return b.toString();
    }
}
