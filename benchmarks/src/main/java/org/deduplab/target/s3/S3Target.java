package org.deduplab.target.s3;

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
import io.minio.errors.ErrorResponseException;
import io.minio.messages.DeleteError;
import io.minio.messages.DeleteObject;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.deduplab.payloads.DatasetFile;
import org.deduplab.provision.Endpoint;
import org.deduplab.provision.SystemConfig;
import org.deduplab.target.ServerFiles;
import org.deduplab.target.StorageTarget;

/**
 * An S3 object store through the MinIO Java SDK: one object per file in a fresh bucket
 * {@code dedup-lab-<random>} per load. Footprint is the allocated size of the bucket's directory
 * on the store's disk (a filesystem blob store keeps one file per object there); where that
 * directory is not reachable there is no footprint, never a made-up one. Bulk is concurrent PUTs,
 * at most {@link #IN_FLIGHT} in flight.
 */
public class S3Target implements StorageTarget {
    public static final String BUCKET_PREFIX = "dedup-lab-";
    static final int IN_FLIGHT = 8;
    protected final Endpoint endpoint;
    /** Where the store's data directories are (the bucket is a directory in each), as far as they are reachable. */
    private final ServerFiles storeFiles;
    protected final MinioClient client;
    private final OkHttpClient http;
    private final ExecutorService pool;
    private String bucket;

    public S3Target(Endpoint endpoint) {
        this.endpoint = endpoint;
        this.storeFiles = ServerFiles.of(endpoint);
        // our own OkHttp client: TCP_NODELAY, daemon dispatcher threads (so forks exit), a pool sized for bulk
        this.http = new OkHttpClient.Builder()
                .socketFactory(new NoDelaySocketFactory())
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
        this.client = MinioClient.builder().endpoint(endpoint.url()).credentials(endpoint.user(), endpoint.password())
                .httpClient(http).build();
        this.pool = Executors.newFixedThreadPool(IN_FLIGHT, r -> {
            Thread t = new Thread(r, "s3-put");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public String system() {
        return "s3";
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
        dropBucket();
        bucket = BUCKET_PREFIX + "load-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE)
                .toLowerCase(Locale.ROOT);
        client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
    }

    /** Removes the current load bucket (only ever one the lab created in this session). */
    private void dropBucket() throws Exception {
        if (bucket == null || !client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
            return;
        }
        while (true) {
            List<DeleteObject> batch = new ArrayList<>();
            for (Result<Item> r : client.listObjects(ListObjectsArgs.builder().bucket(bucket).recursive(true).build())) {
                batch.add(new DeleteObject(r.get().objectName()));
                if (batch.size() == 1000) {
                    break;
                }
            }
            if (batch.isEmpty()) {
                break;
            }
            for (Result<DeleteError> err : client.removeObjects(RemoveObjectsArgs.builder().bucket(bucket).objects(batch).build())) {
                DeleteError e = err.get();
                throw new IllegalStateException("cannot delete " + e.objectName() + " from " + bucket + ": " + e.message());
            }
        }
        client.removeBucket(RemoveBucketArgs.builder().bucket(bucket).build());
        bucket = null;
    }

    @Override
    public void insert(String name, byte[] data) throws Exception {
        client.putObject(PutObjectArgs.builder().bucket(bucket).object(name)
                .stream(new ByteArrayInputStream(data), data.length, -1).build());
    }

    @Override
    public void insertBulk(Iterable<DatasetFile> files) throws Exception {
        Semaphore slots = new Semaphore(IN_FLIGHT);
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (DatasetFile f : files) {
                slots.acquire();
                futures.add(pool.submit(() -> {
                    try {
                        insert(f.name(), f.bytes());
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

    @Override
    public void settle() {
        // PUT returns after the object is stored
    }

    @Override
    public String footprintUnavailable() {
        return storeFiles.reachable() ? null : system() + " footprint unavailable: the store's data directory is not reachable"
                + " from here (set " + SystemConfig.load(system()).variable("DATA_DIR") + " to where its drives are mounted);"
                + " allocated bytes of the bucket are the only footprint the lab trusts";
    }

    @Override
    public long footprintBytes() throws Exception {
        String why = footprintUnavailable();
        if (why != null) {
            throw new UnsupportedOperationException(why);
        }
        return storeFiles.allocatedBytes(bucket).orElseThrow();
    }

    @Override
    public OptionalLong diskBytes() throws Exception {
        return storeFiles.allocatedBytes(null);
    }

    @Override
    public long count() throws Exception {
        long n = 0;
        for (Result<Item> r : client.listObjects(ListObjectsArgs.builder().bucket(bucket).recursive(true).build())) {
            r.get();
            n++;
        }
        return n;
    }

    @Override
    public byte[] read(String name) throws Exception {
        try (GetObjectResponse in = client.getObject(GetObjectArgs.builder().bucket(bucket).object(name).build())) {
            return in.readAllBytes();
        } catch (ErrorResponseException e) {
            if ("NoSuchKey".equals(e.errorResponse().code())) {
                return null;
            }
            throw e;
        }
    }

    @Override
    public boolean delete(String name) throws Exception {
        try {
            client.statObject(StatObjectArgs.builder().bucket(bucket).object(name).build());
        } catch (ErrorResponseException e) {
            return false;
        }
        client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(name).build());
        return true;
    }

    @Override
    public Map<String, String> serverSettings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("server", endpoint.settings().getOrDefault("server", "S3-compatible endpoint"));
        endpoint.settings().forEach((k, v) -> {
            if (!ServerFiles.isLocationSetting(k)) {
                m.put(k, v);
            }
        });
        m.put("footprint", storeFiles.reachable() ? "allocated bytes of the bucket directories"
                : "unavailable (data directories not reachable)");
        return m;
    }

    @Override
    public void close() throws Exception {
        try {
            dropBucket();
        } finally {
            pool.shutdownNow();
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }
}
