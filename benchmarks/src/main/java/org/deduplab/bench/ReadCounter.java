package org.deduplab.bench;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.deduplab.store.Entry;
import org.deduplab.store.Fetched;
import org.deduplab.store.FootprintProbe;
import org.deduplab.store.Space;
import org.deduplab.store.Store;

/**
 * A store as a restore sees it, counting what the layout asks of it: entries fetched (a key asked for
 * counts once per asking, so a cdc file of n chunks costs 1 + n however the store batches) and
 * requests on the wire (one per {@link Store#get}, {@link Fetched#requests()} per {@link
 * Store#getAll}). Every other call passes through uncounted.
 */
final class ReadCounter implements Store {
    private final Store store;
    private long entries;
    private long requests;
    private final Map<Space, Set<String>> keysRead = new EnumMap<>(Space.class);
    /** Whether this count also records the keys asked for: off for timed restores, whose path it would slow. */
    private boolean recordingKeys;

    ReadCounter(Store store) {
        this.store = store;
    }

    /** Starts a new count. */
    void startCount() {
        entries = 0;
        requests = 0;
        keysRead.clear();
        recordingKeys = false;
    }

    /** Starts a new count that also records every key asked for ({@link #keysRead}). */
    void startCountingKeys() {
        startCount();
        recordingKeys = true;
    }

    /** The keys asked for since {@link #startCountingKeys}, per space; empty after {@link #startCount}. */
    Map<Space, Set<String>> keysRead() {
        return keysRead;
    }

    long entries() {
        return entries;
    }

    long requests() {
        return requests;
    }

    @Override
    public Optional<byte[]> get(Space space, String key) throws Exception {
        entries++;
        requests++;
        if (recordingKeys) {
            keysRead.computeIfAbsent(space, s -> new HashSet<>()).add(key);
        }
        return store.get(space, key);
    }

    @Override
    public Fetched getAll(Space space, List<String> keys) throws Exception {
        Fetched f = store.getAll(space, keys);
        entries += keys.size();
        requests += f.requests();
        if (recordingKeys) {
            keysRead.computeIfAbsent(space, s -> new HashSet<>()).addAll(keys);
        }
        return f;
    }

    @Override
    public Set<Space> spaces() {
        return store.spaces();
    }

    @Override
    public void provision() throws Exception {
        store.provision();
    }

    @Override
    public void reset() throws Exception {
        store.reset();
    }

    @Override
    public void put(Space space, String key, byte[] value) throws Exception {
        store.put(space, key, value);
    }

    @Override
    public void putAll(Space space, Iterable<Entry> entries) throws Exception {
        store.putAll(space, entries);
    }

    @Override
    public void endLoad() throws Exception {
        store.endLoad();
    }

    @Override
    public void reconnect() throws Exception {
        store.reconnect();
    }

    @Override
    public long count(Space space) throws Exception {
        return store.count(space);
    }

    @Override
    public boolean delete(Space space, String key) throws Exception {
        return store.delete(space, key);
    }

    @Override
    public FootprintProbe footprint() {
        return store.footprint();
    }

    @Override
    public void close() throws Exception {
        store.close();
    }
}
