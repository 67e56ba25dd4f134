package org.deduplab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.deduplab.bench.StorageMetric;
import org.deduplab.store.Systems;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A benchmark whose speed interval is wider than the top-up threshold gets one more fork once the
 * matrix has run, and the two forks are one result, as JMH writes {@code -f 2}: every fork's samples in
 * rawData, the counters summed, the summary's per-load figures unchanged. A real run on an embedded system;
 * the threshold is set to 0 so that any interval is wide.
 */
@Tag("slow") // starts servers, a launcher, a JMH run, a browser or a child JVM: left out of mvn -Pfast test
class TopUpTest {
    /** Any system with an embedded server: which one does not matter here. */
    static final String SYSTEM = Systems.withEmbeddedServer().get(0);

    @TempDir
    Path tmp;

    @AfterEach
    void clear() {
        System.clearProperty("dedup.topUpAbove");
    }

    @Test
    void aWideIntervalGetsAnotherForkMergedIntoTheSameResult() throws Exception {
        System.setProperty("dedup.topUpAbove", "0");
        Path result = tmp.resolve("run-topup.json");
        CommandLineTest.Outcome o = CommandLineTest.run(
                "StructuredJson.bulk",
                "-p",
                "system=" + SYSTEM,
                "-p",
                "grade=U0",
                "-p",
                "datasetMiB=1",
                "-i",
                "2",
                "-r",
                "1ms", // one load per sample
                "-rff",
                result.toString(),
                "-jvmArgsAppend",
                "-Ddedup.datasets=" + tmp.resolve("ds") + " -Ddedup.warmUpMaxLoads=1");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out()).contains("TOP-UP 1 of 1: one more fork for the 1 benchmarks");

        JsonNode json = new ObjectMapper().readTree(result.toFile());
        assertThat(json.size()).as("one result, not two").isEqualTo(1);
        JsonNode sec = json.get(0).path("secondaryMetrics");
        JsonNode forks = sec.path(StorageMetric.INGEST.label()).path("rawData");
        assertThat(forks.size()).as("two forks' samples").isEqualTo(2);
        assertThat(forks.get(0).size()).isEqualTo(2);
        assertThat(forks.get(1).size()).isEqualTo(2);
        assertThat(sec.path(StorageMetric.LOADS).path("score").asDouble())
                .as("four loads counted over both forks")
                .isEqualTo(4.0);
        double logical = sec.path(StorageMetric.LOGICAL_BYTES).path("score").asDouble();
        double files = sec.path(StorageMetric.ROWS).path("score").asDouble();
        // the summary divides the summed counters by the loads: one dataset's files, not four
        assertThat(o.out())
                .containsPattern(SYSTEM + " +structured_json +U0 +bulk +" + Math.round(files / 4) + " +"
                        + String.format(java.util.Locale.ROOT, "%.2f", logical / 4 / 1e6) + " ");
    }
}
