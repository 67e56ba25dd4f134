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
        if (total == 0) {
            return 0;
        }
        long target = (long) (u1 * total);
        long seen = 0;
        for (int b = 0; b < counts.length; b++) {
            seen += counts[b];
            if (target < seen) {
                long lo = 1L << b;
                return lo + (long) (u2 * lo);
            }
        }
        return 1L << (counts.length - 1);
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
