package org.deduplab.payloads.mimic;

import net.openhft.hashing.LongTupleHashFunction;

/** A 128-bit xxHash of a byte range: how the profiler tells contents, chunks and blocks apart without keeping them. */
record Fingerprint(long hi, long lo) {
    private static final LongTupleHashFunction XXH128 = LongTupleHashFunction.xx128();

    static Fingerprint of(byte[] d, int off, int n) {
        long[] hash = XXH128.hashBytes(d, off, n);
        return new Fingerprint(hash[0], hash[1]);
    }
}
