package org.deduplab.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.deduplab.cli.PreflightAccess;
import org.deduplab.layout.Plain;
import org.deduplab.payloads.DatasetSpec;
import org.deduplab.payloads.StoredDataset;
import org.deduplab.provision.EmbeddedServersExtension;
import org.deduplab.store.s3.S3Store;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The object-store footprint rule (allocated bytes of the bucket's directory on every drive, or
 * "unavailable"), checked with the MinIO target driving the embedded S3Proxy, whose filesystem
 * store keeps a bucket as one directory just as a MinIO drive does. A real MinIO runs in
 * {@link ContainerStoreContractTest} where Docker exists.
 */
@Tag("slow") // starts servers, a launcher, a JMH run, a browser or a child JVM: left out of mvn -Pfast test
class ObjectStoreFootprintTest {
    @RegisterExtension
    static final EmbeddedServersExtension servers = new EmbeddedServersExtension(List.of("s3"));

    @TempDir
    static Path tmp;

    static Endpoint minioAt(Path dataDirs) {
        Endpoint s3 = servers.endpoint("s3");
        return new Endpoint("minio", ServerMode.EXTERNAL, s3.url(), s3.user(), s3.password(), dataDirs, Map.of());
    }

    @Test
    void footprintSumsTheBucketDirectoryOverEveryDrive() throws Exception {
        StoredDataset ds =
                StoredDataset.materialize(DatasetSpec.of("random_binary", "U0", "2MiB", 7), tmp.resolve("ds"));
        Path s3Dir = servers.endpoint("s3").dataDir();
        Path secondDrive = Files.createDirectories(tmp.resolve("drive2"));
        try (S3Store one = new S3Store(minioAt(s3Dir), StoreConfig.plain());
                S3Store two = new S3Store(minioAt(Path.of(s3Dir + "," + secondDrive)), StoreConfig.plain())) {
            assertThat(one.footprint().unavailable()).isEmpty();
            one.provision();
            new Plain().writeAll(one, ds);
            long single = one.footprint().bytes();
            assertThat(single).isEqualTo(Disk.allocatedBytes(s3Dir.resolve(one.bucket())));
            assertThat((double) single).isBetween(ds.logicalBytes() * 0.98, ds.logicalBytes() * 1.5);

            // the same bucket on a second drive holding one more 64 KiB shard: the footprint adds it
            two.provision(); // a bucket of its own, empty
            Path shard =
                    Files.createDirectories(secondDrive.resolve(one.bucket())).resolve("part.1");
            Files.write(shard, new byte[64 << 10]);
            long twoDrives = ServerFiles.of(minioAt(Path.of(s3Dir + "," + secondDrive)))
                    .allocatedBytes(one.bucket())
                    .orElseThrow();
            assertThat(twoDrives)
                    .isEqualTo(single + Disk.allocatedBytes(secondDrive.resolve(one.bucket())))
                    .isGreaterThanOrEqualTo(single + (64 << 10));
            assertThat(two.footprint().bytes()).isEqualTo(Disk.allocatedBytes(s3Dir.resolve(two.bucket())));
        }
    }

    @Test
    void unreachableDrivesMakeTheFootprintUnavailableNotZero() throws Exception {
        try (S3Store t = new S3Store(minioAt(null), StoreConfig.plain())) {
            t.provision();
            t.put(Space.FILES, "a", new byte[] {1, 2, 3});
            assertThat(t.footprint().unavailable())
                    .get()
                    .asString()
                    .contains("minio footprint unavailable")
                    .contains("DEDUP_MINIO_DATA_DIR");
            assertThatThrownBy(t.footprint()::bytes)
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("DEDUP_MINIO_DATA_DIR");
            assertThat(t.footprint().diskBytes()).isEmpty();
            assertThat(t.count(Space.FILES)).isEqualTo(1); // the store itself works
            assertThat(t.footprint().serverSettings())
                    .containsEntry("footprint", "unavailable (data directories not reachable)");
        }
    }

    @Test
    void compressedMinioIsRefusedWhereTheStoreDoesNotCompress() throws Exception {
        // S3Proxy's filesystem store keeps objects as they are: the probe shows no compression
        StoreConfig compressed = new StoreConfig(Optional.of("compressed"), Set.of(Space.FILES));
        try (S3Store t = new S3Store(minioAt(servers.endpoint("s3").dataDir()), compressed)) {
            assertThat(t.footprint().variantUnavailable())
                    .get()
                    .asString()
                    .contains("minio:compressed refused")
                    .contains("does not compress")
                    .contains("never reconfigures");
            assertThatThrownBy(() -> t.footprint().checkVariant())
                    .isInstanceOf(VariantNotInEffectException.class)
                    .hasMessageContaining("minio:compressed");
        }
        try (S3Store t = new S3Store(minioAt(null), compressed)) {
            assertThat(t.footprint().variantUnavailable()).get().asString().contains("DEDUP_MINIO_DATA_DIR");
        }
        // a server-wide variant gets a server of its own; per-table ones share their system's
        assertThat(Systems.serverOf("minio:compressed")).isEqualTo("minio:compressed");
        assertThat(Systems.serverOf("postgresql:lz4")).isEqualTo("postgresql");
        assertThat(Systems.serverOf("redis")).isEqualTo("redis");
    }

    @Test
    void preflightPassesSuchAStoreWithAWarning() throws Exception {
        var checked = PreflightAccess.check(minioAt(null));
        assertThat(checked.warning())
                .get()
                .asString()
                .contains("minio footprint unavailable")
                .contains("DEDUP_MINIO_DATA_DIR");
        assertThat(PreflightAccess.check(minioAt(servers.endpoint("s3").dataDir()))
                        .warning())
                .isEmpty();
    }
}
