package org.deduplab.store;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The data path of one system under test, in the spirit of YCSB's {@code DB} binding: keyed
 * collections ({@link Space}s: tables, key prefixes, object prefixes) in a fresh namespace per
 * load, written one entry at a time or through the system's fastest bulk path, counted and read
 * back. What is stored where is the storage layout's business; how many bytes the system keeps is
 * asked of its {@link FootprintProbe}; the benchmark does the timing and the bookkeeping. All
 * objects live in the lab's namespace (schema {@code dedup_lab}, key prefix {@code dedup_lab:},
 * buckets {@code dedup-lab-*}); nothing else is ever created or dropped.
 *
 * <p>Writes to a {@link Space#contentAddressed()} space, and to the references a layout keeps, are
 * idempotent with the system's own means ({@code ON CONFLICT DO NOTHING}, {@code INSERT IGNORE},
 * {@code SET NX}, a checked PUT), so two loaders may write the same content at once.
 */
public interface Store extends AutoCloseable {
    /** The spaces this store keeps (fixed when it is opened, by the layout). */
    Set<Space> spaces();

    /** Creates the lab's namespace (schema, bucket prefix ...) if missing, and a fresh target. Idempotent. */
    void provision() throws Exception;

    /** Makes every space fresh and empty for the next load. */
    void reset() throws Exception;

    /** One write, committed on its own (the perFile stage). */
    void put(Space space, String key, byte[] value) throws Exception;

    /** Many writes through the system's fastest bulk path (the bulk stage); entries arrive one at a time. */
    void putAll(Space space, Iterable<Entry> entries) throws Exception;

    /**
     * Makes ready what the next load writes through (a loading connection), after the baseline
     * footprint is read and before the load's clock starts, so a load's time is its writes: the JDBC
     * stores' pools are open already. Nothing by default.
     */
    default void beginLoad() throws Exception {}

    /** Ends the current load on the client side: closes loading connections so nothing of it is buffered. */
    void endLoad() throws Exception;

    /**
     * Drops the connections it keeps, so that the next call connects again: after the lab restarted
     * the server in place (a cold restore), the old ones lead nowhere. Nothing by default (HTTP and
     * Redis clients reconnect by themselves).
     */
    default void reconnect() throws Exception {}

    /** Entries in a space. */
    long count(Space space) throws Exception;

    /** The stored value of {@code key}, empty when it is missing. */
    Optional<byte[]> get(Space space, String key) throws Exception;

    /**
     * The stored values of {@code keys} through the system's fastest read path, and the requests it
     * took. The default reads one key per request; systems that batch reads ({@code IN (...)},
     * {@code MGET}) or read concurrently override it. A key asked for twice is fetched once.
     */
    default Fetched getAll(Space space, List<String> keys) throws Exception {
        Map<String, byte[]> values = new LinkedHashMap<>();
        int requests = 0;
        for (String key : new LinkedHashSet<>(keys)) {
            get(space, key).ifPresent(v -> values.put(key, v));
            requests++;
        }
        return new Fetched(values, requests);
    }

    /** Removes one entry (tests use it to check that verification catches a loss). */
    boolean delete(Space space, String key) throws Exception;

    /** How this store's footprint is measured: settle, footprint, disk, WAL, server settings. */
    FootprintProbe footprint();

    @Override
    void close() throws Exception;
}
