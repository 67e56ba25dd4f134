package org.deduplab.report;

import java.util.Locale;

/** How the lab prints numbers, everywhere: NaN is "n/a", never 0; MB = 10^6 bytes. */
public final class Numbers {
    private Numbers() {}

    /** Two decimals: EDR, MB. */
    public static String f2(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f", v);
    }

    /** One decimal: MB/s. */
    public static String f1(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f", v);
    }

    /** Bytes as MB (10^6) with two decimals. */
    public static String mb(double bytes) {
        return f2(bytes / 1e6);
    }

    /** Two decimals below 100, none above: chart labels. */
    public static String compact(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.0f" : "%.2f", v);
    }

    /** Relative change as a signed percentage ("+1.5%"), "" when either side is NaN. */
    public static String change(double base, double cur) {
        if (Double.isNaN(base) || Double.isNaN(cur)) {
            return "";
        }
        return String.format(Locale.ROOT, "%+.1f%%", relativeChange(base, cur) * 100);
    }

    /** (cur - base) / |base|; infinite when a zero base grew. */
    public static double relativeChange(double base, double cur) {
        if (base == 0) {
            return cur == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        return (cur - base) / Math.abs(base);
    }

    /** Two-sided 99 % quantile of Student's t with {@code df} degrees of freedom (the normal 2.576 beyond 30). */
    public static double studentT99(int df) {
        double[] t = {
            63.657, 9.925, 5.841, 4.604, 4.032, 3.707, 3.499, 3.355, 3.250, 3.169, 3.106, 3.055, 3.012, 2.977, 2.947,
            2.921, 2.898, 2.878, 2.861, 2.845, 2.831, 2.819, 2.807, 2.797, 2.787, 2.779, 2.771, 2.763, 2.756, 2.750
        };
        return df < 1 ? Double.NaN : df <= t.length ? t[df - 1] : 2.576;
    }
}
