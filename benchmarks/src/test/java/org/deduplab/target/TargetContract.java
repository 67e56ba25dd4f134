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
import org.deduplab.provision.Endpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every target passes against a real server: both stages load and verify, the
 * footprint grows, incompressible data gets no savings, compressible JSON does on PostgreSQL, and
 * verification notices a lost or changed file. Subclasses say where the servers come from
 * (embedded here, Testcontainers where Docker runs).
 */
abstract class TargetContract {
    @TempDir
    static Path cache;

    /** The endpoint of {@code system} for this run. */
    abstract Endpoint endpoint(String system);

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

    /** The systems this run covers (a subclass may hide this with its own list). */
    static List<String> systemsUnderTest() {
        return Systems.ALL;
    }

    @ParameterizedTest
    @MethodSource("systemsUnderTest")
    void loadsVerifiesAndReportsAFootprint(String system) throws Exception {
        StoredDataset ds = dataset("random_binary", "U0", "3MiB");
        try (StorageTarget t = Systems.open(endpoint(system))) {
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
    @MethodSource("systemsUnderTest")
    void verificationCatchesALostFile(String system) throws Exception {
        StoredDataset ds = dataset("text_log", "U50", "2MiB");
        try (StorageTarget t = Systems.open(endpoint(system))) {
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
        try (StorageTarget t = Systems.open(endpoint("redis"))) {
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
        try (StorageTarget t = Systems.open(endpoint("postgresql"))) {
            t.provision();
            long physical = load(t, ds, "bulk");
            assertThat((double) ds.logicalBytes() / physical).isGreaterThan(1.5);
        }
    }
}
