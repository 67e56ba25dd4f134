package org.deduplab.store.s3;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deduplab.bench.JmhFork;
import org.deduplab.bench.RandomBinary;
import org.deduplab.bench.StorageMetric;
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

/** An S3 store whose drives are not visible from here: its footprint is reported as NaN, never as zero. */
@Tag("slow") // starts a server and forks JMH
class S3BlindFootprintTest {
    static final String SYSTEM = S3System.SYSTEM.name();
    static EmbeddedServers servers;
    static Path blindEndpoints;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        servers = EmbeddedServers.start(List.of(SYSTEM), new PrintStream(PrintStream.nullOutputStream()));
        // the same S3 store as an external one whose drives are not visible from here
        Endpoint s3 = servers.endpoint(SYSTEM);
        blindEndpoints = tmp.resolve("blind-endpoints.properties");
        Endpoints.write(
                List.of(new Endpoint(SYSTEM, ServerMode.EXTERNAL, s3.url(), s3.user(), s3.password(), null, Map.of())),
                blindEndpoints);
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    @Test
    void anUnmeasurableFootprintIsReportedAsNaNNeverAsZero() throws Exception {
        JsonNode r = JmhFork.run(tmp, blindEndpoints, "bulk", SYSTEM, RandomBinary.class);
        StoredDataset ds = JmhFork.dataset(tmp, "random_binary");
        JsonNode sec = r.path("secondaryMetrics");
        // load time and logical bytes are real; EDR and physical delta are absent or NaN
        assertThat(r.path("primaryMetric").path("score").asDouble()).isPositive();
        assertThat(JmhFork.score(r, "logicalBytes"))
                .isEqualTo(JmhFork.score(r, StorageMetric.LOADS) * ds.logicalBytes());
        assertThat(JmhFork.score(r, "\u00b7storage.ingestMBps")).isPositive();
        assertThat(sec.path("physicalDeltaBytes").path("score").asText()).isEqualTo("NaN");
        assertThat(sec.has("\u00b7storage.edr")).isFalse();
        assertThat(sec.has("\u00b7storage.physicalDeltaBytes")).isFalse();
        assertThat(sec.has("\u00b7storage.diskDeltaBytes")).isFalse();
    }
}
