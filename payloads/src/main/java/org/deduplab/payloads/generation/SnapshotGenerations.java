package org.deduplab.payloads.generation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.deduplab.payloads.BadInputException;
import org.deduplab.payloads.Dataset;
import org.deduplab.payloads.DatasetSpec;
import org.deduplab.payloads.PayloadType;

/**
 * A {@code dir:} corpus whose immediate subdirectories are snapshots (nightly exports, releases of a
 * source tree): generation g is the g-th subdirectory in name order, loaded as a corpus of its own
 * with the spec's grade, its files named relative to the subdirectory, so an unchanged file has the
 * same name in every generation.
 */
final class SnapshotGenerations extends Generations {
    private final DatasetSpec spec;
    private final List<Path> snapshots;

    private SnapshotGenerations(DatasetSpec spec, List<Path> snapshots) {
        this.spec = spec;
        this.snapshots = snapshots;
    }

    static SnapshotGenerations of(DatasetSpec spec) {
        Path root = spec.directory();
        List<Path> subdirectories;
        try (Stream<Path> entries = Files.list(root)) {
            subdirectories = entries.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (subdirectories.isEmpty()) {
            throw new BadInputException("'" + spec.payload() + "' has no subdirectories to load as generations;"
                    + " valid: a directory whose immediate subdirectories are snapshots, loaded in name order");
        }
        return new SnapshotGenerations(spec, subdirectories);
    }

    @Override
    public List<File> files(int g) {
        checkGeneration(g);
        if (g > snapshots.size()) {
            throw new IllegalArgumentException(
                    "generation " + g + " of '" + spec.payload() + "'; valid: 1 to " + snapshots.size());
        }
        Dataset snapshot = Dataset.open(new DatasetSpec(
                PayloadType.DIR_PREFIX + snapshots.get(g - 1), spec.grade(), spec.sizeBytes(), spec.seed()));
        List<File> out = new ArrayList<>();
        for (int i = 0; i < snapshot.fileCount(); i++) {
            int index = i;
            out.add(new File(snapshot.name(i), () -> snapshot.content(index)));
        }
        return out;
    }

    @Override
    public Optional<Integer> count() {
        return Optional.of(snapshots.size());
    }
}
