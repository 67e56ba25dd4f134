package org.deduplab.report;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.deduplab.bench.BenchmarkCoordinates;

/**
 * A benchmark that produced no result: its name, params and coordinates, the one-line reason (the
 * first line of its exception) and the whole trace (kept in the run's {@code .failures.log}). A run
 * writes its failures beside the result as {@code <result>.failures.json}; summary, report and
 * compare show them.
 */
public record Failure(
        String benchmark, Map<String, String> params, Optional<BenchmarkCoordinates> at, String reason, String trace) {

    /** {@code run-X.failures.json} beside {@code run-X.json}. */
    public static Path fileBeside(Path resultFile) {
        return RunFile.beside(resultFile, RunFile.FAILURES_SUFFIX);
    }

    /** "system=redis payload=structured_json grade=U0 stage=bulk: <reason>", or the benchmark and its params. */
    public String describe() {
        return at.map(BenchmarkCoordinates::describe).orElse(benchmark + " " + params) + ": " + reason;
    }

    /** The key of the benchmark that failed, as {@link RunFile.Bench#key()} has it. */
    public BenchmarkKey key() {
        String[] parts = benchmark.split("\\.");
        String method = parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : benchmark;
        return BenchmarkKey.of(method, at, params);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("benchmark", benchmark);
        m.put("params", params);
        m.put("reason", reason);
        return m;
    }
}
