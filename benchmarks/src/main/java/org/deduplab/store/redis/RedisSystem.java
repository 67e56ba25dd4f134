package org.deduplab.store.redis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deduplab.store.CacheReset;
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
import org.testcontainers.containers.GenericContainer;
import redis.embedded.RedisServer;

/** Redis in the registry: embedded-redis (6.2 binary), the {@code redis} image, the ACL it needs. */
public final class RedisSystem {
    private static final String IMAGE = "redis:6.2.14";

    public static final StoreSystem SYSTEM = new StoreSystem(
                    "redis",
                    "REDIS",
                    RedisStore::new,
                    List.of(),
                    Optional.of(RedisSystem::startEmbedded),
                    Optional.of(new ContainerServer<GenericContainer<?>>(
                            IMAGE,
                            "/data",
                            (password, variant) -> new GenericContainer<>(IMAGE)
                                    .withExposedPorts(6379)
                                    .withCommand(
                                            "redis-server",
                                            "--save",
                                            "",
                                            "--appendonly",
                                            "no",
                                            "--requirepass",
                                            password),
                            (c, password) -> "redis://" + c.getHost() + ":" + c.getMappedPort(6379),
                            c -> "",
                            true)),
                    user -> "ACL SETUSER " + user + " on ~dedup_lab:* +@all (the lab writes keys dedup_lab:*)",
                    "`used_memory` growth, read once the server has dropped the loading connection (its query buffer counts"
                            + " until then), settled by closing the loading connection",
                    RedisSystem::error)
            .sharingNamespace() // key prefix dedup_lab:
            .housekeeping(new Housekeeping(
                    List.of(
                            Housekeeping.Leftover.file("embedded-redis-server_\\d+\\.conf"),
                            // embedded-redis's own extraction directory: redis-DIGITS holding one binary
                            Housekeeping.Leftover.directoryHolding("redis-\\d+", "redis-server-.*")),
                    List.of(RedisBinary.CACHE_DIR),
                    List.of("redis.embedded")));

    private RedisSystem() {}

    /** Redis's replies: WRONGPASS / NOAUTH for credentials, NOPERM for an ACL that does not cover the lab's keys. */
    static Optional<ServerError> error(Throwable t) {
        String msg = String.valueOf(t.getMessage());
        if (msg.contains("WRONGPASS") || msg.contains("NOAUTH") || msg.contains("invalid password")) {
            return Optional.of(new ServerError(ServerError.Kind.ACCESS_DENIED, ServerError.firstLine(msg)));
        }
        if (msg.contains("NOPERM")) {
            return Optional.of(new ServerError(ServerError.Kind.PERMISSION_DENIED, ServerError.firstLine(msg)));
        }
        return Optional.empty();
    }

    /**
     * redis-server on 127.0.0.1 with the run's random {@code requirepass}, from a config file of its own
     * in the run directory (mode 0600: it holds the password; embedded-redis's builder would write it
     * to {@code $TMPDIR}), with its pid file beside it.
     */
    private static EmbeddedServer.Running startEmbedded(String system, Path dir) throws Exception {
        Files.createDirectories(dir);
        int port = FreePort.pick();
        String password = Secrets.password();
        Path pidFile = dir.resolve("redis.pid");
        Path conf = Secrets.ownerOnlyFile(
                dir.resolve("redis.conf"),
                String.join(
                                "\n",
                                "port " + port,
                                "bind 127.0.0.1",
                                "protected-mode yes",
                                "requirepass " + password,
                                "dir " + dir.toAbsolutePath(),
                                "pidfile " + pidFile.toAbsolutePath(),
                                "save \"\"", // no background snapshots: the lab SAVEs when it measures
                                "appendonly no")
                        + "\n");
        RedisServer redis = new RedisServer(
                port,
                List.of(
                        RedisBinary.extracted().toString(),
                        conf.toAbsolutePath().toString()),
                false);
        redis.start();
        Endpoint e =
                new Endpoint(system, ServerMode.EMBEDDED, "redis://127.0.0.1:" + port, "", password, dir, Map.of());
        return new EmbeddedServer.Running(
                e,
                redis::stop,
                ServerProcess.fromPidFile(pidFile, ServerProcess.TERM),
                new CacheReset.Unavailable("Redis serves every read from memory: there is no cache below it to empty"));
    }
}
