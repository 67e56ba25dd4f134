package org.deduplab.payloads.mimic;

/** Block lengths in four bands: under 4 KiB, under 16 KiB, under 64 KiB, a whole 64 KiB block. */
final class SizeBand {
    private SizeBand() {}

    static int of(int blockBytes) {
        if (blockBytes < 4096) {
            return 0;
        }
        if (blockBytes < 16384) {
            return 1;
        }
        return blockBytes < Profiler.BLOCK ? 2 : 3;
    }
}
