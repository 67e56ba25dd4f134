package org.deduplab.bench;

import java.lang.management.ManagementFactory;
import java.util.EnumMap;
import java.util.Map;
import org.deduplab.store.Store;

/**
 * Where one fork's trial spends its time, by part: stopwatches around each step of {@link InsertTrial},
 * reported once at the end of the trial as a {@code trial-time} trace event, from which the launcher
 * builds the run's time budget. Wall-clock instants (epoch ms) place the trial inside the launcher's
 * view of the benchmark; durations come from {@link System#nanoTime()}.
 */
public final class TrialClock {
    /** The parts of a trial; each step of the trial counts in exactly one. */
    public enum Part {
        MEASURED_LOAD("measuredLoads", "measured loads"),
        /** The warm-up loads in trial set-up ({@link WarmUp}) and any JMH warm-up iteration. */
        WARMUP_LOAD("warmUpLoads", "warm-up loads"),
        /** The system's settle step before its footprint is read (flush, checkpoint, vacuum, compaction). */
        SETTLE("settle", "settle steps"),
        /** Footprint, disk and WAL queries, before and after each load. */
        FOOTPRINT("footprintQueries", "footprint/disk queries"),
        /** Reading sampled files back, counting entries, checking the variant. */
        VERIFY("verification", "verification"),
        /** Reading the dataset, its reference ratios, opening the store, creating the schema. */
        SETUP("setUp", "trial set-up"),
        /** Emptying the store before each load. */
        RESET("reset", "store reset before each load"),
        /** Recording the server settings, emptying the store, closing it. */
        TEARDOWN("tearDown", "trial teardown");

        /** The field of the trace event. */
        public final String field;
        /** The line of the time budget. */
        public final String label;

        Part(String field, String label) {
            this.field = field;
            this.label = label;
        }
    }

    /** The trace event that carries a trial's time, and its instant fields (epoch ms). */
    public static final String EVENT = "trial-time";

    public static final String FORK_JVM_START = "forkJvmStartMs";
    public static final String START = "trialStartMs";
    public static final String END = "trialEndMs";

    private final EnumMap<Part, Long> nanos = new EnumMap<>(Part.class);
    private final long startEpochMs = System.currentTimeMillis();
    private final long startNanos = System.nanoTime();

    /** A step that may throw. */
    @FunctionalInterface
    interface Step<T> {
        T run() throws Exception;
    }

    /** A step without a result. */
    @FunctionalInterface
    interface Action {
        void run() throws Exception;
    }

    void time(Part part, Action action) throws Exception {
        time(part, () -> {
            action.run();
            return null;
        });
    }

    <T> T time(Part part, Step<T> step) throws Exception {
        long t0 = System.nanoTime();
        try {
            return step.run();
        } finally {
            add(part, System.nanoTime() - t0);
        }
    }

    void add(Part part, long n) {
        nanos.merge(part, n, Long::sum);
    }

    /** Books the time since the trial began that no part has yet counted to {@code part} (set-up around the warm-up loads). */
    void rest(Part part) {
        long counted = nanos.values().stream().mapToLong(Long::longValue).sum();
        add(part, Math.max(0, System.nanoTime() - startNanos - counted));
    }

    /**
     * Ends a trial: {@code teardown}, then the store closed whatever happened, both booked as teardown;
     * then the trial's time as a {@link #EVENT} trace event: the instants, then seconds per part.
     */
    void end(BenchmarkCoordinates at, Store store, Action teardown) throws Exception {
        long t0 = System.nanoTime();
        try {
            teardown.run();
        } finally {
            store.close();
            add(Part.TEARDOWN, System.nanoTime() - t0);
            Map<String, Object> event = Trace.event(EVENT, Trace.runId());
            Trace.put(event, at);
            event.put(FORK_JVM_START, ManagementFactory.getRuntimeMXBean().getStartTime());
            event.put(START, startEpochMs);
            event.put(END, System.currentTimeMillis());
            for (Part p : Part.values()) {
                event.put(p.field, nanos.getOrDefault(p, 0L) / 1e9);
            }
            Trace.append(event);
        }
    }

    /** Runs a trial's set-up; when it fails, the store is closed (a failure to close added as suppressed) and the failure rethrown. */
    static <T> T closingOnFailure(Store store, Step<T> setUp) throws Exception {
        try {
            return setUp.run();
        } catch (Exception | Error e) {
            try {
                store.close();
            } catch (Exception closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }
}
