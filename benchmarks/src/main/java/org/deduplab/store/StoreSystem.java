package org.deduplab.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.deduplab.payloads.BadInputException;

/**
 * Everything the lab knows about one system, in one place: its name, the {@code DEDUP_<KEY>_*}
 * variables that configure it, how to open its store, the embedded server and container the lab can
 * start for it, what an external server must grant, how its footprint is measured, how its errors
 * read, how to tell it is alive, what its libraries leave behind, how it reads and what a cold restore
 * empties. The launcher's matrix, provisioning, preflight, logging, the clean-up after killed runs,
 * the tests and the README's tables are derived from (or checked against) the registry of these,
 * {@link Systems}; nothing outside a system's package names it. The first nine components are what
 * every system says; the others have defaults (a fresh namespace per store, alive while its port
 * accepts connections, no housekeeping, batched reads, no cold restore) that a system changes with
 * {@link #sharingNamespace()}, {@link #alive(Predicate)}, {@link #housekeeping(Housekeeping)},
 * {@link #readingOneKeyPerRequest()} and {@link #coldCache(ColdCache)}.
 *
 * @param name          lab name, the value of {@code -p system=}
 * @param key           the SYS part of its variables: {@code DEDUP_<key>_URL} ...
 * @param open          the store for an endpoint, variant and layout spaces
 * @param variants      the system's own storage settings, {@code SYSTEM:VARIANT}
 * @param embedded      the zero set-up server the lab starts itself, if any
 * @param container     the Testcontainers server the lab starts where Docker runs, if any
 * @param grants        what an external server must grant user {@code u}: the GRANT statements or policy
 * @param footprintRule how physicalDeltaBytes is measured and settled, as the README states it
 * @param errors        how its client's exceptions say that credentials, permissions or the address are wrong
 * @param sharedNamespace whether two stores opened on one endpoint write into the same namespace (a
 *                      fixed schema or key prefix); false where each store takes a fresh table or bucket
 * @param alive         whether its server still answers at an endpoint (the run checks between benchmarks)
 * @param housekeeping  its libraries' temp files and loggers
 * @param batchedReads  whether its bulk read path asks for many keys per request ({@code IN} lists,
 *                      {@code MGET}); false where every key is its own request (S3's GET, sent concurrently)
 * @param coldCache     what a cold restore empties on its embedded server
 */
public record StoreSystem(
        String name,
        String key,
        BiFunction<Endpoint, StoreConfig, Store> open,
        List<Variant> variants,
        Optional<EmbeddedServer> embedded,
        Optional<ContainerServer<?>> container,
        UnaryOperator<String> grants,
        String footprintRule,
        ServerError.Reader errors,
        boolean sharedNamespace,
        Predicate<Endpoint> alive,
        Housekeeping housekeeping,
        boolean batchedReads,
        ColdCache coldCache) {

    /** A system whose stores each take a fresh namespace, alive while its port accepts connections, no housekeeping. */
    public StoreSystem(
            String name,
            String key,
            BiFunction<Endpoint, StoreConfig, Store> open,
            List<Variant> variants,
            Optional<EmbeddedServer> embedded,
            Optional<ContainerServer<?>> container,
            UnaryOperator<String> grants,
            String footprintRule,
            ServerError.Reader errors) {
        this(
                name,
                key,
                open,
                variants,
                embedded,
                container,
                grants,
                footprintRule,
                errors,
                false,
                Endpoint::reachable,
                Housekeeping.NONE,
                true,
                ColdCache.UNAVAILABLE);
    }

    /** The same system with stores that share one namespace per endpoint. */
    public StoreSystem sharingNamespace() {
        return new StoreSystem(
                name,
                key,
                open,
                variants,
                embedded,
                container,
                grants,
                footprintRule,
                errors,
                true,
                alive,
                housekeeping,
                batchedReads,
                coldCache);
    }

    /** The same system with another liveness check. */
    public StoreSystem alive(Predicate<Endpoint> check) {
        return new StoreSystem(
                name,
                key,
                open,
                variants,
                embedded,
                container,
                grants,
                footprintRule,
                errors,
                sharedNamespace,
                check,
                housekeeping,
                batchedReads,
                coldCache);
    }

    /** The same system with its libraries' temp files and loggers. */
    public StoreSystem housekeeping(Housekeeping h) {
        return new StoreSystem(
                name,
                key,
                open,
                variants,
                embedded,
                container,
                grants,
                footprintRule,
                errors,
                sharedNamespace,
                alive,
                h,
                batchedReads,
                coldCache);
    }

    /** The same system reading every key with a request of its own. */
    public StoreSystem readingOneKeyPerRequest() {
        return new StoreSystem(
                name,
                key,
                open,
                variants,
                embedded,
                container,
                grants,
                footprintRule,
                errors,
                sharedNamespace,
                alive,
                housekeeping,
                false,
                coldCache);
    }

    /** The same system with what a cold restore empties on its embedded server. */
    public StoreSystem coldCache(ColdCache c) {
        return new StoreSystem(
                name,
                key,
                open,
                variants,
                embedded,
                container,
                grants,
                footprintRule,
                errors,
                sharedNamespace,
                alive,
                housekeeping,
                batchedReads,
                c);
    }

    /** {@code DEDUP_<KEY>_<suffix>}, e.g. {@code DEDUP_PG_URL}. */
    public String variable(String suffix) {
        return "DEDUP_" + key + "_" + suffix;
    }

    /** The variant called {@code name}; an unknown one is an error listing the valid values. */
    public Variant variant(String name) {
        return variants.stream()
                .filter(v -> v.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new BadInputException(
                        "unknown variant '" + this.name + ":" + name + "'; valid: " + String.join(", ", values())));
    }

    /** Every value of -p system= for this system: the default, then each variant. */
    public List<String> values() {
        List<String> all = new ArrayList<>(List.of(name));
        variants.forEach(v -> all.add(name + ":" + v.name()));
        return all;
    }

    @Override
    public String toString() {
        return name;
    }
}
