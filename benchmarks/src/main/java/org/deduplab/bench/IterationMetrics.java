package org.deduplab.bench;

import java.util.Map;

/**
 * Hand-off from the benchmark state's iteration teardown to {@link StorageProfiler} in the same
 * fork: the teardown publishes one iteration's storage figures, the profiler takes them. NaN means
 * "not available here" and is left out of the results rather than reported as a number.
 */
public final class IterationMetrics {
    private static volatile Snapshot last;

    /** One measured load or restore: each figure by its metric; a figure that is NaN is left out of the results. */
    public record Snapshot(Map<StorageMetric, Double> figures) {}

    private IterationMetrics() {}

    public static void publish(Snapshot s) {
        last = s;
    }

    /** The snapshot of the iteration that just ended, or null; clears it. */
    public static Snapshot take() {
        Snapshot s = last;
        last = null;
        return s;
    }
}
