package org.deduplab.payloads;

import java.util.Arrays;
import java.util.Locale;
import org.deduplab.payloads.gen.ContentGenerator;
import org.deduplab.payloads.gen.SplitMix64;

/**
 * A synthetic dataset: unique files come from the payload type's generator, copies per the grade,
 * until the total reaches the requested size (it overshoots by less than one file).
 */
final class GeneratedDataset extends Dataset {
    private final ContentGenerator generator;
    private long[] ordinals = new long[1024];

    GeneratedDataset(DatasetSpec spec) {
        super(spec);
        PayloadType type = spec.type();
        // the grade is part of the seed: datasets of one seed and different grades share no file
        long datasetSeed =
                SplitMix64.mix(spec.seed(), type.ordinal() + 1, spec.grade().percent());
        this.generator = ContentGenerator.forType(type, datasetSeed);
        plan(SplitMix64.mix(datasetSeed, 0xC0B1), new UniqueSource() {
            @Override
            public boolean hasMore(int ordinal, long bytesSoFar) {
                return bytesSoFar < spec.sizeBytes();
            }

            @Override
            public int size(int ordinal) {
                return generator.size(ordinal);
            }
        });
    }

    @Override
    protected void onUnique(int index, int ordinal) {
        if (index >= ordinals.length) {
            ordinals = Arrays.copyOf(ordinals, Math.max(index + 1, ordinals.length * 2));
        }
        ordinals[index] = ordinal;
    }

    private long ordinal(int index) {
        int src = duplicateOf[index] >= 0 ? duplicateOf[index] : index;
        return ordinals[src];
    }

    @Override
    public String name(int index) {
        return String.format(Locale.ROOT, "%07d.%s", index, generator.extension(ordinal(index)));
    }

    @Override
    public byte[] content(int index) {
        return generator.content(ordinal(index));
    }
}
