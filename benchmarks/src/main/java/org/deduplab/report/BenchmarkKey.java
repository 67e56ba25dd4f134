package org.deduplab.report;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.deduplab.bench.BenchmarkCoordinates;
import org.deduplab.bench.CacheMode;

/**
 * What identifies the same experiment across runs and result shapes: the benchmark's method, its
 * coordinates (system, payload, grade, size, layout, and the cache of a cold restore; a warm restore is
 * the same with and without its {@code cache} param), and any other param. A benchmark that is not a
 * storage benchmark is its method and params. Printed as {@code compare} names it: {@code bulk
 * postgresql structured_json U50 32MiB [layout] [cache=cold] [other params]}.
 */
public record BenchmarkKey(String method, Optional<BenchmarkCoordinates> at, SortedMap<String, String> others) {
    private static final List<String> COORDINATES = List.of(
            BenchmarkCoordinates.SYSTEM,
            BenchmarkCoordinates.PAYLOAD,
            BenchmarkCoordinates.GRADE,
            BenchmarkCoordinates.DATASET_MIB,
            BenchmarkCoordinates.DIR,
            BenchmarkCoordinates.LAYOUT,
            BenchmarkCoordinates.CACHE);

    public BenchmarkKey {
        // the coordinates stand for the benchmark's own method; a legacy shape's class name does not count
        method = at.map(BenchmarkCoordinates::method).orElse(method);
        at = at.map(c -> new BenchmarkCoordinates(
                c.system(),
                c.payload(),
                c.grade(),
                c.datasetMiB(),
                c.stage(),
                c.layout(),
                false,
                c.operation(),
                c.cache()));
        others = new TreeMap<>(others);
    }

    /** The key of a benchmark called {@code method} with {@code params}, at {@code at} if it is a storage benchmark. */
    public static BenchmarkKey of(String method, Optional<BenchmarkCoordinates> at, Map<String, String> params) {
        SortedMap<String, String> others = new TreeMap<>();
        params.forEach((k, v) -> {
            if (at.isEmpty() || !COORDINATES.contains(k)) {
                others.put(k, v);
            }
        });
        return new BenchmarkKey(method, at, others);
    }

    @Override
    public String toString() {
        StringBuilder extra = new StringBuilder();
        others.forEach((k, v) -> extra.append(' ').append(k).append('=').append(v));
        return at.map(c -> c.method() + " " + c.system() + " " + c.payload() + " " + c.grade() + " " + c.datasetMiB()
                                + "MiB"
                                + (c.layout().equals(BenchmarkCoordinates.DEFAULT_LAYOUT) ? "" : " " + c.layout())
                                + (c.cache().equals(CacheMode.COLD.id()) ? " cache=" + c.cache() : ""))
                        .orElse(method)
                + extra;
    }
}
