package org.deduplab.bench;

import org.deduplab.store.Stage;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * Loads {@code versioned_doc}: families of document revisions, each a small edit of the previous one (FastCDC dedup far above 4 KiB block dedup).
 *
 * <p>Measures, per system and grade: seconds per full load (the score), logical bytes, the growth
 * of the system's footprint and EDR = logical / physical, next to the dataset's reference EDR.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar VersionedDoc} (or {@code -p payload=versioned_doc});
 * one system: {@code ... VersionedDoc -p system=postgresql}.
 */
public class VersionedDoc extends InsertBenchmark {
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
