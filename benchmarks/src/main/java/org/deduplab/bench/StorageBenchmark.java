package org.deduplab.bench;

import java.util.concurrent.TimeUnit;
import org.deduplab.payloads.generation.GenerationParams;
import org.deduplab.store.Stage;
import org.deduplab.store.Systems;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
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
import org.openjdk.jmh.annotations.Timeout;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * The storage benchmarks, written once: the parameters, the JMH settings, the {@link Insert} and
 * {@link Restore} states and the four {@code @Benchmark} methods. Each concrete subclass only says
 * which payload it loads ({@link TextLog} is an empty class); JMH generates the inherited methods for
 * every concrete subclass under its own name ({@code org.deduplab.bench.TextLog.bulk}), as in JMH's
 * sample 24 (inheritance).
 *
 * <p>Mode AverageTime, one invocation = one whole load of the dataset into a fresh table / keyspace /
 * bucket, so the primary score is seconds per load. A measured iteration is one sample: as many whole
 * loads as fit its time (at least one), so that a 0.05 s Redis load is not a sample of timer, GC and
 * scheduler noise. Around each load, {@link Insert} takes the footprint baseline and settles, measures and
 * verifies after it, in JMH's invocation fixtures, which JMH keeps out of the timed part. The counters
 * {@code logicalBytes}, {@code physicalDeltaBytes} and {@code rows} are summed over loads, iterations
 * and forks (so a run's EDR is Σlogical / Σphysical); the {@link StorageProfiler} adds each sample's
 * EDR, physical and disk delta, MB/s, reference EDR and WAL bytes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.SECONDS)
// whole warm-up loads until steady run in trial set-up instead (InsertTrial.warmUp, WarmUp); a -wi N iteration
// lasts a sample's time, not JMH's default 10 s
@Warmup(iterations = 0, time = StorageBenchmark.SAMPLE_MILLIS, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(
        iterations = StorageBenchmark.SAMPLES,
        time = StorageBenchmark.SAMPLE_MILLIS,
        timeUnit = TimeUnit.MILLISECONDS)
@Fork(1)
public abstract class StorageBenchmark {
    /** One INSERT / SET / PUT per file, each committed on its own. */
    @Benchmark
    public void perFile(Insert insert) throws Exception {
        insert.run(Stage.PER_FILE);
    }

    /** The system's fastest bulk path: COPY, batched inserts, pipelined SETs, concurrent PUTs. */
    @Benchmark
    public void bulk(Insert insert) throws Exception {
        insert.run(Stage.BULK);
    }

    /** Every file read back one at a time through the layout, the way an application serves a single file. */
    @Benchmark
    public void restorePerFile(Restore restore) throws Exception {
        restore.run(Stage.PER_FILE);
    }

    /** Every file read back through the store's batched read path (= ANY / IN lists, MGET, 8 concurrent GETs). */
    @Benchmark
    public void restoreBulk(Restore restore) throws Exception {
        restore.run(Stage.BULK);
    }

    /**
     * Generations of the dataset loaded on top of each other one at a time per file, then the newest and
     * oldest restored and, with {@code keep}, the older ones expired ({@link Series}).
     */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Measurement(iterations = StorageBenchmark.SAMPLES)
    @Timeout(time = StorageBenchmark.SERIES_TIMEOUT_MINUTES, timeUnit = TimeUnit.MINUTES)
    public void generationsPerFile(Series series) throws Exception {
        series.run(Stage.PER_FILE);
    }

    /** Generations through the bulk path, as {@link #generationsPerFile}. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Measurement(iterations = StorageBenchmark.SAMPLES)
    @Timeout(time = StorageBenchmark.SERIES_TIMEOUT_MINUTES, timeUnit = TimeUnit.MINUTES)
    public void generationsBulk(Series series) throws Exception {
        series.run(Stage.BULK);
    }

    /**
     * A series (one iteration) may take this long before JMH interrupts it: JMH's default of 10 minutes
     * per iteration is less than 30 generations of a large dataset through a per-file path (each
     * load has its own limit, {@code dedup.loadTimeoutSeconds}).
     */
    static final int SERIES_TIMEOUT_MINUTES = 600;

    /** Measured iterations (samples) per fork: docs/PERFORMANCE.md has the measurements behind the choice. */
    static final int SAMPLES = 4;

    /** A sample's time: whole loads are repeated until it has passed, fixtures included (JMH's clock). */
    static final int SAMPLE_MILLIS = 750;

    /**
     * The system under test. The default {@code *} stands for every system of the registry
     * ({@code org.deduplab.store.Systems}): the launcher replaces it by their names, narrowed by
     * {@code -p system=} and with variants ({@code postgresql:lz4}) where asked, so a new system needs
     * no edit of this class. (JMH wants a default for a String param.)
     */
    @Param({Systems.EVERY})
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
     * are summed in invocation teardown (JMH zeroes them after iteration set-up). Params are read from {@link BenchmarkParams}: a numeric
     * {@code @Param} inside an {@code @AuxCounters} class would become a counter.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Insert {
        public long logicalBytes;
        /** A double so that an unmeasurable footprint is NaN in the results, never a zero. */
        public double physicalDeltaBytes;

        public long rows;
        /** Whole loads measured ({@code StorageMetric.LOADS}). */
        public long loads;

        private InsertTrial trial;

        @Setup(Level.Trial)
        public void setUpTrial(BenchmarkParams params) throws Exception {
            BenchmarkCoordinates at = BenchmarkCoordinates.of(params.getBenchmark(), params::getParam)
                    .orElseThrow(
                            () -> new IllegalStateException(params.getBenchmark() + " is not an insert benchmark"));
            trial = InsertTrial.open(at, Long.getLong("dedup.seed", 42L));
        }

        @Setup(Level.Iteration)
        public void beginSample(IterationParams iteration) {
            trial.beginIteration(iteration.getType() == IterationType.WARMUP ? "warmup" : "measurement");
        }

        @Setup(Level.Invocation)
        public void prepareLoad() throws Exception {
            trial.prepareLoad();
        }

        /** Loads the whole dataset through {@code stage}: the measured part. */
        public void run(Stage stage) throws Exception {
            trial.load(stage);
        }

        @TearDown(Level.Invocation)
        public void measure() throws Exception {
            InsertTrial.Figures f = trial.measure();
            logicalBytes += f.logicalBytes();
            physicalDeltaBytes += f.physicalDeltaBytes();
            rows += f.files();
            loads++;
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
     * The generations benchmarks' params ({@code GenerationParams}, validated by the launcher before
     * any server starts): a state of its own, which only {@link Series} depends on, so the insert and
     * restore benchmarks neither get the params nor change their keys.
     */
    @State(Scope.Benchmark)
    public static class History {
        /** Generations loaded on top of each other per series. */
        @Param({"1"})
        public String generations;

        /** The share of files each generation edits (a quarter of it removed and as many added): {@code 10%}. */
        @Param({"10%"})
        public String change;

        /** The newest generations kept; the older ones expire after the series. {@code all}: none expires. */
        @Param({"all"})
        public String keep;
    }

    /**
     * The generations benchmarks' state ({@link GenerationTrial}): one JMH iteration (SingleShotTime,
     * one invocation) is one series, so each series is one sample of every per-generation figure. The
     * timed invocation loads generations 1..N, each settled, measured and verified before the next, so
     * the primary score is seconds per series with those steps in it; the speed figures are the
     * {@code ·generation.NN.ingestMBps} metrics, timed around each load alone. The counters are the
     * insert ones, per series: {@code physicalDeltaBytes} is the footprint after the N generations.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Series {
        public long logicalBytes;
        public double physicalDeltaBytes;
        public long rows;
        /** Whole series measured. */
        public long loads;

        private GenerationTrial trial;

        @Setup(Level.Trial)
        public void setUpTrial(BenchmarkParams params, History history) throws Exception {
            BenchmarkCoordinates at = BenchmarkCoordinates.of(params.getBenchmark(), params::getParam)
                    .orElseThrow(
                            () -> new IllegalStateException(params.getBenchmark() + " is not a generations benchmark"));
            trial = GenerationTrial.open(
                    at,
                    GenerationParams.parse(history.generations, history.change, history.keep),
                    Long.getLong("dedup.seed", 42L));
        }

        @Setup(Level.Iteration)
        public void beginSeries() throws Exception {
            trial.beginSeries();
        }

        /** Loads the generations through {@code stage}: the measured part. */
        public void run(Stage stage) throws Exception {
            trial.load(stage);
        }

        @TearDown(Level.Iteration)
        public void endSeries() throws Exception {
            GenerationTrial.Figures f = trial.endSeries();
            logicalBytes += f.logicalBytes();
            physicalDeltaBytes += f.physicalBytes();
            rows += f.files();
            loads++;
        }

        @TearDown(Level.Trial)
        public void tearDownTrial() throws Exception {
            if (trial != null) {
                trial.close();
            }
        }
    }

    /**
     * The restore benchmarks' state: the dataset loaded once in trial set-up, then every file read back
     * per invocation, as many times as fit a sample, each restore verified (all files, SHA-256) and counted
     * in invocation teardown ({@link RestoreTrial}). The counters are summed over restores, iterations and
     * forks, like the insert ones. With {@code cache=cold}, the caches are emptied before each restore,
     * outside the timed part.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Restore {
        public long restoredBytes;
        public long restoredFiles;
        /** Whole restores measured ({@code StorageMetric.LOADS}). */
        public long loads;

        private RestoreTrial trial;

        @Setup(Level.Trial)
        public void setUpTrial(BenchmarkParams params, Cache cache) throws Exception {
            BenchmarkCoordinates at = BenchmarkCoordinates.of(params.getBenchmark(), params::getParam)
                    .filter(BenchmarkCoordinates::restore)
                    .orElseThrow(
                            () -> new IllegalStateException(params.getBenchmark() + " is not a restore benchmark"));
            trial = RestoreTrial.open(at, CacheMode.of(cache.cache), Long.getLong("dedup.seed", 42L));
        }

        @Setup(Level.Iteration)
        public void beginSample(IterationParams iteration) {
            trial.beginIteration(iteration.getType() == IterationType.WARMUP ? "warmup" : "measurement");
        }

        @Setup(Level.Invocation)
        public void prepare() throws Exception {
            trial.prepare();
        }

        /** Reads every file back through {@code stage}'s path: the measured part. */
        public void run(Stage stage) throws Exception {
            trial.restore(stage);
        }

        @TearDown(Level.Invocation)
        public void measure() throws Exception {
            RestoreTrial.Figures f = trial.measure();
            restoredBytes += f.restoredBytes();
            restoredFiles += f.files();
            loads++;
        }

        @TearDown(Level.Trial)
        public void tearDownTrial() throws Exception {
            if (trial != null) {
                trial.close();
            }
        }
    }
}
