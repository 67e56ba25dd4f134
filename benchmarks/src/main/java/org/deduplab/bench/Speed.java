package org.deduplab.bench;

import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * A speed figure (MB/s) as the lab prints, ranks and compares it: the mean of independent samples with
 * its two-sided 95 % Student-t interval (half-width = t(0.975, n-1) x s / sqrt(n)). A sample is one
 * measured iteration of a benchmark (docs/METRICS.md, "Speed figures and their intervals"); samples of
 * several forks of the same benchmark pool. With fewer than two samples there is no interval: the
 * half-width is NaN, and the figure can neither beat nor lose to another (it ties with every figure).
 *
 * <p>Where the half-width is more than {@value #IMPRECISE_ABOVE} of the mean, the figure is printed
 * as imprecise with its reason, never as {@code 212.8 ± 1545.7}.
 */
public record Speed(double mean, double halfWidth, int samples) {
    public static final double CONFIDENCE = 0.95;
    /** Half-width over mean above which a figure is printed as imprecise. */
    public static final double IMPRECISE_ABOVE = 0.5;

    public static final Speed UNKNOWN = new Speed(Double.NaN, Double.NaN, 0);

    /** The figure of these samples (NaN samples are left out: a sample that was not measured). */
    public static Speed of(double... samples) {
        double[] s = Arrays.stream(samples).filter(Double::isFinite).toArray();
        int n = s.length;
        if (n == 0) {
            return UNKNOWN;
        }
        double mean = Arrays.stream(s).average().orElseThrow();
        double ss = Arrays.stream(s).map(v -> (v - mean) * (v - mean)).sum();
        return ofStatistics(mean, n > 1 ? Math.sqrt(ss / (n - 1)) : Double.NaN, n);
    }

    /** From a mean, a standard deviation and a count (JMH's own statistics of the same samples). */
    public static Speed ofStatistics(double mean, double standardDeviation, long n) {
        if (n <= 0 || Double.isNaN(mean)) {
            return UNKNOWN;
        }
        if (n == 1) {
            return new Speed(mean, Double.NaN, 1);
        }
        return new Speed(mean, t((int) n - 1) * standardDeviation / Math.sqrt(n), (int) n);
    }

    /** Two-sided 95 % quantile of Student's t with {@code df} degrees of freedom. */
    public static double t(int df) {
        return new TDistribution(null, df).inverseCumulativeProbability(1 - (1 - CONFIDENCE) / 2);
    }

    public boolean known() {
        return Double.isFinite(mean);
    }

    /** Whether the interval exists. */
    public boolean hasInterval() {
        return known() && Double.isFinite(halfWidth);
    }

    /** Half-width over mean; NaN without an interval. */
    public double relativeHalfWidth() {
        return hasInterval() && mean != 0 ? halfWidth / Math.abs(mean) : Double.NaN;
    }

    /** An interval that exists and is no wider than {@value #IMPRECISE_ABOVE} of the figure. */
    public boolean precise() {
        return hasInterval() && relativeHalfWidth() <= IMPRECISE_ABOVE;
    }

    /** Lower end; minus infinity without an interval. */
    public double low() {
        return hasInterval() ? mean - halfWidth : Double.NEGATIVE_INFINITY;
    }

    /** Upper end; plus infinity without an interval. */
    public double high() {
        return hasInterval() ? mean + halfWidth : Double.POSITIVE_INFINITY;
    }

    /** Faster beyond both intervals: this figure's lower end above the other's upper end. */
    public boolean beats(Speed other) {
        return known() && other.known() && low() > other.high();
    }

    /** Neither beats the other: a difference inside the intervals (or a figure without one). */
    public boolean tiesWith(Speed other) {
        return !beats(other) && !other.beats(this);
    }

    /** Whether {@code value} lies inside this figure's interval (false without one). */
    public boolean contains(double value) {
        return hasInterval() && value >= low() && value <= high();
    }

    /**
     * "123.4 ± 5.6"; "~120 (imprecise: ±87 % from 3 samples)" where the interval is wider than half the
     * figure; "123.4 (1 sample: no interval)"; "n/a" where nothing was measured.
     */
    public String text() {
        if (!known()) {
            return "n/a";
        }
        if (!hasInterval()) {
            return String.format(Locale.ROOT, "%.1f (%d sample: no interval)", mean, samples);
        }
        if (!precise()) {
            return String.format(
                    Locale.ROOT,
                    "~%.0f (imprecise: ±%.0f %% from %d samples)",
                    mean,
                    relativeHalfWidth() * 100,
                    samples);
        }
        return String.format(Locale.ROOT, "%.1f ± %.1f", mean, halfWidth);
    }
}
