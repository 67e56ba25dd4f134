package org.deduplab.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.deduplab.payloads.InvalidSpecException;

/**
 * One run as its JMH JSON result file holds it (plus the {@code run-<ts>.env.json} the launcher
 * writes beside it, when present): one {@link Bench} per benchmark and parameter combination.
 * Anything that is not a JMH JSON result is refused with a message naming the file and what is wrong.
 */
public record RunFile(Path path, String label, List<Bench> benches, JsonNode environment) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One benchmark of the run. Storage figures are per load (means over measured iterations); NaN
     * where the run did not measure them (non-insert benchmarks, footprints that were unavailable).
     *
     * @param method short benchmark name, e.g. {@code InsertBenchmark.bulk}
     * @param stage  the benchmark method ({@code bulk}, {@code perFile}, ...)
     * @param params JMH params, sorted by name
     * @param raw    the benchmark's JMH JSON, for the report's environment section
     */
    public record Bench(String method, String stage, Map<String, String> params, double edr, double physicalDeltaBytes,
                        double mbps, double referenceEdr, JsonNode raw) {
        /** Identifies the same experiment across runs: method and every param. */
        public String key() {
            StringBuilder b = new StringBuilder(method);
            params.forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
            return b.toString();
        }

        public String param(String name) {
            return params.getOrDefault(name, "");
        }
    }

    private static final String ENV_SUFFIX = ".env.json";

    /** The result an environment file ({@code run-X.env.json}) was written beside ({@code run-X.json}), or null for any other file. */
    public static Path resultOfEnvironmentFile(Path path) {
        String name = path.getFileName().toString();
        return name.endsWith(ENV_SUFFIX) ? path.resolveSibling(name.substring(0, name.length() - ENV_SUFFIX.length()) + ".json")
                : null;
    }

    public static RunFile load(Path path) throws IOException {
        Path result = resultOfEnvironmentFile(path);
        if (result != null) {
            throw new InvalidSpecException(path + " is the environment file written beside a result; pass the result itself ("
                    + result.getFileName() + ")");
        }
        JsonNode root;
        try {
            root = JSON.readTree(path.toFile());
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new InvalidSpecException("no such result file: " + path);
        } catch (JsonProcessingException e) {
            throw new InvalidSpecException(path + " is not valid JSON (line " + e.getLocation().getLineNr() + ": "
                    + e.getOriginalMessage() + "); expected a JMH JSON result (-rf json)");
        }
        if (root == null || !root.isArray()) {
            throw new InvalidSpecException(path + " is not a JMH JSON result: expected an array of benchmark results, found "
                    + (root == null || root.isMissingNode() ? "an empty file" : "a JSON " + root.getNodeType().toString().toLowerCase()));
        }
        List<Bench> benches = new ArrayList<>();
        int i = 0;
        for (JsonNode b : root) {
            if (!b.isObject() || !b.path("benchmark").isTextual() || !b.path("primaryMetric").isObject()) {
                throw new InvalidSpecException(path + " is not a JMH JSON result: element " + i
                        + " has no 'benchmark' name and 'primaryMetric'");
            }
            benches.add(bench(b));
            i++;
        }
        return new RunFile(path, label(path), benches, environment(path));
    }

    private static String label(Path path) {
        String name = path.getFileName().toString();
        return name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
    }

    /** {@code run-X.env.json} beside {@code run-X.json}, or null. */
    private static JsonNode environment(Path path) throws IOException {
        String name = path.getFileName().toString();
        if (!name.endsWith(".json")) {
            return null;
        }
        Path env = path.resolveSibling(name.substring(0, name.length() - 5) + ENV_SUFFIX);
        if (!Files.isRegularFile(env)) {
            return null;
        }
        try {
            return JSON.readTree(env.toFile());
        } catch (JsonProcessingException e) {
            return null; // the results stand without it; the report says the environment is unknown
        }
    }

    private static Bench bench(JsonNode b) {
        String full = b.path("benchmark").asText();
        String[] parts = full.split("\\.");
        String method = parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : full;
        Map<String, String> params = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = b.path("params").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            params.put(e.getKey(), e.getValue().asText());
        }
        JsonNode sec = b.path("secondaryMetrics");
        return new Bench(method, parts[parts.length - 1], params, number(sec.path("storage.edr").path("score")),
                number(sec.path("storage.physicalDeltaBytes").path("score")), number(sec.path("storage.ingestMBps").path("score")),
                number(sec.path("storage.referenceEdr").path("score")), b);
    }

    /** JMH writes NaN as the string "NaN"; a missing metric is NaN too. */
    static double number(JsonNode n) {
        if (n.isNumber()) {
            return n.asDouble();
        }
        if (n.isTextual()) {
            try {
                return Double.parseDouble(n.asText());
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    /** The insert benchmarks of the run (those with a system param). */
    public List<Bench> inserts() {
        return benches.stream().filter(b -> b.params().containsKey("system")).toList();
    }

    /**
     * Reference ratios of a dataset from the environment file:
     * {@code fileDedupRatio, block4kDedupRatio, cdcDedupRatio, zstdRatio, cdcZstdRatio}; empty if unknown.
     */
    public Map<String, Double> referenceRatios(String payload, String grade, String datasetMiB) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (environment == null) {
            return out;
        }
        JsonNode d = environment.path("datasets").path(payload + " " + grade + " " + datasetMiB + "MiB");
        for (String k : List.of("fileDedupRatio", "block4kDedupRatio", "cdcDedupRatio", "zstdRatio", "cdcZstdRatio")) {
            if (d.path(k).isNumber()) {
                out.put(k, d.path(k).asDouble());
            }
        }
        return out;
    }
}
