package org.deduplab.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.deduplab.bench.BenchmarkCoordinates;
import org.deduplab.bench.Operation;
import org.deduplab.bench.SeriesMetric;
import org.deduplab.bench.Speed;
import org.deduplab.bench.StorageMetric;
import org.deduplab.payloads.BadInputException;
import org.deduplab.payloads.analyze.Technique;
import org.deduplab.provision.MachineFingerprint;
import org.deduplab.store.Stage;

/**
 * One run as its JMH JSON result file holds it (plus the {@code run-<ts>.env.json} the launcher
 * writes beside it, when present): one {@link Bench} per benchmark and parameter combination.
 * Anything that is not a JMH JSON result is refused with a message naming the file and what is wrong.
 * Results of the earlier shape (one {@code StorageBenchmark} class with a {@code payload} param,
 * metrics named {@code storage.*}) read the same way; {@link #legacyShape()} says so.
 */
public record RunFile(
        Path path, String label, List<Bench> benches, Optional<JsonNode> environment, List<Failure> failures) {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The files a run writes beside its result {@code run-X.json}, spelled here once: {@code run-X} + suffix. */
    public static final String ENV_SUFFIX = ".env.json";

    public static final String TRACE_SUFFIX = ".trace.jsonl";
    public static final String FAILURES_SUFFIX = ".failures.json";
    public static final String FAILURE_LOG_SUFFIX = ".failures.log";

    /**
     * Keys of the environment file the launcher writes ({@code cli.EnvironmentFile}) and the report
     * reads; the machine's is {@code MachineFingerprint.ENV_KEY}.
     */
    public static final String ENV_SYSTEMS = "systems";

    public static final String ENV_SETTINGS = "settings";
    public static final String ENV_DATASETS = "datasets";
    public static final String ENV_SEED = "seed";
    /** Under a mimic dataset's entry: its profile's hash, and the profiled corpus's own ratios. */
    public static final String ENV_PROFILE_HASH = "profileHash";

    public static final String ENV_PROFILE_RATIOS = "profileCorpusRatios";

    /** The key of one dataset's reference ratios under {@link #ENV_DATASETS}: {@code "text_log U50 32MiB"}. */
    public static String datasetKey(String payload, String grade, String datasetMiB) {
        return payload + " " + grade + " " + datasetMiB + "MiB";
    }

    /**
     * One benchmark of the run. Storage figures are per load (means over measured iterations); NaN
     * where the run did not measure them (non-insert benchmarks, footprints that were unavailable).
     *
     * @param method short benchmark name, e.g. {@code TextLog.bulk}
     * @param at     where an insert or restore benchmark sits in the matrix; empty for other benchmarks
     * @param params JMH params, sorted by name
     * @param raw    the benchmark's JMH JSON, for the report's environment section
     */
    public record Bench(
            String method,
            Optional<BenchmarkCoordinates> at,
            Map<String, String> params,
            double edr,
            double physicalDeltaBytes,
            double mbps,
            double referenceEdr,
            JsonNode raw) {
        /**
         * The MB/s (ingest, or restore for a restore benchmark) with its 95 % interval, from every measured
         * iteration of every fork ({@link Speed}); JMH's own 99.9 % {@code scoreError} is left as JMH wrote it.
         */
        public Speed speed() {
            return RunFile.speed(raw.path("secondaryMetrics"), speedOf(at));
        }

        /** A secondary metric's mean over the measured iterations, NaN where the benchmark has none. */
        public double metric(StorageMetric m) {
            return RunFile.metric(raw.path("secondaryMetrics"), m);
        }

        /**
         * A generations benchmark's gated storage figures by label ({@link SeriesMetric#gated}): the
         * footprint after each generation and after the generation loaded after expiry; empty for any
         * other benchmark.
         */
        public Map<String, Double> gatedSeries() {
            Map<String, Double> out = new TreeMap<>();
            raw.path("secondaryMetrics").fields().forEachRemaining(e -> {
                if (SeriesMetric.gated(e.getKey())) {
                    out.put(e.getKey(), number(e.getValue().path("score")));
                }
            });
            return out;
        }

        /** Identifies the same experiment across runs and shapes: stage, system, payload, grade, size and any other param. */
        public BenchmarkKey key() {
            return BenchmarkKey.of(method, at, params);
        }

        public String system() {
            return at.map(BenchmarkCoordinates::system).orElse("");
        }

        public String payload() {
            return at.map(BenchmarkCoordinates::payload).orElse("");
        }

        public String grade() {
            return at.map(BenchmarkCoordinates::grade).orElse("");
        }

        public String datasetMiB() {
            return at.map(BenchmarkCoordinates::datasetMiB).orElse("");
        }

        public String layout() {
            return at.map(BenchmarkCoordinates::layout).orElse("");
        }

        public String stage() {
            return at.map(BenchmarkCoordinates::method).orElse(Stage.methodOf(method));
        }
    }

    /**
     * Loads results; the shards of one matrix ({@code --shard K/N}: the same {@code matrix} in their
     * environment files) become one run, labelled with how many shards it has.
     */
    public static List<RunFile> loadAll(List<Path> paths) throws IOException {
        List<RunFile> runs = new ArrayList<>();
        Map<String, List<RunFile>> shards = new LinkedHashMap<>();
        for (Path p : paths) {
            RunFile r = load(p);
            Optional<String> matrix = r.environment()
                    .filter(e -> e.path("shard").isTextual())
                    .map(e -> e.path("matrix").toString());
            if (matrix.isEmpty()) {
                runs.add(r);
            } else {
                List<RunFile> group = shards.computeIfAbsent(matrix.get(), k -> new ArrayList<>());
                if (group.isEmpty()) {
                    runs.add(r); // a placeholder where the group's first shard stands
                }
                group.add(r);
            }
        }
        for (List<RunFile> group : shards.values()) {
            runs.set(runs.indexOf(group.get(0)), merge(group));
        }
        return runs;
    }

    /** Shards of one matrix as one run. */
    private static RunFile merge(List<RunFile> group) {
        if (group.size() == 1) {
            return group.get(0);
        }
        List<Bench> benches = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        group.forEach(r -> {
            benches.addAll(r.benches());
            failures.addAll(r.failures());
        });
        RunFile first = group.get(0);
        String of = first.environment()
                .map(e -> e.path("shard").asText().replaceAll(".*/", ""))
                .orElse("?");
        return new RunFile(
                first.path(),
                first.label() + " (" + group.size() + " of " + of + " shards)",
                benches,
                first.environment(),
                failures);
    }

    /**
     * A file the lab writes beside a result: {@code run-X.json} -> {@code run-X<suffix>} (the
     * environment {@code .env.json}, the trace {@code .trace.jsonl}, the failures ...).
     */
    public static Path beside(Path resultFile, String suffix) {
        String name = resultFile.getFileName().toString();
        return resultFile.resolveSibling(
                (name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name) + suffix);
    }

    /** The result an environment file ({@code run-X.env.json}) was written beside ({@code run-X.json}), if it is one. */
    public static Optional<Path> resultOfEnvironmentFile(Path path) {
        String name = path.getFileName().toString();
        return name.endsWith(ENV_SUFFIX)
                ? Optional.of(path.resolveSibling(name.substring(0, name.length() - ENV_SUFFIX.length()) + ".json"))
                : Optional.empty();
    }

    public static RunFile load(Path path) throws IOException {
        Optional<Path> result = resultOfEnvironmentFile(path);
        if (result.isPresent()) {
            throw new BadInputException(
                    path + " is the environment file written beside a result; pass the result itself ("
                            + result.get().getFileName() + ")");
        }
        JsonNode root = readJson(path);
        List<Bench> benches = new ArrayList<>();
        int i = 0;
        for (JsonNode b : root) {
            if (!b.isObject()
                    || !b.path("benchmark").isTextual()
                    || !b.path("primaryMetric").isObject()) {
                throw new BadInputException(path + " is not a JMH JSON result: element " + i
                        + " has no 'benchmark' name and 'primaryMetric'");
            }
            benches.add(bench(b));
            i++;
        }
        return new RunFile(path, label(path), benches, environment(path), failures(path));
    }

    private static JsonNode readJson(Path path) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(path.toFile());
        } catch (NoSuchFileException | FileNotFoundException e) {
            throw new BadInputException("no such result file: " + path);
        } catch (JsonProcessingException e) {
            throw new BadInputException(
                    path + " is not valid JSON (line " + e.getLocation().getLineNr() + ": " + e.getOriginalMessage()
                            + "); expected a JMH JSON result (-rf json)");
        }
        if (root == null || !root.isArray()) {
            throw new BadInputException(
                    path + " is not a JMH JSON result: expected an array of benchmark results, found "
                            + (root == null || root.isMissingNode()
                                    ? "an empty file"
                                    : "a JSON " + root.getNodeType().toString().toLowerCase()));
        }
        return root;
    }

    /** The failures a run wrote beside its result ({@code run-X.failures.json}); none when there is no such file. */
    private static List<Failure> failures(Path path) throws IOException {
        Path file = Failure.fileBeside(path);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<Failure> out = new ArrayList<>();
        for (JsonNode f : JSON.readTree(file.toFile())) {
            Map<String, String> params = new TreeMap<>();
            f.path("params")
                    .fields()
                    .forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
            String benchmark = f.path("benchmark").asText();
            out.add(new Failure(
                    benchmark,
                    params,
                    BenchmarkCoordinates.of(benchmark, params),
                    f.path("reason").asText(),
                    ""));
        }
        return out;
    }

    private static String label(Path path) {
        String name = path.getFileName().toString();
        return name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
    }

    /** {@code run-X.env.json} beside {@code run-X.json}, if present and readable. */
    private static Optional<JsonNode> environment(Path path) throws IOException {
        String name = path.getFileName().toString();
        if (!name.endsWith(".json")) {
            return Optional.empty();
        }
        Path env = beside(path, ENV_SUFFIX);
        if (!Files.isRegularFile(env)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(env.toFile()));
        } catch (JsonProcessingException e) {
            return Optional.empty(); // the results stand without it; the report says the environment is unknown
        }
    }

    /** A benchmark's speed: ingest MB/s of a load, restore MB/s of a restore. */
    static StorageMetric speedOf(Optional<BenchmarkCoordinates> at) {
        return at.filter(BenchmarkCoordinates::restore).isPresent() ? StorageMetric.RESTORE : StorageMetric.INGEST;
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
        return new Bench(
                method,
                BenchmarkCoordinates.of(full, params),
                params,
                edr(sec),
                metric(sec, StorageMetric.PHYSICAL_DELTA),
                metric(sec, speedOf(BenchmarkCoordinates.of(full, params))),
                metric(sec, StorageMetric.REFERENCE_EDR),
                b);
    }

    /**
     * The run-level EDR, as the summary prints it: Σlogical / Σphysical over the benchmark's measured
     * loads (JMH sums the counters), NaN where the footprint did not grow or could not be measured;
     * the mean of the per-load EDRs only for a result without the counters.
     */
    static double edr(JsonNode secondary) {
        double logical = number(secondary.path(StorageMetric.LOGICAL_BYTES).path("score"));
        double physical =
                number(secondary.path(StorageMetric.PHYSICAL_DELTA_BYTES).path("score"));
        if (Double.isNaN(logical) && !secondary.has(StorageMetric.PHYSICAL_DELTA_BYTES)) {
            return metric(secondary, StorageMetric.EDR);
        }
        return physical > 0 ? logical / physical : Double.NaN;
    }

    /** A storage metric under its name, or the name of the earlier shape; a missing node when absent. */
    private static JsonNode metricNode(JsonNode secondary, StorageMetric m) {
        JsonNode n = secondary.path(m.label());
        return n.isMissingNode() ? secondary.path(m.legacyLabel()) : n;
    }

    /** A storage metric's score; NaN when absent. */
    private static double metric(JsonNode secondary, StorageMetric m) {
        return number(metricNode(secondary, m).path("score"));
    }

    /** A metric's samples (rawData: one array per fork, one value per measured iteration) as a {@link Speed}. */
    private static Speed speed(JsonNode secondary, StorageMetric m) {
        return speed(metricNode(secondary, m));
    }

    /** A secondary metric node's samples as a {@link Speed}; unknown where the node is missing. */
    private static Speed speed(JsonNode metric) {
        List<Double> samples = new ArrayList<>();
        metric.path("rawData").forEach(fork -> fork.forEach(v -> samples.add(number(v))));
        return Speed.of(samples.stream().mapToDouble(Double::doubleValue).toArray());
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

    /** The machine the run measured on, from its environment file; empty for runs made before it was recorded. */
    public Optional<MachineFingerprint> machine() {
        return environment.flatMap(MachineFingerprint::of);
    }

    /** The insert benchmarks of the run. */
    public List<Bench> inserts() {
        return benches.stream()
                .filter(b ->
                        b.at().filter(at -> at.operation() == Operation.INSERT).isPresent())
                .toList();
    }

    /**
     * The generations benchmarks' series ({@link GenerationSeries}): every figure from the samples of
     * every fork, with its 95 % interval.
     */
    public List<GenerationSeries> generations() {
        List<GenerationSeries> out = new ArrayList<>();
        for (Bench b : benches) {
            b.at().filter(at -> at.operation() == Operation.GENERATIONS)
                    .ifPresent(at -> out.add(GenerationSeries.of(
                            at,
                            b.params(),
                            label -> speed(b.raw().path("secondaryMetrics").path(label)),
                            label -> b.raw()
                                    .path("secondaryMetrics")
                                    .path(label)
                                    .path("scoreUnit")
                                    .asText(""))));
        }
        return out;
    }

    /** The restore benchmarks ({@code restorePerFile}, {@code restoreBulk}). */
    public List<Bench> restores() {
        return benches.stream()
                .filter(b -> b.at().filter(BenchmarkCoordinates::restore).isPresent())
                .toList();
    }

    /** Insert and restore benchmarks: everything with a place in the matrix. */
    public List<Bench> measured() {
        return benches.stream().filter(b -> b.at().isPresent()).toList();
    }

    /** Whether the result is of the earlier shape (one StorageBenchmark class with a payload param). */
    public boolean legacyShape() {
        return inserts().stream().anyMatch(b -> b.at().orElseThrow().legacyShape());
    }

    /** Reference ratios of a dataset from the environment file, per technique (those the analysis of that run had); empty if unknown. */
    public Map<Technique, Double> referenceRatios(String payload, String grade, String datasetMiB) {
        return ratiosIn(dataset(payload, grade, datasetMiB));
    }

    /** For a mimic dataset: the ratios of the corpus its profile was made from; empty otherwise. */
    public Map<Technique, Double> profiledCorpusRatios(String payload, String grade, String datasetMiB) {
        return ratiosIn(dataset(payload, grade, datasetMiB).path(ENV_PROFILE_RATIOS));
    }

    /** For a mimic dataset: its profile's hash, how the report names it. */
    public Optional<String> profileHash(String payload, String grade, String datasetMiB) {
        JsonNode h = dataset(payload, grade, datasetMiB).path(ENV_PROFILE_HASH);
        return h.isTextual() ? Optional.of(h.asText()) : Optional.empty();
    }

    private JsonNode dataset(String payload, String grade, String datasetMiB) {
        return environment
                .map(e -> e.path(ENV_DATASETS).path(datasetKey(payload, grade, datasetMiB)))
                .orElse(com.fasterxml.jackson.databind.node.MissingNode.getInstance());
    }

    private static Map<Technique, Double> ratiosIn(JsonNode d) {
        Map<Technique, Double> out = new EnumMap<>(Technique.class);
        for (Technique t : Technique.values()) {
            if (d.path(t.key()).isNumber()) {
                out.put(t, d.path(t.key()).asDouble());
            }
        }
        return out;
    }
}
