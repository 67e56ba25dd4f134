package org.deduplab.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.deduplab.payloads.BadInputException;

/**
 * Output locations are checked before any work: a directory that cannot be created or written is
 * refused with one line naming it, not discovered hours later as a stack trace.
 */
final class OutputLocation {
    private OutputLocation() {}

    /** {@code dir} exists or can be created, and a file can be written in it. */
    static void directory(Path dir, String what) {
        Path d = dir.toAbsolutePath();
        try {
            Files.createDirectories(d);
            Path probe = Files.createTempFile(d, ".dedup-lab-write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new BadInputException(
                    "cannot write " + what + " in " + d + ": " + reason(e) + "; choose a writable location");
        }
    }

    /**
     * The directory of {@code file} can take it, and {@code file} is not something other than a
     * regular file or directory: results are written beside their target and renamed over it, which would replace
     * a device such as /dev/null with a regular file.
     */
    static void fileIn(Path file, String what) {
        if (Files.exists(file) && !Files.isRegularFile(file) && !Files.isDirectory(file)) {
            throw new BadInputException(
                    "'" + file + "' is not a regular file; valid for " + what + ": a new or regular file");
        }
        directory(file.toAbsolutePath().getParent(), what + " " + file.getFileName());
    }

    private static String reason(Exception e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "it does not exist and cannot be created";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
