package org.deduplab.provision;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deduplab.payloads.AtomicFile;
import org.deduplab.store.ServerProcess;

/**
 * A run's private directory ({@code $TMPDIR/dedup-lab-run-*}, mode 0700) and what the run writes down
 * about itself in it ({@value #FILE}), so that the next launcher can clean up after this one was
 * killed with SIGKILL (no shutdown hook runs then, and the servers are re-parented to init): the
 * launcher's pid and start, each server's own pid as soon as that server is ready, the processes the
 * launcher started, and the files the run left outside its directory. Rewritten whole on each change.
 */
public final class RunRecord {
    static final String FILE = "dedup-lab-processes.json";
    static final String PREFIX = "dedup-lab-run-";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One server as recorded: its system, own pid, the signal that stops it, and what identifies that process. */
    record Server(String system, long pid, String signal, String command, long startMillis) {}

    private final Path dir;
    private final List<Server> servers = new ArrayList<>();
    private final List<String> filesOutside = new ArrayList<>();

    private RunRecord(Path dir) {
        this.dir = dir;
    }

    /** Creates a new run directory under {@code tmpDir} and records the launcher in it at once. */
    public static RunRecord create(Path tmpDir) throws IOException {
        Files.createDirectories(tmpDir);
        Path dir = tmpDir.resolve(PREFIX + Long.toUnsignedString(new SecureRandom().nextLong()));
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        RunRecord r = new RunRecord(dir);
        r.save();
        return r;
    }

    /** Under java.io.tmpdir. */
    public static RunRecord create() throws IOException {
        return create(Path.of(System.getProperty("java.io.tmpdir")));
    }

    public Path dir() {
        return dir;
    }

    /** A server is ready: its own process, identified by command and start time so that a reused pid is never taken for it. */
    public synchronized void serverReady(String system, ServerProcess p) throws IOException {
        ProcessHandle h = ProcessHandle.of(p.pid())
                .orElseThrow(() -> new IOException(system + " reported pid " + p.pid() + ", which is not running"));
        servers.add(new Server(
                system,
                p.pid(),
                p.signal(),
                h.info().command().orElse(""),
                h.info().startInstant().map(Instant::toEpochMilli).orElse(0L)));
        save();
    }

    /** A server restarted in place: its new process takes the place of the system's old one. */
    public synchronized void serverReplaced(String system, ServerProcess p) throws IOException {
        servers.removeIf(s -> s.system().equals(system));
        serverReady(system, p);
    }

    /** A file the run made outside its directory (JMH's compiler hints file), to be removed if the run is killed. */
    public synchronized void fileOutside(Path file) throws IOException {
        filesOutside.add(file.toAbsolutePath().toString());
        save();
    }

    /** Writes the record again, with the processes the launcher has started by now. */
    public synchronized void save() throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        ProcessHandle self = ProcessHandle.current();
        m.put("launcher", self.pid());
        m.put(
                "launcherStart",
                self.info().startInstant().map(Instant::toEpochMilli).orElse(0L));
        m.put("servers", servers);
        List<Map<String, Object>> children = new ArrayList<>();
        self.descendants()
                .forEach(p -> children.add(
                        Map.of("pid", p.pid(), "command", p.info().command().orElse(""))));
        m.put("processes", children);
        m.put("filesOutside", filesOutside);
        AtomicFile.write(dir.resolve(FILE), JSON.writeValueAsBytes(m));
    }
}
