package org.deduplab.payloads.mimic;

import java.util.Locale;

/**
 * What a block of bytes looks like to a compressor, told from the bytes alone: {@code text} (mostly
 * printable: logs, source, markup), {@code compressed} (byte entropy near 8 bits and next to no
 * repeats: JPEG, zip, gzip), {@code binary} (the rest: executables, databases, images raw).
 */
public enum ContentClass {
    TEXT,
    BINARY,
    COMPRESSED;

    /** Byte entropy (bits per byte) above which, with almost no LZ matches, a block counts as compressed. */
    static final double COMPRESSED_ENTROPY = 7.5;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ContentClass of(long[] byteCounts, long bytes, double matchCoverage) {
        double entropy = entropy(byteCounts, bytes);
        if (entropy >= COMPRESSED_ENTROPY && matchCoverage < 0.1) {
            return COMPRESSED;
        }
        long printable = byteCounts['\t'] + byteCounts['\n'] + byteCounts['\r'];
        for (int b = 0x20; b < 0x7F; b++) {
            printable += byteCounts[b];
        }
        return printable >= 0.9 * bytes ? TEXT : BINARY;
    }

    /** Order-0 entropy in bits per byte. */
    static double entropy(long[] counts, long total) {
        if (total == 0) {
            return 0;
        }
        double h = 0;
        for (long c : counts) {
            if (c > 0) {
                double p = (double) c / total;
                h -= p * Math.log(p) / Math.log(2);
            }
        }
        return h;
    }
}
