package org.deduplab.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Allocated bytes (st_blocks x 512, not file length) of files and directories, via coreutils
 * {@code du -B1}: Java's file attributes do not expose st_blocks. Sparse files and preallocated
 * extents are counted as the file system really holds them.
 */
public final class Disk {
    private Disk() {}

    public static long allocatedBytes(Path... paths) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("du", "-s", "-c", "-B1"));
        boolean any = false;
        for (Path p : paths) {
            if (Files.exists(p)) {
                cmd.add(p.toString());
                any = true;
            }
        }
        if (!any) {
            return 0;
        }
        Process proc = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            proc.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running du", e);
        }
        return parseTotal(out);
    }

    /** The byte count of du -c's last line ("<bytes>\ttotal"). */
    static long parseTotal(String out) throws IOException {
        // files vanishing while du runs make it exit 1; the total is still right for what remained
        String[] lines = out.strip().split("\n");
        String last = lines[lines.length - 1];
        if (!last.endsWith("total")) {
            throw new IOException("unexpected du output: " + out);
        }
        return Long.parseLong(last.split("\\s+")[0]);
    }
}
