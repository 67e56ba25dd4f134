package org.deduplab.store.postgresql;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deduplab.store.CacheReset;
import org.deduplab.store.ColdCache;
import org.deduplab.store.ContainerServer;
import org.deduplab.store.EmbeddedServer;
import org.deduplab.store.Endpoint;
import org.deduplab.store.FreePort;
import org.deduplab.store.Housekeeping;
import org.deduplab.store.Secrets;
import org.deduplab.store.ServerError;
import org.deduplab.store.ServerMode;
import org.deduplab.store.ServerProcess;
import org.deduplab.store.StoreSystem;
import org.deduplab.store.Variant;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** PostgreSQL in the registry: zonky's embedded PostgreSQL 17, the {@code postgres} image, the grant it needs. */
public final class PostgresSystem {
    private static final String IMAGE = "postgres:17.6";
    /** Production durability and the settings the lab records; zonky's and the image's test defaults turn fsync off. */
    private static final Map<String, String> SERVER_CONFIG = Map.of(
            "fsync",
            "on",
            "synchronous_commit",
            "on",
            "full_page_writes",
            "on",
            "default_toast_compression",
            "pglz",
            "max_wal_size",
            "2GB",
            "shared_buffers",
            "256MB");

    static final String PGLZ = "pglz";
    static final String LZ4 = "lz4";
    static final String UNCOMPRESSED = "uncompressed";

    public static final StoreSystem SYSTEM = new StoreSystem(
                    "postgresql",
                    "PG",
                    PostgresStore::new,
                    List.of(
                            new Variant(PGLZ, "column COMPRESSION pglz"),
                            new Variant(UNCOMPRESSED, "column STORAGE EXTERNAL (no compression)"),
                            new Variant(LZ4, "column COMPRESSION lz4 (a server built with lz4)")),
                    Optional.of(PostgresSystem::startEmbedded),
                    Optional.of(new ContainerServer<>(
                            IMAGE,
                            "/var/lib/postgresql/data",
                            (password, variant) -> container(password),
                            (c, password) -> c.getJdbcUrl(),
                            PostgreSQLContainer::getUsername,
                            true)),
                    user -> "GRANT CREATE ON DATABASE <database> TO \"" + user
                            + "\" (the lab creates schema dedup_lab)",
                    "`pg_total_relation_size` of `dedup_lab.files` (heap + TOAST + indexes + FSM/VM), settled by commit and CHECKPOINT",
                    ServerError.JDBC)
            .sharingNamespace() // schema dedup_lab
            .coldCache(ColdCache.RESTART)
            .housekeeping(new Housekeeping(
                    List.of(Housekeeping.Leftover.file("detect_linux_distribution_\\d+\\.sh")), // zonky's probe
                    List.of("embedded-pg"),
                    List.of("io.zonky")));

    private PostgresSystem() {}

    /**
     * initdb with scram-sha-256 for every connection and the run's random password for {@code postgres}
     * (zonky passes {@code -A trust} first; initdb's later options win), a server on 127.0.0.1 only and
     * without a Unix socket (zonky's binaries would put it in /tmp, where a killed run would leave it).
     */
    private static EmbeddedServer.Running startEmbedded(String system, Path data) throws Exception {
        String password = Secrets.password();
        Path pwfile = Secrets.ownerOnlyFile(data.resolveSibling(data.getFileName() + ".initdb-password"), password);
        EmbeddedPostgres pg;
        try {
            EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
                    .setPort(FreePort.pick())
                    .setDataDirectory(data)
                    .setCleanDataDirectory(true)
                    .setLocaleConfig("auth-host", "scram-sha-256")
                    .setLocaleConfig("auth-local", "scram-sha-256")
                    .setLocaleConfig("pwfile", pwfile.toString())
                    .setConnectConfig("password", password)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("unix_socket_directories", "''");
            SERVER_CONFIG.forEach(b::setServerConfig);
            pg = b.start();
        } finally {
            Files.deleteIfExists(pwfile);
        }
        Endpoint e = new Endpoint(
                system,
                ServerMode.EMBEDDED,
                "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres",
                "postgres",
                password,
                data,
                Map.of("fsync", "on", "synchronous_commit", "on"));
        return new EmbeddedServer.Running(
                e,
                pg,
                ServerProcess.fromPidFile(data.resolve("postmaster.pid"), ServerProcess.INT),
                new CacheReset.Restart(() -> restartInPlace(data)));
    }

    /**
     * {@code pg_ctl restart -m fast}: a clean shutdown (a checkpoint) and a start with the options of
     * {@code postmaster.opts}, so the same port, directory and password, and an empty shared_buffers.
     * As root through {@code unshare -U}, as zonky starts it (PostgreSQL refuses to run as root).
     * 0.3 s for an idle server here.
     */
    private static ServerProcess restartInPlace(Path data) throws Exception {
        ServerProcess old = ServerProcess.fromPidFile(data.resolve("postmaster.pid"), ServerProcess.INT);
        Path postgres = ProcessHandle.of(old.pid())
                .flatMap(h -> h.info().command())
                .map(Path::of)
                .orElseThrow(
                        () -> new IllegalStateException("postgresql's postmaster " + old.pid() + " is not running"));
        List<String> cmd = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            cmd.addAll(List.of("unshare", "-U"));
        }
        Path log = data.resolveSibling(data.getFileName() + ".restart.log");
        cmd.addAll(List.of(
                postgres.resolveSibling("pg_ctl").toString(),
                "restart",
                "-D",
                data.toString(),
                "-m",
                "fast",
                "-w",
                "-t",
                "120",
                "-l",
                log.toString()));
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(
                    "pg_ctl restart of " + data + " exited with " + p.exitValue() + "; its server log: " + log);
        }
        return ServerProcess.fromPidFile(data.resolve("postmaster.pid"), ServerProcess.INT);
    }

    private static PostgreSQLContainer container(String password) {
        List<String> cmd = new ArrayList<>(List.of("postgres"));
        SERVER_CONFIG.forEach((k, v) -> cmd.addAll(List.of("-c", k + "=" + v)));
        return new PostgreSQLContainer(IMAGE).withPassword(password).withCommand(cmd.toArray(String[]::new));
    }
}
