package org.deduplab.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Adds the storage figures of each measured load as secondary metrics, averaged over iterations
 * with JMH's mean ± error: {@code ·storage.edr}, {@code ·storage.physicalDeltaBytes},
 * {@code ·storage.diskDeltaBytes}, {@code ·storage.ingestMBps}, {@code ·storage.referenceEdr} and, for
 * PostgreSQL, {@code ·storage.walBytes}; of each measured restore {@code ·storage.restoreMBps},
 * {@code ·storage.readRequests}, {@code ·storage.roundTrips} and, per file,
 * {@code ·storage.fileLatencyP50Ms} / {@code ·storage.fileLatencyP99Ms} (names: {@link StorageMetric}). The launcher always attaches
 * it; in-process runs add it with {@code addProfiler(StorageProfiler.class)}.
 */
public final class StorageProfiler implements InternalProfiler {
    @Override
    public String getDescription() {
        return "dedup-lab storage metrics (EDR, physical/disk delta, ingest MB/s, reference EDR, WAL bytes;"
                + " restore MB/s, read requests and round trips per file, per-file latency)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        IterationMetrics.take(); // drop anything stale
        IterationMetrics.takeNamed();
    }

    @Override
    public Collection<? extends Result> afterIteration(
            BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
        IterationMetrics.Snapshot s = IterationMetrics.take();
        List<Result> out = new ArrayList<>();
        for (IterationMetrics.Named n : IterationMetrics.takeNamed()) {
            if (!Double.isNaN(n.value())) {
                out.add(new ScalarResult(n.label(), n.value(), n.unit(), AggregationPolicy.AVG));
            }
        }
        if (s != null) {
            s.figures().forEach((metric, value) -> add(out, metric, value));
        }
        return out;
    }

    private static void add(List<Result> out, StorageMetric metric, double value) {
        if (!Double.isNaN(value)) {
            out.add(new ScalarResult(metric.label(), value, metric.unit(), AggregationPolicy.AVG));
        }
    }
}
