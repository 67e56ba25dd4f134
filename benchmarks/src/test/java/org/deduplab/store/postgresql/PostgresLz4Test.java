package org.deduplab.store.postgresql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.deduplab.bench.StorageMetric;
import org.deduplab.cli.Launcher;
import org.deduplab.layout.Plain;
import org.deduplab.payloads.DatasetSpec;
import org.deduplab.payloads.StoredDataset;
import org.deduplab.store.Space;
import org.deduplab.store.StoreConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code postgresql:lz4} for real, against Debian's PostgreSQL (built with lz4) started as an external
 * server: the variant is available there, every compressed value is lz4, and the launcher runs it
 * end to end. Skipped where the {@code postgresql} package is not installed, unless
 * {@code DEDUP_REQUIRE_DEBIAN_POSTGRES} is set ({@code .ci/run} installs the package and sets it).
 */
@Tag("slow") // starts servers, a launcher, a JMH run, a browser or a child JVM: left out of mvn -Pfast test
class PostgresLz4Test {
    static DebianPostgres server;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        Optional<Path> bin = DebianPostgres.binaries();
        if (bin.isEmpty() && System.getenv("DEDUP_REQUIRE_DEBIAN_POSTGRES") != null) {
            fail(
                    "DEDUP_REQUIRE_DEBIAN_POSTGRES is set but Debian's postgresql is not installed (apt-get install -y postgresql)");
        }
        assumeTrue(
                bin.isPresent(), "Debian's postgresql package is not installed: postgresql:lz4 is tested where it is");
        server = DebianPostgres.start(bin.get());
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void clear() {
        System.clearProperty("DEDUP_PG_URL");
        System.clearProperty("DEDUP_PG_USER");
        System.clearProperty("DEDUP_PG_PASSWORD");
        System.clearProperty("dedup.results");
    }

    @Test
    void lz4CompressesEveryCompressibleValueWithLz4() throws Exception {
        StoredDataset ds =
                StoredDataset.materialize(DatasetSpec.of("structured_json", "U0", "4MiB", 42), tmp.resolve("ds"));
        try (PostgresStore t =
                new PostgresStore(server.endpoint(), new StoreConfig(Optional.of("lz4"), Set.of(Space.FILES)))) {
            assertThat(t.footprint().variantUnavailable()).isEmpty();
            t.provision();
            long before = t.footprint().bytes();
            new Plain().writeAll(t, ds);
            t.footprint().settle();
            t.footprint().checkVariant();
            assertThat(t.queryString(
                            "SELECT string_agg(DISTINCT pg_column_compression(data), ',') FROM dedup_lab.files"))
                    .contains("lz4");
            assertThat((double) ds.logicalBytes() / (t.footprint().bytes() - before))
                    .isGreaterThan(2.0);
        }
    }

    @Test
    void theLauncherRunsTheVariantOnTheExternalServer() throws Exception {
        System.setProperty("DEDUP_PG_URL", server.endpoint().url());
        System.setProperty("DEDUP_PG_USER", "lab");
        System.setProperty("DEDUP_PG_PASSWORD", server.endpoint().password());
        System.setProperty("dedup.results", tmp.resolve("results").toString());
        int code = Launcher.run(
                "StructuredJson.bulk",
                "-p",
                "system=postgresql:lz4,postgresql",
                "-p",
                "grade=U0",
                "-p",
                "datasetMiB=1",
                "-i",
                "1",
                "-f",
                "1",
                "-foe",
                "true",
                "-jvmArgsAppend",
                "-Ddedup.datasets=" + tmp.resolve("ds"));
        assertThat(code).isZero();
        Path result;
        try (var files = Files.list(tmp.resolve("results"))) {
            result = files.filter(
                            f -> f.toString().endsWith(".json") && !f.toString().endsWith(".env.json"))
                    .findFirst()
                    .orElseThrow();
        }
        var json = new ObjectMapper().readTree(result.toFile());
        assertThat(json.size()).isEqualTo(2);
        for (var b : json) {
            double edr = b.path("secondaryMetrics")
                    .path(StorageMetric.EDR.label())
                    .path("score")
                    .asDouble();
            assertThat(edr).as(b.path("params").toString()).isGreaterThan(1.5);
        }
        assertThat(json.findValuesAsText("system")).containsExactlyInAnyOrder("postgresql:lz4", "postgresql");
        String env = Files.readString(
                result.resolveSibling(result.getFileName().toString().replace(".json", ".env.json")));
        assertThat(env).contains("\"postgresql:lz4\"").contains("COMPRESSION lz4");
    }
}
