package org.deduplab.bench;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Hand-off from the benchmark state's invocation teardown to {@link StorageProfiler} in the same
 * fork: each measured load (or restore) publishes its storage figures, and at the end of the JMH
 * iteration the profiler takes them combined into the iteration's figures (an iteration is one sample
 * and holds as many whole loads as fit its time, docs/METRICS.md). NaN means "not available here" and
 * is left out of the results rather than reported as a number.
 */
public final class IterationMetrics {
    private static final List<Snapshot> loads = new ArrayList<>();
    private static final List<Named> named = new ArrayList<>();

    /** A figure under a name of its own (a generations benchmark's {@link SeriesMetric}s), taken as it is. */
    public record Named(String label, double value, String unit) {}

    /**
     * One measured load or restore: the logical bytes it moved, its timed nanoseconds, and each figure
     * by its metric; a figure that is NaN is left out of the results.
     */
    public record Snapshot(long bytes, long nanos, Map<StorageMetric, Double> figures) {}

    private IterationMetrics() {}

    public static synchronized void publish(Snapshot s) {
        loads.add(s);
    }

    public static synchronized void publish(Named figure) {
        named.add(figure);
    }

    /** The named figures published since the last call (each published once per iteration). */
    public static synchronized List<Named> takeNamed() {
        List<Named> out = List.copyOf(named);
        named.clear();
        return out;
    }

    /**
     * The figures of the loads published since the last call, combined: a speed is their bytes over
     * their time (so the sample is one long load, not an average of short ones), EDR their logical over
     * their physical bytes, every other figure the mean over loads; null when none was published.
     */
    public static synchronized Snapshot take() {
        if (loads.isEmpty()) {
            return null;
        }
        Snapshot s = combine(loads);
        loads.clear();
        return s;
    }

    static Snapshot combine(List<Snapshot> all) {
        long bytes = all.stream().mapToLong(Snapshot::bytes).sum();
        long nanos = all.stream().mapToLong(Snapshot::nanos).sum();
        Map<StorageMetric, Double> figures = new EnumMap<>(StorageMetric.class);
        for (StorageMetric m : StorageMetric.values()) {
            List<Double> values = all.stream()
                    .filter(s -> s.figures().containsKey(m))
                    .map(s -> s.figures().get(m))
                    .toList();
            if (!values.isEmpty()) {
                figures.put(
                        m,
                        switch (m) {
                            case INGEST, RESTORE -> bytes / 1e6 / (nanos / 1e9);
                            case EDR -> bytes / sum(all, StorageMetric.PHYSICAL_DELTA);
                            default ->
                                values.stream()
                                        .mapToDouble(Double::doubleValue)
                                        .average()
                                        .orElse(Double.NaN);
                        });
            }
        }
        return new Snapshot(bytes, nanos, figures);
    }

    /** The sum of a figure over loads; NaN when any load lacks it (an unmeasured footprint stays NaN). */
    private static double sum(List<Snapshot> all, StorageMetric m) {
        return all.stream()
                .mapToDouble(s -> s.figures().getOrDefault(m, Double.NaN))
                .sum();
    }
}
