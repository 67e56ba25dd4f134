package org.deduplab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deduplab.store.Systems;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real launcher run's time budget: the parts measured by the forks' stopwatches and the
 * launcher's benchmark windows add up to the wall time within 5 %, the measured loads equal what
 * JMH itself scored, and the same figures are printed and written into the {@code .env.json}.
 */
@Tag("slow") // starts servers, a launcher, a JMH run, a browser or a child JVM: left out of mvn -Pfast test
class TimeBudgetTest {
    @TempDir
    Path tmp;

    @Test
    void thePartsAddUpToTheWallTime() throws Exception {
        Path result = tmp.resolve("run-budget.json");
        LauncherProcess.Finished run = LauncherProcess.run(
                tmp,
                Map.of(),
                List.of(),
                300,
                "StructuredJson",
                "-p",
                "system=" + String.join(",", Systems.withEmbeddedServer().subList(0, 2)),
                "-p",
                "grade=U0,U90",
                "-p",
                "datasetMiB=2",
                "-wi",
                "1",
                "-i",
                "2",
                "-r",
                "1ms", // one load per sample, so that JMH's scores (seconds per load) add up to the loads' time
                "-rff",
                result.toString(),
                "-jvmArgsAppend",
                "-Ddedup.datasets=" + tmp.resolve("ds") + " -Ddedup.warmUpSeconds=1");
        String out = run.output();
        assertThat(run.exit()).as(out).isZero();

        JsonNode budget = new ObjectMapper()
                .readTree(tmp.resolve("run-budget.env.json").toFile())
                .path("timeBudget");
        double wall = budget.path("wallSeconds").asDouble();
        Map<String, Double> parts =
                new ObjectMapper().convertValue(budget.path("parts"), new TypeReference<Map<String, Double>>() {});
        assertThat(parts)
                .containsKeys(
                        "measured loads",
                        "warm-up loads",
                        "settle steps",
                        "footprint/disk queries",
                        "verification",
                        "trial set-up",
                        "fork start (process, JVM, JMH, class loading)",
                        "launcher (JVM start, plan, servers, summary)");
        assertThat(parts.values()).allMatch(s -> s >= 0);
        double named = parts.entrySet().stream()
                .filter(e -> !e.getKey().startsWith("unattributed"))
                .mapToDouble(Map.Entry::getValue)
                .sum();
        assertThat(named).as(out).isCloseTo(wall, within(0.05 * wall));
        // the forks' stopwatch of the measured loads is what JMH scored (seconds per load x loads)
        double scored = 0;
        for (JsonNode r : new ObjectMapper().readTree(result.toFile())) {
            for (JsonNode fork : r.path("primaryMetric").path("rawData")) {
                for (JsonNode s : fork) {
                    scored += s.asDouble();
                }
            }
        }
        assertThat(parts.get("measured loads")).isCloseTo(scored, within(0.02 * scored + 0.05));
        assertThat(parts.get("warm-up loads")).isGreaterThan(0); // the warm-up loads in set-up and the -wi 1 iteration
        assertThat(budget.path("labOverheadShare").asDouble()).isBetween(0.0, 1.0);
        assertThat(out)
                .contains("TIME BUDGET (wall ")
                .containsPattern("measured loads +[0-9.]+ s +[0-9.]+ %")
                .contains("lab overhead (all but measured loads and settle steps): ");
    }
}
