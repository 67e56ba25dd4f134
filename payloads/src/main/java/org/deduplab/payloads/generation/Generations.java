package org.deduplab.payloads.generation;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.deduplab.payloads.BadInputException;
import org.deduplab.payloads.Dataset;
import org.deduplab.payloads.DatasetSpec;
import org.deduplab.payloads.DatasetWriter;
import org.deduplab.payloads.Manifest;
import org.deduplab.payloads.Sha256;
import org.deduplab.payloads.StoredDataset;
import org.deduplab.payloads.mimic.CorpusProfile;

/**
 * A dataset as generations that arrive one after the other: for a generated payload, the dataset
 * and then edited versions of it ({@link EditedGenerations}); for a {@code dir:} corpus whose
 * immediate subdirectories are snapshots, one subdirectory per generation in name order
 * ({@link SnapshotGenerations}); for a mimic of snapshots, its corpus's changes ({@link MimicGenerations}).
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
        if (spec.isMimic()) {
            return MimicGenerations.of(
                    spec, CorpusProfile.read(spec.profile()), Long.parseLong(CorpusProfile.hashOf(spec.profile()), 16));
        }
        return new EditedGenerations(Dataset.open(spec), change);
    }

    /**
     * Refuses a history that needs more generations than there are (a corpus has one per snapshot
     * subdirectory), naming the values and what is valid.
     */
    public void checkEnoughFor(GenerationParams h, String payload) {
        int needed = h.loaded();
        count().filter(n -> n < needed).ifPresent(n -> {
            throw new BadInputException("invalid generations=" + h.generations()
                    + (h.expires() ? " keep=" + h.keep() : "") + " for '" + payload + "': it has " + n
                    + " snapshot subdirectories and the run needs " + needed
                    + (h.expires() ? " (one more is loaded after expiry)" : "") + "; valid: generations up to "
                    + (h.expires() ? n - 1 + " with keep below it" : n));
        });
    }

    /** The files of generation {@code g} (from 1). */
    public abstract List<File> files(int g);

    /** How many generations there are, where that is fixed (snapshots); empty where any number can be made. */
    public abstract Optional<Integer> count();

    /**
     * The name prefix of generation {@code g}'s files in a store: {@code g0003/}. Every generation
     * keeps its files under its own prefix, so generations share a store (and its dedup) and each can
     * be restored or expired by its names.
     */
    public static String prefix(int g) {
        checkGeneration(g);
        return String.format(Locale.ROOT, "g%04d/", g);
    }

    /**
     * Generation {@code g} as a dataset on disk under {@code dir}, written unless already there (the
     * manifest is written last, so a half-written generation is made again): its files named with
     * {@link #prefix}, so the manifest's names are the names in the store. {@code spec} heads the
     * manifest.
     */
    public StoredDataset materialize(int g, DatasetSpec spec, Path dir) throws IOException {
        if (Files.isRegularFile(dir.resolve(Manifest.FILE_NAME))) {
            return StoredDataset.open(dir);
        }
        Path abs = dir.toAbsolutePath().normalize();
        Files.createDirectories(abs.getParent());
        Path tmp = Files.createTempDirectory(abs.getParent(), "." + abs.getFileName() + ".partial-");
        try {
            try (Manifest.Writer manifest = new Manifest.Writer(tmp.resolve(Manifest.FILE_NAME), spec)) {
                for (File f : files(g)) {
                    String name = prefix(g) + f.name();
                    byte[] data = f.bytes();
                    Path target = tmp.resolve(name);
                    Files.createDirectories(target.getParent());
                    Files.write(target, data);
                    manifest.add(name, data.length, Sha256.hex(data), null);
                }
            }
            if (Files.isRegularFile(abs.resolve(Manifest.FILE_NAME))) {
                // another process (a fork of a concurrent run) wrote it meanwhile: never pull it from under its reader
                DatasetWriter.deleteRecursively(tmp);
                return StoredDataset.open(abs);
            }
            DatasetWriter.deleteRecursively(abs); // a half-written one, without its manifest
            try {
                DatasetWriter.moveIntoPlace(tmp, abs);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                DatasetWriter.deleteRecursively(tmp); // the other process's move came first
            }
            return StoredDataset.open(abs);
        } catch (IOException | RuntimeException e) {
            DatasetWriter.deleteRecursively(tmp);
            throw e;
        }
    }

    static void checkGeneration(int g) {
        if (g < 1) {
            throw new IllegalArgumentException("generation " + g + "; valid: from 1");
        }
    }
}
