package org.deduplab.payloads.mimic;

import java.util.Arrays;

/** The unique files planned so far, by size bin ({@link SizeHistogram}), each bin in file order. */
final class FilesBySize {
    private final int[][] files = new int[SizeHistogram.BINS][];
    private final int[] counts = new int[SizeHistogram.BINS];

    void add(int bin, int index) {
        if (files[bin] == null) {
            files[bin] = new int[16];
        } else if (counts[bin] == files[bin].length) {
            files[bin] = Arrays.copyOf(files[bin], counts[bin] * 2);
        }
        files[bin][counts[bin]++] = index;
    }

    /** The file of the nearest non-empty bin to {@code bin} closest to {@code near} (at or before it if any); -1 if none. */
    int nearest(int bin, int near) {
        for (int d = 0; d < SizeHistogram.BINS; d++) {
            for (int b : new int[] {bin - d, bin + d}) {
                if (b >= 0 && b < SizeHistogram.BINS && counts[b] > 0) {
                    int k = Arrays.binarySearch(files[b], 0, counts[b], near);
                    int at = k >= 0 ? k : Math.max(0, -k - 2);
                    return files[b][at];
                }
            }
        }
        return -1;
    }
}
