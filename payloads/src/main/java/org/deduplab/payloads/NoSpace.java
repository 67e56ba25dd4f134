package org.deduplab.payloads;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A disk that filled up, said plainly: "no space left on PATH" with what was being written, instead
 * of a bare {@code IOException: No space left on device} from deep in a stack.
 */
public final class NoSpace {
    private NoSpace() {}

    /** Whether {@code text} is how the OS, the JDK or a server reports a full disk (ENOSPC, MariaDB's "Disk full"). */
    public static boolean says(String text) {
        String t = String.valueOf(text).toLowerCase(Locale.ROOT);
        return t.contains("no space left on device") || t.contains("enospc") || t.contains("disk full");
    }

    /** Whether any exception in the cause chain of {@code e} is a full disk. */
    public static boolean is(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (says(t.getMessage()) || says(t.toString())) {
                return true;
            }
        }
        return false;
    }

    /** {@code e} as "no space left on {@code where}: {@code what}" when it is a full disk, else {@code e} itself. */
    public static IOException on(Path where, String what, IOException e) {
        if (!is(e)) {
            return e;
        }
        return new IOException("no space left on " + where.toAbsolutePath() + ": " + what, e);
    }
}
