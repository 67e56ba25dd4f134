package org.deduplab.provision;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.deduplab.target.ServerFiles;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.cockroachdb.CockroachContainer;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.MinIOContainer;
import org.testcontainers.mariadb.MariaDBContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Servers in containers through Testcontainers, for machines with Docker: pinned image tags, the
 * same production durability as the embedded servers, random passwords, started once per run in
 * parallel and stopped at exit (Testcontainers' reaper removes them if the JVM dies). Forks measure
 * a container's data directory by running {@code du} inside it ({@link ServerFiles}).
 */
public final class ContainerServers implements AutoCloseable {
    /** Pinned images: a result names the exact server it measured. */
    public static final Map<String, String> IMAGES = Map.of(
            "postgresql", "postgres:17.6",
            "mariadb", "mariadb:11.4.5",
            "cockroachdb", "cockroachdb/cockroach:v24.3.5",
            "redis", "redis:6.2.14",
            "minio", "minio/minio:RELEASE.2025-04-22T22-12-26Z");

    /** Each system's data directory inside its image. */
    static final Map<String, String> DATA_DIRS = Map.of(
            "postgresql", "/var/lib/postgresql/data",
            "mariadb", "/var/lib/mysql",
            "cockroachdb", "/cockroach/cockroach-data",
            "redis", "/data",
            "minio", "/data");

    private static Boolean dockerAvailable;
    private final Map<String, GenericContainer<?>> containers = new ConcurrentHashMap<>();
    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();

    private ContainerServers() {
    }

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

    /** A container for {@code system}, configured but not started. */
    public static GenericContainer<?> create(String system, String password) {
        String image = IMAGES.get(system);
        return switch (system) {
            // the image's default turns fsync off for tests; the lab measures production durability
            case "postgresql" -> new PostgreSQLContainer(image).withPassword(password)
                    .withCommand("postgres", "-c", "fsync=on", "-c", "synchronous_commit=on", "-c", "full_page_writes=on",
                            "-c", "default_toast_compression=pglz", "-c", "max_wal_size=2GB", "-c", "shared_buffers=256MB");
            case "mariadb" -> new MariaDBContainer(image).withUsername("root").withPassword(password)
                    .withCommand("--max_allowed_packet=256M", "--innodb_flush_log_at_trx_commit=1",
                            "--innodb_buffer_pool_size=256M", "--innodb_log_file_size=256M", "--skip-name-resolve");
            case "cockroachdb" -> new CockroachContainer(image); // single node, replication factor 1
            case "redis" -> new GenericContainer<>(image).withExposedPorts(6379)
                    .withCommand("redis-server", "--save", "", "--appendonly", "no", "--requirepass", password);
            case "minio" -> new MinIOContainer(image).withUserName("dedup-lab").withPassword(password);
            default -> throw new IllegalArgumentException(system + " has no container; valid: " + String.join(", ", IMAGES.keySet()));
        };
    }

    /** The endpoint of a started container: URL, credentials, and where forks find its data directory. */
    public static Endpoint endpoint(String system, GenericContainer<?> c, String password) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("image", IMAGES.get(system));
        settings.put(ServerFiles.CONTAINER_ID, c.getContainerId());
        settings.put(ServerFiles.CONTAINER_DATA_DIR, DATA_DIRS.get(system));
        String host = c.getHost();
        return switch (system) {
            case "postgresql" -> new Endpoint(system, "container", ((PostgreSQLContainer) c).getJdbcUrl(), ((PostgreSQLContainer) c).getUsername(), password,
                    null, settings);
            case "mariadb" -> new Endpoint(system, "container", "jdbc:mariadb://" + host + ":" + c.getMappedPort(3306)
                    + "/?useBulkStmts=true", "root", password, null, settings);
            case "cockroachdb" -> new Endpoint(system, "container", ((CockroachContainer) c).getJdbcUrl(),
                    ((CockroachContainer) c).getUsername(), "", null, settings);
            case "redis" -> new Endpoint(system, "container", "redis://" + host + ":" + c.getMappedPort(6379), "", password,
                    null, settings);
            case "minio" -> new Endpoint(system, "container", ((MinIOContainer) c).getS3URL(), "dedup-lab", password, null,
                    settings);
            default -> throw new IllegalArgumentException(system + " has no container");
        };
    }

    /** Starts a container for each of {@code systems}; on any failure stops those already started. */
    public static ContainerServers start(Collection<String> systems, PrintStream log) {
        ContainerServers s = new ContainerServers();
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        for (String system : systems) {
            starts.add(CompletableFuture.runAsync(() -> {
                long t0 = System.nanoTime();
                String password = randomPassword();
                GenericContainer<?> c = create(system, password);
                try {
                    c.start();
                } catch (RuntimeException e) {
                    c.stop();
                    throw new IllegalStateException("cannot start " + IMAGES.get(system) + " for " + system + ": "
                            + e.getMessage(), e);
                }
                s.containers.put(system, c);
                Endpoint e = endpoint(system, c, password);
                s.endpoints.put(system, e);
                log.printf("container %s ready: %s on %s (%.1f s)%n", system, IMAGES.get(system), e.safeUrl(),
                        (System.nanoTime() - t0) / 1e9);
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

    private static String randomPassword() {
        byte[] b = new byte[16];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    public Map<String, Endpoint> endpoints() {
        return endpoints;
    }

    @Override
    public void close() {
        for (GenericContainer<?> c : containers.values()) {
            try {
                c.stop();
            } catch (RuntimeException e) {
                System.err.println("warning: stopping container " + c.getDockerImageName() + " failed: " + e.getMessage());
            }
        }
        containers.clear();
    }
}
