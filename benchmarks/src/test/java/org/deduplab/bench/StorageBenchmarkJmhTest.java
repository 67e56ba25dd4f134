package org.deduplab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.deduplab.payloads.StoredDataset;
import org.deduplab.provision.EmbeddedServers;
import org.deduplab.store.Systems;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A real JMH run through the Runner API, with a forked JVM, on a tiny dataset, for every system with
 * an embedded server: the JSON result carries every counter and storage metric, consistent with each
 * other and with the dataset. What only one system reports (PostgreSQL's WAL, a footprint that cannot
 * be measured on S3) is checked in its own package.
 */
@Tag("slow") // starts servers and forks JMH
class StorageBenchmarkJmhTest {
    static EmbeddedServers servers;
    static Path endpoints;

    @TempDir
    static Path tmp;

    static List<String> embedded() {
        return Systems.withEmbeddedServer();
    }

    @BeforeAll
    static void start() throws Exception {
        servers = EmbeddedServers.start(embedded(), new PrintStream(PrintStream.nullOutputStream()));
        endpoints = servers.writeEndpoints();
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    @ParameterizedTest
    @MethodSource("embedded")
    void bulkReportsEveryMetricConsistently(String system) throws Exception {
        JsonNode r = JmhFork.run(tmp, endpoints, "bulk", system, StructuredJson.class);
        StoredDataset ds = JmhFork.dataset(tmp, "structured_json");
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
        // two samples, each as many whole loads as fit its time: the counters sum over every load
        double loads = JmhFork.score(r, StorageMetric.LOADS);
        assertThat(loads).isGreaterThanOrEqualTo(2);
        assertThat(JmhFork.score(r, "logicalBytes")).isEqualTo(loads * ds.logicalBytes());
        assertThat(JmhFork.score(r, "rows")).isEqualTo(loads * ds.fileCount());
        double edr = JmhFork.score(r, "\u00b7storage.edr");
        assertThat(edr).isPositive();
        assertThat(edr)
                .isCloseTo(
                        JmhFork.score(r, "logicalBytes") / JmhFork.score(r, "physicalDeltaBytes"),
                        Assertions.within(0.01));
        assertThat(JmhFork.score(r, "\u00b7storage.referenceEdr")).isGreaterThan(1.5); // U50: half are copies
        assertThat(JmhFork.score(r, "\u00b7storage.ingestMBps")).isPositive();
        assertThat(r.path("primaryMetric").path("scoreUnit").asText()).isEqualTo("s/op");
        assertThat(r.path("params").path("system").asText()).isEqualTo(system);
        // credentials never travel in JVM arguments
        assertThat(r.path("jvmArgs").toString()).doesNotContain("password");
    }
}
