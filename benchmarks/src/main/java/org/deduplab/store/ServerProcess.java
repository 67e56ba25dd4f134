package org.deduplab.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process of a server the lab started, as the server itself reports it, and the signal that
 * shuts it down cleanly. Recorded as soon as the server is ready, so that a launcher killed with
 * SIGKILL leaves the next one enough to find the server again, whatever started it (pg_ctl detaches
 * the postmaster from the launcher, so it is never among the launcher's descendants).
 *
 * @param pid    the server's own pid
 * @param signal the signal for a clean, prompt shutdown: {@code INT} for PostgreSQL (fast shutdown:
 *               SIGTERM is its "smart" mode, which waits for clients), {@code TERM} for the others
 */
public record ServerProcess(long pid, String signal) {
    public static final String TERM = "TERM";
    public static final String INT = "INT";

    /** The pid on the first line of a server's pid file (PostgreSQL's postmaster.pid, MariaDB's and Redis's pid files). */
    public static ServerProcess fromPidFile(Path pidFile, String signal) throws IOException {
        String first = Files.readAllLines(pidFile, StandardCharsets.US_ASCII).stream()
                .findFirst()
                .orElse("")
                .strip();
        try {
            return new ServerProcess(Long.parseLong(first), signal);
        } catch (NumberFormatException e) {
            throw new IOException("no pid on the first line of " + pidFile + ": '" + first + "'");
        }
    }

    /** A server that runs inside this JVM (S3Proxy): its process is this one. */
    public static ServerProcess inThisJvm() {
        return new ServerProcess(ProcessHandle.current().pid(), TERM);
    }
}
