package org.deduplab.payloads.mimic;

import java.util.Arrays;

/**
 * A greedy LZ77 parse of one block, the way the LZ family (lz4, zstd's fast levels, deflate) sees
 * it: at each position the most recent earlier occurrence of the next 4 bytes, extended as far as
 * it matches, else one literal. What the profile keeps of it: the literals' byte counts, how many
 * bytes matches cover, and match lengths and distances by power of two.
 */
final class LzParse {
    static final int MIN_MATCH = 4;
    private static final int HASH_BITS = 15;

    final long[] literals = new long[256];
    final long[] lengths = new long[Log2Histogram.BINS];
    final long[] distances = new long[Log2Histogram.BINS];
    final long[] bytes = new long[256];
    long matched;
    long total;
    /** Matches at the same distance as the match before them (what zstd codes as a repeat offset). */
    long repeats;

    long matches;
    private final int[] table = new int[1 << HASH_BITS];

    /** Parses {@code data[off, off + len)} on its own (matches do not reach before {@code off}). */
    void parse(byte[] data, int off, int len) {
        Arrays.fill(literals, 0);
        Arrays.fill(lengths, 0);
        Arrays.fill(distances, 0);
        Arrays.fill(bytes, 0);
        matched = 0;
        repeats = 0;
        matches = 0;
        int lastDistance = 0;
        total = len;
        Arrays.fill(table, -1);
        int end = off + len;
        for (int i = off; i < end; i++) {
            bytes[data[i] & 0xFF]++;
        }
        int i = off;
        while (i < end) {
            if (i + MIN_MATCH <= end) {
                int h = hash(data, i);
                int cand = table[h];
                table[h] = i;
                if (cand >= 0 && same4(data, cand, i)) {
                    int n = MIN_MATCH;
                    while (i + n < end && data[cand + n] == data[i + n]) {
                        n++;
                    }
                    Log2Histogram.add(lengths, n);
                    Log2Histogram.add(distances, i - cand);
                    matches++;
                    if (i - cand == lastDistance) {
                        repeats++;
                    }
                    lastDistance = i - cand;
                    matched += n;
                    for (int k = 1; k < n && i + k + MIN_MATCH <= end; k++) {
                        table[hash(data, i + k)] = i + k;
                    }
                    i += n;
                    continue;
                }
            }
            literals[data[i] & 0xFF]++;
            i++;
        }
    }

    double coverage() {
        return total == 0 ? 0 : (double) matched / total;
    }

    private static boolean same4(byte[] d, int a, int b) {
        return d[a] == d[b] && d[a + 1] == d[b + 1] && d[a + 2] == d[b + 2] && d[a + 3] == d[b + 3];
    }

    private static int hash(byte[] d, int i) {
        int v = (d[i] & 0xFF) | (d[i + 1] & 0xFF) << 8 | (d[i + 2] & 0xFF) << 16 | (d[i + 3] & 0xFF) << 24;
        return (v * 0x9E3779B1) >>> (32 - HASH_BITS);
    }
}
