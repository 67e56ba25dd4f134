package org.deduplab.payloads.mimic;

/**
 * File sizes counted in bins an eighth of a power of two wide (bin 0: empty files; bin 1 + 8·e + k:
 * 2^(e + k/8) .. 2^(e + (k+1)/8)), so a size drawn log-uniformly inside its bin is within 9 % of a
 * real one and the tail keeps its weight.
 */
final class SizeHistogram {
    static final int STEPS = 8;
    static final int BINS = 1 + 32 * STEPS;

    private SizeHistogram() {}

    static void add(long[] counts, long size) {
        counts[bin(size)]++;
    }

    static int bin(long size) {
        if (size <= 0) {
            return 0;
        }
        int b = 1 + (int) Math.floor(StrictMath.log(size) / StrictMath.log(2) * STEPS);
        return Math.min(BINS - 1, b);
    }

    /** A size: {@code u1} picks the bin by its count, {@code u2} the place in it (log-uniform). */
    static long sample(long[] counts, double u1, double u2) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        long target = (long) (u1 * total);
        long seen = 0;
        for (int b = 0; b < counts.length; b++) {
            seen += counts[b];
            if (target < seen) {
                if (b == 0) {
                    return 0;
                }
                double lo = (b - 1) / (double) STEPS;
                return Math.max(1, Math.round(StrictMath.pow(2, lo + u2 / STEPS)));
            }
        }
        return 0;
    }
}
