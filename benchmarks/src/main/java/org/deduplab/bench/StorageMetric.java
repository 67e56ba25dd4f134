package org.deduplab.bench;

/**
 * The names of the lab's results, defined once: the per-load storage figures the
 * {@link StorageProfiler} adds (mean ± error over iterations) and the counters of the benchmark
 * state (summed by JMH over iterations and forks).
 *
 * <p>The figures are named {@code ·storage.<key>}: the leading {@code ·} (U+00B7) is JMH's
 * convention for profiler results, and JMH Visualizer offers in its main view's metric menu only
 * secondary metrics named so. Results written before that carry {@code storage.<key>}; readers
 * accept both ({@link #legacyLabel()}).
 */
public enum StorageMetric {
    EDR("edr", "ratio"),
    PHYSICAL_DELTA("physicalDeltaBytes", "bytes"),
    DISK_DELTA("diskDeltaBytes", "bytes"),
    INGEST("ingestMBps", "MB/s"),
    REFERENCE_EDR("referenceEdr", "ratio"),
    WAL("walBytes", "bytes"),
    /** Restored logical bytes / restore seconds. */
    RESTORE("restoreMBps", "MB/s"),
    /** Entries fetched from the system per file: the layout's read amplification, whatever the batching. */
    READ_REQUESTS("readRequests", "entries/file"),
    /** Requests on the wire per file: below 1 where the bulk path batches. */
    ROUND_TRIPS("roundTrips", "requests/file"),
    FILE_LATENCY_P50("fileLatencyP50Ms", "ms"),
    FILE_LATENCY_P99("fileLatencyP99Ms", "ms");

    /** Counter: payload bytes accepted, summed over loads. */
    public static final String LOGICAL_BYTES = "logicalBytes";
    /** Counter: footprint growth, summed over loads (NaN where unmeasurable). */
    public static final String PHYSICAL_DELTA_BYTES = "physicalDeltaBytes";
    /** Counter: rows / keys / objects written, summed over loads. */
    public static final String ROWS = "rows";
    /**
     * Counter: whole loads (or restores) measured, summed over iterations and forks; a sample holds as many
     * as fit its time, so per-load figures divide the other counters by this (results without it had one
     * load per iteration).
     */
    public static final String LOADS = "loads";
    /** Counter of a restore benchmark: bytes read back, summed over restores. */
    public static final String RESTORED_BYTES = "restoredBytes";
    /** Counter of a restore benchmark: files read back, summed over restores. */
    public static final String RESTORED_FILES = "restoredFiles";

    private final String key;
    private final String unit;

    StorageMetric(String key, String unit) {
        this.key = key;
        this.unit = unit;
    }

    /** The secondary metric's name in results: {@code ·storage.edr}. */
    public String label() {
        return "\u00b7storage." + key;
    }

    /** The name results of earlier versions used: {@code storage.edr}. */
    public String legacyLabel() {
        return "storage." + key;
    }

    public String unit() {
        return unit;
    }
}
