package org.deduplab.bench;

import java.io.IOException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.deduplab.layout.Layout;
import org.deduplab.layout.Layouts;
import org.deduplab.payloads.DatasetFile;
import org.deduplab.payloads.DatasetSpec;
import org.deduplab.payloads.StoredDataset;
import org.deduplab.store.FootprintProbe;
import org.deduplab.store.Stage;
import org.deduplab.store.Store;

/**
 * One insert benchmark's trial in one fork, apart from JMH's annotations: the store (with its
 * variant, keeping the layout's spaces) and the dataset, opened once; before each load a fresh target
 * and the footprint baseline; after it the settle step, the footprint, disk and WAL deltas, the
 * verification that every file reads back through the layout, and the check that the variant took
 * effect.
 */
final class InsertTrial implements AutoCloseable {
    private final BenchmarkCoordinates at;
    private final Layout layout;
    private final Store store;
    private final FootprintProbe probe;
    private final StoredDataset dataset;
    private final double referenceEdr;
    /** Why the footprint cannot be measured here; then EDR and physical delta are NaN. */
    private final Optional<String> footprintUnavailable;

    private Baseline base;
    private Tally tally;
    /** "warmup 1", "measurement 2": the iteration of the load in progress, for the trace. */
    private String iteration = "";
    /** The load's number within its iteration (1, 2, ...), for the trace. */
    private int loadInIteration;

    private final Map<String, Integer> iterations = new HashMap<>();
    /** Where this trial's time goes, for the run's time budget. */
    private final TrialClock clock;

    /** Footprint, disk and WAL before a load. */
    private record Baseline(long footprint, OptionalLong disk, OptionalLong wal) {}

    /** What a load has passed to the store so far (also when it fails half-way). */
    private static final class Passed {
        long bytes;
        long files;
    }

    /** What one load passed to the store, and how long it took. */
    private record Tally(long bytes, long files, long nanos) {}

    /** What one load cost: the counters, and the per-load figures already handed to the profiler. */
    record Figures(long logicalBytes, double physicalDeltaBytes, long files) {}

    private InsertTrial(
            BenchmarkCoordinates at,
            Layout layout,
            Store store,
            StoredDataset dataset,
            double referenceEdr,
            TrialClock clock) {
        this.at = at;
        this.clock = clock;
        this.layout = layout;
        this.store = store;
        this.probe = store.footprint();
        this.dataset = dataset;
        this.referenceEdr = referenceEdr;
        this.footprintUnavailable = probe.unavailable();
    }

    /** Connects, provisions the schema (for both stages: a bulk load never meets a missing table), reads the dataset, warms up. */
    static InsertTrial open(BenchmarkCoordinates at, long seed) throws Exception {
        TrialClock clock = new TrialClock();
        Layout layout = Layouts.of(at.layout());
        DatasetSpec spec = at.datasetSpec(seed);
        StoredDataset dataset = holdIfSmall(DatasetCache.dataset(spec));
        double referenceEdr = DatasetCache.analysis(spec, dataset).cdcZstdRatio();
        Store store = at.openStore(layout);
        InsertTrial t = new InsertTrial(at, layout, store, dataset, referenceEdr, clock);
        return TrialClock.closingOnFailure(store, () -> {
            store.provision();
            t.footprintUnavailable.ifPresent(
                    why -> System.err.println("warning: " + why + "; EDR and physicalDeltaBytes are reported as NaN"));
            t.warmUp();
            clock.rest(TrialClock.Part.SETUP);
            return t;
        });
    }

    /**
     * The dataset held in memory when it takes at most an eighth of the fork's heap, so that a timed
     * load measures the system and not the lab reading its dataset cache: reading 340 files per load was
     * more than half of a 32 MiB Redis load (bulk random_binary 300 and 330 MB/s streamed, 830 and 730
     * held; docs/PERFORMANCE.md). Larger datasets stream from disk, one file at a time.
     */
    static StoredDataset holdIfSmall(StoredDataset dataset) throws IOException {
        return dataset.logicalBytes() <= Runtime.getRuntime().maxMemory() / 8 ? dataset.held() : dataset;
    }

    /**
     * Brings the stage's path to steady state before the first measured load: whole-dataset warm-up
     * loads (the store emptied before each; nothing measured but the time) until two in a row agree,
     * or a limit on loads or seconds ends it ({@link WarmUp}). The first is checked by count, so a
     * broken store fails before any measured load. What the first loads pay, profiled per system, is
     * in docs/PERFORMANCE.md.
     */
    private void warmUp() throws Exception {
        WarmUp warm = WarmUp.configured();
        while (!warm.done()) {
            clock.time(TrialClock.Part.RESET, store::reset);
            long t0 = System.nanoTime();
            clock.time(TrialClock.Part.WARMUP_LOAD, () -> layout.load(store, dataset, at.stage()));
            long nanos = System.nanoTime() - t0;
            warm.add(dataset.logicalBytes(), nanos);
            Map<String, Object> e = loadEvent(
                    "setup warm-up " + warm.loads(), dataset.fileCount(), dataset.logicalBytes(), Double.NaN, nanos);
            e.put("steady", warm.done() ? warm.why() : null);
            if (warm.loads() == 1) {
                verifyCount(e);
            }
            Trace.append(e);
        }
        settle();
        if (footprintUnavailable.isEmpty()) {
            clock.time(TrialClock.Part.FOOTPRINT, probe::bytes);
        }
    }

    /** The first warm-up load, counted: a store that lost files fails here, naming what it found. */
    private void verifyCount(Map<String, Object> event) throws Exception {
        try {
            clock.time(
                    TrialClock.Part.VERIFY,
                    () -> LoadVerifier.verifyCount(
                            layout, store, dataset, "warm-up load failed (" + at.describe() + ")"));
            event.put("verified", true);
        } catch (LoadVerifier.LoadVerificationException e) {
            event.put("verified", false);
            event.put("error", e.getMessage());
            Trace.append(event);
            throw e;
        }
    }

    /** A JMH iteration begins: one sample, as many whole loads as fit its time. */
    void beginIteration(String iterationType) {
        iteration = iterationType + " " + iterations.merge(iterationType, 1, Integer::sum);
        loadInIteration = 0;
    }

    /** Before each load, outside the timed part: a fresh target and the footprint baseline. */
    void prepareLoad() throws Exception {
        loadInIteration++;
        tally = null;
        clock.time(TrialClock.Part.RESET, store::reset);
        base = clock.time(
                TrialClock.Part.FOOTPRINT,
                () -> new Baseline(
                        footprintUnavailable.isEmpty() ? probe.bytes() : 0, probe.diskBytes(), probe.walPosition()));
        clock.time(TrialClock.Part.RESET, store::beginLoad); // after the baseline: an open connection is not data
    }

    /** Loads the whole dataset through {@code stage}, counting what passes to the store. */
    void load(Stage stage) throws Exception {
        Passed counted = new Passed();
        long t0 = System.nanoTime();
        try (LoadWatchdog watchdog = LoadWatchdog.watch(store)) {
            try {
                loadCounting(stage, counted);
                watchdog.check(at.describe());
            } catch (Exception | Error thrown) {
                Exception failure = watchdog.failure(thrown, at.describe());
                Map<String, Object> e =
                        loadEvent(iteration, counted.files, counted.bytes, Double.NaN, System.nanoTime() - t0);
                e.put("verified", false);
                e.put("error", String.valueOf(failure.getMessage()));
                Trace.append(e);
                throw failure;
            }
        }
        tally = new Tally(counted.bytes, counted.files, System.nanoTime() - t0);
        clock.add(
                iteration.startsWith("warmup") ? TrialClock.Part.WARMUP_LOAD : TrialClock.Part.MEASURED_LOAD,
                tally.nanos());
    }

    private void loadCounting(Stage stage, Passed counted) throws Exception {
        layout.load(
                store,
                () -> new Iterator<>() {
                    private final Iterator<DatasetFile> files = dataset.iterator();

                    @Override
                    public boolean hasNext() {
                        return files.hasNext();
                    }

                    @Override
                    public DatasetFile next() {
                        DatasetFile f = files.next();
                        counted.bytes += f.bytes().length;
                        counted.files++;
                        return f;
                    }
                },
                stage);
    }

    /** One load as a trace event. */
    private Map<String, Object> loadEvent(String iter, long files, long logical, double physical, long nanos) {
        Map<String, Object> e = Trace.event("load", Trace.runId());
        Trace.put(e, at);
        e.put("iteration", iter);
        if (!iter.startsWith("setup")) {
            e.put("load", loadInIteration);
        }
        e.put("files", files);
        e.put("logicalBytes", logical);
        e.put("physicalDeltaBytes", Double.isNaN(physical) ? null : (long) physical);
        e.put("edr", Double.isNaN(physical) ? null : logical / physical);
        e.put("seconds", nanos / 1e9);
        e.put("mbps", logical / 1e6 / (nanos / 1e9));
        return e;
    }

    /** Settles, measures and verifies the load, and traces it; publishes its per-load figures to the profiler. */
    Figures measure() throws Exception {
        try {
            Figures f = measureLoad();
            Map<String, Object> e =
                    loadEvent(iteration, f.files(), f.logicalBytes(), f.physicalDeltaBytes(), tally.nanos());
            e.put("verified", true);
            e.put("error", null);
            Trace.append(e);
            return f;
        } catch (Exception | Error failure) {
            Map<String, Object> e = loadEvent(
                    iteration,
                    tally == null ? 0 : tally.files(),
                    tally == null ? 0 : tally.bytes(),
                    Double.NaN,
                    tally == null ? 0 : tally.nanos());
            e.put("verified", false);
            e.put("error", String.valueOf(failure.getMessage()));
            Trace.append(e);
            throw failure;
        }
    }

    private Figures measureLoad() throws Exception {
        settle();
        long t0 = System.nanoTime();
        double physical = footprintUnavailable.isEmpty() ? probe.bytes() - base.footprint() : Double.NaN;
        OptionalLong disk = probe.diskBytes();
        OptionalLong wal = probe.walPosition();
        long t1 = System.nanoTime();
        clock.add(TrialClock.Part.FOOTPRINT, t1 - t0);
        LoadVerifier.verify(layout, store, dataset, at.describe());
        probe.checkVariant();
        clock.add(TrialClock.Part.VERIFY, System.nanoTime() - t1);
        if (tally.bytes() <= 0 || tally.files() != dataset.fileCount()) {
            throw new IllegalStateException("load incomplete (" + at.describe() + "): expected " + dataset.fileCount()
                    + " files, loaded " + tally.files());
        }
        if (!(physical > 0) && footprintUnavailable.isEmpty()) {
            throw new IllegalStateException("physical footprint did not grow (" + at.describe() + "): "
                    + (long) physical + " bytes; an EDR cannot be computed and zeros are never reported");
        }
        Map<StorageMetric, Double> figures = new EnumMap<>(StorageMetric.class);
        figures.put(StorageMetric.EDR, tally.bytes() / physical);
        figures.put(StorageMetric.PHYSICAL_DELTA, physical);
        figures.put(StorageMetric.DISK_DELTA, delta(base.disk(), disk));
        figures.put(StorageMetric.INGEST, tally.bytes() / 1e6 / (tally.nanos() / 1e9));
        figures.put(StorageMetric.REFERENCE_EDR, referenceEdr);
        figures.put(StorageMetric.WAL, delta(base.wal(), wal));
        IterationMetrics.publish(new IterationMetrics.Snapshot(tally.bytes(), tally.nanos(), figures));
        return new Figures(tally.bytes(), physical, tally.files());
    }

    private void settle() throws Exception {
        clock.time(TrialClock.Part.SETTLE, probe::settle);
    }

    private static double delta(OptionalLong before, OptionalLong after) {
        return before.isPresent() && after.isPresent() ? after.getAsLong() - before.getAsLong() : Double.NaN;
    }

    /** Records the server settings for the run's environment file, drops the last load, closes the store. */
    @Override
    public void close() throws Exception {
        clock.end(at, store, () -> {
            RunSettings.record(at.system(), probe.serverSettings());
            store.reset();
        });
    }
}
