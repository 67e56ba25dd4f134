package org.deduplab.store.minio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.deduplab.cli.LauncherProcess;
import org.deduplab.cli.PreflightAccess;
import org.deduplab.layout.Plain;
import org.deduplab.payloads.DatasetSpec;
import org.deduplab.payloads.StoredDataset;
import org.deduplab.provision.EmbeddedServersExtension;
import org.deduplab.store.Disk;
import org.deduplab.store.Endpoint;
import org.deduplab.store.ServerFiles;
import org.deduplab.store.ServerMode;
import org.deduplab.store.Space;
import org.deduplab.store.StoreConfig;
import org.deduplab.store.StoreSystem;
import org.deduplab.store.VariantNotInEffectException;
import org.deduplab.store.s3.S3Store;
import org.deduplab.store.s3.S3System;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The object-store footprint rule (allocated bytes of the bucket's directory on every drive, or
 * "unavailable"), checked with the MinIO target driving the embedded S3Proxy, whose filesystem
 * store keeps a bucket as one directory just as a MinIO drive does. A real MinIO runs in
 * {@code ContainerStoreContractTest} where Docker exists.
 */
@Tag("slow") // starts servers, a launcher, a JMH run, a browser or a child JVM: left out of mvn -Pfast test
class ObjectStoreFootprintTest {
    @RegisterExtension
    static final EmbeddedServersExtension servers = new EmbeddedServersExtension(List.of(S3System.SYSTEM.name()));

    @TempDir
    static Path tmp;

    static Endpoint minioAt(Path dataDirs) {
        Endpoint s3 = servers.endpoint(S3System.SYSTEM.name());
        return new Endpoint("minio", ServerMode.EXTERNAL, s3.url(), s3.user(), s3.password(), dataDirs, Map.of());
    }

    @Test
    void footprintSumsTheBucketDirectoryOverEveryDrive() throws Exception {
        StoredDataset ds =
                StoredDataset.materialize(DatasetSpec.of("random_binary", "U0", "2MiB", 7), tmp.resolve("ds"));
        Path s3Dir = servers.endpoint(S3System.SYSTEM.name()).dataDir();
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
        try (S3Store t =
                new S3Store(minioAt(servers.endpoint(S3System.SYSTEM.name()).dataDir()), compressed)) {
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
    }

    @Test
    void preflightPassesSuchAStoreWithAWarning() throws Exception {
        var checked = PreflightAccess.check(minioAt(null));
        assertThat(checked.warning())
                .get()
                .asString()
                .contains("minio footprint unavailable")
                .contains("DEDUP_MINIO_DATA_DIR");
        assertThat(PreflightAccess.check(
                                minioAt(servers.endpoint(S3System.SYSTEM.name()).dataDir()))
                        .warning())
                .isEmpty();
    }

    /** MinIO's external path and footprint rule in a full run, through the same S3 endpoint. */
    @Test
    void aFullRunOnAnExternalMinioReportsItsFootprint() throws Exception {
        Endpoint s3 = servers.endpoint(S3System.SYSTEM.name());
        StoreSystem minio = MinioSystem.SYSTEM;
        LauncherProcess.Finished run = LauncherProcess.run(
                tmp,
                Map.of(
                        minio.variable("URL"), s3.url(),
                        minio.variable("USER"), s3.user(),
                        minio.variable("PASSWORD"), s3.password(),
                        minio.variable("DATA_DIR"), s3.dataDir().toString()),
                List.of(),
                300,
                "StructuredJson.bulk",
                "-p",
                "system=" + minio.name(),
                "-p",
                "grade=U50",
                "-p",
                "datasetMiB=1",
                "-i",
                "1",
                "-rff",
                tmp.resolve("minio-run.json").toString(),
                "-jvmArgsAppend",
                "-Ddedup.datasets=" + tmp.resolve("ds"));
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("external " + minio.name() + " at ");
        // files, logical MB, physical delta MB and EDR are numbers for MinIO, not n/a
        assertThat(run.output())
                .containsPattern(minio.name() + " +structured_json +U50 +bulk +\\d+ +[0-9.]+ +[0-9.]+ +[0-9.]+ ");
        assertThat(run.output()).doesNotContain(s3.password());
    }
}
