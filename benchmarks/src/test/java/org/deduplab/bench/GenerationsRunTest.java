package org.deduplab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.deduplab.layout.Cdc;
import org.deduplab.provision.EmbeddedServersExtension;
import org.deduplab.store.Store;
import org.deduplab.store.StoreConfig;
import org.deduplab.store.Systems;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The generations benchmark in real JMH forks on every embedded system, plain and cdc: versioned_doc
 * in 4 generations, the 2 newest kept. No generation shrinks the footprint, cdc's cumulative EDR grows
 * with the generations, the restores are measured (and checked by SHA-256 in the fork, or it fails),
 * and expiry with the system's reclamation gives back at least 90 % of what should come back.
 */
@Tag("slow") // starts every embedded server and forks JMH
class GenerationsRunTest {
    static final int GENERATIONS = 4;

    @RegisterExtension
    static final EmbeddedServersExtension servers = new EmbeddedServersExtension(Systems.withEmbeddedServer());

    @TempDir
    static Path tmp;

    /** system + " " + layout -> its result. */
    static final Map<String, JsonNode> results = new HashMap<>();

    @BeforeAll
    static void run() throws Exception {
        JsonNode all = JmhFork.runAll(
                tmp.resolve("generations.json"),
                servers.writeEndpoints(),
                tmp.resolve("datasets"),
                new OptionsBuilder()
                        .include("^" + Pattern.quote(VersionedDoc.class.getName() + ".generationsBulk") + "$")
                        .param(
                                BenchmarkCoordinates.SYSTEM,
                                Systems.withEmbeddedServer().toArray(String[]::new))
                        .param(BenchmarkCoordinates.LAYOUT, "plain", "cdc")
                        .param(BenchmarkCoordinates.GRADE, "U50")
                        .param(BenchmarkCoordinates.DATASET_MIB, "4")
                        .param(BenchmarkCoordinates.GENERATIONS, String.valueOf(GENERATIONS))
                        .param(BenchmarkCoordinates.KEEP, "2")
                        .measurementIterations(2),
                "-Ddedup.warmUpMaxLoads=1",
                "-Xmx384m");
        for (JsonNode r : all) {
            results.put(
                    r.path("params").path("system").asText() + " "
                            + r.path("params").path("layout").asText(),
                    r);
        }
    }

    static double score(JsonNode r, String label) {
        return JmhFork.score(r, label);
    }

    @Test
    void everySystemAndLayoutRanAndNoGenerationShrankTheFootprint() {
        assertThat(results).hasSize(Systems.withEmbeddedServer().size() * 2);
        results.forEach((name, r) -> {
            double before = 0;
            for (int g = 1; g <= GENERATIONS; g++) {
                double physical = score(r, SeriesMetric.PHYSICAL.label(g));
                // a later generation may fit in pages the earlier ones left part-empty
                assertThat(physical)
                        .as(name + " generation " + g)
                        .isGreaterThanOrEqualTo(before)
                        .isPositive();
                assertThat(score(r, SeriesMetric.INGEST.label(g))).as(name).isPositive();
                before = physical;
            }
            assertThat(score(r, StorageMetric.PHYSICAL_DELTA.label())).as(name).isEqualTo(before);
        });
    }

    @Test
    void cdcsCumulativeEdrGrowsWithTheGenerations() {
        for (String system : Systems.withEmbeddedServer()) {
            JsonNode r = results.get(system + " cdc");
            List<Double> edr = List.of(
                    score(r, SeriesMetric.CUMULATIVE_EDR.label(1)),
                    score(r, SeriesMetric.CUMULATIVE_EDR.label(GENERATIONS)));
            assertThat(edr.get(1)).as(system).isGreaterThan(edr.get(0) * 1.5);
            // cdc's growth per generation tracks the analyzer's new chunk bytes: far below plain's
            assertThat(score(r, SeriesMetric.PHYSICAL_DELTA.label(GENERATIONS)))
                    .as(system)
                    .isLessThan(score(results.get(system + " plain"), SeriesMetric.PHYSICAL_DELTA.label(GENERATIONS)));
        }
    }

    @Test
    void everySystemWithStorageUnitsCountsWhatARestoreTouchesAndTheOthersSayWhyNot() throws Exception {
        for (String system : Systems.withEmbeddedServer()) {
            Optional<String> none;
            try (Store store =
                    Systems.open(servers.endpoint(system), new StoreConfig(Optional.empty(), new Cdc().spaces()))) {
                none = store.footprint().readUnits().unavailable();
            }
            JsonNode r = results.get(system + " cdc");
            for (String label : List.of(
                    SeriesMetric.UNITS.label(1),
                    SeriesMetric.UNITS_NEWEST.label(),
                    SeriesMetric.UNITS_OLDEST.label())) {
                if (none.isPresent()) {
                    assertThat(r.path("secondaryMetrics").has(label))
                            .as(system + ": " + none.get())
                            .isFalse();
                } else {
                    // at least one unit per MB: a MB of chunks cannot sit in less than one page or object
                    assertThat(score(r, label)).as(system + " " + label).isGreaterThanOrEqualTo(1.0);
                }
            }
        }
    }

    @Test
    void theNewestAndOldestRestoreAndExpiryGivesBackWhatItShould() {
        results.forEach((name, r) -> {
            assertThat(score(r, SeriesMetric.RESTORE_NEWEST.label())).as(name).isPositive();
            assertThat(score(r, SeriesMetric.RESTORE_OLDEST.label())).as(name).isPositive();
            assertThat(score(r, SeriesMetric.READS_OLDEST.label())).as(name).isGreaterThanOrEqualTo(1.0);
            double expected = score(r, SeriesMetric.EXPECTED_FREED.label());
            assertThat(expected).as(name).isPositive();
            double freed = Math.max(
                    score(r, SeriesMetric.FREED_EXPIRY.label()),
                    Math.max(score(r, SeriesMetric.FREED_ROUTINE.label()), score(r, SeriesMetric.FREED_FULL.label())));
            assertThat(freed).as(name + ": freed of the expected " + expected).isGreaterThanOrEqualTo(0.9 * expected);
            assertThat(score(r, SeriesMetric.AFTER_NEXT.label())).as(name).isPositive();
        });
    }

    /**
     * A corpus of snapshot subdirectories, into a dataset cache that does not exist yet: one generation per
     * snapshot, each restored byte for byte in the fork, and the scratch copies gone after the trial.
     */
    @Test
    void aCorpusOfSnapshotsLoadsOneGenerationPerSubdirectory() throws Exception {
        Path corpus = tmp.resolve("snapshots");
        for (int day = 1; day <= 3; day++) {
            Path snap = Files.createDirectories(corpus.resolve("2026-01-0" + day + "/docs"));
            for (int f = 0; f < 20; f++) {
                // each snapshot keeps most files and changes a few
                String text = ("file " + f + " of day " + (f % 5 == 0 ? day : 1) + "\n").repeat(400);
                Files.writeString(snap.resolve("f" + f + ".txt"), text);
            }
        }
        Path cache = tmp.resolve("fresh-cache");
        JsonNode r = JmhFork.runAll(
                        tmp.resolve("corpus.json"),
                        servers.writeEndpoints(),
                        cache,
                        new OptionsBuilder()
                                .include("^" + Pattern.quote(DirCorpus.class.getName() + ".generationsBulk") + "$")
                                .param(
                                        BenchmarkCoordinates.SYSTEM,
                                        Systems.withEmbeddedServer().get(0))
                                .param(BenchmarkCoordinates.DIR, corpus.toString())
                                .param(BenchmarkCoordinates.GRADE, "U0")
                                .param(BenchmarkCoordinates.GENERATIONS, "2")
                                .param(BenchmarkCoordinates.KEEP, "1")
                                .measurementIterations(1),
                        "-Ddedup.warmUpMaxLoads=1",
                        "-Xmx256m")
                .get(0);
        assertThat(score(r, SeriesMetric.FILES.label(1))).isEqualTo(20);
        assertThat(score(r, SeriesMetric.FILES.label(2))).isEqualTo(20);
        // day 2 changed 4 of its 20 files: the rest are whole files generation 1 already had
        assertThat(score(r, SeriesMetric.NEW_WHOLE_FILE.label(2)))
                .isLessThan(score(r, SeriesMetric.NEW_WHOLE_FILE.label(1)) / 4);
        assertThat(score(r, SeriesMetric.AFTER_NEXT.label())).isPositive(); // the third snapshot, after expiry
        try (var left = Files.list(cache)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("generations-"));
        }
    }
}
