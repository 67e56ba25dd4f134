package org.deduplab.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.deduplab.payloads.Dataset;
import org.deduplab.payloads.DatasetFile;
import org.deduplab.payloads.DatasetSpec;
import org.deduplab.payloads.Grade;
import org.deduplab.payloads.analyze.AnalysisResult;
import org.deduplab.payloads.analyze.ReferenceAnalyzer;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * How fast the lab makes and analyzes its data, in MB/s (10^6 bytes): the secondary metric
 * {@code megabytes} is MB per second ("ops/s" in JMH's unit column).
 *
 * <ul>
 *   <li>{@code generate}: one thread producing file contents of a payload type, in dataset order
 *       (what {@code generate} does, minus the disk).</li>
 *   <li>{@code analyze}: the reference analyzer (FastCDC + SHA-256 fingerprints + zstd-3 of files
 *       and unique chunks) over a 32 MiB in-memory dataset with a fresh index per pass, on
 *       {@code threads} threads (the {@code analyze} command uses all cores).</li>
 * </ul>
 *
 * Run: {@code java -jar benchmarks/target/benchmarks.jar PayloadBenchmark}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PayloadBenchmark {

    /** Per-thread MB counter; JMH reports it as a rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Rate {
        public double megabytes;

        @Setup(Level.Iteration)
        public void clear() {
            megabytes = 0;
        }
    }

    @State(Scope.Thread)
    public static class Generation {
        @Param({"random_binary", "structured_json", "text_log", "versioned_doc", "compressed_media"})
        public String payload;

        Dataset dataset;
        int next;

        @Setup(Level.Trial)
        public void plan() {
            dataset = Dataset.open(new DatasetSpec(payload, Grade.parse("U0"), 1L << 30, 42));
        }
    }

    @Benchmark
    public byte[] generate(Generation g, Rate rate) throws IOException {
        byte[] b = g.dataset.content(g.next);
        g.next = (g.next + 1) % g.dataset.fileCount();
        rate.megabytes += b.length / 1e6;
        return b;
    }

    @State(Scope.Benchmark)
    public static class Analysis {
        @Param({"random_binary", "structured_json", "text_log", "versioned_doc", "compressed_media"})
        public String payload;

        @Param({"2"})
        public int threads;

        final List<Callable<byte[]>> files = new ArrayList<>();
        long bytes;

        @Setup(Level.Trial)
        public void load() {
            for (DatasetFile f : Dataset.open(new DatasetSpec(payload, Grade.parse("U0"), 32L << 20, 7))) {
                byte[] data = f.bytes();
                files.add(() -> data);
                bytes += data.length;
            }
        }
    }

    @Benchmark
    public AnalysisResult analyze(Analysis a, Rate rate) throws IOException {
        AnalysisResult r = ReferenceAnalyzer.analyze(a.files, a.threads);
        rate.megabytes += a.bytes / 1e6;
        return r;
    }
}
