package org.deduplab.bench;

import org.deduplab.store.Stage;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * Loads {@code compressed_media}: JPEG / PNG / MP4 files, real container headers around high-entropy payload (zstd-3 ratio ≤ 1.05).
 *
 * <p>Measures, per system and grade: seconds per full load (the score), logical bytes, the growth
 * of the system's footprint and EDR = logical / physical, next to the dataset's reference EDR.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar CompressedMedia} (or {@code -p payload=compressed_media});
 * one system: {@code ... CompressedMedia -p system=postgresql}.
 */
public class CompressedMedia extends InsertBenchmark {
    /** One INSERT / SET / PUT per file, each committed on its own. */
    @Benchmark
    public void perFile(Load load) throws Exception {
        load.run(Stage.PER_FILE);
    }

    /** The system's fastest bulk path: COPY, batched inserts, pipelined SETs, concurrent PUTs. */
    @Benchmark
    public void bulk(Load load) throws Exception {
        load.run(Stage.BULK);
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
}
