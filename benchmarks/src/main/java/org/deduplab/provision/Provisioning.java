package org.deduplab.provision;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deduplab.payloads.BadInputException;
import org.deduplab.payloads.DatasetWriter;
import org.deduplab.store.Endpoint;
import org.deduplab.store.ServerMode;
import org.deduplab.store.StoreSystem;
import org.deduplab.store.Systems;

/**
 * Decides where each selected system's server comes from and brings it up: external when
 * {@code DEDUP_<SYS>_URL} is set (or the mode says so), else embedded where the lab has an embedded
 * server, else a Testcontainers container where Docker runs. Systems that end up with no endpoint
 * are reported with the reason and how to enable them.
 */
public final class Provisioning implements AutoCloseable {
    private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();
    private final Map<String, String> skipped = new LinkedHashMap<>();
    private EmbeddedServers embedded;
    private ContainerServers containers;
    private Path dir;
    private RunRecord record;
    private MachineFingerprint machine;

    private Provisioning() {}

    /**
     * The mode each system will use, without starting anything (so bad input fails before any server
     * starts). Auto: external when a URL is set, else embedded where the lab has an embedded server,
     * else a container when Docker is reachable; a system with none of these goes to {@code skippedOut}
     * with the reason and how to enable it.
     */
    public static Map<String, SystemConfig.Mode> plan(List<String> systems, Map<String, String> skippedOut) {
        Map<String, SystemConfig.Mode> plan = new LinkedHashMap<>();
        for (String system : systems) {
            // a server key: a system, or a variant with a server of its own (minio:compressed), configured as its
            // system
            SystemConfig cfg = SystemConfig.load(Systems.baseOf(system));
            StoreSystem described = Systems.get(Systems.baseOf(system));
            SystemConfig.Mode mode = cfg.mode();
            if (mode == SystemConfig.Mode.AUTO) {
                mode = cfg.url() != null
                        ? SystemConfig.Mode.EXTERNAL
                        : described.embedded().isPresent() ? SystemConfig.Mode.EMBEDDED : SystemConfig.Mode.CONTAINER;
                if (mode == SystemConfig.Mode.CONTAINER && !ContainerServers.dockerAvailable()) {
                    skippedOut.put(
                            system, system + " skipped: no endpoint (set " + cfg.variable("URL") + " or start Docker)");
                    continue;
                }
            }
            if (mode == SystemConfig.Mode.EXTERNAL && cfg.url() == null) {
                throw new BadInputException(cfg.variable("MODE") + "=external needs " + cfg.variable("URL"));
            }
            if (mode == SystemConfig.Mode.EMBEDDED && described.embedded().isEmpty()) {
                throw new BadInputException(cfg.variable("MODE") + "=embedded: " + system
                        + " has no embedded server; valid: external (set " + cfg.variable("URL") + ") or container");
            }
            if (mode == SystemConfig.Mode.CONTAINER) {
                if (described.container().isEmpty()) {
                    throw new BadInputException(
                            cfg.variable("MODE") + "=container: " + system + " has no container image;"
                                    + " valid: external, embedded (systems with a container: "
                                    + String.join(", ", Systems.withContainer()) + ")");
                }
                if (!ContainerServers.dockerAvailable()) {
                    throw new BadInputException(cfg.variable("MODE") + "=container but Docker is not reachable"
                            + " (start Docker or set DOCKER_HOST; or use " + cfg.variable("MODE") + "=external with "
                            + cfg.variable("URL") + ")");
                }
            }
            plan.put(system, mode);
        }
        return plan;
    }

    /** Resolves and starts what {@code systems} need; messages go to {@code log}. */
    public static Provisioning start(List<String> systems, PrintStream log) throws IOException {
        Provisioning p = new Provisioning();
        Map<String, SystemConfig.Mode> plan = plan(systems, p.skipped);
        List<String> toEmbed = new ArrayList<>();
        List<String> toContain = new ArrayList<>();
        for (Map.Entry<String, SystemConfig.Mode> e : plan.entrySet()) {
            switch (e.getValue()) {
                case EMBEDDED -> toEmbed.add(e.getKey());
                case CONTAINER -> toContain.add(e.getKey());
                default -> {
                    SystemConfig cfg = SystemConfig.load(Systems.baseOf(e.getKey()));
                    p.endpoints.put(
                            e.getKey(),
                            new Endpoint(
                                    e.getKey(),
                                    ServerMode.EXTERNAL,
                                    cfg.url(),
                                    cfg.user(),
                                    cfg.password(),
                                    cfg.dataDir() == null ? null : Path.of(cfg.dataDir()),
                                    Map.of()));
                }
            }
        }
        try {
            if (!toContain.isEmpty()) {
                p.containers = ContainerServers.start(toContain, log);
                p.endpoints.putAll(p.containers.endpoints());
            }
            p.record = RunRecord.create();
            p.dir = p.record.dir();
            if (!toEmbed.isEmpty()) {
                p.embedded = EmbeddedServers.start(toEmbed, p.record, log);
                p.endpoints.putAll(p.embedded.endpoints());
            } else {
                DeadRuns.reap(p.dir.getParent());
            }
        } catch (IOException | RuntimeException e) {
            p.close();
            throw e;
        }
        for (Endpoint e : p.endpoints.values()) {
            if (e.mode() == ServerMode.EXTERNAL) {
                log.println("external " + e.system() + " at " + e.safeUrl());
            }
        }
        // the caller's order, whatever order the servers came up in
        Map<String, Endpoint> ordered = new LinkedHashMap<>();
        systems.stream().filter(p.endpoints::containsKey).forEach(sys -> ordered.put(sys, p.endpoints.get(sys)));
        p.endpoints.clear();
        p.endpoints.putAll(ordered);
        return p;
    }

    public Map<String, Endpoint> endpoints() {
        return endpoints;
    }

    /** system -> why it was left out. */
    public Map<String, String> skipped() {
        return skipped;
    }

    /** The machine this run measures on, measured once (its fsync'd writes go to the run directory). */
    public synchronized MachineFingerprint machine() throws IOException {
        if (machine == null) {
            machine = MachineFingerprint.measure(dir);
        }
        return machine;
    }

    /** What the run writes down about itself for the reaper (see {@link DeadRuns}). */
    public RunRecord record() {
        return record;
    }

    /** The run's private directory (endpoints file, fork settings, JMH's own result copy); removed at close. */
    public Path dir() {
        return dir;
    }

    /**
     * Before a benchmark of {@code server}: when the lab's own (embedded or container) server died, it
     * is started again with a fresh data directory (a new container for a container), the endpoints file the forks read is rewritten, and the line
     * saying so is returned. External servers are the user's: they are never restarted.
     */
    public synchronized Optional<String> restartIfDead(String server) throws IOException {
        Endpoint e = endpoints.get(server);
        Endpoint fresh;
        if (e != null && embedded != null && e.mode() == ServerMode.EMBEDDED && !embedded.alive(server)) {
            fresh = embedded.restart(server);
        } else if (e != null && containers != null && e.mode() == ServerMode.CONTAINER && !containers.alive(server)) {
            fresh = containers.restart(server);
        } else {
            return Optional.empty();
        }
        endpoints.put(server, fresh);
        writeEndpoints();
        return Optional.of(e.mode().id() + " " + server + " at " + e.safeUrl()
                + " died; restarted with a fresh data directory on " + fresh.safeUrl());
    }

    /**
     * Why a cold restore cannot be had on {@code server}, or empty when it can: the lab must own the
     * server (embedded), the server must have caches it can empty, and the OS page cache must be
     * droppable (root).
     */
    public Optional<String> coldUnavailable(String server) {
        Endpoint e = endpoints.get(server);
        if (e == null || embedded == null || e.mode() != ServerMode.EMBEDDED) {
            return Optional.of(
                    (e == null ? "no server" : "a server in mode " + e.mode().id())
                            + ": the lab neither restarts it nor empties its host's page cache");
        }
        return embedded.coldUnavailable(server).or(PageCache::unavailable);
    }

    /** Empties the server's own caches and the OS page cache before a cold restore; says what was done. */
    public String emptyCaches(String server) throws Exception {
        String why = coldUnavailable(server).orElse(null);
        if (why != null) {
            throw new IllegalStateException("no cold restore on " + server + ": " + why);
        }
        long t0 = System.nanoTime();
        String done = embedded.emptyCaches(server);
        PageCache.drop();
        return String.format("%s: %s, page cache dropped, %.2f s", server, done, (System.nanoTime() - t0) / 1e9);
    }

    public Path writeEndpoints() throws IOException {
        return Endpoints.writeInto(dir, endpoints.values());
    }

    @Override
    public void close() {
        if (containers != null) {
            containers.close();
        }
        if (embedded != null) {
            embedded.close();
        } else if (dir != null) {
            try {
                DatasetWriter.deleteRecursively(dir);
            } catch (IOException e) {
                System.err.println("warning: cannot remove " + dir + ": " + e.getMessage());
            }
        }
    }
}
