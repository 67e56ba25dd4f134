package org.deduplab.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deduplab.bench.LoadVerifier;
import org.deduplab.payloads.DatasetSpec;
import org.deduplab.payloads.StoredDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every store passes against a real server: both stages load and verify, the
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
    static long load(Store t, StoredDataset ds, Stage stage) throws Exception {
        t.reset();
        long before = t.footprint().bytes();
        t.load(ds, stage);
        t.footprint().settle();
        return t.footprint().bytes() - before;
    }

    /** The systems this run covers (a subclass may hide this with its own list). */
    static List<String> systemsUnderTest() {
        return Systems.names();
    }

    @ParameterizedTest
    @MethodSource("systemsUnderTest")
    void loadsVerifiesAndReportsAFootprint(String system) throws Exception {
        StoredDataset ds = dataset("random_binary", "U0", "3MiB");
        try (Store t = Systems.open(endpoint(system))) {
            t.provision();
            for (Stage stage : Stage.values()) {
                long physical = load(t, ds, stage);
                assertThat(t.count()).as(stage.method()).isEqualTo(ds.fileCount());
                LoadVerifier.verify(t, ds, system + " " + stage);
                assertThat(physical).as("%s %s footprint", system, stage).isPositive();
                double edr = (double) ds.logicalBytes() / physical;
                assertThat(edr).as("%s %s random_binary EDR", system, stage).isLessThanOrEqualTo(1.02).isGreaterThan(0.2);
            }
            Map<String, String> settings = t.footprint().serverSettings();
            assertThat(settings).isNotEmpty();
            assertThat(settings.values()).allSatisfy(v -> assertThat(v).isNotBlank());
        }
    }

    @ParameterizedTest
    @MethodSource("systemsUnderTest")
    void verificationCatchesALostFile(String system) throws Exception {
        StoredDataset ds = dataset("text_log", "U50", "2MiB");
        try (Store t = Systems.open(endpoint(system))) {
            t.provision();
            load(t, ds, Stage.BULK);
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
        try (Store t = Systems.open(endpoint("redis"))) {
            load(t, ds, Stage.PER_FILE);
            String victim = ds.entry(0).name();
            t.insert(victim, new byte[] {1, 2, 3});
            assertThatThrownBy(() -> LoadVerifier.verify(t, ds, "system=redis"))
                    .hasMessageContaining(victim).hasMessageContaining(ds.entry(0).sha256()).hasMessageContaining("3 bytes");
        }
    }

    @Test
    void postgresCompressesStructuredJson() throws Exception {
        StoredDataset ds = dataset("structured_json", "U0", "4MiB");
        try (Store t = Systems.open(endpoint("postgresql"))) {
            t.provision();
            long physical = load(t, ds, Stage.BULK);
            assertThat((double) ds.logicalBytes() / physical).isGreaterThan(1.5);
        }
    }
}
