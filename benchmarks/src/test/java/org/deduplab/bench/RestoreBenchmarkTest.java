package org.deduplab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.nio.file.Path;
import org.deduplab.layout.Layouts;
import org.deduplab.payloads.DatasetSpec;
import org.deduplab.payloads.StoredDataset;
import org.deduplab.payloads.analyze.FastCdc;
import org.deduplab.provision.EmbeddedServers;
import org.deduplab.store.Systems;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The restore benchmarks in real forks against every embedded system, each layout and both restore
 * stages: every file reads back (the benchmark verifies all of them), and the entries fetched per file
 * are exactly the layout's read amplification, whatever the batching: 1 for plain, 2 for cas, 1 + the
 * file's FastCDC chunk count for cdc (counted here on the dataset itself). The bulk path sends fewer
 * requests than it fetches entries where the system batches reads, as many where it does not
 * ({@code StoreSystem.batchedReads}).
 */
@Tag("slow") // starts servers and forks JMH
class RestoreBenchmarkTest {
    static final String SYSTEMS = String.join(",", Systems.withEmbeddedServer());
    static EmbeddedServers servers;
    static Path endpoints;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        servers = EmbeddedServers.start(Systems.withEmbeddedServer(), new PrintStream(PrintStream.nullOutputStream()));
        endpoints = servers.writeEndpoints();
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    @Test
    void readRequestsPerFileAreTheLayoutsReadAmplificationOnEverySystemAndStage() throws Exception {
        JsonNode all = JmhFork.runAll(
                tmp.resolve("restore.json"),
                endpoints,
                tmp.resolve("datasets"),
                new OptionsBuilder()
                        .include("^" + StructuredJson.class.getName().replace(".", "\\.") + "\\.restore")
                        .param(BenchmarkCoordinates.SYSTEM, SYSTEMS.split(","))
                        .param(BenchmarkCoordinates.LAYOUT, Layouts.names().toArray(String[]::new))
                        .param(BenchmarkCoordinates.GRADE, "U0")
                        .param(BenchmarkCoordinates.DATASET_MIB, "1")
                        .warmupIterations(0)
                        .measurementIterations(1),
                "-Ddedup.warmUpMaxLoads=0");
        StoredDataset ds =
                StoredDataset.materialize(DatasetSpec.of("structured_json", "U0", "1MiB", 42), tmp.resolve("datasets"));
        double chunksPerFile = chunksPerFile(ds);
        assertThat(chunksPerFile).isGreaterThan(1);

        assertThat(all).hasSize(SYSTEMS.split(",").length * Layouts.ALL.size() * 2);
        for (JsonNode b : all) {
            String system = b.path("params").path("system").asText();
            String layout = b.path("params").path("layout").asText();
            String stage = b.path("benchmark").asText().replaceAll(".*\\.", "");
            String what = system + " " + layout + " " + stage;
            JsonNode sec = b.path("secondaryMetrics");
            double expected = switch (Layouts.of(layout).promise()) {
                case NONE -> 1; // the file's entry
                case WHOLE_FILE -> 2; // its reference, then its content
                case CHUNKS -> 1 + chunksPerFile; // its recipe, then its chunks
            };
            assertThat(value(sec, StorageMetric.READ_REQUESTS)).as(what).isCloseTo(expected, within(1e-9));
            // a sample holds as many whole restores as fit its time: the counters sum over them
            double restores = sec.path(StorageMetric.LOADS).path("score").asDouble();
            assertThat(restores).as(what).isGreaterThanOrEqualTo(1);
            assertThat(sec.path(StorageMetric.RESTORED_FILES).path("score").asDouble())
                    .as(what)
                    .isEqualTo(restores * ds.fileCount());
            assertThat(sec.path(StorageMetric.RESTORED_BYTES).path("score").asDouble())
                    .as(what)
                    .isEqualTo(restores * ds.logicalBytes());
            assertThat(value(sec, StorageMetric.RESTORE)).as(what).isPositive();
            double trips = value(sec, StorageMetric.ROUND_TRIPS);
            if (stage.equals("restorePerFile")) {
                assertThat(trips).as(what).isCloseTo(expected, within(1e-9));
                assertThat(value(sec, StorageMetric.FILE_LATENCY_P99))
                        .as(what)
                        .isGreaterThanOrEqualTo(value(sec, StorageMetric.FILE_LATENCY_P50))
                        .isPositive();
            } else if (!Systems.get(Systems.baseOf(system)).batchedReads()) {
                assertThat(trips)
                        .as(what + ": one GET per distinct entry")
                        .isPositive()
                        .isLessThanOrEqualTo(expected);
            } else {
                assertThat(trips).as(what + ": batched").isLessThan(1);
            }
        }
    }

    private static double value(JsonNode secondary, StorageMetric metric) {
        return secondary.path(metric.label()).path("score").asDouble(Double.NaN);
    }

    /** The mean FastCDC chunk count of the dataset's files (2/8/64 KiB, the layout's and the analyzer's). */
    private static double chunksPerFile(StoredDataset ds) throws Exception {
        long chunks = 0;
        for (int i = 0; i < ds.fileCount(); i++) {
            long[] n = {0};
            FastCdc.chunk(ds.read(i), (d, off, len) -> n[0]++);
            chunks += n[0];
        }
        return (double) chunks / ds.fileCount();
    }
}
