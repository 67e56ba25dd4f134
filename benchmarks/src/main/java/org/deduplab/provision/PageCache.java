package org.deduplab.provision;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The OS page cache, emptied before a cold restore: {@code sync}, then {@code 3} into
 * {@code /proc/sys/vm/drop_caches} (clean pages, dentries and inodes; root only). The file is
 * {@code -Ddedup.dropCaches} where a test needs another one.
 */
final class PageCache {
    private PageCache() {}

    static Path file() {
        return Path.of(System.getProperty("dedup.dropCaches", "/proc/sys/vm/drop_caches"));
    }

    /** Why the page cache cannot be emptied here, or empty when it can. */
    static Optional<String> unavailable() {
        return Files.isWritable(file())
                ? Optional.empty()
                : Optional.of(file() + " is not writable (root only): the OS page cache cannot be emptied");
    }

    /** Writes dirty pages out, then drops every clean page: the next read of any file comes from the disk. */
    static void drop() throws IOException, InterruptedException {
        Process sync = new ProcessBuilder("sync").redirectErrorStream(true).start();
        if (sync.waitFor() != 0) {
            throw new IOException("sync exited with " + sync.exitValue());
        }
        Files.writeString(file(), "3");
    }
}
