package org.deduplab.provision;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.deduplab.payloads.BadInputException;
import org.deduplab.store.ContainerServer;
import org.deduplab.store.Endpoint;
import org.deduplab.store.ServerFiles;
import org.deduplab.store.Systems;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

/**
 * Servers in containers through Testcontainers, for machines with Docker, as each system's
 * {@link ContainerServer} describes them (pinned image, production durability): random passwords,
 * started once per run in parallel and stopped at exit (Testcontainers' reaper removes them if the
 * JVM dies). Forks measure a container's data directory by running {@code du} inside it
 * ({@link ServerFiles}).
 */
public final class ContainerServers implements AutoCloseable {
    private static Boolean dockerAvailable;
    private final Map<String, GenericContainer<?>> containers = new ConcurrentHashMap<>();
    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();

    private ContainerServers() {}

    /** Whether a Docker engine is reachable (checked once per JVM). */
    public static synchronized boolean dockerAvailable() {
        if (dockerAvailable == null) {
            try {
                dockerAvailable = DockerClientFactory.instance().isDockerAvailable();
            } catch (Throwable t) {
                dockerAvailable = false;
            }
        }
        return dockerAvailable;
    }

    /** The container description of {@code system}; a system without one is an error naming those that have one. */
    public static ContainerServer<?> of(String system) {
        return Systems.get(system)
                .container()
                .orElseThrow(() -> new BadInputException(
                        system + " has no container image; valid: " + String.join(", ", Systems.withContainer())));
    }

    /** Starts a container for each of {@code systems}; on any failure stops those already started. */
    public static ContainerServers start(Collection<String> systems, PrintStream log) {
        ContainerServers s = new ContainerServers();
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        for (String system : systems) {
            starts.add(CompletableFuture.runAsync(() -> {
                long t0 = System.nanoTime();
                Endpoint e = s.startOne(system, of(Systems.baseOf(system)));
                log.printf(
                        "container %s ready: %s on %s (%.1f s)%n",
                        system, e.settings().get("image"), e.safeUrl(), (System.nanoTime() - t0) / 1e9);
            }));
        }
        try {
            CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
        } catch (RuntimeException e) {
            s.close();
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        return s;
    }

    /** Typed by the system's container class, so its endpoint reads the container's own accessors. */
    private <C extends GenericContainer<?>> Endpoint startOne(String system, ContainerServer<C> spec) {
        String password = randomPassword();
        C c = spec.newContainer(password, Systems.variantOf(system));
        try {
            c.start();
        } catch (RuntimeException e) {
            c.stop();
            throw new IllegalStateException(
                    "cannot start " + spec.image() + " for " + system + ": " + e.getMessage(), e);
        }
        containers.put(system, c);
        Endpoint e = spec.endpoint(system, c, password);
        endpoints.put(system, e);
        return e;
    }

    private static String randomPassword() {
        byte[] b = new byte[16];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    public Map<String, Endpoint> endpoints() {
        return endpoints;
    }

    /** Whether the container of {@code system} still runs and accepts connections. */
    public boolean alive(String system) {
        GenericContainer<?> c = containers.get(system);
        Endpoint e = endpoints.get(system);
        return c != null
                && c.isRunning()
                && e != null
                && Systems.get(Systems.baseOf(system)).alive().test(e);
    }

    /** Removes what is left of a container that died and starts a fresh one (new volume, new password). */
    public synchronized Endpoint restart(String system) {
        GenericContainer<?> old = containers.remove(system);
        try {
            if (old != null) {
                old.stop();
            }
        } catch (RuntimeException e) {
            // it is dead already; Testcontainers' reaper removes what is left
        }
        return startOne(system, of(Systems.baseOf(system)));
    }

    @Override
    public void close() {
        for (GenericContainer<?> c : containers.values()) {
            try {
                c.stop();
            } catch (RuntimeException e) {
                System.err.println(
                        "warning: stopping container " + c.getDockerImageName() + " failed: " + e.getMessage());
            }
        }
        containers.clear();
    }
}
