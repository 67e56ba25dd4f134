package org.deduplab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deduplab.bench.StorageMetric;
import org.deduplab.bench.StorageProfiler;
import org.deduplab.provision.EmbeddedServers;
import org.deduplab.report.RunFile;
import org.deduplab.store.Systems;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * No silent failure: a benchmark whose server is unreachable is a FAILED row in the summary with
 * its reason, its trace goes to a log whose path is printed, the launcher exits 3, the finished
 * benchmarks stay in the result, and report and compare show the failure. The result file is
 * complete JSON after every finished benchmark.
 */
@Tag("slow") // starts servers, a launcher, a JMH run, a browser or a child JVM: left out of mvn -Pfast test
class FailedBenchmarkTest {
    @TempDir
    Path tmp;

    /** A system that runs (embedded) and one whose server is down (its URL a port nothing listens on). */
    static final String UP = Systems.withEmbeddedServer().get(0);

    static final String DOWN = Systems.withEmbeddedServer().get(1);

    /** {@code DOWN}'s URL with port 1, where nothing listens: its embedded server's own URL, the port replaced. */
    static String deadUrl() throws Exception {
        try (EmbeddedServers one =
                EmbeddedServers.start(List.of(DOWN), new PrintStream(PrintStream.nullOutputStream()))) {
            return one.endpoint(DOWN).url().replaceFirst(":\\d+", ":1");
        }
    }

    static void downIsDown() throws Exception {
        System.setProperty(Systems.get(DOWN).variable("URL"), deadUrl());
    }

    @AfterEach
    void clear() {
        System.clearProperty(Systems.get(DOWN).variable("URL"));
        System.clearProperty("dedup.connectTimeoutSeconds");
    }

    @Test
    void aFailedBenchmarkIsARowWithItsReasonAndTheRunExitsThree() throws Exception {
        downIsDown();
        Path result = tmp.resolve("run-fail.json");
        CommandLineTest.Outcome o = CommandLineTest.run(
                "StructuredJson.bulk",
                "-p",
                "system=" + UP + "," + DOWN,
                "-p",
                "grade=U0",
                "-p",
                "datasetMiB=1",
                "-i",
                "1",
                "-r",
                "1ms", // one load (restore) per sample: one trace event per iteration
                "-rff",
                result.toString(),
                "-jvmArgsAppend",
                "-Ddedup.datasets=" + tmp.resolve("ds") + " -Ddedup.warmUpMaxLoads=1");
        assertThat(o.code()).as(o.err()).isEqualTo(3);
        assertThat(o.out()).containsPattern(DOWN + " +structured_json +U0 +bulk +FAILED: ");
        assertThat(o.out()).containsPattern(UP + " +structured_json +U0 +bulk +\\d+ ");
        Path log = tmp.resolve("run-fail.failures.log");
        assertThat(o.err()).contains("1 benchmark failed").contains(log.toString());
        assertThat(Files.readString(log))
                .contains("system=" + DOWN + " payload=structured_json grade=U0 stage=bulk")
                .contains("\tat ");
        // the finished benchmark is in the result; the failed one in report and compare
        JsonNode json = new ObjectMapper().readTree(result.toFile());
        assertThat(json.size()).isEqualTo(1);
        assertThat(json.get(0).path("params").path("system").asText()).isEqualTo(UP);
        Path html = tmp.resolve("r.html");
        assertThat(Launcher.run("report", result.toString(), "--out", html.toString()))
                .isZero();
        assertThat(Files.readString(html))
                .contains("Failed benchmarks")
                .contains("bulk " + DOWN + " structured_json U0 1MiB");
        RunFile run = RunFile.load(result);
        assertThat(run.failures()).hasSize(1);

        // the trace: every load and every benchmark end or failure, one JSON line each, as it happened
        List<JsonNode> events = new ArrayList<>();
        for (String line : Files.readAllLines(tmp.resolve("run-fail.trace.jsonl"))) {
            events.add(new ObjectMapper().readTree(line));
        }
        assertThat(events).allSatisfy(e -> assertThat(e.path("run").asText()).isEqualTo("run-fail"));
        assertThat(events.stream()
                        .map(e -> e.path("event").asText() + " "
                                + e.path("system").asText() + " "
                                + e.path("iteration").asText()))
                .containsExactly(
                        "load " + UP + " setup warm-up 1",
                        "load " + UP + " measurement 1",
                        "trial-time " + UP + " ",
                        "benchmark-end " + UP + " ",
                        "benchmark-failed " + DOWN + " ");
        JsonNode load = events.get(1);
        assertThat(load.path("files").asLong()).isPositive();
        assertThat(load.path("edr").asDouble()).isPositive();
        assertThat(load.path("verified").asBoolean()).isTrue();
        assertThat(load.path("mbps").asDouble()).isPositive();
        assertThat(events.get(4).path("error").asText()).isNotBlank();

        Path baseline = tmp.resolve("base.json");
        List<JsonNode> both = new ArrayList<>(List.of(json.get(0)));
        JsonNode down = json.get(0).deepCopy();
        ((ObjectNode) down.path("params")).put("system", DOWN);
        both.add(down);
        new ObjectMapper().writeValue(baseline.toFile(), both);
        CommandLineTest.Outcome cmp = CommandLineTest.run("compare", baseline.toString(), result.toString());
        assertThat(cmp.code()).isEqualTo(1);
        assertThat(cmp.out())
                .contains("bulk " + DOWN + " structured_json U0 1MiB")
                .contains("REGRESSION: FAILED: ")
                .contains("1 regressed");
    }

    @Test
    void aLoadThatTakesTooLongIsCutAndReportedAsFailed() throws Exception {
        Path result = tmp.resolve("run-slow.json");
        // a load of 2 MiB one file at a time, each committed on its own, cannot finish in 1 ms
        CommandLineTest.Outcome o = CommandLineTest.run(
                "RandomBinary.perFile",
                "-p",
                "system=" + UP,
                "-p",
                "grade=U0",
                "-p",
                "datasetMiB=2",
                "-i",
                "1",
                "-r",
                "1ms", // one load (restore) per sample: one trace event per iteration
                "-rff",
                result.toString(),
                "-jvmArgsAppend",
                "-Ddedup.datasets=" + tmp.resolve("ds") + " -Ddedup.loadTimeoutSeconds=0.001");
        assertThat(o.code()).as(o.err()).isEqualTo(3);
        assertThat(o.out())
                .containsPattern(UP + " +random_binary +U0 +perFile +FAILED: .*load timed out after 0.001 s"
                        + " \\(-Ddedup.loadTimeoutSeconds\\)");
    }

    @Test
    void resumeRunsOnlyWhatWasMissingOrFailedIntoTheSameFile() throws Exception {
        downIsDown(); // down during the first run
        Path result = tmp.resolve("run-resume.json");
        CommandLineTest.Outcome first = CommandLineTest.run(
                "StructuredJson",
                "-p",
                "system=" + UP + "," + DOWN,
                "-p",
                "grade=U0",
                "-p",
                "datasetMiB=1",
                "-i",
                "1",
                "-r",
                "1ms", // one load (restore) per sample: one trace event per iteration
                "-rff",
                result.toString(),
                "-jvmArgsAppend",
                "-Ddedup.datasets=" + tmp.resolve("ds"));
        assertThat(first.code()).as(first.err()).isEqualTo(3);
        assertThat(new ObjectMapper().readTree(result.toFile()).size()).isEqualTo(2); // UP, both stages
        String upBefore = upOnly(result);

        System.clearProperty(Systems.get(DOWN).variable("URL")); // back (embedded now)
        CommandLineTest.Outcome resumed = CommandLineTest.run("--resume", result.toString());
        assertThat(resumed.code()).as(resumed.out() + resumed.err()).isZero();
        assertThat(resumed.out())
                .contains("RESUME " + result + ": 2 of 4 benchmarks to run, 2 finished before")
                .doesNotContain("system = " + UP + ")");
        JsonNode all = new ObjectMapper().readTree(result.toFile());
        assertThat(all.size()).isEqualTo(4);
        assertThat(all.findValuesAsText("system")).containsExactlyInAnyOrder(UP, UP, DOWN, DOWN);
        assertThat(upOnly(result)).isEqualTo(upBefore); // the finished ones are kept as they were
        assertThat(RunFile.load(result).failures()).isEmpty();
        assertThat(tmp.resolve("run-resume.failures.log")).doesNotExist();

        CommandLineTest.Outcome again = CommandLineTest.run("--resume", result.toString());
        assertThat(again.code()).isZero();
        assertThat(again.out()).contains("0 of 4 benchmarks to run, 4 finished before");
        CommandLineTest.Outcome mixed = CommandLineTest.run("--resume", result.toString(), "-p", "system=" + DOWN);
        assertThat(mixed.code()).isEqualTo(2);
        assertThat(mixed.err()).contains("--resume takes the result file of the run to complete and nothing else");
    }

    private static String upOnly(Path result) throws Exception {
        StringBuilder b = new StringBuilder();
        for (JsonNode n : new ObjectMapper().readTree(result.toFile())) {
            if (n.path("params").path("system").asText().equals(UP)) {
                b.append(n.path("benchmark").asText())
                        .append(n.path("primaryMetric").path("score").asText());
            }
        }
        return b.toString();
    }

    @Test
    void theResultFileIsCompleteJsonAfterEveryFinishedBenchmark() throws Exception {
        // real results of a small run (both stages on an embedded system), replayed benchmark by benchmark
        List<RunResult> results;
        try (EmbeddedServers servers =
                EmbeddedServers.start(List.of(UP), new PrintStream(PrintStream.nullOutputStream()))) {
            Options opts = new OptionsBuilder()
                    .include("^org\\.deduplab\\.bench\\.StructuredJson\\.(perFile|bulk)$")
                    .param("system", UP)
                    .param("grade", "U0")
                    .param("datasetMiB", "1")
                    .forks(1)
                    .measurementIterations(1)
                    .addProfiler(StorageProfiler.class)
                    .jvmArgsAppend(
                            "-Ddedup.endpoints=" + servers.writeEndpoints(), "-Ddedup.datasets=" + tmp.resolve("ds"))
                    .shouldFailOnError(true)
                    .build();
            results = new ArrayList<>(new Runner(opts).run());
        }
        assertThat(results).hasSize(2);
        Path target = tmp.resolve("incremental.json");
        RunOutput out = new RunOutput(
                OutputFormatFactory.createFormatInstance(
                        new PrintStream(PrintStream.nullOutputStream()), VerboseMode.SILENT),
                target,
                ResultFormatType.JSON,
                () -> {});
        for (int i = 0; i < results.size(); i++) {
            RunResult r = results.get(i);
            out.startBenchmark(r.getParams());
            out.endBenchmark(r.getAggregatedResult());
            JsonNode written = new ObjectMapper().readTree(target.toFile());
            assertThat(written.size()).as("after benchmark %d", i + 1).isEqualTo(i + 1);
            assertThat(RunFile.load(target).inserts()).hasSize(i + 1);
            assertThat(written.get(i).path("secondaryMetrics").has(StorageMetric.EDR.label()))
                    .isTrue();
        }
        assertThat(out.failures()).isEmpty();
        try (var files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".partial-"));
        }
    }
}
