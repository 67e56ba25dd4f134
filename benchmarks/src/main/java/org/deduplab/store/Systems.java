package org.deduplab.store;

import java.util.List;
import java.util.Optional;
import org.deduplab.payloads.BadInputException;
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
    public static final List<StoreSystem> ALL = List.of(
            PostgresSystem.SYSTEM,
            MariaDbSystem.SYSTEM,
            CockroachSystem.SYSTEM,
            RedisSystem.SYSTEM,
            S3System.SYSTEM,
            MinioSystem.SYSTEM);

    /** The {@code -p system=} value that stands for every system of the registry (the benchmarks' default). */
    public static final String EVERY = "*";

    private Systems() {}

    /** Every system's name, in registry order. */
    public static List<String> names() {
        return ALL.stream().map(StoreSystem::name).toList();
    }

    /** Systems the lab can start without Docker. */
    public static List<String> withEmbeddedServer() {
        return ALL.stream()
                .filter(s -> s.embedded().isPresent())
                .map(StoreSystem::name)
                .toList();
    }

    /** Systems the lab can start in a container where Docker runs. */
    public static List<String> withContainer() {
        return ALL.stream()
                .filter(s -> s.container().isPresent())
                .map(StoreSystem::name)
                .toList();
    }

    public static String validValues() {
        return String.join(", ", names());
    }

    /** The system called {@code name}; an unknown name is an error that lists the valid ones. */
    public static StoreSystem get(String name) {
        return ALL.stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new BadInputException("unknown system '" + name + "'; valid: " + validValues()));
    }

    /** {@code postgresql:lz4} -> {@code postgresql}. */
    public static String baseOf(String systemValue) {
        int colon = systemValue.indexOf(':');
        return colon < 0 ? systemValue : systemValue.substring(0, colon);
    }

    /** {@code postgresql:lz4} -> {@code lz4}; empty for a system's default. */
    public static Optional<String> variantOf(String systemValue) {
        int colon = systemValue.indexOf(':');
        return colon < 0 ? Optional.empty() : Optional.of(systemValue.substring(colon + 1));
    }

    /**
     * The values a {@code -p system=} value stands for: itself, checked ({@code postgresql},
     * {@code mariadb:page_zlib}), every variant of a system ({@code mariadb:*}), or every system
     * ({@code *}, the default). An unknown system or
     * variant is an error listing the valid values.
     */
    public static List<String> expand(String systemValue) {
        if (systemValue.equals(EVERY)) {
            return names();
        }
        StoreSystem s = get(baseOf(systemValue));
        Optional<String> v = variantOf(systemValue);
        if (v.isEmpty()) {
            return List.of(s.name());
        }
        if (v.get().equals("*")) {
            if (s.variants().isEmpty()) {
                throw new BadInputException(s.name() + " has no storage variants; valid: " + s.name());
            }
            return s.values().subList(1, s.values().size());
        }
        if (s.variants().isEmpty()) {
            throw new BadInputException("unknown variant '" + systemValue + "': " + s.name()
                    + " has no storage variants; valid: " + s.name());
        }
        s.variant(v.get());
        return List.of(systemValue);
    }

    /**
     * The server a system value runs on: its system's shared server ({@code postgresql} for
     * {@code postgresql:lz4}), or a server of its own for a variant that is a server-wide setting
     * ({@code minio:compressed}).
     */
    public static String serverOf(String systemValue) {
        Optional<String> v = variantOf(systemValue);
        return v.isPresent() && get(baseOf(systemValue)).variant(v.get()).ownServer()
                ? systemValue
                : baseOf(systemValue);
    }

    /** The store of an endpoint with a variant and a layout's spaces. */
    public static Store open(Endpoint endpoint, StoreConfig config) {
        StoreSystem s = get(baseOf(endpoint.system()));
        config.variant().ifPresent(s::variant); // an unknown variant fails here, listing the valid ones
        return s.open().apply(endpoint, config);
    }
}
