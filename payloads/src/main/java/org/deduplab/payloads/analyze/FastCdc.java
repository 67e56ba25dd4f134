package org.deduplab.payloads.analyze;

import org.deduplab.payloads.gen.SplitMix64;

/**
 * FastCDC content-defined chunking as in Xia et al., "FastCDC: a Fast and Efficient Content-Defined
 * Chunking Approach for Data Deduplication" (USENIX ATC'16), Algorithm 1: gear rolling hash,
 * cut-point skipping below the minimum size, and normalized chunking level 2 (a stricter mask with
 * 15 effective bits before the 8 KiB normal size, a looser one with 11 bits after it). The masks are
 * the paper's; the gear table is 256 fixed pseudo-random words.
 */
public final class FastCdc {
    public static final int MIN_SIZE = 2 * 1024;
    public static final int AVG_SIZE = 8 * 1024;
    public static final int MAX_SIZE = 64 * 1024;
    static final long MASK_S = 0x0003590703530000L;
    static final long MASK_L = 0x0000d90003530000L;
    private static final long[] GEAR = new long[256];

    static {
        SplitMix64 r = new SplitMix64(0x6EA2_FA57_CDC0_2016L);
        for (int i = 0; i < 256; i++) {
            GEAR[i] = r.nextLong();
        }
    }

    private FastCdc() {}

    /** Length of the chunk that starts at {@code off} in {@code data[off, end)}. */
    public static int nextChunk(byte[] data, int off, int end) {
        int n = end - off;
        if (n <= MIN_SIZE) {
            return n;
        }
        if (n > MAX_SIZE) {
            n = MAX_SIZE;
        }
        int normal = Math.min(AVG_SIZE, n);
        long fp = 0;
        int i = MIN_SIZE;
        for (; i < normal; i++) {
            fp = (fp << 1) + GEAR[data[off + i] & 0xFF];
            if ((fp & MASK_S) == 0) {
                return i + 1;
            }
        }
        for (; i < n; i++) {
            fp = (fp << 1) + GEAR[data[off + i] & 0xFF];
            if ((fp & MASK_L) == 0) {
                return i + 1;
            }
        }
        return n;
    }

    /** Callback per chunk. */
    public interface ChunkConsumer {
        void chunk(byte[] data, int off, int len);
    }

    public static void chunk(byte[] data, ChunkConsumer consumer) {
        int off = 0;
        while (off < data.length) {
            int len = nextChunk(data, off, data.length);
            consumer.chunk(data, off, len);
            off += len;
        }
    }
}
