package org.deduplab.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deduplab.bench.BenchmarkCoordinates;
import org.deduplab.bench.CacheMode;
import org.deduplab.bench.DirCorpus;
import org.deduplab.bench.Operation;
import org.deduplab.bench.StorageBenchmarks;
import org.openjdk.jmh.runner.BenchmarkListEntry;

/**
 * One benchmark of a run's matrix with every param fixed: what JMH writes as one element of the
 * result. Other benchmarks (the payload generator's) count as one instance each, with their own
 * params left to JMH.
 */
record MatrixBenchmark(BenchmarkListEntry entry, Map<String, String> params) {

    /** Whether this is a {@code cache=cold} restore. */
    boolean coldRestore() {
        return CacheMode.COLD.id().equals(params.get(BenchmarkCoordinates.CACHE));
    }

    /** Every instance of a plan's matrix, in the order JMH would run them. */
    static List<MatrixBenchmark> of(RunPlan plan, List<String> systems) {
        List<MatrixBenchmark> out = new ArrayList<>();
        for (BenchmarkListEntry e : plan.selection().benchmarks()) {
            if (!StorageBenchmarks.isStorageBenchmark(e.getUsername())) {
                out.add(new MatrixBenchmark(e, Map.of()));
                continue;
            }
            StorageMatrix m = plan.matrix().orElseThrow();
            boolean corpus = e.getUsername().startsWith(DirCorpus.class.getName() + ".");
            List<String> dirs = corpus ? plan.selection().dirs() : List.of("");
            boolean restore = Operation.ofBenchmark(e.getUsername()) == Operation.RESTORE;
            List<String> caches = restore ? m.caches() : List.of("");
            for (String size : m.sizes()) {
                for (String grade : m.grades()) {
                    for (String layout : m.layouts()) {
                        for (String system : systems) {
                            for (String dir : dirs) {
                                for (String cache : caches) {
                                    Map<String, String> p = new LinkedHashMap<>();
                                    if (restore) {
                                        p.put(BenchmarkCoordinates.CACHE, cache);
                                    }
                                    p.put(BenchmarkCoordinates.DATASET_MIB, size);
                                    p.put(BenchmarkCoordinates.GRADE, grade);
                                    p.put(BenchmarkCoordinates.LAYOUT, layout);
                                    p.put(BenchmarkCoordinates.SYSTEM, system);
                                    if (corpus) {
                                        p.put(BenchmarkCoordinates.DIR, dir);
                                    }
                                    out.add(new MatrixBenchmark(e, p));
                                }
                            }
                        }
                    }
                }
            }
        }
        return out;
    }
}
