package org.deduplab.store.redis;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisCredentialsProvider;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.deduplab.store.Endpoint;
import org.deduplab.store.Entry;
import org.deduplab.store.Fetched;
import org.deduplab.store.Space;
import org.deduplab.store.Store;
import org.deduplab.store.StoreConfig;

/**
 * Redis: one string value per entry, plain files under {@code dedup_lab:load:<name>}, the other
 * spaces under {@code dedup_lab:<space>:<key>}; content-addressed entries are written with
 * {@code SET ... NX}. Loads go through loading connections of their own (one for single writes, one
 * per bulk call running at once, so two bulk loaders may run at the same time); reads, counts and the
 * footprint go through a control connection. Bulk is pipelined SETs with a bounded number of commands
 * in flight. One loading connection is opened before each measured load ({@link #beginLoad}), as the
 * JDBC stores' pools are, so a load's time holds no connect and CLIENT SETNAME (a second connection
 * took 12-38 ms in a fresh JVM; in a warm fork the change did not move bulk MB/s beyond the noise).
 */
public final class RedisStore implements Store {
    public static final String PREFIX = "dedup_lab:";
    static final String LOAD = PREFIX + "load:";
    private static final int PIPELINE = 64;
    /**
     * Lettuce encodes a flushed batch into one Netty buffer that starts at 16 bytes per command and doubles
     * as the values are written: a batch of 8 MiB grew past Netty's 4 MiB pooled chunk into an unpooled
     * buffer, allocated, faulted in and freed per batch. Batches of 512 KiB, 8 in flight (the same 4 MiB on
     * the wire), stay in the pool: bulk random_binary U0 32 MiB went from 432 and 572 to 626 and 614 MB/s,
     * structured_json from 595 and 444 to 639 and 609 (30 loads each, two alternating runs).
     */
    private static final long BATCH_BYTES = 512L << 10;
    /** Batches on the wire at once. */
    private static final int WINDOW = 8;

    private final Endpoint endpoint;
    private final RedisClient client;
    private final StatefulRedisConnection<byte[], byte[]> control;
    private StatefulRedisConnection<byte[], byte[]> loading;
    /** Every loading connection of the current load, closed (and waited for) at its end. */
    private final List<StatefulRedisConnection<byte[], byte[]>> loadingConnections = new CopyOnWriteArrayList<>();
    /** Loading connections of the current load that no writer is using. */
    private final Deque<StatefulRedisConnection<byte[], byte[]>> idle = new ConcurrentLinkedDeque<>();

    private final StoreConfig config;
    /** Name of the loading connection in CLIENT LIST, unique per target so the wait below finds only its own. */
    private final String loadingName =
            "dedup-lab-loading-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);

    private final RedisFootprint footprint;

    public RedisStore(Endpoint endpoint, StoreConfig config) {
        this.endpoint = endpoint;
        this.config = config;
        RedisURI uri = RedisURI.create(endpoint.url());
        if (endpoint.password() != null && !endpoint.password().isEmpty()) {
            if (endpoint.user() != null && !endpoint.user().isEmpty()) {
                uri.setCredentialsProvider(RedisCredentialsProvider.from(
                        () -> RedisCredentials.just(endpoint.user(), endpoint.password())));
            } else {
                uri.setPassword(endpoint.password().toCharArray());
            }
        }
        uri.setTimeout(Duration.ofSeconds(60));
        this.client = RedisClient.create(uri);
        try {
            this.control = client.connect(ByteArrayCodec.INSTANCE);
        } catch (RuntimeException e) {
            // its event loops and timer would outlive a store that never opened; the quiet period lets the
            // failed connect's own notifications run first (at once, they met a stopped event loop:
            // "Failed to submit a listener notification task")
            client.shutdown(Duration.ofMillis(100), Duration.ofSeconds(2));
            throw e;
        }
        this.footprint = new RedisFootprint(this);
    }

    Endpoint endpoint() {
        return endpoint;
    }

    RedisCommands<byte[], byte[]> control() {
        return control.sync();
    }

    /** The key prefix of a space: plain files keep the lab's original {@code dedup_lab:load:}. */
    private static String prefix(Space space) {
        return space == Space.FILES ? LOAD : PREFIX + space.id() + ":";
    }

    private static byte[] key(Space space, String name) {
        return (prefix(space) + name).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Set<Space> spaces() {
        return config.spaces();
    }

    @Override
    public void provision() throws Exception {
        // a keyspace needs no schema; the prefix is the lab's namespace
        reset();
    }

    @Override
    public void reset() throws Exception {
        endLoad();
        RedisCommands<byte[], byte[]> c = control.sync();
        // DEL, not UNLINK: memory is freed before the baseline is read
        for (Space s : spaces()) {
            forEachKeyPage(s, keys -> c.del(keys.toArray(new byte[0][])));
        }
    }

    /** Calls {@code page} with each non-empty SCAN page of a space's keys. */
    private void forEachKeyPage(Space space, Consumer<List<byte[]>> page) {
        RedisCommands<byte[], byte[]> c = control.sync();
        ScanCursor cursor = ScanCursor.INITIAL;
        ScanArgs match = ScanArgs.Builder.matches(prefix(space) + "*").limit(1000);
        do {
            KeyScanCursor<byte[]> keys = c.scan(cursor, match);
            if (!keys.getKeys().isEmpty()) {
                page.accept(keys.getKeys());
            }
            cursor = keys;
        } while (!cursor.isFinished());
    }

    private StatefulRedisConnection<byte[], byte[]> loading() {
        if (loading == null) {
            loading = idleOrNew();
        }
        return loading;
    }

    private StatefulRedisConnection<byte[], byte[]> idleOrNew() {
        StatefulRedisConnection<byte[], byte[]> c = idle.poll();
        return c != null ? c : newLoadingConnection();
    }

    @Override
    public void beginLoad() {
        if (idle.isEmpty()) {
            idle.push(newLoadingConnection());
        }
    }

    private StatefulRedisConnection<byte[], byte[]> newLoadingConnection() {
        StatefulRedisConnection<byte[], byte[]> c = client.connect(ByteArrayCodec.INSTANCE);
        c.sync().clientSetname(loadingName.getBytes(StandardCharsets.US_ASCII));
        loadingConnections.add(c);
        return c;
    }

    /**
     * Closes the loading connection and waits until the server has dropped it: its query buffer
     * (up to a whole pipelined batch) counts in used_memory until then, and an INFO that overtakes the
     * disconnect made the footprint of the same load vary by up to 7 % between runs.
     */
    @Override
    public void endLoad() {
        if (loadingConnections.isEmpty()) {
            return;
        }
        loadingConnections.forEach(StatefulRedisConnection::close);
        loadingConnections.clear();
        idle.clear();
        loading = null;
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (control.sync().clientList().contains(" name=" + loadingName + " ")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "redis still lists the closed loading connection " + loadingName + " after 5 s");
            }
            Thread.onSpinWait();
        }
    }

    @Override
    public void put(Space space, String key, byte[] value) {
        RedisCommands<byte[], byte[]> c = loading().sync();
        if (space.contentAddressed()) {
            c.set(key(space, key), value, SetArgs.Builder.nx());
        } else {
            c.set(key(space, key), value);
        }
    }

    /**
     * Pipelined SETs in batches of up to {@value #PIPELINE} commands or 512 KiB, {@value #WINDOW} batches
     * in flight: while Redis works through one batch the next are already on the wire. Waiting for each
     * batch before sending the next: 212 and 233 MB/s on random_binary U0 32 MiB (-wi 1 -i 5, twice);
     * two 8 MiB batches in flight: 283 and 276 MB/s; why 512 KiB batches: {@link #BATCH_BYTES}.
     */
    @Override
    public void putAll(Space space, Iterable<Entry> entries) throws Exception {
        StatefulRedisConnection<byte[], byte[]> conn = idleOrNew();
        conn.setAutoFlushCommands(false);
        try {
            RedisAsyncCommands<byte[], byte[]> async = conn.async();
            ArrayDeque<List<RedisFuture<String>>> sent = new ArrayDeque<>();
            List<RedisFuture<String>> batch = new ArrayList<>(PIPELINE);
            long bytes = 0;
            for (Entry e : entries) {
                batch.add(
                        space.contentAddressed()
                                ? async.set(key(space, e.key()), e.value(), SetArgs.Builder.nx())
                                : async.set(key(space, e.key()), e.value()));
                bytes += e.value().length;
                if (batch.size() >= PIPELINE || bytes >= BATCH_BYTES) {
                    conn.flushCommands();
                    sent.addLast(batch);
                    batch = new ArrayList<>(PIPELINE);
                    bytes = 0;
                    if (sent.size() >= WINDOW) {
                        await(sent.removeFirst());
                    }
                }
            }
            conn.flushCommands();
            sent.addLast(batch);
            while (!sent.isEmpty()) {
                await(sent.removeFirst());
            }
        } finally {
            conn.setAutoFlushCommands(true);
            idle.push(conn); // a later bulk call of the same load (cas: references after blobs) reuses it
        }
    }

    private static void await(List<RedisFuture<String>> batch) throws Exception {
        for (RedisFuture<String> f : batch) {
            String reply = f.get(60, TimeUnit.SECONDS);
            if (reply != null && !"OK".equals(reply)) { // null: SET NX found the content already there
                throw new IllegalStateException("SET failed: " + reply);
            }
        }
    }

    @Override
    public long count(Space space) {
        long[] n = {0};
        forEachKeyPage(space, keys -> n[0] += keys.size());
        return n[0];
    }

    @Override
    public Optional<byte[]> get(Space space, String name) {
        return Optional.ofNullable(control.sync().get(key(space, name)));
    }

    /** Keys per {@code MGET}, one request each. */
    static final int READ_BATCH = 256;

    @Override
    public Fetched getAll(Space space, List<String> names) {
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(names));
        Map<String, byte[]> values = new LinkedHashMap<>();
        int requests = 0;
        for (int from = 0; from < distinct.size(); from += READ_BATCH) {
            List<String> batch = distinct.subList(from, Math.min(distinct.size(), from + READ_BATCH));
            byte[][] keys = batch.stream().map(n -> key(space, n)).toArray(byte[][]::new);
            List<KeyValue<byte[], byte[]>> got = control.sync().mget(keys);
            for (int i = 0; i < got.size(); i++) {
                if (got.get(i).hasValue()) {
                    values.put(batch.get(i), got.get(i).getValue());
                }
            }
            requests++;
        }
        return new Fetched(values, requests);
    }

    @Override
    public RedisFootprint footprint() {
        return footprint;
    }

    @Override
    public boolean delete(Space space, String name) {
        return control.sync().del(key(space, name)) > 0;
    }

    @Override
    public void close() {
        endLoad();
        control.close();
        client.shutdown();
    }
}
