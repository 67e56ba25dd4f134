package org.deduplab.store.s3;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveBucketArgs;
import io.minio.RemoveObjectArgs;
import io.minio.RemoveObjectsArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.DeleteError;
import io.minio.messages.DeleteObject;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.ConnectionSpec;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.deduplab.store.Endpoint;
import org.deduplab.store.Entry;
import org.deduplab.store.Fetched;
import org.deduplab.store.Space;
import org.deduplab.store.Store;
import org.deduplab.store.StoreConfig;
import org.deduplab.store.Systems;

/**
 * An S3 object store (S3Proxy, MinIO or any S3-compatible endpoint) through the MinIO Java SDK: one
 * object per entry in a fresh bucket {@code dedup-lab-<random>} per load, each space under its own
 * prefix ({@code files/}, {@code blobs/} ...), counted by listing that prefix. Bulk is concurrent PUTs, at
 * most {@link #IN_FLIGHT} in flight. The footprint is measured on the store's drives
 * ({@link BucketFootprint}).
 *
 * <p>An entry of a reference space ({@link Space#reference()}: name -> SHA-256) is an empty object whose user metadata
 * names the content ({@code x-amz-meta-sha256}), read back with a HEAD: the pointer-object pattern
 * of S3's own website redirects. Measured on S3Proxy's filesystem store (ext4): an object with a
 * 32-byte body takes 16 sectors (a data block and a block for the attributes S3Proxy keeps per
 * object), an empty one with the hash in metadata 8. On AWS S3 and MinIO both are one small record.
 */
public final class S3Store implements Store {
    public static final String BUCKET_PREFIX = "dedup-lab-";
    static final int IN_FLIGHT = 8;
    /** User metadata key of a reference object (sent as {@code x-amz-meta-sha256}). */
    static final String REFERENCE_META = "sha256";

    private static final HexFormat HEX = HexFormat.of();
    private final Endpoint endpoint;
    private final BucketFootprint footprint;
    private final StoreConfig config;
    private final MinioClient client;
    private final OkHttpClient http;
    private final ExecutorService pool;
    private String bucket;

    public S3Store(Endpoint endpoint, StoreConfig config) {
        this.endpoint = endpoint;
        this.config = config;
        this.footprint = new BucketFootprint(this);
        // our own OkHttp client: TCP_NODELAY, daemon dispatcher threads (so forks exit), a pool sized for bulk
        OkHttpClient.Builder builder = new OkHttpClient.Builder();
        if (endpoint.url().startsWith("http://")) {
            // without a TLS spec OkHttp does not load the JDK's trust store (140-odd certificates parsed
            // in every fork: 7 of the 56 samples of an S3 fork's profile) for a plain-HTTP endpoint
            builder.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));
        }
        this.http = builder.socketFactory(new NoDelaySocketFactory())
                .dispatcher(new Dispatcher(Executors.newCachedThreadPool(r -> {
                    Thread t = new Thread(r, "s3-http");
                    t.setDaemon(true);
                    return t;
                })))
                .connectionPool(new ConnectionPool(IN_FLIGHT * 2, 1, TimeUnit.MINUTES))
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofMinutes(5))
                .writeTimeout(Duration.ofMinutes(5))
                .build();
        this.client = MinioClient.builder()
                .endpoint(endpoint.url())
                .credentials(endpoint.user(), endpoint.password())
                .httpClient(http)
                .build();
        this.pool = Executors.newFixedThreadPool(IN_FLIGHT, r -> {
            Thread t = new Thread(r, "s3-put");
            t.setDaemon(true);
            return t;
        });
    }

    Endpoint endpoint() {
        return endpoint;
    }

    /** s3 or minio: the same path, two systems. */
    String system() {
        return Systems.baseOf(endpoint.system());
    }

    @Override
    public Set<Space> spaces() {
        return config.spaces();
    }

    StoreConfig config() {
        return config;
    }

    /** The object name of a key: every space under its own prefix, {@code <space>/<key>}. */
    private static String object(Space space, String key) {
        return prefix(space) + key;
    }

    private static String prefix(Space space) {
        return space.id() + "/";
    }

    public String bucket() {
        return bucket;
    }

    @Override
    public void provision() throws Exception {
        reset();
    }

    @Override
    public void reset() throws Exception {
        if (bucket != null) {
            dropBucket(bucket);
            bucket = null;
        }
        bucket = newBucket("load-");
    }

    private String newBucket(String kind) throws Exception {
        String name = BUCKET_PREFIX
                + kind
                + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE)
                        .toLowerCase(Locale.ROOT);
        client.makeBucket(MakeBucketArgs.builder().bucket(name).build());
        return name;
    }

    /** Removes a bucket this store created (never another one), with its objects. */
    private void dropBucket(String name) throws Exception {
        if (!client.bucketExists(BucketExistsArgs.builder().bucket(name).build())) {
            return;
        }
        while (true) {
            List<DeleteObject> batch = new ArrayList<>();
            for (Result<Item> r : client.listObjects(
                    ListObjectsArgs.builder().bucket(name).recursive(true).build())) {
                batch.add(new DeleteObject(r.get().objectName()));
                if (batch.size() == 1000) {
                    break;
                }
            }
            if (batch.isEmpty()) {
                break;
            }
            for (Result<DeleteError> err : client.removeObjects(
                    RemoveObjectsArgs.builder().bucket(name).objects(batch).build())) {
                DeleteError e = err.get();
                throw new IllegalStateException(
                        "cannot delete " + e.objectName() + " from " + name + ": " + e.message());
            }
        }
        client.removeBucket(RemoveBucketArgs.builder().bucket(name).build());
    }

    /**
     * Stores {@code data} as one object in a scratch bucket of its own and returns what {@code measure}
     * makes of that bucket (by name); the bucket is removed afterwards. The compression probe uses it.
     */
    <T> T inScratchBucket(String object, byte[] data, ScratchMeasure<T> measure) throws Exception {
        String scratch = newBucket("probe-");
        try {
            client.putObject(PutObjectArgs.builder().bucket(scratch).object(object).stream(
                            new ByteArrayInputStream(data), data.length, -1)
                    .build());
            return measure.apply(scratch);
        } finally {
            dropBucket(scratch);
        }
    }

    /** What is measured of a scratch bucket. */
    @FunctionalInterface
    interface ScratchMeasure<T> {
        T apply(String bucket) throws Exception;
    }

    /** One PUT; a content-addressed entry is PUT only when a HEAD does not find it (the same bytes either way). */
    @Override
    public void put(Space space, String key, byte[] value) throws Exception {
        String name = object(space, key);
        if (space.contentAddressed() && exists(name)) {
            return;
        }
        PutObjectArgs.Builder put = PutObjectArgs.builder().bucket(bucket).object(name);
        if (space.reference()) {
            put.userMetadata(Map.of(REFERENCE_META, HEX.formatHex(value))).stream(
                    new ByteArrayInputStream(new byte[0]), 0, -1);
        } else {
            put.stream(new ByteArrayInputStream(value), value.length, -1);
        }
        client.putObject(put.build());
    }

    /** The hash a reference object names, or empty when there is no such object. */
    private Optional<byte[]> reference(String name) throws Exception {
        Optional<StatObjectResponse> stat = stat(name);
        if (stat.isEmpty()) {
            return Optional.empty();
        }
        // header names come back as the server spells them (MinIO: X-Amz-Meta-Sha256)
        String hex = stat.get().userMetadata().entrySet().stream()
                .filter(m -> m.getKey().equalsIgnoreCase(REFERENCE_META))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "reference object " + name + " in " + bucket + " has no x-amz-meta-" + REFERENCE_META));
        return Optional.of(HEX.parseHex(hex));
    }

    /** HEAD of an object of the current bucket, or empty when there is no such object. */
    private Optional<StatObjectResponse> stat(String name) throws Exception {
        try {
            return Optional.of(client.statObject(
                    StatObjectArgs.builder().bucket(bucket).object(name).build()));
        } catch (ErrorResponseException e) {
            if ("NoSuchKey".equals(e.errorResponse().code())
                    || "NotFound".equals(e.errorResponse().code())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private boolean exists(String name) throws Exception {
        return stat(name).isPresent();
    }

    @Override
    public void putAll(Space space, Iterable<Entry> entries) throws Exception {
        inFlight(entries, e -> put(space, e.key(), e.value()));
    }

    /** One request per item, at most {@link #IN_FLIGHT} at once; the first failure is thrown, the rest cancelled. */
    private <T> void inFlight(Iterable<T> items, Request<T> request) throws Exception {
        Semaphore slots = new Semaphore(IN_FLIGHT);
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (T item : items) {
                slots.acquire();
                futures.add(pool.submit(() -> {
                    try {
                        request.send(item);
                        return null;
                    } finally {
                        slots.release();
                    }
                }));
            }
            for (Future<?> fu : futures) {
                fu.get();
            }
        } finally {
            futures.forEach(fu -> fu.cancel(true));
        }
    }

    /** One request to the store about {@code item}. */
    @FunctionalInterface
    private interface Request<T> {
        void send(T item) throws Exception;
    }

    /** PUT returns after the object is stored: nothing to end. */
    @Override
    public void endLoad() {}

    @Override
    public long count(Space space) throws Exception {
        long n = 0;
        for (Result<Item> r : client.listObjects(ListObjectsArgs.builder()
                .bucket(bucket)
                .prefix(prefix(space))
                .recursive(true)
                .build())) {
            Item item = r.get();
            // a filesystem blob store (S3Proxy) lists the directories of keys with a '/' as objects of
            // their own ("files/g0001/"); no key the lab writes ends with '/'
            if (!item.isDir() && !item.objectName().endsWith("/")) {
                n++;
            }
        }
        return n;
    }

    @Override
    public Optional<byte[]> get(Space space, String key) throws Exception {
        if (space.reference()) {
            return reference(object(space, key));
        }
        try (GetObjectResponse in = client.getObject(GetObjectArgs.builder()
                .bucket(bucket)
                .object(object(space, key))
                .build())) {
            return Optional.of(in.readAllBytes());
        } catch (ErrorResponseException e) {
            if ("NoSuchKey".equals(e.errorResponse().code())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** One GET per key, at most {@link #IN_FLIGHT} at once: S3 has no batched read. */
    @Override
    public Fetched getAll(Space space, List<String> keys) throws Exception {
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(keys));
        Map<String, byte[]> values = new ConcurrentHashMap<>();
        inFlight(distinct, key -> get(space, key).ifPresent(v -> values.put(key, v)));
        Map<String, byte[]> ordered = new LinkedHashMap<>();
        distinct.stream().filter(values::containsKey).forEach(k -> ordered.put(k, values.get(k)));
        return new Fetched(ordered, distinct.size());
    }

    @Override
    public boolean delete(Space space, String key) throws Exception {
        String name = object(space, key);
        if (!exists(name)) {
            return false;
        }
        client.removeObject(
                RemoveObjectArgs.builder().bucket(bucket).object(name).build());
        return true;
    }

    @Override
    public BucketFootprint footprint() {
        return footprint;
    }

    @Override
    public void close() throws Exception {
        try {
            if (bucket != null) {
                dropBucket(bucket);
                bucket = null;
            }
        } finally {
            pool.shutdownNow();
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }
}
