package org.deduplab.store;

import java.util.List;
import org.deduplab.payloads.InvalidSpecException;
import org.deduplab.store.cockroachdb.CockroachSystem;
import org.deduplab.store.mariadb.MariaDbSystem;
import org.deduplab.store.minio.MinioSystem;
import org.deduplab.store.postgresql.PostgresSystem;
import org.deduplab.store.redis.RedisSystem;
import org.deduplab.store.s3.S3System;

/**
 * The registry: every system the lab knows, in the order matrices, summaries and reports list them.
 * Adding a system means adding its package (store, footprint probe, {@link StoreSystem}) and one
 * line here.
 */
public final class Systems {
    public static final List<StoreSystem> ALL = List.of(PostgresSystem.SYSTEM, MariaDbSystem.SYSTEM, CockroachSystem.SYSTEM,
            RedisSystem.SYSTEM, S3System.SYSTEM, MinioSystem.SYSTEM);

    private Systems() {
    }

    /** Every system's name, in registry order. */
    public static List<String> names() {
        return ALL.stream().map(StoreSystem::name).toList();
    }

    /** Systems the lab can start without Docker. */
    public static List<String> withEmbeddedServer() {
        return ALL.stream().filter(s -> s.embedded().isPresent()).map(StoreSystem::name).toList();
    }

    /** Systems the lab can start in a container where Docker runs. */
    public static List<String> withContainer() {
        return ALL.stream().filter(s -> s.container().isPresent()).map(StoreSystem::name).toList();
    }

    public static String validValues() {
        return String.join(", ", names());
    }

    /** The system called {@code name}; an unknown name is an error that lists the valid ones. */
    public static StoreSystem get(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new InvalidSpecException("unknown system '" + name + "'; valid: " + validValues()));
    }

    /** The store of an endpoint. */
    public static Store open(Endpoint endpoint) {
        return get(endpoint.system()).open().apply(endpoint);
    }
}
