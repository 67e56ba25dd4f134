package org.deduplab.store.minio;

import java.util.List;
import java.util.Optional;
import org.deduplab.store.ContainerServer;
import org.deduplab.store.StoreSystem;
import org.deduplab.store.Variant;
import org.deduplab.store.s3.S3Store;
import org.deduplab.store.s3.S3System;
import org.testcontainers.containers.MinIOContainer;

/**
 * A real MinIO deployment in the registry, through the same S3 path as {@code s3} ({@link S3Store}).
 * MinIO keeps each bucket as a directory on every drive (erasure-coded shards and {@code xl.meta};
 * objects up to 128 KiB per drive are inlined in {@code xl.meta}), so the footprint is the allocated
 * bytes of those bucket directories summed over the drives: {@code DEDUP_MINIO_DATA_DIR=/d1,/d2}, or
 * {@code du} inside the container the lab started. No embedded server.
 */
public final class MinioSystem {
    private static final String IMAGE = "minio/minio:RELEASE.2025-04-22T22-12-26Z";

    /** The variant: MinIO's transparent (S2) compression, on for every object MinIO compresses at all. */
    public static final String COMPRESSED = "compressed";

    public static final StoreSystem SYSTEM = new StoreSystem(
                    "minio",
                    "MINIO",
                    S3Store::new,
                    List.of(new Variant(
                            COMPRESSED,
                            "MinIO's transparent compression, on for all types (a server of its own;"
                                    + " an external MinIO must have it on)",
                            true)),
                    Optional.empty(),
                    Optional.of(new ContainerServer<>(
                            IMAGE,
                            "/data",
                            MinioSystem::container,
                            (c, password) -> c.getS3URL(),
                            c -> "dedup-lab",
                            true)),
                    S3System::policyFor,
                    "allocated bytes of the bucket's directories on every drive (`.minio.sys` left out; container: `du` inside it);"
                            + " unavailable (`NaN`, `n/a`) where the drives are not reachable",
                    S3System::error)
            .readingOneKeyPerRequest(); // one GET per key, 8 at once

    private MinioSystem() {}

    /**
     * The MinIO container; for {@code minio:compressed} with compression on and no extension or MIME
     * type filter, so MinIO compresses every object except those it never compresses (already
     * compressed formats such as .jpg or video/*).
     */
    private static MinIOContainer container(String password, Optional<String> variant) {
        MinIOContainer c = new MinIOContainer(IMAGE).withUserName("dedup-lab").withPassword(password);
        if (variant.filter(COMPRESSED::equals).isPresent()) {
            c.withEnv("MINIO_COMPRESSION_ENABLE", "on")
                    .withEnv("MINIO_COMPRESSION_EXTENSIONS", "")
                    .withEnv("MINIO_COMPRESSION_MIME_TYPES", "");
        }
        return c;
    }
}
