package org.deduplab.bench;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.deduplab.layout.Layout;
import org.deduplab.payloads.DatasetSpec;
import org.deduplab.payloads.Grade;
import org.deduplab.payloads.PayloadType;
import org.deduplab.provision.Endpoints;
import org.deduplab.store.Endpoint;
import org.deduplab.store.Stage;
import org.deduplab.store.Store;
import org.deduplab.store.StoreConfig;
import org.deduplab.store.Systems;

/**
 * Where an insert or restore benchmark sits in the experiment matrix: system, payload, grade, dataset
 * size, stage and operation (the method: {@code bulk}, {@code restoreBulk}), read from a benchmark
 * name and its params. The payload is the benchmark class
 * ({@code TextLog} loads {@code text_log}; {@code DirCorpus} loads {@code dir:} + its {@code dir}
 * param). Results of the earlier shape, one class {@code StorageBenchmark} with a {@code payload}
 * param, read the same way and say so ({@link #legacyShape()}). A restore also has its cache,
 * {@code warm} or {@code cold} ({@link CacheMode}; {@code warm} for results from before the param); an
 * insert's is empty.
 */
public record BenchmarkCoordinates(
        String system,
        String payload,
        String grade,
        String datasetMiB,
        Stage stage,
        String layout,
        boolean legacyShape,
        Operation operation,
        String cache) {
    /**
     * The benchmarks' parameter names (the {@code @Param} fields of {@link StorageBenchmark} and
     * {@link DirCorpus}), also the keys of trace events and result params: spelled here once.
     */
    public static final String SYSTEM = "system";

    public static final String PAYLOAD = "payload";
    public static final String GRADE = "grade";
    public static final String DATASET_MIB = "datasetMiB";
    public static final String LAYOUT = "layout";
    public static final String DIR = "dir";
    /** The restore benchmarks' cache param ({@link StorageBenchmark.Cache}). */
    public static final String CACHE = "cache";
    /** The generations benchmarks' params ({@link StorageBenchmark.History}). */
    public static final String GENERATIONS = "generations";

    public static final String CHANGE = "change";
    public static final String KEEP = "keep";
    /** Not a param (the benchmark method is the stage, restore or not); the trace's key for it. */
    public static final String STAGE = "stage";

    /** The layout of results that do not name one (all before layouts existed). */
    public static final String DEFAULT_LAYOUT = "plain";
    /** The class of the earlier shape. */
    static final String LEGACY_CLASS = "InsertBenchmark";

    /** Coordinates of {@code benchmark} (full name) with params read by {@code param}; empty for any other benchmark. */
    public static Optional<BenchmarkCoordinates> of(String benchmark, Function<String, String> param) {
        String system = param.apply(SYSTEM);
        if (system == null) {
            return Optional.empty();
        }
        String cls = className(benchmark);
        boolean legacy = cls.equals(LEGACY_CLASS);
        Optional<String> payload = legacy ? Optional.ofNullable(param.apply(PAYLOAD)) : payloadOfClass(cls, param);
        String layout = param.apply(LAYOUT);
        Operation operation = Operation.ofBenchmark(benchmark);
        String cache = operation == Operation.RESTORE
                ? Optional.ofNullable(param.apply(CACHE)).orElse(CacheMode.WARM.id())
                : "";
        return payload.map(p -> new BenchmarkCoordinates(
                system,
                p,
                param.apply(GRADE),
                param.apply(DATASET_MIB),
                Operation.stageOf(benchmark),
                layout == null ? DEFAULT_LAYOUT : layout,
                legacy,
                operation,
                cache));
    }

    public static Optional<BenchmarkCoordinates> of(String benchmark, Map<String, String> params) {
        return of(benchmark, params::get);
    }

    private static Optional<String> payloadOfClass(String cls, Function<String, String> param) {
        if (cls.equals(DirCorpus.class.getSimpleName())) {
            String dir = param.apply(DIR);
            if (dir == null || dir.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(dir.startsWith(PayloadType.MIMIC_PREFIX) ? dir : PayloadType.DIR_PREFIX + dir);
        }
        return StorageBenchmarks.payloadOf(cls);
    }

    /** {@code org.deduplab.bench.TextLog.bulk} -> {@code TextLog}. */
    static String className(String benchmark) {
        String[] parts = benchmark.split("\\.");
        return parts.length >= 2 ? parts[parts.length - 2] : benchmark;
    }

    /** The benchmark method: {@code perFile}, {@code bulk}, {@code restorePerFile}, {@code restoreBulk}. */
    public String method() {
        return operation.method(stage);
    }

    public boolean restore() {
        return operation == Operation.RESTORE;
    }

    /** The storage variant, empty for the server's default. */
    public Optional<String> variant() {
        return Systems.variantOf(system);
    }

    /** The dataset of this benchmark's payload, grade and size. */
    public DatasetSpec datasetSpec(long seed) {
        return new DatasetSpec(payload, Grade.parse(grade), Long.parseLong(datasetMiB) << 20, seed);
    }

    /** The store of this benchmark's system (and variant) with its layout's spaces, at this run's endpoint. */
    Store openStore(Layout layout) throws IOException {
        Endpoint endpoint = Endpoints.load().get(Systems.serverOf(system));
        if (endpoint == null) {
            throw new IllegalStateException(system + ": no endpoint in this run (valid systems: "
                    + Systems.validValues() + "; run through benchmarks.jar, which provisions them)");
        }
        return Systems.open(endpoint, new StoreConfig(variant(), layout.spaces()));
    }

    /** "system=postgresql payload=text_log grade=U50 stage=bulk layout=cas", for messages. */
    public String describe() {
        return "system=" + system + " payload=" + payload + " grade=" + grade + " stage=" + method()
                + (layout.equals(DEFAULT_LAYOUT) ? "" : " layout=" + layout)
                + (cache.equals(CacheMode.COLD.id()) ? " cache=" + cache : "");
    }
}
