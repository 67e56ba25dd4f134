package org.deduplab.payloads.generation;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.deduplab.payloads.BadInputException;
import org.deduplab.payloads.Dataset;
import org.deduplab.payloads.DatasetSpec;

/**
 * A dataset as generations that arrive one after the other: for a generated payload, the dataset
 * and then edited versions of it ({@link EditedGenerations}); for a {@code dir:} corpus whose
 * immediate subdirectories are snapshots, one subdirectory per generation in name order
 * ({@link SnapshotGenerations}).
 */
public abstract class Generations {
    /** How one file's bytes are made, when they are read. */
    @FunctionalInterface
    public interface Content {
        byte[] bytes() throws IOException;
    }

    /** One file of a generation: its name (relative path) and its bytes. */
    public record File(String name, Content content) {
        public byte[] bytes() throws IOException {
            return content.bytes();
        }
    }

    /** The generations of a dataset: snapshots for a {@code dir:} corpus, edits for a generated payload. */
    public static Generations of(DatasetSpec spec, ChangeRate change) {
        if (spec.isDirectory()) {
            return SnapshotGenerations.of(spec);
        }
        if (spec.type() == null) {
            throw new BadInputException("generations of '" + spec.payload()
                    + "': a mimic has none yet; valid: a generated payload, or dir:PATH with one subdirectory per"
                    + " snapshot");
        }
        return new EditedGenerations(Dataset.open(spec), change);
    }

    /** The files of generation {@code g} (from 1). */
    public abstract List<File> files(int g);

    /** How many generations there are, where that is fixed (snapshots); empty where any number can be made. */
    public abstract Optional<Integer> count();

    static void checkGeneration(int g) {
        if (g < 1) {
            throw new IllegalArgumentException("generation " + g + "; valid: from 1");
        }
    }
}
