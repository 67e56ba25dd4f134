package org.deduplab.payloads.gen;

import org.deduplab.payloads.PayloadType;

/**
 * Makes the unique files of one generated dataset. Ordinal u is the u-th unique file; copies are
 * handled by the dataset plan. Every method is a pure function of (dataset seed, u), so any file
 * can be regenerated on its own (the benchmark reads samples back this way).
 */
public abstract class ContentGenerator {
    protected final PayloadType type;
    protected final long datasetSeed;

    protected ContentGenerator(PayloadType type, long datasetSeed) {
        this.type = type;
        this.datasetSeed = datasetSeed;
    }

    public static ContentGenerator forType(PayloadType type, long datasetSeed) {
        return switch (type) {
            case RANDOM_BINARY -> new RandomBinaryGenerator(datasetSeed);
            case STRUCTURED_JSON -> new StructuredJsonGenerator(datasetSeed);
            case TEXT_LOG -> new TextLogGenerator(datasetSeed);
            case VERSIONED_DOC -> new VersionedDocGenerator(datasetSeed);
            case COMPRESSED_MEDIA -> new CompressedMediaGenerator(datasetSeed);
        };
    }

    /** Size of unique file u in bytes, within PayloadType.MIN_FILE_BYTES..MAX_FILE_BYTES. */
    public int size(long ordinal) {
        return logNormalSize(SplitMix64.mix(datasetSeed, 0x5151, ordinal), type.medianBytes());
    }

    /** Contents of unique file u, exactly {@link #size(long)} bytes. */
    public abstract byte[] content(long ordinal);

    /** File name extension without the dot. */
    public abstract String extension(long ordinal);

    /** A random generator private to unique file u and one purpose. */
    protected SplitMix64 rng(long ordinal, long purpose) {
        return new SplitMix64(SplitMix64.mix(datasetSeed, purpose, ordinal));
    }

    static int logNormalSize(long seed, int median) {
        double z = new SplitMix64(seed).nextGaussian();
        double bytes = median * StrictMath.exp(PayloadType.SIZE_SIGMA * z);
        return (int) Math.max(PayloadType.MIN_FILE_BYTES, Math.min(PayloadType.MAX_FILE_BYTES, Math.round(bytes)));
    }
}
