package org.deduplab.provision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.deduplab.payloads.DatasetWriter;
import org.deduplab.store.Disk;

/**
 * Servers the lab started are its responsibility until they are gone, also after a launcher was
 * killed with SIGKILL (no shutdown hook runs then, and the servers are re-parented to init). Each run
 * records in its private directory its own pid and the pid and command of every process it started
 * ({@value #FILE}); the next launcher that starts servers finds the runs whose launcher is dead,
 * stops what they left running and removes their data, saying so.
 */
public final class DeadRuns {
    static final String FILE = "dedup-lab-processes.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private DeadRuns() {
    }

    /** Records the launcher and every process it has started so far into the run directory. */
    static void record(Path runDir) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("launcher", ProcessHandle.current().pid());
        List<Map<String, Object>> children = new ArrayList<>();
        ProcessHandle.current().descendants().forEach(p -> {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("pid", p.pid());
            c.put("command", p.info().command().orElse(""));
            children.add(c);
        });
        m.put("processes", children);
        org.deduplab.payloads.AtomicFile.write(runDir.resolve(FILE), JSON.writeValueAsBytes(m));
    }

    /** Stops what dead runs under {@code tmpDir} left behind and removes their directories; one line each to {@code log}. */
    public static void reap(Path tmpDir, PrintStream ignored) {
        PrintStream log = System.err; // said even where the caller keeps its own output quiet (preflight)
        if (!Files.isDirectory(tmpDir)) {
            return;
        }
        try (Stream<Path> dirs = Files.list(tmpDir)) {
            dirs.filter(d -> d.getFileName().toString().startsWith("dedup-lab-run-") && Files.isRegularFile(d.resolve(FILE)))
                    .forEach(d -> reapOne(d, log));
        } catch (IOException e) {
            log.println("warning: cannot look for dead runs in " + tmpDir + ": " + e.getMessage());
        }
    }

    private static void reapOne(Path dir, PrintStream log) {
        try {
            JsonNode m = JSON.readTree(dir.resolve(FILE).toFile());
            long launcher = m.path("launcher").asLong();
            if (ProcessHandle.of(launcher).map(ProcessHandle::isAlive).orElse(false)) {
                return; // a run in progress
            }
            List<String> stopped = new ArrayList<>();
            for (JsonNode p : m.path("processes")) {
                Optional<ProcessHandle> h = ProcessHandle.of(p.path("pid").asLong());
                // the same program as recorded: a pid reused by another program is left alone
                if (h.isPresent() && h.get().isAlive() && h.get().info().command().orElse("").equals(p.path("command").asText())) {
                    stopped.add(stop(h.get()));
                }
            }
            long bytes = Disk.allocatedBytes(dir);
            DatasetWriter.deleteRecursively(dir);
            log.printf("removed a dead run's servers (launcher pid %d is gone): %s; deleted %s (%.1f MB)%n", launcher,
                    stopped.isEmpty() ? "none still running" : "stopped " + String.join(", ", stopped), dir, bytes / 1e6);
        } catch (IOException | RuntimeException e) {
            log.println("warning: cannot clean up the dead run in " + dir + ": " + e.getMessage());
        }
    }

    /** SIGTERM, then SIGKILL if it is still there after 10 s; returns "name (pid)". */
    private static String stop(ProcessHandle p) {
        String name = Path.of(p.info().command().orElse("?")).getFileName() + " (" + p.pid() + ")";
        p.destroy();
        try {
            p.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            p.destroyForcibly();
        }
        return name;
    }
}
