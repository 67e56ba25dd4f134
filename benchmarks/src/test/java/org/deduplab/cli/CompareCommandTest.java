package org.deduplab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.deduplab.bench.BenchmarkCoordinates;
import org.deduplab.bench.SeriesMetric;
import org.deduplab.bench.StorageMetric;
import org.deduplab.report.RunFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compare} on the committed baseline (a real run of the default matrix) and on copies of it
 * with one figure moved, the way a regression would move it; and against a result of the earlier
 * shape (one StorageBenchmark class with a payload param), which it still reads.
 */
class CompareCommandTest {
    static final Path BASELINE = Path.of("..", "results", "baseline", "default-matrix-4MiB.json");
    /** The baseline as the lab wrote it before the benchmarks were split per payload type (same matrix, same servers). */
    static final Path LEGACY = Path.of("src", "test", "resources", "legacy-shape", "default-matrix-4MiB.json");

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** The machine both sides of a comparison ran on, unless a test says otherwise. */
    static final Map<String, Object> MACHINE = Map.of(
            "cpu",
            "Test CPU @ 2.0GHz",
            "cores",
            2,
            "memoryGiB",
            24,
            "kernel",
            "6.1.0-test",
            "filesystem",
            "ext2/ext3",
            "fsyncMBps",
            120.0);

    /** The baseline, copied with an environment file that records {@link #MACHINE}. */
    Path base() throws Exception {
        return withMachine(tmp.resolve("base.json"), (ArrayNode) JSON.readTree(BASELINE.toFile()), MACHINE);
    }

    /** A copy of the baseline with {@code change} applied to its first insert benchmark, made on {@link #MACHINE}. */
    Path variant(String name, Consumer<ObjectNode> change) throws Exception {
        return variant(name, change, MACHINE);
    }

    Path variant(String name, Consumer<ObjectNode> change, Map<String, Object> machine) throws Exception {
        ArrayNode all = (ArrayNode) JSON.readTree(BASELINE.toFile());
        change.accept((ObjectNode) all.get(0));
        return withMachine(tmp.resolve(name), all, machine);
    }

    /**
     * Writes {@code result} and, beside it, the baseline's environment file with {@code machine} recorded.
     * Every ingest interval is narrowed to ±5 % first (three samples at 0.98, 1 and 1.02 of the score: a
     * run with steadier loads than the 4 MiB baseline's, whose 95 % intervals are wide), unless a
     * benchmark's own change set it.
     */
    /** JMH's rawData of one fork with these samples. */
    static ArrayNode samples(double... values) {
        ArrayNode fork = JSON.createArrayNode();
        for (double v : values) {
            fork.add(v);
        }
        return JSON.createArrayNode().add(fork);
    }

    static Path withMachine(Path p, ArrayNode result, Map<String, Object> machine) throws Exception {
        for (JsonNode b : result) {
            ObjectNode m = (ObjectNode) b.path("secondaryMetrics").path(StorageMetric.INGEST.label());
            if (!m.isMissingNode() && !m.path("setByTest").asBoolean()) {
                double s = m.path("score").asDouble();
                m.set("rawData", samples(s * 0.98, s, s * 1.02));
            }
            m.remove("setByTest");
        }
        JSON.writeValue(p.toFile(), result);
        ObjectNode env = (ObjectNode) JSON.readTree(
                BASELINE.resolveSibling("default-matrix-4MiB.env.json").toFile());
        if (machine.isEmpty()) {
            env.remove("machine"); // a run made before runs recorded their machine
        } else {
            env.set("machine", JSON.valueToTree(machine));
        }
        JSON.writeValue(RunFile.beside(p, ".env.json").toFile(), env);
        return p;
    }

    static Consumer<ObjectNode> scale(String metric, double factor) {
        return b -> {
            ObjectNode m = (ObjectNode) b.path("secondaryMetrics").path(metric);
            m.put("score", m.path("score").asDouble() * factor);
        };
    }

    /** The system of the baseline's first benchmark. */
    static String firstSystem() throws Exception {
        return JSON.readTree(BASELINE.toFile())
                .get(0)
                .path("params")
                .path("system")
                .asText();
    }

    /** A copy of the baseline with every bulk benchmark of its first system's MB/s scaled by {@code factor}. */
    Path slowerGroup(double factor) throws Exception {
        ArrayNode all = (ArrayNode) JSON.readTree(BASELINE.toFile());
        for (JsonNode b : all) {
            if (b.path("benchmark").asText().endsWith(".bulk")
                    && b.path("params").path("system").asText().equals(firstSystem())) {
                scale(StorageMetric.INGEST.label(), factor).accept((ObjectNode) b);
            }
        }
        return withMachine(tmp.resolve("group-" + factor + ".json"), all, MACHINE);
    }

    @Test
    void theBaselineAgainstItselfPasses() throws Exception {
        CommandLineTest.Outcome o = CommandLineTest.run("compare", BASELINE.toString(), BASELINE.toString());
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.out())
                .contains("120 compared, 0 regressed")
                .contains("PASS")
                .doesNotContain("REGRESSION");
        assertThat(o.out())
                .containsPattern(
                        "bulk " + Pattern.quote(firstSystem()) + " random_binary U0 4MiB +[0-9.]+ +[0-9.]+ +\\+0\\.0%");
    }

    @Test
    void anEdrMoveBeyondTwoPercentFailsEitherWay() throws Exception {
        JsonNode first = JSON.readTree(BASELINE.toFile()).get(0);
        String name = keyOf(first);
        for (double f : new double[] {1.05, 0.95}) {
            CommandLineTest.Outcome o = CommandLineTest.run(
                    "compare",
                    BASELINE.toString(),
                    variant("edr.json", scale(StorageMetric.LOGICAL_BYTES, f)).toString());
            assertThat(o.code()).isEqualTo(1);
            assertThat(o.out())
                    .contains("REGRESSION: EDR " + (f > 1 ? "+5.0%" : "-5.0%"))
                    .contains(name)
                    .contains("120 compared, 1 regressed")
                    .contains("FAIL");
        }
        CommandLineTest.Outcome small = CommandLineTest.run(
                "compare",
                BASELINE.toString(),
                variant("edr-small.json", scale(StorageMetric.LOGICAL_BYTES, 1.01))
                        .toString());
        assertThat(small.code()).isZero();
        CommandLineTest.Outcome wider = CommandLineTest.run(
                "compare",
                "--edr-tolerance",
                "6%",
                BASELINE.toString(),
                variant("edr-wide.json", scale(StorageMetric.LOGICAL_BYTES, 1.05))
                        .toString());
        assertThat(wider.code()).isZero();
    }

    /** A real generations run: PostgreSQL and Redis, versioned_doc U50 8 MiB, 6 generations, 3 kept, plain, cas and cdc. */
    static final Path GENERATIONS =
            Path.of("src", "test", "resources", "generations-run", "versioned_doc-U50-8MiB.json");

    @Test
    void aGenerationsRunsFootprintPerGenerationAndAfterExpiryIsGated() throws Exception {
        Path base = tmp.resolve("gen-base.json");
        Files.copy(GENERATIONS, base);
        Files.copy(RunFile.beside(GENERATIONS, ".env.json"), RunFile.beside(base, ".env.json"));
        CommandLineTest.Outcome same = CommandLineTest.run("compare", base.toString(), base.toString());
        assertThat(same.code()).as(same.out()).isZero();
        assertThat(same.out()).contains("generationsBulk");

        for (String label : List.of(SeriesMetric.PHYSICAL.label(3), SeriesMetric.AFTER_NEXT.label())) {
            ArrayNode all = (ArrayNode) JSON.readTree(GENERATIONS.toFile());
            scale(label, 1.10).accept((ObjectNode) all.get(1));
            Path grown = tmp.resolve("gen-grown.json");
            JSON.writeValue(grown.toFile(), all);
            Files.copy(
                    RunFile.beside(GENERATIONS, ".env.json"),
                    RunFile.beside(grown, ".env.json"),
                    StandardCopyOption.REPLACE_EXISTING);
            CommandLineTest.Outcome o = CommandLineTest.run("compare", base.toString(), grown.toString());
            assertThat(o.code()).as(o.out()).isEqualTo(1);
            assertThat(o.out()).contains("REGRESSION: " + label.substring(1) + " +10.0%");
        }
    }

    @Test
    void physicalDeltaAndThroughputAreGatedToo() throws Exception {
        CommandLineTest.Outcome phys = CommandLineTest.run(
                "compare",
                base().toString(),
                variant("phys.json", scale(StorageMetric.PHYSICAL_DELTA.label(), 1.10))
                        .toString());
        assertThat(phys.code()).isEqualTo(1);
        assertThat(phys.out()).contains("REGRESSION: physical delta +10.0%");

        // per benchmark (the default): one benchmark 40 % slower fails
        Path oneSlow = variant("slow.json", scale(StorageMetric.INGEST.label(), 0.6));
        CommandLineTest.Outcome slow = CommandLineTest.run("compare", base().toString(), oneSlow.toString());
        assertThat(slow.code()).isEqualTo(1);
        assertThat(slow.out()).contains("REGRESSION: MB/s -40.0%").contains("speed tolerance -30% per benchmark");
        CommandLineTest.Outcome lenient =
                CommandLineTest.run("compare", "--speed-tolerance", "50", base().toString(), oneSlow.toString());
        assertThat(lenient.code()).isZero();

        // per system and stage: the same single drop is within single-load noise, shown but not failed
        CommandLineTest.Outcome grouped =
                CommandLineTest.run("compare", "--speed-scope", "group", base().toString(), oneSlow.toString());
        assertThat(grouped.code()).as(grouped.out()).isZero();
        assertThat(grouped.out()).contains("ok (slower -40.0%)").contains("per system and stage");

        // ... a single benchmark 70 % slower (more than twice the tolerance) still fails
        CommandLineTest.Outcome collapsed = CommandLineTest.run(
                "compare",
                "--speed-scope",
                "group",
                base().toString(),
                variant("collapsed.json", scale(StorageMetric.INGEST.label(), 0.3))
                        .toString());
        assertThat(collapsed.code()).isEqualTo(1);
        assertThat(collapsed.out()).contains("REGRESSION: MB/s -70.0%");

        // ... and so does every benchmark of one system and stage 40 % slower: its ingest path regressed
        Path groupSlow = slowerGroup(0.6);
        CommandLineTest.Outcome group =
                CommandLineTest.run("compare", "--speed-scope", "group", base().toString(), groupSlow.toString());
        assertThat(group.code()).isEqualTo(1);
        assertThat(group.out())
                .containsPattern(
                        Pattern.quote(firstSystem())
                                + " +bulk +15 benchmarks +-40\\.0% \\(99% interval up to -40\\.0%\\) +REGRESSION: ingest slower")
                .contains("1 of 8 system/stage ingest groups slower")
                .contains("FAIL");

        for (String scope : new String[] {"benchmark", "group"}) {
            CommandLineTest.Outcome fast = CommandLineTest.run(
                    "compare",
                    "--speed-scope",
                    scope,
                    base().toString(),
                    slowerGroup(1.8).toString());
            assertThat(fast.code()).isZero(); // faster is never a regression
        }
        CommandLineTest.Outcome badScope =
                CommandLineTest.run("compare", "--speed-scope", "fleet", base().toString(), base().toString());
        assertThat(badScope.code()).isEqualTo(2);
        assertThat(badScope.err()).contains("'fleet'").contains("valid: benchmark, group");

        CommandLineTest.Outcome missing = CommandLineTest.run(
                "compare",
                base().toString(),
                variant(
                                "nan.json",
                                b -> ((ObjectNode) b.path("secondaryMetrics"))
                                        .remove(StorageMetric.PHYSICAL_DELTA.label()))
                        .toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.out()).contains("REGRESSION: physical delta missing");
    }

    @Test
    void speedIsGatedOnlyBetweenRunsOfTheSameMachine() throws Exception {
        Map<String, Object> other = new HashMap<>(MACHINE);
        other.put("cpu", "Other CPU @ 3.5GHz");
        CommandLineTest.Outcome elsewhere = CommandLineTest.run(
                "compare",
                base().toString(),
                variant("slow-elsewhere.json", scale(StorageMetric.INGEST.label(), 0.5), other)
                        .toString());
        assertThat(elsewhere.code()).as(elsewhere.out()).isZero();
        assertThat(elsewhere.out())
                .contains("speed: for information only, not gated (different machines: CPU 'Test CPU @ 2.0GHz'"
                        + " vs 'Other CPU @ 3.5GHz'); storage figures are gated")
                .contains("-50.0%")
                .doesNotContain("REGRESSION");
        CommandLineTest.Outcome storage = CommandLineTest.run(
                "compare",
                base().toString(),
                variant("edr-elsewhere.json", scale(StorageMetric.LOGICAL_BYTES, 0.9), other)
                        .toString());
        assertThat(storage.code()).isEqualTo(1);
        assertThat(storage.out()).contains("REGRESSION: EDR -10.0%");

        // a baseline made before runs recorded their machine: storage only
        Path unrecorded =
                withMachine(tmp.resolve("unrecorded.json"), (ArrayNode) JSON.readTree(BASELINE.toFile()), Map.of());
        CommandLineTest.Outcome unknown = CommandLineTest.run(
                "compare",
                unrecorded.toString(),
                variant("slow-unknown.json", scale(StorageMetric.INGEST.label(), 0.5))
                        .toString());
        assertThat(unknown.code()).isZero();
        assertThat(unknown.out()).contains("the baseline records no machine fingerprint");

        // the same machine with fsync'd writes within a factor of 3 is the same machine: gated
        Map<String, Object> drifted = new HashMap<>(MACHINE);
        drifted.put("fsyncMBps", 60.0);
        CommandLineTest.Outcome same = CommandLineTest.run(
                "compare",
                base().toString(),
                variant("slow-same.json", scale(StorageMetric.INGEST.label(), 0.5), drifted)
                        .toString());
        assertThat(same.code()).isEqualTo(1);
        assertThat(same.out()).contains("speed: gated (same machine: ").contains("REGRESSION: MB/s -50.0%");
    }

    @Test
    void aSpeedDropInsideEitherRunsErrorBarIsNotARegression() throws Exception {
        Consumer<ObjectNode> wideError = b -> {
            scale(StorageMetric.INGEST.label(), 0.6).accept(b);
            ObjectNode m = (ObjectNode) b.path("secondaryMetrics").path(StorageMetric.INGEST.label());
            double s = m.path("score").asDouble();
            // samples at 0.2, 1 and 1.8 of the score: the 95 % interval is ±199 %, the 40 % drop is inside it
            m.set("rawData", samples(s * 0.2, s, s * 1.8));
            m.put("setByTest", true);
        };
        CommandLineTest.Outcome inside = CommandLineTest.run(
                "compare", base().toString(), variant("wide.json", wideError).toString());
        assertThat(inside.code()).as(inside.out()).isZero();
        CommandLineTest.Outcome outside = CommandLineTest.run(
                "compare",
                base().toString(),
                variant("narrow.json", scale(StorageMetric.INGEST.label(), 0.6)).toString());
        assertThat(outside.code()).isEqualTo(1);
        assertThat(outside.out()).contains("REGRESSION: MB/s -40.0%").contains("outside both runs' 95 % intervals");
    }

    @Test
    void benchmarksOnOneSideOnlyAreListed() throws Exception {
        ArrayNode all = (ArrayNode) JSON.readTree(BASELINE.toFile());
        JsonNode dropped = all.remove(0);
        Path fewer = tmp.resolve("fewer.json");
        JSON.writeValue(fewer.toFile(), all);
        String name = keyOf(dropped);

        CommandLineTest.Outcome o = CommandLineTest.run("compare", BASELINE.toString(), fewer.toString());
        assertThat(o.code()).isZero();
        assertThat(o.out())
                .contains("only in the baseline (1), not compared:")
                .contains("  " + name)
                .contains("119 compared, 0 regressed")
                .contains("1 only in baseline, 0 only in current");
        CommandLineTest.Outcome back = CommandLineTest.run("compare", fewer.toString(), BASELINE.toString());
        assertThat(back.out())
                .contains("only in the current run (1), not compared:")
                .contains("  " + name);
    }

    @Test
    void badInputIsAClearErrorWithExitTwo() throws Exception {
        Path notJson = tmp.resolve("notes.txt");
        Files.writeString(notJson, "EXPERIMENT MATRIX: this is a log, not a result\n");
        CommandLineTest.Outcome o = CommandLineTest.run("compare", BASELINE.toString(), notJson.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err())
                .contains(notJson.toString())
                .contains("is not valid JSON")
                .contains("JMH JSON result");

        Path object = tmp.resolve("object.json");
        Files.writeString(object, "{\"benchmark\": \"x\"}");
        CommandLineTest.Outcome obj = CommandLineTest.run("compare", object.toString(), BASELINE.toString());
        assertThat(obj.code()).isEqualTo(2);
        assertThat(obj.err()).contains("is not a JMH JSON result").contains("found a JSON object");

        Path arrayOfJunk = tmp.resolve("junk.json");
        Files.writeString(arrayOfJunk, "[{\"name\": 1}]");
        assertThat(CommandLineTest.run("compare", BASELINE.toString(), arrayOfJunk.toString())
                        .err())
                .contains("element 0 has no 'benchmark' name and 'primaryMetric'");

        CommandLineTest.Outcome none = CommandLineTest.run(
                "compare", BASELINE.toString(), tmp.resolve("nope.json").toString());
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("no such result file").contains("nope.json");

        CommandLineTest.Outcome tol =
                CommandLineTest.run("compare", "--edr-tolerance", "two", BASELINE.toString(), BASELINE.toString());
        assertThat(tol.code()).isEqualTo(2);
        assertThat(tol.err()).contains("invalid --edr-tolerance 'two'").contains("valid: a percentage");

        Path env = BASELINE.resolveSibling("default-matrix-4MiB.env.json");
        CommandLineTest.Outcome envOnly = CommandLineTest.run("compare", env.toString(), BASELINE.toString());
        assertThat(envOnly.code()).isEqualTo(2);
        assertThat(envOnly.err())
                .contains("is the environment file written beside a result")
                .contains("default-matrix-4MiB.json");

        // report refuses the same input and writes nothing
        Path out = tmp.resolve("r.html");
        CommandLineTest.Outcome rep =
                CommandLineTest.run("report", BASELINE.toString(), notJson.toString(), "--out", out.toString());
        assertThat(rep.code()).isEqualTo(2);
        assertThat(out).doesNotExist();
        assertThat(CommandLineTest.list(tmp)).noneMatch(n -> n.endsWith(".tmp"));
    }

    /** The name compare prints for a benchmark of the JSON: "bulk SYSTEM random_binary U0 4MiB". */
    static String keyOf(JsonNode b) {
        Map<String, String> params = new TreeMap<>();
        b.path("params")
                .fields()
                .forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
        return BenchmarkCoordinates.of(b.path("benchmark").asText(), params)
                .map(c -> c.stage() + " " + c.system() + " " + c.payload() + " " + c.grade() + " " + c.datasetMiB()
                        + "MiB")
                .orElseThrow();
    }

    @Test
    void aResultOfTheEarlierShapeIsReadAndMatchedBenchmarkByBenchmark() throws Exception {
        CommandLineTest.Outcome o =
                CommandLineTest.run("compare", "--speed-scope", "group", LEGACY.toString(), BASELINE.toString());
        assertThat(o.out())
                .contains("note: " + LEGACY + " is in the earlier result shape")
                .doesNotContain("note: " + BASELINE);
        // every benchmark of the old run has its counterpart in the new one: same matrix, nothing on one side only
        assertThat(o.out()).contains("120 compared").contains("0 only in baseline, 0 only in current");
        // storage figures are deterministic for the same data and servers: the new shape measures the same bytes
        assertThat(o.out()).doesNotContain("REGRESSION: EDR").doesNotContain("REGRESSION: physical delta");
    }
}
