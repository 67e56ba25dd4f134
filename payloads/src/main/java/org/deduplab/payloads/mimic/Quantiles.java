package org.deduplab.payloads.mimic;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/**
 * A distribution kept as evenly spaced quantiles (p0, p1/(n-1), ..., p100): enough points to redraw it
 * and to sample from it by linear interpolation between neighbouring quantiles (inverse transform).
 */
final class Quantiles {
    private Quantiles() {}

    /** {@code points} quantiles of the first {@code n} values (sorted in place); all zeros when there are none. */
    static double[] of(double[] values, int n, int points) {
        double[] q = new double[points];
        if (n == 0) {
            return q;
        }
        Arrays.sort(values, 0, n);
        for (int i = 0; i < points; i++) {
            double rank = (double) i / (points - 1) * (n - 1);
            int lo = (int) Math.floor(rank);
            int hi = Math.min(n - 1, lo + 1);
            q[i] = round(values[lo] + (values[hi] - values[lo]) * (rank - lo));
        }
        return q;
    }

    /** The value at cumulative probability {@code u} in [0, 1). */
    static double sample(double[] q, double u) {
        return interpolate(q, u, DoubleUnaryOperator.identity(), DoubleUnaryOperator.identity());
    }

    /**
     * The value at {@code u}, interpolated geometrically between neighbouring quantiles: for sizes and
     * lengths, whose tails are long (a straight line from p99 to the largest file overstates the 1 % of
     * files between them).
     */
    static double sampleLog(double[] q, double u) {
        return interpolate(q, u, v -> StrictMath.log1p(Math.max(0, v)), StrictMath::expm1);
    }

    /** Linear interpolation between the neighbouring quantiles of {@code u} on the scale {@code to} makes. */
    private static double interpolate(double[] q, double u, DoubleUnaryOperator to, DoubleUnaryOperator from) {
        if (q.length == 0) {
            return 0;
        }
        double pos = u * (q.length - 1);
        int lo = (int) Math.floor(pos);
        if (lo >= q.length - 1) {
            return q[q.length - 1];
        }
        double a = to.applyAsDouble(q[lo]);
        double b = to.applyAsDouble(q[lo + 1]);
        return from.applyAsDouble(a + (b - a) * (pos - lo));
    }

    /** The mean of the distribution the quantiles describe (trapezoids between them). */
    static double mean(double[] q) {
        if (q.length < 2) {
            return q.length == 0 ? 0 : q[0];
        }
        double sum = 0;
        for (int i = 0; i + 1 < q.length; i++) {
            sum += (q[i] + q[i + 1]) / 2;
        }
        return sum / (q.length - 1);
    }

    /** Six significant digits: the profile holds shapes, not exact values. */
    static double round(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v;
        }
        double scale = Math.pow(10, 5 - Math.floor(Math.log10(Math.abs(v))));
        return Math.round(v * scale) / scale;
    }

    /** A growable list of doubles, for the values a profile summarizes. */
    static final class Values {
        double[] v = new double[256];
        double[] w = new double[256];
        int n;

        void add(double x) {
            add(x, 1);
        }

        /** A value that counts {@code weight} times (a block's figure weighted by its bytes). */
        void add(double x, double weight) {
            if (n == v.length) {
                v = Arrays.copyOf(v, n * 2);
                w = Arrays.copyOf(w, n * 2);
            }
            v[n] = x;
            w[n++] = weight;
        }

        double[] quantiles(int points) {
            return weighted(points);
        }

        /** Quantiles where each value counts by its weight. */
        private double[] weighted(int points) {
            double[] q = new double[points];
            if (n == 0) {
                return q;
            }
            Integer[] order = new Integer[n];
            double total = 0;
            for (int i = 0; i < n; i++) {
                order[i] = i;
                total += w[i];
            }
            Arrays.sort(order, (a, b) -> Double.compare(v[a], v[b]));
            double seen = 0;
            int k = 0;
            for (int p = 0; p < points; p++) {
                double target = total * p / (points - 1);
                while (k < n - 1 && seen + w[order[k]] < target) {
                    seen += w[order[k]];
                    k++;
                }
                q[p] = round(v[order[k]]);
            }
            return q;
        }
    }
}
