package org.deduplab.target.minio;

import org.deduplab.provision.Endpoint;
import org.deduplab.target.s3.S3Target;

/**
 * A real MinIO deployment through the same S3 path as {@link S3Target}. MinIO keeps each bucket as
 * a directory on every drive (erasure-coded shards and {@code xl.meta}; objects up to 128 KiB per
 * drive are inlined in {@code xl.meta}), so the footprint is the allocated bytes of those bucket
 * directories summed over the drives, which leaves {@code .minio.sys} out. Where the drives are
 * not reachable (no {@code DEDUP_MINIO_DATA_DIR}, not a container the lab started) the footprint is
 * reported as unavailable: the admin "data usage" figure is computed lazily by a background
 * scanner, so it lags a load by minutes and is never used.
 */
public final class MinioTarget extends S3Target {
    public MinioTarget(Endpoint endpoint) {
        super(endpoint);
    }

    @Override
    public String system() {
        return "minio";
    }
}
