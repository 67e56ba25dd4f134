package org.deduplab.payloads;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Writes a dataset and its manifest into a directory. Everything goes to a hidden sibling
 * directory first and is renamed into place at the end, so a failed or interrupted run never
 * leaves a half-written dataset where the user asked for one.
 */
public final class DatasetWriter {
    /** Progress callback: files and bytes written so far. */
    public interface Progress {
        void update(int files, long bytes);
    }

    private DatasetWriter() {}

    /** Checks that {@code out} may be written: missing, empty, or {@code force}. */
    public static void checkTarget(Path out, boolean force) {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new BadInputException(
                    "--out '" + out + "' exists and is not a directory; valid: a missing or empty directory");
        }
        if (Files.isDirectory(out) && !force && !isEmpty(out)) {
            throw new BadInputException("--out '" + out
                    + "' is not empty; valid: a missing or empty directory, or add --force to replace its contents");
        }
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code dataset} to {@code out}, returning the manifest written. */
    public static Manifest write(Dataset dataset, Path out, boolean force, Progress progress) throws IOException {
        checkTarget(out, force);
        Path abs = out.toAbsolutePath().normalize();
        Files.createDirectories(abs.getParent());
        Path tmp = Files.createTempDirectory(abs.getParent(), "." + abs.getFileName() + ".partial-");
        try {
            try (Manifest.Writer manifest = new Manifest.Writer(tmp.resolve(Manifest.FILE_NAME), dataset.spec())) {
                long bytes = 0;
                String[] shas = new String[dataset.fileCount()];
                for (int i = 0; i < dataset.fileCount(); i++) {
                    String name = dataset.name(i);
                    Path target = tmp.resolve(name);
                    if (target.getParent() != null && !target.getParent().equals(tmp)) {
                        Files.createDirectories(target.getParent());
                    }
                    int src = dataset.duplicateOf(i);
                    if (src >= 0) {
                        // a copy: the source is already on disk, so copy it instead of making it again
                        Files.copy(tmp.resolve(dataset.name(src)), target);
                        shas[i] = shas[src];
                    } else {
                        byte[] data = dataset.content(i);
                        if (data.length != dataset.size(i)) {
                            throw new IOException(name + " is " + data.length + " bytes, planned " + dataset.size(i));
                        }
                        Files.write(target, data);
                        shas[i] = Sha256.hex(data);
                    }
                    manifest.add(name, dataset.size(i), shas[i], src >= 0 ? dataset.name(src) : null);
                    bytes += dataset.size(i);
                    if (progress != null) {
                        progress.update(i + 1, bytes);
                    }
                }
            }
            if (Files.exists(abs)) {
                deleteRecursively(abs);
            }
            moveIntoPlace(tmp, abs);
            return Manifest.read(abs);
        } catch (IOException | RuntimeException e) {
            deleteRecursively(tmp);
            throw e;
        }
    }

    /** Moves a finished directory to where readers look for it: atomically where the file system can. */
    public static void moveIntoPlace(Path finished, Path target) throws IOException {
        try {
            Files.move(finished, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(finished, target);
        }
    }

    /**
     * Removes {@code dir} and everything under it. Files that vanish meanwhile (a server still
     * removing its own at shutdown) are not an error: the walk is made again, up to three times.
     */
    public static void deleteRecursively(Path dir) throws IOException {
        for (int attempt = 1; ; attempt++) {
            if (!Files.exists(dir)) {
                return;
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                    Files.deleteIfExists(p);
                }
                return;
            } catch (UncheckedIOException | DirectoryNotEmptyException e) {
                IOException cause = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
                if (attempt == 3
                        || !(cause instanceof NoSuchFileException || cause instanceof DirectoryNotEmptyException)) {
                    throw cause;
                }
            }
        }
    }
}
