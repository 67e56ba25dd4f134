package org.deduplab.payloads;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;

/**
 * A file written whole or not at all: the content goes to a hidden {@code .NAME*.partial} file beside
 * the target, which is then renamed over it. A failed write (a full disk) removes the partial file
 * and leaves the target as it was, so a reader never sees half a file.
 */
public final class AtomicFile {
    private AtomicFile() {}

    /** Writes {@code content} to {@code target}; {@code attributes} apply to the new file (e.g. mode 0600). */
    public static void write(Path target, byte[] content, FileAttribute<?>... attributes) throws IOException {
        Path abs = target.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".partial", attributes);
        try {
            Files.write(tmp, content);
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
