package org.deduplab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.deduplab.payloads.DatasetSpec;
import org.deduplab.payloads.StoredDataset;
import org.deduplab.provision.EmbeddedServers;
import org.deduplab.provision.Endpoints;
import org.deduplab.store.Endpoint;
import org.deduplab.store.ServerMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * A real JMH run through the Runner API, with a forked JVM, on a tiny dataset: one system per stage.
 * The JSON result must carry every counter and storage metric with plausible values.
 */
@Tag("slow") // starts servers, a launcher, a JMH run, a browser or a child JVM: left out of mvn -Pfast test
class StorageBenchmarkJmhTest {
    static EmbeddedServers servers;
    static Path endpoints;
    static Path blindEndpoints;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        servers = EmbeddedServers.start(
                List.of("postgresql", "redis", "s3"), new PrintStream(PrintStream.nullOutputStream()));
        endpoints = servers.writeEndpoints();
        // the same S3 store as an external one whose drives are not visible from here
        Endpoint s3 = servers.endpoint("s3");
        blindEndpoints = tmp.resolve("blind-endpoints.properties");
        Endpoints.write(
                List.of(new Endpoint("s3", ServerMode.EXTERNAL, s3.url(), s3.user(), s3.password(), null, Map.of())),
                blindEndpoints);
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    static JsonNode run(String stage, String system, Class<? extends StorageBenchmark> payload) throws Exception {
        return run(stage, system, payload, endpoints);
    }

    static JsonNode run(String stage, String system, Class<? extends StorageBenchmark> payload, Path endpoints)
            throws Exception {
        Path result = tmp.resolve(stage + "-" + system + ".json");
        Options opts = new OptionsBuilder()
                .include("^" + Pattern.quote(payload.getName() + "." + stage) + "$")
                .param("system", system)
                .param("grade", "U50")
                .param("datasetMiB", "2")
                .forks(1)
                .warmupIterations(0)
                .measurementIterations(2)
                .addProfiler(StorageProfiler.class)
                .jvmArgsAppend(
                        "-D" + Endpoints.FILE_PROPERTY + "=" + endpoints,
                        "-Ddedup.datasets=" + tmp.resolve("datasets"),
                        "-Xmx256m")
                .resultFormat(ResultFormatType.JSON)
                .result(result.toString())
                .shouldFailOnError(true)
                .build();
        new Runner(opts).run();
        JsonNode all = new ObjectMapper().readTree(result.toFile());
        assertThat(all.size()).isEqualTo(1);
        return all.get(0);
    }

    @Test
    void bulkOnPostgresReportsEveryMetric() throws Exception {
        JsonNode r = run("bulk", "postgresql", StructuredJson.class);
        StoredDataset ds = StoredDataset.materialize(
                DatasetSpec.of("structured_json", "U50", "2MiB", 42), tmp.resolve("datasets"));
        JsonNode sec = r.path("secondaryMetrics");
        assertThat(sec.fieldNames())
                .toIterable()
                .contains(
                        "logicalBytes",
                        "physicalDeltaBytes",
                        "rows",
                        "\u00b7storage.edr",
                        "\u00b7storage.physicalDeltaBytes",
                        "\u00b7storage.diskDeltaBytes",
                        "\u00b7storage.ingestMBps",
                        "\u00b7storage.referenceEdr",
                        "\u00b7storage.walBytes");
        // counters are summed over the two measured loads
        // two samples, each as many whole loads as fit its time: the counters sum over every load
        double loads = sec.path(StorageMetric.LOADS).path("score").asDouble();
        assertThat(loads).isGreaterThanOrEqualTo(2);
        assertThat(sec.path("logicalBytes").path("score").asDouble()).isEqualTo(loads * ds.logicalBytes());
        assertThat(sec.path("rows").path("score").asDouble()).isEqualTo(loads * ds.fileCount());
        double edr = sec.path("\u00b7storage.edr").path("score").asDouble();
        assertThat(edr).isBetween(1.5, 12.0);
        assertThat(edr)
                .isCloseTo(
                        sec.path("logicalBytes").path("score").asDouble()
                                / sec.path("physicalDeltaBytes").path("score").asDouble(),
                        Assertions.within(0.01));
        assertThat(sec.path("\u00b7storage.referenceEdr").path("score").asDouble())
                .isGreaterThan(edr * 0.8);
        assertThat(sec.path("\u00b7storage.ingestMBps").path("score").asDouble())
                .isPositive();
        assertThat(sec.path("\u00b7storage.walBytes").path("score").asDouble()).isPositive();
        assertThat(sec.path("\u00b7storage.diskDeltaBytes").path("score").asDouble())
                .isPositive();
        assertThat(r.path("primaryMetric").path("scoreUnit").asText()).isEqualTo("s/op");
        assertThat(r.path("params").path("system").asText()).isEqualTo("postgresql");
        // credentials never travel in JVM arguments
        assertThat(r.path("jvmArgs").toString()).doesNotContain("password");
    }

    @Test
    void perFileOnRedisReportsMemoryFootprint() throws Exception {
        JsonNode r = run("perFile", "redis", RandomBinary.class);
        JsonNode sec = r.path("secondaryMetrics");
        assertThat(sec.fieldNames())
                .toIterable()
                .contains(
                        "logicalBytes",
                        "physicalDeltaBytes",
                        "rows",
                        "\u00b7storage.edr",
                        "\u00b7storage.physicalDeltaBytes",
                        "\u00b7storage.diskDeltaBytes",
                        "\u00b7storage.ingestMBps",
                        "\u00b7storage.referenceEdr");
        assertThat(sec.has("\u00b7storage.walBytes")).isFalse();
        assertThat(sec.path("\u00b7storage.edr").path("score").asDouble()).isBetween(0.5, 1.02);
        assertThat(sec.path("\u00b7storage.referenceEdr").path("score").asDouble())
                .isGreaterThan(1.5); // U50: half are copies
    }

    @Test
    void anUnmeasurableFootprintIsReportedAsNaNNeverAsZero() throws Exception {
        JsonNode r = run("bulk", "s3", RandomBinary.class, blindEndpoints);
        StoredDataset ds =
                StoredDataset.materialize(DatasetSpec.of("random_binary", "U50", "2MiB", 42), tmp.resolve("datasets"));
        JsonNode sec = r.path("secondaryMetrics");
        // load time and logical bytes are real; EDR and physical delta are absent or NaN
        assertThat(r.path("primaryMetric").path("score").asDouble()).isPositive();
        assertThat(sec.path("logicalBytes").path("score").asDouble())
                .isEqualTo(sec.path(StorageMetric.LOADS).path("score").asDouble() * ds.logicalBytes());
        assertThat(sec.path("\u00b7storage.ingestMBps").path("score").asDouble())
                .isPositive();
        assertThat(sec.path("physicalDeltaBytes").path("score").asText()).isEqualTo("NaN");
        assertThat(sec.has("\u00b7storage.edr")).isFalse();
        assertThat(sec.has("\u00b7storage.physicalDeltaBytes")).isFalse();
        assertThat(sec.has("\u00b7storage.diskDeltaBytes")).isFalse();
    }
}
