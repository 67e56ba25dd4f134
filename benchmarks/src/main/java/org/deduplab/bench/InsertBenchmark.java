package org.deduplab.bench;

import java.util.concurrent.TimeUnit;
import org.deduplab.store.Stage;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * What every insert benchmark shares: the parameters, the JMH settings and the {@link Load} state.
 * Each subclass is one payload type with its two stages as {@code @Benchmark} methods ({@link TextLog}
 * reads like this: {@code perFile(Load load) { load.run(Stage.PER_FILE); }}).
 *
 * <p>Mode SingleShotTime: each measured iteration loads the whole dataset once into a fresh table /
 * keyspace / bucket, so the primary score is seconds per load. Around it, {@link Load} sets up the
 * store and the dataset once per trial, takes the footprint baseline before each load, and settles,
 * measures and verifies after it. The counters {@code logicalBytes}, {@code physicalDeltaBytes} and
 * {@code rows} are summed by JMH over iterations and forks (so a run's EDR is Σlogical / Σphysical);
 * the {@link StorageProfiler} adds the per-load mean ± error of EDR, physical and disk delta, MB/s,
 * reference EDR and WAL bytes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 0) // whole warm-up loads until steady run in trial set-up instead: InsertTrial.warmUp, WarmUp
@Measurement(iterations = 3) // three loads: the fewest that give JMH an error bar on every figure
@Fork(1)
public abstract class InsertBenchmark {
    /**
     * The registry's systems ({@code org.deduplab.store.Systems}; a test keeps them equal); the launcher
     * narrows them, and adds variants ({@code postgresql:lz4}) where asked.
     */
    @Param({"postgresql", "mariadb", "cockroachdb", "redis", "s3", "minio"})
    public String system;

    @Param({"U0", "U50", "U90"})
    public String grade;

    /** Dataset size in MiB (2^20 bytes); not used by {@link DirCorpus}, which loads the corpus as it is. */
    @Param({"32"})
    public int datasetMiB;

    /** The application's storage design: plain (one entry per file), cas or cdc ({@code org.deduplab.layout.Layout}). */
    @Param({"plain"})
    public String layout;

    /**
     * The store handle and the counters in one state: JMH makes a {@code Scope.Thread} state once per
     * injection point and zeroes counters set in iteration setup, so both live here and the counters
     * are filled in iteration teardown. Params are read from {@link BenchmarkParams}: a numeric
     * {@code @Param} inside an {@code @AuxCounters} class would become a counter.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Load {
        public long logicalBytes;
        /** A double so that an unmeasurable footprint is NaN in the results, never a zero. */
        public double physicalDeltaBytes;

        public long rows;

        private InsertTrial trial;

        @Setup(Level.Trial)
        public void setUpTrial(BenchmarkParams params) throws Exception {
            InsertCoordinates at = InsertCoordinates.of(params.getBenchmark(), params::getParam)
                    .orElseThrow(
                            () -> new IllegalStateException(params.getBenchmark() + " is not an insert benchmark"));
            trial = InsertTrial.open(at, Long.getLong("dedup.seed", 42L));
        }

        @Setup(Level.Iteration)
        public void prepareLoad(IterationParams iteration) throws Exception {
            trial.prepareLoad(iteration.getType() == IterationType.WARMUP ? "warmup" : "measurement");
        }

        /** Loads the whole dataset through {@code stage}: the measured part. */
        public void run(Stage stage) throws Exception {
            trial.load(stage);
        }

        @TearDown(Level.Iteration)
        public void measure() throws Exception {
            InsertTrial.Figures f = trial.measure();
            logicalBytes = f.logicalBytes();
            physicalDeltaBytes = f.physicalDeltaBytes();
            rows = f.files();
        }

        @TearDown(Level.Trial)
        public void tearDownTrial() throws Exception {
            if (trial != null) {
                trial.close();
            }
        }
    }

    /**
     * The restore benchmarks' {@code cache} param ({@link CacheMode}): a state of its own, which only
     * {@link Restore} depends on, so the insert benchmarks neither get the param nor change their keys.
     */
    @State(Scope.Benchmark)
    public static class Cache {
        @Param({"warm"})
        public String cache;
    }

    /**
     * The restore benchmarks' state: the dataset loaded once in trial set-up, every file read back per
     * iteration, verified (all files, SHA-256) and counted in iteration teardown ({@link RestoreTrial}).
     * The counters are summed by JMH over iterations, like the insert ones. With {@code cache=cold}, the
     * caches are emptied in iteration set-up, outside the timed part.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Restore {
        public long restoredBytes;
        public long restoredFiles;

        private RestoreTrial trial;

        @Setup(Level.Trial)
        public void setUpTrial(BenchmarkParams params, Cache cache) throws Exception {
            InsertCoordinates at = InsertCoordinates.of(params.getBenchmark(), params::getParam)
                    .filter(InsertCoordinates::restore)
                    .orElseThrow(
                            () -> new IllegalStateException(params.getBenchmark() + " is not a restore benchmark"));
            trial = RestoreTrial.open(at, CacheMode.of(cache.cache), Long.getLong("dedup.seed", 42L));
        }

        @Setup(Level.Iteration)
        public void prepare(IterationParams iteration) throws Exception {
            trial.prepare(iteration.getType() == IterationType.WARMUP ? "warmup" : "measurement");
        }

        /** Reads every file back through {@code stage}'s path: the measured part. */
        public void run(Stage stage) throws Exception {
            trial.restore(stage);
        }

        @TearDown(Level.Iteration)
        public void measure() throws Exception {
            RestoreTrial.Figures f = trial.measure();
            restoredBytes = f.restoredBytes();
            restoredFiles = f.files();
        }

        @TearDown(Level.Trial)
        public void tearDownTrial() throws Exception {
            if (trial != null) {
                trial.close();
            }
        }
    }
}
