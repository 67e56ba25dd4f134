package org.deduplab.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.deduplab.payloads.DatasetFile;
import org.deduplab.payloads.DatasetSpec;
import org.deduplab.payloads.Grade;
import org.deduplab.payloads.StoredDataset;
import org.deduplab.provision.Endpoint;
import org.deduplab.provision.Endpoints;
import org.deduplab.target.StorageTarget;
import org.deduplab.target.Systems;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Loads a whole dataset into a fresh table / keyspace / bucket and measures how long it took (the
 * primary score, seconds per load), how many bytes the system kept for it, and the effective dedup
 * ratio EDR = logicalBytes / physicalDeltaBytes.
 *
 * <ul>
 *   <li>{@code perFile}: one INSERT / SET / PUT per file, each committed on its own.</li>
 *   <li>{@code bulk}: the system's fastest path (COPY binary, batched inserts in one transaction,
 *       pipelined SETs, concurrent PUTs).</li>
 * </ul>
 *
 * Counters (summed by JMH over iterations and forks, so a run's EDR is Σlogical / Σphysical):
 * {@code logicalBytes}, {@code physicalDeltaBytes}, {@code rows}. Per-iteration mean ± error of EDR,
 * physical and disk delta, MB/s, reference EDR and WAL bytes come from {@link StorageProfiler}.
 *
 * Run: {@code java -jar benchmarks/target/benchmarks.jar} (the launcher starts embedded servers),
 * or one slice: {@code java -jar benchmarks/target/benchmarks.jar -p system=postgresql -p payload=text_log}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 0) // a short warm-up load runs in trial setup instead; see Load.warmUp
@Measurement(iterations = 2)
@Fork(1)
public class InsertBenchmark {

    @Benchmark
    public void perFile(Load load) throws Exception {
        load.load(false);
    }

    @Benchmark
    public void bulk(Load load) throws Exception {
        load.load(true);
    }

    /** The experiment's coordinates. In their own state: an @AuxCounters state may only hold counters. */
    @State(Scope.Benchmark)
    public static class Matrix {
        @Param({"postgresql", "mariadb", "cockroachdb", "redis", "s3", "minio"})
        public String system;

        @Param({"random_binary", "structured_json", "text_log", "versioned_doc", "compressed_media"})
        public String payload;

        @Param({"U0", "U50", "U90"})
        public String grade;

        /** Dataset size in MiB (2^20 bytes). */
        @Param({"32"})
        public int datasetMiB;
    }

    /**
     * The target handle and the counters in one state: JMH makes a {@code Scope.Thread} state once
     * per injection point, and zeroes counters set in iteration setup, so both live here and the
     * counters are filled in iteration teardown.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Load {
        public long logicalBytes;
        /** A double so that an unmeasurable footprint is NaN in the results, never a zero. */
        public double physicalDeltaBytes;
        public long rows;

        private String system;
        private String payload;
        private String grade;
        static final long WARM_UP_BYTES = Long.getLong("dedup.warmUpBytes", 2L << 20);

        private StorageTarget target;
        private StoredDataset dataset;
        /** Why this target's footprint cannot be measured, or null. */
        private String footprintUnavailable;
        private double referenceEdr;
        private String stage;
        private long baseFootprint;
        private OptionalLong baseDisk;
        private OptionalLong baseWal;
        private long loadNanos;
        private long loadedBytes;
        private long loadedFiles;

        @Setup(Level.Trial)
        public void setUpTrial(Matrix matrix, BenchmarkParams params) throws Exception {
            system = matrix.system;
            payload = matrix.payload;
            grade = matrix.grade;
            stage = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
            Endpoint endpoint = Endpoints.load().get(system);
            if (endpoint == null) {
                throw new IllegalStateException(system + ": no endpoint in this run (valid systems: " + Systems.validValues()
                        + "; run through benchmarks.jar, which provisions them)");
            }
            long seed = Long.getLong("dedup.seed", 42L);
            long bytes = (long) matrix.datasetMiB << 20;
            DatasetSpec spec = new DatasetSpec(payload, Grade.parse(grade), bytes, seed);
            dataset = DatasetCache.dataset(spec);
            referenceEdr = DatasetCache.analysis(spec, dataset).cdcZstdRatio();
            target = Systems.open(endpoint);
            // both stages provision here: a bulk load never meets a missing table
            target.provision();
            footprintUnavailable = target.footprintUnavailable();
            if (footprintUnavailable != null) {
                System.err.println("warning: " + footprintUnavailable + "; EDR and physicalDeltaBytes are reported as NaN");
            }
            warmUp();
        }

        /**
         * Loads the first {@link #WARM_UP_BYTES} of the dataset through this stage's path once, so class
         * loading, JIT and connection set-up are paid before the first measured load. A full warm-up
         * iteration would cost as much as a measured load; the default matrix could not finish in
         * 10 minutes with it. {@code -wi N} still adds JMH warm-up iterations.
         */
        private void warmUp() throws Exception {
            target.reset();
            List<DatasetFile> slice = new ArrayList<>();
            long bytes = 0;
            for (DatasetFile f : dataset) {
                if (!slice.isEmpty() && bytes + f.bytes().length > WARM_UP_BYTES) {
                    break;
                }
                slice.add(f);
                bytes += f.bytes().length;
            }
            target.load(slice, stage.equals("bulk"));
            target.settle();
            if (footprintUnavailable == null) {
                target.footprintBytes();
            }
            long stored = target.count();
            if (stored != slice.size()) {
                throw new LoadVerifier.LoadVerificationException("warm-up load failed (" + context() + "): expected "
                        + slice.size() + " rows/keys/objects, found " + stored);
            }
        }

        @Setup(Level.Iteration)
        public void freshTarget() throws Exception {
            target.reset();
            baseFootprint = footprintUnavailable == null ? target.footprintBytes() : 0;
            baseDisk = target.diskBytes();
            baseWal = target.walPosition();
        }

        /** Loads the whole dataset through this stage, counting what passes to the target. */
        void load(boolean bulk) throws Exception {
            long t0 = System.nanoTime();
            long[] tally = new long[2];
            target.load(() -> new java.util.Iterator<>() {
                private final java.util.Iterator<DatasetFile> files = dataset.iterator();

                @Override
                public boolean hasNext() {
                    return files.hasNext();
                }

                @Override
                public DatasetFile next() {
                    DatasetFile f = files.next();
                    tally[0] += f.bytes().length;
                    tally[1]++;
                    return f;
                }
            }, bulk);
            loadNanos = System.nanoTime() - t0;
            loadedBytes = tally[0];
            loadedFiles = tally[1];
        }

        private String context() {
            return "system=" + system + " payload=" + payload + " grade=" + grade + " stage=" + stage;
        }

        @TearDown(Level.Iteration)
        public void measure() throws Exception {
            target.settle();
            double physical = footprintUnavailable == null ? target.footprintBytes() - baseFootprint : Double.NaN;
            OptionalLong disk = target.diskBytes();
            OptionalLong wal = target.walPosition();
            LoadVerifier.verify(target, dataset, context());
            if (loadedBytes <= 0 || loadedFiles != dataset.fileCount()) {
                throw new IllegalStateException("load incomplete (" + context() + "): expected " + dataset.fileCount()
                        + " files, loaded " + loadedFiles);
            }
            if (!(physical > 0) && footprintUnavailable == null) {
                throw new IllegalStateException("physical footprint did not grow (" + context() + "): " + (long) physical
                        + " bytes; an EDR cannot be computed and zeros are never reported");
            }
            logicalBytes = loadedBytes;
            physicalDeltaBytes = physical;
            rows = loadedFiles;
            double seconds = loadNanos / 1e9;
            IterationMetrics.publish(new IterationMetrics.Snapshot(
                    (double) loadedBytes / physical,
                    physical,
                    disk.isPresent() && baseDisk.isPresent() ? disk.getAsLong() - baseDisk.getAsLong() : Double.NaN,
                    loadedBytes / 1e6 / seconds,
                    referenceEdr,
                    wal.isPresent() && baseWal.isPresent() ? wal.getAsLong() - baseWal.getAsLong() : Double.NaN));
        }

        @TearDown(Level.Trial)
        public void tearDownTrial() throws Exception {
            if (target != null) {
                try {
                    RunSettings.record(system, target.serverSettings());
                    target.reset();
                } finally {
                    target.close();
                }
            }
        }
    }
}
