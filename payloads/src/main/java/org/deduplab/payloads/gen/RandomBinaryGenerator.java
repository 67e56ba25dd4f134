package org.deduplab.payloads.gen;

import org.deduplab.payloads.PayloadType;

/** Uniformly random bytes: incompressible and unique, the worst case for every store. */
final class RandomBinaryGenerator extends ContentGenerator {
    RandomBinaryGenerator(long datasetSeed) {
        super(PayloadType.RANDOM_BINARY, datasetSeed);
    }

    @Override
    public byte[] content(long ordinal) {
        byte[] b = new byte[size(ordinal)];
        rng(ordinal, 0xB1).fill(b, 0, b.length);
        return b;
    }

    @Override
    public String extension(long ordinal) {
        return "bin";
    }
}
