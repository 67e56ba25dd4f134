package org.deduplab.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deduplab.bench.LoadVerifier;
import org.deduplab.payloads.DatasetSpec;
import org.deduplab.payloads.StoredDataset;
import org.deduplab.provision.EmbeddedServers;
import org.deduplab.target.postgresql.PostgresTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract every target passes, against real embedded servers: both stages load and verify,
 * the footprint grows, incompressible data gets no savings, compressible JSON does on PostgreSQL,
 * and verification notices a lost row / key / object.
 */
class EmbeddedTargetContractTest {
    static EmbeddedServers servers;
    @TempDir
    static Path cache;

    @BeforeAll
    static void start() throws Exception {
        servers = EmbeddedServers.start(Systems.ALL, new PrintStream(PrintStream.nullOutputStream()));
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    static StoredDataset dataset(String payload, String grade, String size) throws Exception {
        return StoredDataset.materialize(DatasetSpec.of(payload, grade, size, 42), cache);
    }

    /** Loads a dataset through one stage into a fresh target; returns the footprint growth. */
    static long load(StorageTarget t, StoredDataset ds, String stage) throws Exception {
        t.reset();
        long before = t.footprintBytes();
        t.load(ds, stage.equals("bulk"));
        t.settle();
        return t.footprintBytes() - before;
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mariadb", "redis", "s3"})
    void loadsVerifiesAndReportsAFootprint(String system) throws Exception {
        StoredDataset ds = dataset("random_binary", "U0", "3MiB");
        try (StorageTarget t = Systems.open(servers.endpoint(system))) {
            t.provision();
            for (String stage : List.of("perFile", "bulk")) {
                long physical = load(t, ds, stage);
                assertThat(t.count()).as(stage).isEqualTo(ds.fileCount());
                LoadVerifier.verify(t, ds, system + " " + stage);
                assertThat(physical).as("%s %s footprint", system, stage).isPositive();
                double edr = (double) ds.logicalBytes() / physical;
                assertThat(edr).as("%s %s random_binary EDR", system, stage).isLessThanOrEqualTo(1.02).isGreaterThan(0.2);
            }
            Map<String, String> settings = t.serverSettings();
            assertThat(settings).isNotEmpty();
            assertThat(settings.values()).allSatisfy(v -> assertThat(v).isNotBlank());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mariadb", "redis", "s3"})
    void verificationCatchesALostFile(String system) throws Exception {
        StoredDataset ds = dataset("text_log", "U50", "2MiB");
        try (StorageTarget t = Systems.open(servers.endpoint(system))) {
            t.provision();
            load(t, ds, "bulk");
            LoadVerifier.verify(t, ds, "ok");
            String victim = ds.entry(LoadVerifier.sample(ds.fileCount())[1]).name();
            assertThat(t.delete(victim)).isTrue();
            assertThatThrownBy(() -> LoadVerifier.verify(t, ds, "system=" + system + " payload=text_log grade=U50 stage=bulk"))
                    .isInstanceOf(LoadVerifier.LoadVerificationException.class)
                    .hasMessageContaining("system=" + system).hasMessageContaining("payload=text_log")
                    .hasMessageContaining("grade=U50").hasMessageContaining("stage=bulk")
                    .hasMessageContaining("expected " + ds.fileCount()).hasMessageContaining("found " + (ds.fileCount() - 1));
        }
    }

    @Test
    void verificationCatchesChangedBytes() throws Exception {
        StoredDataset ds = dataset("structured_json", "U0", "1MiB");
        try (StorageTarget t = Systems.open(servers.endpoint("redis"))) {
            load(t, ds, "perFile");
            String victim = ds.entry(0).name();
            t.insert(victim, new byte[] {1, 2, 3});
            assertThatThrownBy(() -> LoadVerifier.verify(t, ds, "system=redis"))
                    .hasMessageContaining(victim).hasMessageContaining(ds.entry(0).sha256()).hasMessageContaining("3 bytes");
        }
    }

    @Test
    void postgresCompressesStructuredJson() throws Exception {
        StoredDataset ds = dataset("structured_json", "U0", "4MiB");
        try (StorageTarget t = Systems.open(servers.endpoint("postgresql"))) {
            t.provision();
            long physical = load(t, ds, "bulk");
            assertThat((double) ds.logicalBytes() / physical).isGreaterThan(1.5);
        }
    }

    @Test
    void postgresFootprintMatchesAllocatedBlocksOfTheTableFiles() throws Exception {
        StoredDataset ds = dataset("text_log", "U0", "8MiB");
        Path dataDir = servers.endpoint("postgresql").dataDir();
        try (PostgresTarget t = new PostgresTarget(servers.endpoint("postgresql"))) {
            t.provision();
            t.reset();
            t.settle();
            long before = t.footprintBytes();
            long diskBefore = allocated(dataDir, t.relationFiles());
            t.insertBulk(ds);
            t.settle(); // includes CHECKPOINT: pages are on disk
            long physical = t.footprintBytes() - before;
            long diskGrowth = allocated(dataDir, t.relationFiles()) - diskBefore;
            assertThat(diskGrowth).isPositive();
            assertThat((double) physical).isCloseTo(diskGrowth, org.assertj.core.api.Assertions.withinPercentage(10));
        }
    }

    /** Allocated bytes of every fork and segment file of the given relations. */
    static long allocated(Path dataDir, List<String> relationPaths) throws Exception {
        List<Path> files = new java.util.ArrayList<>();
        for (String rel : relationPaths) {
            Path main = dataDir.resolve(rel);
            try (var s = java.nio.file.Files.list(main.getParent())) {
                String base = main.getFileName().toString();
                s.filter(p -> {
                    String n = p.getFileName().toString();
                    return n.equals(base) || n.startsWith(base + "_") || n.startsWith(base + ".");
                }).forEach(files::add);
            }
        }
        return Disk.allocatedBytes(files.toArray(Path[]::new));
    }
}
