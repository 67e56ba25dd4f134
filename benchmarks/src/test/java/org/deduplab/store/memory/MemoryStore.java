package org.deduplab.store.memory;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.deduplab.store.Entry;
import org.deduplab.store.FootprintProbe;
import org.deduplab.store.Space;
import org.deduplab.store.Store;
import org.deduplab.store.StoreConfig;

/**
 * A store in this JVM's heap: one concurrent map per space of one shared namespace, so two stores
 * opened on the same {@link Namespace} see each other's writes the way two connections to one
 * server do. A real implementation of the {@link Store} contract (idempotent writes to
 * content-addressed spaces, counts, reads, deletes) with a footprint, the bytes of its keys and
 * values: the fast tests run the layouts and the load verifier on it without any server.
 */
public final class MemoryStore implements Store {
    /** The lab's name of this store. */
    public static final String NAME = "memory";

    /** What a server would hold: every space's entries. */
    public static final class Namespace {
        private final Map<Space, ConcurrentMap<String, byte[]>> spaces = new EnumMap<>(Space.class);

        public Namespace() {
            for (Space s : Space.values()) {
                spaces.put(s, new ConcurrentHashMap<>());
            }
        }

        ConcurrentMap<String, byte[]> of(Space space) {
            return spaces.get(space);
        }
    }

    /** The namespace of this JVM, which stores opened without one share (a fork's benchmarks). */
    static final Namespace JVM = new Namespace();

    private final Namespace namespace;
    private final Set<Space> spaces;
    private final MemoryFootprint footprint;

    public MemoryStore(Namespace namespace, StoreConfig config) {
        this.namespace = namespace;
        this.spaces = config.spaces();
        this.footprint = new MemoryFootprint(namespace, spaces);
    }

    public MemoryStore(StoreConfig config) {
        this(JVM, config);
    }

    @Override
    public Set<Space> spaces() {
        return spaces;
    }

    @Override
    public void provision() {}

    @Override
    public void reset() {
        spaces.forEach(s -> namespace.of(s).clear());
    }

    @Override
    public void put(Space space, String key, byte[] value) {
        if (space.contentAddressed()) {
            namespace.of(space).putIfAbsent(key, value.clone());
        } else {
            namespace.of(space).put(key, value.clone());
        }
    }

    @Override
    public void putAll(Space space, Iterable<Entry> entries) {
        for (Entry e : entries) {
            put(space, e.key(), e.value());
        }
    }

    @Override
    public void endLoad() {}

    @Override
    public long count(Space space) {
        return namespace.of(space).size();
    }

    @Override
    public Optional<byte[]> get(Space space, String key) {
        return Optional.ofNullable(namespace.of(space).get(key)).map(byte[]::clone);
    }

    @Override
    public boolean delete(Space space, String key) {
        return namespace.of(space).remove(key) != null;
    }

    @Override
    public FootprintProbe footprint() {
        return footprint;
    }

    @Override
    public void close() {}
}
