package org.deduplab.bench;

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
public class DirCorpus extends StorageBenchmark {
    static final String DIR_PARAM = BenchmarkCoordinates.DIR;

    /** The corpus directory; empty by default, so the default run leaves this class out. */
    @Param({""})
    public String dir;
}
