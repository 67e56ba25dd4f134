package org.deduplab.bench;

import java.util.Locale;

/**
 * The names of a generations benchmark's own results, defined once (docs/METRICS.md, "Generations"):
 * per generation of a series ({@code ·generation.03.physicalBytes}), and once per series for the
 * restores as generations pile up ({@code ·generations.restoreOldestMBps}) and for retention
 * ({@code ·retention.freedAfterFullBytes}). Each is averaged over the series (samples) with JMH's
 * mean ± error, like the {@link StorageMetric}s.
 */
public enum SeriesMetric {
    /** Logical bytes of the generation. */
    LOGICAL(Group.GENERATION, "logicalBytes", "bytes"),
    /** Files of the generation: each costs a row, key or object of its own (an entry, a reference, a recipe). */
    FILES(Group.GENERATION, "files", "files"),
    /** Footprint growth the generation caused, on top of the ones before it. */
    PHYSICAL_DELTA(Group.GENERATION, "physicalDeltaBytes", "bytes"),
    /** Footprint after the generation: every generation so far. */
    PHYSICAL(Group.GENERATION, "physicalBytes", "bytes"),
    /** Logical bytes of every generation so far over {@link #PHYSICAL}. */
    CUMULATIVE_EDR(Group.GENERATION, "edr", "ratio"),
    INGEST(Group.GENERATION, "ingestMBps", "MB/s"),
    /** The generation restored right after it was loaded: the newest, with every earlier one beneath it. */
    RESTORE(Group.GENERATION, "restoreMBps", "MB/s"),
    /** Entries fetched per file in that restore. */
    READS(Group.GENERATION, "readRequests", "entries/file"),
    /** Storage units that restore touched per MB restored ({@code org.deduplab.store.ReadUnits}: the unit is the system's). */
    UNITS(Group.GENERATION, "unitsPerMB", "units/MB"),
    /** The analyzer's prediction: bytes of whole files no earlier generation had. */
    NEW_WHOLE_FILE(Group.GENERATION, "newWholeFileBytes", "bytes"),
    /** The analyzer's prediction: bytes of FastCDC chunks no earlier generation had. */
    NEW_CHUNKS(Group.GENERATION, "newChunkBytes", "bytes"),

    RESTORE_NEWEST(Group.GENERATIONS, "restoreNewestMBps", "MB/s"),
    RESTORE_OLDEST(Group.GENERATIONS, "restoreOldestMBps", "MB/s"),
    /** Entries fetched per file restored (the layout's read amplification). */
    READS_NEWEST(Group.GENERATIONS, "readRequestsNewest", "entries/file"),
    READS_OLDEST(Group.GENERATIONS, "readRequestsOldest", "entries/file"),
    /** Storage units touched per MB restored, newest and oldest generation. */
    UNITS_NEWEST(Group.GENERATIONS, "unitsPerMBNewest", "units/MB"),
    UNITS_OLDEST(Group.GENERATIONS, "unitsPerMBOldest", "units/MB"),
    /** Requests on the wire per file restored. */
    TRIPS_NEWEST(Group.GENERATIONS, "roundTripsNewest", "requests/file"),
    TRIPS_OLDEST(Group.GENERATIONS, "roundTripsOldest", "requests/file"),

    /** The layout's unique logical bytes that only the expired generations held. */
    EXPIRED_UNIQUE(Group.RETENTION, "expiredUniqueBytes", "bytes"),
    /** {@link #EXPIRED_UNIQUE} at the footprint's own bytes per unique logical byte: what should come back. */
    EXPECTED_FREED(Group.RETENTION, "expectedFreedBytes", "bytes"),
    FREED_EXPIRY(Group.RETENTION, "freedAfterExpiryBytes", "bytes"),
    FREED_ROUTINE(Group.RETENTION, "freedAfterRoutineBytes", "bytes"),
    FREED_FULL(Group.RETENTION, "freedAfterFullBytes", "bytes"),
    EXPIRY_SECONDS(Group.RETENTION, "expirySeconds", "s"),
    ROUTINE_SECONDS(Group.RETENTION, "routineSeconds", "s"),
    FULL_SECONDS(Group.RETENTION, "fullSeconds", "s"),
    /** Reads and deletes the lab's expiry (and its mark and sweep) sent. */
    EXPIRY_REQUESTS(Group.RETENTION, "expiryRequests", "requests"),
    /** Footprint once one more generation is loaded after full reclamation. */
    AFTER_NEXT(Group.RETENTION, "physicalAfterNextBytes", "bytes"),
    /** What that next generation added: below its size on an empty store where freed space is reused. */
    NEXT_DELTA(Group.RETENTION, "nextDeltaBytes", "bytes");

    /** Where a metric's name starts. */
    public enum Group {
        GENERATION("generation"),
        GENERATIONS("generations"),
        RETENTION("retention");

        private final String prefix;

        Group(String prefix) {
            this.prefix = "\u00b7" + prefix + ".";
        }

        public String prefix() {
            return prefix;
        }
    }

    private final Group group;
    private final String key;
    private final String unit;

    SeriesMetric(Group group, String key, String unit) {
        this.group = group;
        this.key = key;
        this.unit = unit;
    }

    public Group group() {
        return group;
    }

    public String key() {
        return key;
    }

    public String unit() {
        return unit;
    }

    /**
     * Whether {@code compare} gates the figure of this name like the EDR and physical delta: the
     * footprint after each generation, and after one more generation once expiry and reclamation ran.
     * Both are storage figures, deterministic for the same data and server; the freed bytes are their
     * differences, and can be 0, where a relative change says nothing.
     */
    public static boolean gated(String label) {
        return label.equals(AFTER_NEXT.label())
                || (label.startsWith(Group.GENERATION.prefix()) && label.endsWith("." + PHYSICAL.key()));
    }

    /** The name of a once-per-series metric: {@code ·retention.freedAfterFullBytes}. */
    public String label() {
        if (group == Group.GENERATION) {
            throw new IllegalStateException(this + " is per generation: label(g)");
        }
        return group.prefix() + key;
    }

    /** The name of a per-generation metric: {@code ·generation.03.physicalBytes} (two digits at least, so names sort). */
    public String label(int generation) {
        return group.prefix() + String.format(Locale.ROOT, "%02d", generation) + "." + key;
    }
}
