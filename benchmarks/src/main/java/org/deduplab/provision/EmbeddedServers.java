package org.deduplab.provision;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.deduplab.payloads.DatasetWriter;
import org.deduplab.payloads.NoSpace;
import org.deduplab.store.CacheReset;
import org.deduplab.store.EmbeddedServer;
import org.deduplab.store.Endpoint;
import org.deduplab.store.ServerProcess;
import org.deduplab.store.Systems;

/**
 * Zero set-up servers, as each system's {@link EmbeddedServer} starts them: started once per run (in
 * parallel), shared by every JMH fork, stopped and their data directories removed at exit. Free
 * ports are chosen at start. They run with production durability: fsync and synchronous commit on
 * (zonky's test defaults turn them off).
 */
public final class EmbeddedServers implements AutoCloseable {
    private final RunRecord record;
    private final Path root;
    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();
    private final Map<String, Endpoint> admins = new ConcurrentHashMap<>();
    private final Map<String, ServerProcess> processes = new ConcurrentHashMap<>();
    private final List<AutoCloseable> stoppers = Collections.synchronizedList(new ArrayList<>());
    /** The stop handle of each system's current server, for a restart. */
    private final Map<String, AutoCloseable> current = new ConcurrentHashMap<>();
    /** How each system's current server empties its own caches, for a cold restore. */
    private final Map<String, CacheReset> cacheResets = new ConcurrentHashMap<>();

    /** The main class of a JMH fork, on its command line. */
    static final String FORK_MAIN = "org.openjdk.jmh.runner.ForkedMain";

    private int restarts;
    private final Thread hook = new Thread(this::closeQuietly, "dedup-lab-embedded-shutdown");
    private boolean closed;

    private EmbeddedServers(RunRecord record) {
        this.record = record;
        this.root = record.dir();
    }

    /** Starts an embedded server for each of {@code systems}. */
    public static EmbeddedServers start(Collection<String> systems, PrintStream log) throws IOException {
        return start(systems, RunRecord.create(), log);
    }

    /** Starts an embedded server for each of {@code systems} in the run directory of {@code record}. */
    static EmbeddedServers start(Collection<String> systems, RunRecord record, PrintStream log) throws IOException {
        DeadRuns.reap(record.dir().getParent());
        EmbeddedServers s = new EmbeddedServers(record);
        Runtime.getRuntime().addShutdownHook(s.hook);
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        for (String system : systems) {
            starts.add(CompletableFuture.runAsync(() -> {
                long t0 = System.nanoTime();
                Endpoint e = s.startOne(system);
                log.printf("embedded %s ready on %s (%.1f s)%n", system, e.url(), (System.nanoTime() - t0) / 1e9);
            }));
        }
        try {
            CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
        } catch (RuntimeException e) {
            s.close();
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IOException(cause.getMessage(), cause);
        }
        s.record.save(); // the processes started meanwhile, so that a launcher killed with SIGKILL leaves nothing
        // behind for long
        return s;
    }

    /** Start attempts per server: a start can fail transiently (a port taken between choosing and binding it). */
    static final int START_ATTEMPTS = Integer.getInteger("dedup.embeddedStartAttempts", 3);

    /** Starts one server, retrying with a fresh port and a fresh directory before giving up with every attempt's cause. */
    private Endpoint startOne(String system) {
        EmbeddedServer server = Systems.get(Systems.baseOf(system))
                .embedded()
                .orElseThrow(() -> new IllegalArgumentException("no embedded server for " + system + "; valid: "
                        + String.join(", ", Systems.withEmbeddedServer())));
        List<String> causes = new ArrayList<>();
        long began = System.currentTimeMillis();
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            Path dir = root.resolve((attempt == 1 ? system : system + "-attempt" + attempt)
                    + (restarts == 0 ? "" : "-restart" + restarts));
            EmbeddedServer.Running r;
            try {
                r = server.start(system, dir);
            } catch (Exception ex) {
                causes.add("attempt " + attempt + ": " + ex);
                try {
                    DatasetWriter.deleteRecursively(dir);
                } catch (IOException cleanup) {
                    causes.add("cannot remove " + dir + ": " + cleanup.getMessage());
                }
                continue;
            }
            stoppers.add(r.stop());
            current.put(system, r.stop());
            cacheResets.put(system, r.cacheReset());
            endpoints.put(system, r.endpoint());
            try {
                ready(system, r);
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "embedded " + system + " started but cannot be recorded in " + root + ": " + e.getMessage(), e);
            }
            return r.endpoint();
        }
        List<String> said = ServerLogTail.since(began, 12);
        String full = NoSpace.says(String.join(" ", causes) + String.join(" ", said))
                ? "no space left on " + root.getParent() + ": "
                : "";
        throw new IllegalStateException(full + "cannot start embedded " + system + " (" + START_ATTEMPTS + " attempt"
                + (START_ATTEMPTS == 1 ? "" : "s, each with a fresh port and directory") + "): "
                + String.join("; ", causes)
                + (said.isEmpty()
                        ? ""
                        : System.lineSeparator() + "  its last log lines:" + System.lineSeparator() + "    "
                                + String.join(System.lineSeparator() + "    ", said)));
    }

    /** A server is up: its own pid goes into the run record at once; cached binaries of other versions go. */
    private void ready(String system, EmbeddedServer.Running r) throws IOException {
        r.admin().ifPresent(a -> admins.put(system, a));
        processes.put(system, r.process());
        record.serverReady(system, r.process());
        ProcessHandle.of(r.process().pid())
                .flatMap(h -> h.info().command())
                .ifPresent(exe -> TmpLeftovers.olderBinaries(root.getParent(), Path.of(exe), System.err));
    }

    /** The administrator's endpoint of a server whose lab user is limited (MariaDB), for tests; never written anywhere. */
    public Optional<Endpoint> admin(String system) {
        return Optional.ofNullable(admins.get(system));
    }

    /** The server's own process, as it reported it. */
    public ServerProcess process(String system) {
        return processes.get(system);
    }

    public RunRecord record() {
        return record;
    }

    public Map<String, Endpoint> endpoints() {
        return endpoints;
    }

    /** Whether the server of {@code system} still answers (its system's liveness check: accepts connections). */
    public boolean alive(String system) {
        Endpoint e = endpoints.get(system);
        return e != null && Systems.get(Systems.baseOf(system)).alive().test(e);
    }

    /** Stops what is left of a server that died and starts it again with a fresh data directory and port. */
    public synchronized Endpoint restart(String system) throws IOException {
        AutoCloseable old = current.remove(system);
        try {
            if (old != null) {
                old.close();
            }
        } catch (Exception e) {
            // it is dead already; its leftovers go with the run directory
        }
        restarts++;
        return startOne(system);
    }

    /** Why a cold restore cannot be had on the server of {@code system}, or empty when it can. */
    public Optional<String> coldUnavailable(String system) {
        return cacheResets.get(system) instanceof CacheReset.Unavailable u ? Optional.of(u.why()) : Optional.empty();
    }

    /**
     * Empties the server's own caches, as its {@link CacheReset} says (a restart in place records the
     * new process at once); returns what was done. The OS page cache is the caller's ({@link PageCache}).
     */
    public synchronized String emptyCaches(String system) throws Exception {
        CacheReset reset = cacheResets.get(system);
        if (reset instanceof CacheReset.Restart r) {
            ServerProcess before = processes.get(system);
            ServerProcess after = r.how().restart();
            processes.put(system, after);
            record.serverReplaced(system, after);
            return "restarted in place (pid " + before.pid() + " -> " + after.pid() + ")";
        }
        if (reset instanceof CacheReset.PageCacheOnly p) {
            return "no cache of its own (" + p.why() + ")";
        }
        throw new IllegalStateException("no cold restore on " + system + ": "
                + (reset instanceof CacheReset.Unavailable u ? u.why() : "not started"));
    }

    public Endpoint endpoint(String system) {
        return endpoints.get(system);
    }

    /** Writes the endpoints file the forks read (see {@link Endpoints}). */
    public Path writeEndpoints() throws IOException {
        return Endpoints.writeInto(root, endpoints.values());
    }

    public Path root() {
        return root;
    }

    private void closeQuietly() {
        try {
            close();
        } catch (Exception ignored) {
            // best effort at JVM exit
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // already shutting down
        }
        stopForks();
        List<AutoCloseable> all = new ArrayList<>(stoppers);
        Collections.reverse(all);
        for (AutoCloseable c : all) {
            try {
                c.close();
            } catch (Exception e) {
                System.err.println("warning: stopping an embedded server failed: " + e.getMessage());
            }
        }
        try {
            DatasetWriter.deleteRecursively(root);
        } catch (IOException | RuntimeException e) {
            System.err.println("warning: cannot remove " + root + ": " + e.getMessage());
        }
    }

    /**
     * Stops this launcher's JMH forks that still run (a run stopped mid-benchmark by SIGTERM or Ctrl-C),
     * before their servers: a fork left running held the run directory and wrote into it after the
     * servers were gone, so the directory (endpoints file included) stayed behind. SIGTERM, 10 s, then
     * SIGKILL.
     */
    static void stopForks() {
        List<ProcessHandle> forks = ProcessHandle.current()
                .descendants()
                .filter(p -> p.info()
                        .arguments()
                        .map(a -> Arrays.asList(a).contains(FORK_MAIN))
                        .orElse(false))
                .toList();
        forks.forEach(ProcessHandle::destroy);
        for (ProcessHandle p : forks) {
            p.onExit().completeOnTimeout(p, 10, TimeUnit.SECONDS).join();
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }
}
