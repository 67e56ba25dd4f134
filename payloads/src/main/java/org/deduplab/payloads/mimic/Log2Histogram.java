package org.deduplab.payloads.mimic;

/**
 * Counts of positive whole numbers by power of two (bin b holds 2^b .. 2^(b+1)-1), for match lengths
 * and distances; sampled as a bin by its count, then uniformly within the bin.
 */
final class Log2Histogram {
    static final int BINS = 24;

    private Log2Histogram() {}

    static void add(long[] counts, long value) {
        counts[Math.min(BINS - 1, 63 - Long.numberOfLeadingZeros(Math.max(1, value)))]++;
    }

    /** A value drawn with {@code u1} choosing the bin and {@code u2} the place in it; 0 for an empty histogram. */
    static long sample(long[] counts, long total, double u1, double u2) {
        return sampleCumulative(cumulative(counts), total, u1, u2);
    }

    /** The running sums of {@code counts}, for {@link #sample(long[], long, double, double)} by bisection. */
    static long[] cumulative(long[] counts) {
        long[] c = new long[counts.length];
        long seen = 0;
        for (int b = 0; b < counts.length; b++) {
            seen += counts[b];
            c[b] = seen;
        }
        return c;
    }

    /** As {@link #sample(long[], long, double, double)}, from the running sums: the first bin they pass the target in. */
    static long sampleCumulative(long[] cumulative, long total, double u1, double u2) {
        if (total == 0) {
            return 0;
        }
        long target = (long) (u1 * total);
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (target < cumulative[mid]) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        if (target >= cumulative[lo]) {
            return 1L << (cumulative.length - 1);
        }
        long from = 1L << lo;
        return from + (long) (u2 * from);
    }

    static long total(long[] counts) {
        long t = 0;
        for (long c : counts) {
            t += c;
        }
        return t;
    }

    /** The mean, taking each bin's middle. */
    static double mean(long[] counts) {
        long total = total(counts);
        if (total == 0) {
            return 0;
        }
        double sum = 0;
        for (int b = 0; b < counts.length; b++) {
            sum += counts[b] * (1.5 * (1L << b) - 0.5);
        }
        return sum / total;
    }
}
