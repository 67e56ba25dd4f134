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

    @AfterEach
    void clear() {
        System.clearProperty("DEDUP_REDIS_URL");
        System.clearProperty("dedup.connectTimeoutSeconds");
    }

    @Test
    void aFailedBenchmarkIsARowWithItsReasonAndTheRunExitsThree() throws Exception {
        System.setProperty("DEDUP_REDIS_URL", "redis://127.0.0.1:1"); // nothing listens there
        Path result = tmp.resolve("run-fail.json");
        CommandLineTest.Outcome o = CommandLineTest.run(
                "StructuredJson.bulk",
                "-p",
                "system=postgresql,redis",
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
        assertThat(o.out()).containsPattern("redis +structured_json +U0 +bulk +FAILED: .*Unable to connect");
        assertThat(o.out()).containsPattern("postgresql +structured_json +U0 +bulk +\\d+ ");
        Path log = tmp.resolve("run-fail.failures.log");
        assertThat(o.err()).contains("1 benchmark failed").contains(log.toString());
        assertThat(Files.readString(log))
                .contains("system=redis payload=structured_json grade=U0 stage=bulk")
                .contains("at io.lettuce");
        // the finished benchmark is in the result; the failed one in report and compare
        JsonNode json = new ObjectMapper().readTree(result.toFile());
        assertThat(json.size()).isEqualTo(1);
        assertThat(json.get(0).path("params").path("system").asText()).isEqualTo("postgresql");
        Path html = tmp.resolve("r.html");
        assertThat(Launcher.run("report", result.toString(), "--out", html.toString()))
                .isZero();
        assertThat(Files.readString(html))
                .contains("Failed benchmarks")
                .contains("bulk redis structured_json U0 1MiB")
                .contains("Unable to connect");
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
                        "load postgresql setup warm-up 1",
                        "load postgresql measurement 1",
                        "trial-time postgresql ",
                        "benchmark-end postgresql ",
                        "benchmark-failed redis ");
        JsonNode load = events.get(1);
        assertThat(load.path("files").asLong()).isPositive();
        assertThat(load.path("edr").asDouble()).isGreaterThan(1.5);
        assertThat(load.path("verified").asBoolean()).isTrue();
        assertThat(load.path("mbps").asDouble()).isPositive();
        assertThat(events.get(4).path("error").asText()).contains("Unable to connect");

        Path baseline = tmp.resolve("base.json");
        List<JsonNode> both = new ArrayList<>(List.of(json.get(0)));
        JsonNode redis = json.get(0).deepCopy();
        ((ObjectNode) redis.path("params")).put("system", "redis");
        both.add(redis);
        new ObjectMapper().writeValue(baseline.toFile(), both);
        CommandLineTest.Outcome cmp = CommandLineTest.run("compare", baseline.toString(), result.toString());
        assertThat(cmp.code()).isEqualTo(1);
        assertThat(cmp.out())
                .contains("bulk redis structured_json U0 1MiB")
                .contains("REGRESSION: FAILED: ")
                .contains("1 regressed");
    }

    @Test
    void aLoadThatTakesTooLongIsCutAndReportedAsFailed() throws Exception {
        Path result = tmp.resolve("run-slow.json");
        // every PUT of S3Proxy takes milliseconds: a load of 2 MiB one file at a time cannot finish in 1 ms
        CommandLineTest.Outcome o = CommandLineTest.run(
                "RandomBinary.perFile",
                "-p",
                "system=s3",
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
                .containsPattern("s3 +random_binary +U0 +perFile +FAILED: .*load timed out after 0.001 s"
                        + " \\(-Ddedup.loadTimeoutSeconds\\)");
    }

    @Test
    void resumeRunsOnlyWhatWasMissingOrFailedIntoTheSameFile() throws Exception {
        System.setProperty("DEDUP_REDIS_URL", "redis://127.0.0.1:1"); // redis down during the first run
        Path result = tmp.resolve("run-resume.json");
        CommandLineTest.Outcome first = CommandLineTest.run(
                "StructuredJson",
                "-p",
                "system=postgresql,redis",
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
        assertThat(new ObjectMapper().readTree(result.toFile()).size()).isEqualTo(2); // postgresql, both stages
        String postgresBefore = postgresOnly(result);

        System.clearProperty("DEDUP_REDIS_URL"); // redis back (embedded now)
        CommandLineTest.Outcome resumed = CommandLineTest.run("--resume", result.toString());
        assertThat(resumed.code()).as(resumed.out() + resumed.err()).isZero();
        assertThat(resumed.out())
                .contains("RESUME " + result + ": 2 of 4 benchmarks to run, 2 finished before")
                .doesNotContain("system = postgresql)");
        JsonNode all = new ObjectMapper().readTree(result.toFile());
        assertThat(all.size()).isEqualTo(4);
        assertThat(all.findValuesAsText("system"))
                .containsExactlyInAnyOrder("postgresql", "postgresql", "redis", "redis");
        assertThat(postgresOnly(result)).isEqualTo(postgresBefore); // the finished ones are kept as they were
        assertThat(RunFile.load(result).failures()).isEmpty();
        assertThat(tmp.resolve("run-resume.failures.log")).doesNotExist();

        CommandLineTest.Outcome again = CommandLineTest.run("--resume", result.toString());
        assertThat(again.code()).isZero();
        assertThat(again.out()).contains("0 of 4 benchmarks to run, 4 finished before");
        CommandLineTest.Outcome mixed = CommandLineTest.run("--resume", result.toString(), "-p", "system=redis");
        assertThat(mixed.code()).isEqualTo(2);
        assertThat(mixed.err()).contains("--resume takes the result file of the run to complete and nothing else");
    }

    private static String postgresOnly(Path result) throws Exception {
        StringBuilder b = new StringBuilder();
        for (JsonNode n : new ObjectMapper().readTree(result.toFile())) {
            if (n.path("params").path("system").asText().equals("postgresql")) {
                b.append(n.path("benchmark").asText())
                        .append(n.path("primaryMetric").path("score").asText());
            }
        }
        return b.toString();
    }

    @Test
    void theResultFileIsCompleteJsonAfterEveryFinishedBenchmark() throws Exception {
        // real results of a small run (both stages on the embedded Redis), replayed benchmark by benchmark
        List<RunResult> results;
        try (EmbeddedServers servers =
                EmbeddedServers.start(List.of("redis"), new PrintStream(PrintStream.nullOutputStream()))) {
            Options opts = new OptionsBuilder()
                    .include("^org\\.deduplab\\.bench\\.StructuredJson\\.(perFile|bulk)$")
                    .param("system", "redis")
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
