package org.deduplab.bench;

import org.deduplab.store.Stage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * Loads your own files: every regular file under {@code dir}, sorted by relative path; grade U0 is
 * the corpus as it is, higher grades add copies of its files. {@code datasetMiB} is not used. Or a
 * mimic of them ({@code -p payload=mimic:profile.json}, which sets {@code dir=mimic:profile.json}):
 * generated from a profile at {@code datasetMiB}, U0 being the profiled corpus's own duplicates.
 *
 * <p>Measures, per system and grade: seconds per full load (the score), logical bytes, the growth
 * of the system's footprint and EDR = logical / physical, next to the corpus's reference EDR.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar -p payload=dir:/data/exports}
 * (the same as {@code DirCorpus -p dir=/data/exports}).
 */
public class DirCorpus extends InsertBenchmark {
    static final String DIR_PARAM = InsertCoordinates.DIR;

    /** The corpus directory; empty by default, so the default run leaves this class out. */
    @Param({""})
    public String dir;

    @Benchmark
    public void perFile(Load load) throws Exception {
        load.run(Stage.PER_FILE);
    }

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
