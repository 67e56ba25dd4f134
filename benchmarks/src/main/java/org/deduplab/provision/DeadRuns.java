package org.deduplab.provision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.deduplab.payloads.DatasetWriter;
import org.deduplab.store.Disk;
import org.deduplab.store.ServerProcess;

/**
 * Servers the lab started are its responsibility until they are gone, also after a launcher (or a
 * {@code serve}, or a test JVM) was killed with SIGKILL. The next one that starts servers finds the
 * run directories whose launcher is dead ({@link RunRecord}), stops every server they recorded (by
 * its own pid, with its own shutdown signal) and then every process still using the directory (a
 * command line, working directory, executable or open file inside it), and deletes the directory only
 * once nothing uses it; what cannot be stopped keeps the directory, and the line says which pid holds
 * it. Then it removes what killed runs left in {@code $TMPDIR} ({@link TmpLeftovers}).
 */
public final class DeadRuns {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long a process gets to exit after its shutdown signal, and after SIGKILL. */
    private static final long GRACE_SECONDS = Long.getLong("dedup.reapGraceSeconds", 10);

    private DeadRuns() {}

    /** Cleans up after the dead runs under {@code tmpDir}; one line each on stderr (said even where the caller's output is quiet). */
    public static void reap(Path tmpDir) {
        PrintStream log = System.err;
        if (!Files.isDirectory(tmpDir)) {
            return;
        }
        boolean othersLive = false;
        try (Stream<Path> dirs = Files.list(tmpDir)) {
            for (Path d : dirs.filter(d -> d.getFileName().toString().startsWith(RunRecord.PREFIX)
                            && Files.isRegularFile(d.resolve(RunRecord.FILE)))
                    .toList()) {
                othersLive |= reapOne(d, log);
            }
        } catch (IOException e) {
            log.println("warning: cannot look for dead runs in " + tmpDir + ": " + e.getMessage());
        }
        TmpLeftovers.sweep(tmpDir, othersLive, log);
    }

    /** Cleans up after one run if its launcher is gone; true when it is another launch still in progress. */
    private static boolean reapOne(Path dir, PrintStream log) {
        try {
            JsonNode m = JSON.readTree(dir.resolve(RunRecord.FILE).toFile());
            long launcher = m.path("launcher").asLong();
            if (recorded(launcher, null, m.path("launcherStart").asLong()).isPresent()) {
                return launcher != ProcessHandle.current().pid(); // a run in progress
            }
            List<String> stopped = new ArrayList<>();
            for (JsonNode s : m.path("servers")) {
                if (s.path("pid").asLong() != launcher) { // S3Proxy ran inside the launcher
                    stopRecorded(s, s.path("signal").asText(ServerProcess.TERM), stopped);
                }
            }
            for (JsonNode p : m.path("processes")) {
                stopRecorded(p, ServerProcess.TERM, stopped);
            }
            List<ProcessTable.Entry> holders = stopUsers(dir, stopped);
            String what = stopped.isEmpty() ? "none still running" : "stopped " + String.join(", ", stopped);
            if (!holders.isEmpty()) {
                log.printf(
                        "warning: a dead run's directory %s is kept (launcher pid %d is gone; %s): still used by %s%n",
                        dir,
                        launcher,
                        what,
                        String.join(
                                ", ",
                                holders.stream()
                                        .map(ProcessTable.Entry::describe)
                                        .toList()));
                return false;
            }
            for (JsonNode f : m.path("filesOutside")) {
                Files.deleteIfExists(Path.of(f.asText()));
            }
            long bytes = Disk.allocatedBytes(dir);
            DatasetWriter.deleteRecursively(dir);
            log.printf(
                    "removed a dead run's servers (launcher pid %d is gone): %s; deleted %s (%.1f MB)%n",
                    launcher, what, dir, bytes / 1e6);
        } catch (IOException | RuntimeException e) {
            log.println("warning: cannot clean up the dead run in " + dir + ": " + e.getMessage());
        }
        return false;
    }

    /**
     * Stops whatever still uses {@code dir} (a process the record does not name: a JMH fork, a server
     * started before it was recorded), in up to three rounds; returns what is left.
     */
    private static List<ProcessTable.Entry> stopUsers(Path dir, List<String> stopped) {
        for (int round = 0; round < 3; round++) {
            List<ProcessTable.Entry> users = ProcessTable.snapshot().usersOf(dir);
            if (users.isEmpty()) {
                return users;
            }
            users.forEach(u -> stopped.add(stop(u.handle(), ServerProcess.TERM)));
        }
        return ProcessTable.snapshot().usersOf(dir);
    }

    /** Stops the process a record entry names ({@code pid}, {@code command}, {@code startMillis}) if it is still that process. */
    private static void stopRecorded(JsonNode entry, String signal, List<String> stopped) {
        recorded(
                        entry.path("pid").asLong(),
                        entry.path("command").asText(),
                        entry.path("startMillis").asLong())
                .ifPresent(h -> stopped.add(stop(h, signal)));
    }

    /**
     * {@code pid}, if it is alive and the same process as recorded: a pid reused by another program is
     * left alone (an empty command or a start of 0 is not checked).
     */
    static Optional<ProcessHandle> recorded(long pid, String command, long startMillis) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(h -> {
            ProcessHandle.Info info = h.info();
            boolean sameCommand = command == null
                    || command.isEmpty()
                    || info.command().orElse("").equals(command);
            boolean sameStart = startMillis == 0
                    || info.startInstant()
                            .map(i -> Math.abs(i.toEpochMilli() - startMillis) < 1000)
                            .orElse(true);
            return sameCommand && sameStart;
        });
    }

    /** The process's own shutdown signal, then SIGKILL if it is still there after the grace time; returns "name (pid)". */
    static String stop(ProcessHandle p, String signal) {
        String name =
                p.info().command().map(c -> Path.of(c).getFileName().toString()).orElse("?") + " (" + p.pid() + ")";
        signal(p, signal);
        try {
            p.onExit().get(GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            p.destroyForcibly();
            try {
                p.onExit().get(GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (Exception stillThere) {
                return name + " [did not exit after SIGKILL]";
            }
        }
        return name;
    }

    private static void signal(ProcessHandle p, String signal) {
        if (ServerProcess.TERM.equals(signal)) {
            p.destroy();
            return;
        }
        try {
            new ProcessBuilder("sh", "-c", "kill -s " + signal + " " + p.pid())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start()
                    .waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            p.destroy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
