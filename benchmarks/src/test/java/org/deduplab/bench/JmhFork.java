package org.deduplab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.deduplab.payloads.DatasetSpec;
import org.deduplab.payloads.StoredDataset;
import org.deduplab.provision.Endpoints;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * One storage benchmark in a real JMH fork through the Runner API, on a 2 MiB U50 dataset, two
 * samples, against the servers of an endpoints file; its one JSON result. For the tests of each
 * system's package and the registry-wide ones alike.
 */
public final class JmhFork {
    public static final String GRADE = "U50";
    public static final String SIZE = "2";

    private JmhFork() {}

    public static JsonNode run(
            Path tmp, Path endpoints, String stage, String system, Class<? extends StorageBenchmark> payload)
            throws Exception {
        Path result = tmp.resolve(stage + "-" + system.replace(':', '-') + "-" + payload.getSimpleName() + ".json");
        JsonNode all = runAll(
                result,
                endpoints,
                tmp.resolve("datasets"),
                new OptionsBuilder()
                        .include("^" + Pattern.quote(payload.getName() + "." + stage) + "$")
                        .param(BenchmarkCoordinates.SYSTEM, system)
                        .param(BenchmarkCoordinates.GRADE, GRADE)
                        .param(BenchmarkCoordinates.DATASET_MIB, SIZE)
                        .warmupIterations(0)
                        .measurementIterations(2),
                "-Xmx256m");
        assertThat(all.size()).isEqualTo(1);
        return all.get(0);
    }

    /**
     * The benchmarks {@code selection} includes, with its params and iterations, each in one real fork
     * with the storage profiler, against the servers of {@code endpoints} and the dataset cache
     * {@code datasets}; failing on any error; their JSON results, written to {@code result}.
     */
    public static JsonNode runAll(
            Path result, Path endpoints, Path datasets, ChainedOptionsBuilder selection, String... jvmArgs)
            throws Exception {
        List<String> args = new ArrayList<>(
                List.of("-D" + Endpoints.FILE_PROPERTY + "=" + endpoints, "-Ddedup.datasets=" + datasets));
        args.addAll(List.of(jvmArgs));
        new Runner(selection
                        .forks(1)
                        .addProfiler(StorageProfiler.class)
                        .jvmArgsAppend(args.toArray(String[]::new))
                        .resultFormat(ResultFormatType.JSON)
                        .result(result.toString())
                        .shouldFailOnError(true)
                        .build())
                .run();
        return new ObjectMapper().readTree(result.toFile());
    }

    /** The dataset such a run loads. */
    public static StoredDataset dataset(Path tmp, String payload) throws Exception {
        return StoredDataset.materialize(DatasetSpec.of(payload, GRADE, SIZE + "MiB", 42), tmp.resolve("datasets"));
    }

    /** A secondary metric's score, NaN where it is absent. */
    public static double score(JsonNode result, String metric) {
        return result.path("secondaryMetrics").path(metric).path("score").asDouble(Double.NaN);
    }
}
