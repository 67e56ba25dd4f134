package org.deduplab.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.deduplab.layout.Expiry;
import org.deduplab.layout.Layout;
import org.deduplab.layout.Layouts;
import org.deduplab.payloads.DatasetSpec;
import org.deduplab.payloads.DatasetWriter;
import org.deduplab.payloads.Manifest;
import org.deduplab.payloads.StoredDataset;
import org.deduplab.payloads.generation.GenerationIndex;
import org.deduplab.payloads.generation.GenerationParams;
import org.deduplab.payloads.generation.Generations;
import org.deduplab.store.FootprintProbe;
import org.deduplab.store.ReadUnits;
import org.deduplab.store.Reclamation;
import org.deduplab.store.Stage;
import org.deduplab.store.Store;

/**
 * One generations benchmark's trial in one fork (docs/METRICS.md, "Generations"). A series, one
 * JMH iteration, starts from an empty store and loads generations 1..N on top of each other through
 * the stage's path, measuring, verifying and restoring the newest after each (restore as generations
 * pile up); that is the timed invocation. After it,
 * outside the timed part, the newest and the oldest generation are restored through the stage's read
 * path and checked file by file, and with {@code keep} below N the older generations expire (the
 * layout's expiry, then the system's routine and full reclamation, each measured), and one more
 * generation is loaded to see whether freed space is reused.
 */
final class GenerationTrial implements AutoCloseable {
    private final BenchmarkCoordinates at;
    private final GenerationParams history;
    private final Layout layout;
    private final ReadCounter store;
    private final FootprintProbe probe;
    /** Generation g at index g - 1: N of them, and one more where generations expire. */
    private final List<StoredDataset> generations;

    private final List<GenerationIndex.Arrival> arrivals;
    /** The layout's unique logical bytes of generations 1..N, and of those only the expired ones hold. */
    private final long layoutUnique;

    private final long expiredUnique;
    /** Where a {@code dir:} corpus's generations were written for this trial; removed at close. */
    private final Optional<Path> scratch;

    private final boolean footprintKnown;
    /** How the system counts the storage units a restore touches; empty where it has none (the trace says why). */
    private final Optional<ReadUnits> readUnits;

    private final TrialClock clock;
    /** Series begun in this fork, warm-up ones included: the trace's series number. */
    private int seriesBegun;

    /**
     * The least time the restore of each generation right after its load is repeated for: shorter than a
     * whole sample's, since it runs once per generation inside the series.
     */
    static final long PILE_UP_MILLIS = 300;

    /** The current series: the empty store's footprint, and what its loads added up to. */
    private double empty;

    private long logical;
    private long nanos;
    private long files;
    private double physical;

    /** What a series measured, for the benchmark's counters. */
    record Figures(long logicalBytes, double physicalBytes, long files) {}

    private GenerationTrial(
            BenchmarkCoordinates at, GenerationParams history, Store store, Prepared prepared, TrialClock clock) {
        this.at = at;
        this.history = history;
        this.layout = Layouts.of(at.layout());
        this.store = new ReadCounter(store);
        this.probe = store.footprint();
        this.generations = prepared.generations();
        this.arrivals = prepared.arrivals();
        this.layoutUnique = prepared.layoutUnique();
        this.expiredUnique = prepared.expiredUnique();
        this.scratch = prepared.scratch();
        this.footprintKnown = probe.unavailable().isEmpty();
        ReadUnits units = probe.readUnits();
        Optional<String> noUnits = units.unavailable(); // PostgreSQL asks its server: once
        this.readUnits = noUnits.isEmpty() ? Optional.of(units) : Optional.empty();
        noUnits.ifPresent(why -> System.err.println("note: no fragmentation figure: " + why));
        this.clock = clock;
    }

    /** The generations on disk and what the analyzer predicts of them. */
    private record Prepared(
            List<StoredDataset> generations,
            List<GenerationIndex.Arrival> arrivals,
            long layoutUnique,
            long expiredUnique,
            Optional<Path> scratch) {}

    static GenerationTrial open(BenchmarkCoordinates at, GenerationParams history, long seed) throws Exception {
        TrialClock clock = new TrialClock();
        Prepared prepared = prepare(at, history, seed);
        Store store = at.openStore(Layouts.of(at.layout()));
        GenerationTrial t = new GenerationTrial(at, history, store, prepared, clock);
        return TrialClock.closingOnFailure(store, () -> {
            store.provision();
            t.probe.unavailable().ifPresent(why -> System.err.println("warning: " + why + "; footprints are NaN"));
            t.warmUp();
            clock.rest(TrialClock.Part.SETUP);
            return t;
        });
    }

    /**
     * Writes (or finds in the dataset cache) every generation the series loads, and indexes them for
     * the analyzer's predictions: new unique bytes per generation, and what only the expired ones hold.
     */
    private static Prepared prepare(BenchmarkCoordinates at, GenerationParams history, long seed) throws Exception {
        DatasetSpec spec = at.datasetSpec(seed);
        Generations made = Generations.of(spec, history.change());
        made.checkEnoughFor(history, spec.payload()); // the launcher checked it; a Runner API run did not
        int count = history.loaded();
        Optional<Path> scratch = spec.isDirectory()
                ? Optional.of(Files.createTempDirectory(Files.createDirectories(DatasetCache.root()), "generations-"))
                : Optional.empty();
        Path dir = scratch.orElse(DatasetCache.root()
                .resolve("generations")
                .resolve(spec.slug() + "-change" + history.change().toString().replace("%", "pct")));
        List<StoredDataset> generations = new ArrayList<>();
        GenerationIndex index = new GenerationIndex();
        List<GenerationIndex.Arrival> arrivals = new ArrayList<>();
        long expired = 0;
        for (int g = 1; g <= count; g++) {
            StoredDataset d = made.materialize(g, spec, dir.resolve(String.format(Locale.ROOT, "g%04d", g)));
            generations.add(d);
            if (g == history.generations() + 1) {
                expired = exclusive(at, index, expiredOf(history));
            }
            arrivals.add(index.add(g, d));
        }
        if (!history.expires()) {
            expired = 0;
        }
        long unique = arrivals.stream()
                .limit(history.generations())
                .mapToLong(a -> unique(at, a))
                .sum();
        return new Prepared(List.copyOf(generations), List.copyOf(arrivals), unique, expired, scratch);
    }

    /** The generations that expire: all but the newest {@code keep}. */
    private static Set<Integer> expiredOf(GenerationParams history) {
        Set<Integer> out = new TreeSet<>();
        for (int g = 1; g <= history.generations() - history.keep(); g++) {
            out.add(g);
        }
        return out;
    }

    /** The unique logical bytes a generation brings under the layout's own dedup. */
    private static long unique(BenchmarkCoordinates at, GenerationIndex.Arrival a) {
        return switch (Layouts.of(at.layout()).promise()) {
            case NONE -> a.logicalBytes();
            case WHOLE_FILE -> a.newWholeFileBytes();
            case CHUNKS -> a.newChunkBytes();
        };
    }

    /** The unique logical bytes only {@code expired} hold under the layout's own dedup. */
    private static long exclusive(BenchmarkCoordinates at, GenerationIndex index, Set<Integer> expired) {
        return switch (Layouts.of(at.layout()).promise()) {
            case NONE -> index.logicalBytes(expired);
            case WHOLE_FILE -> index.exclusiveWholeFileBytes(expired);
            case CHUNKS -> index.exclusiveChunkBytes(expired);
        };
    }

    /**
     * Whole loads of generation 1 into an empty store until two agree ({@link WarmUp}), the first checked
     * by count; then whole restores of it through the stage's read path until two agree, the first checked.
     */
    private void warmUp() throws Exception {
        WarmUp warm = WarmUp.configured();
        StoredDataset first = InsertTrial.holdIfSmall(generations.get(0));
        while (!warm.done()) {
            clock.time(TrialClock.Part.RESET, store::reset);
            long t0 = System.nanoTime();
            clock.time(TrialClock.Part.WARMUP_LOAD, () -> layout.load(store, first, at.stage()));
            warm.add(first.logicalBytes(), System.nanoTime() - t0);
            if (warm.loads() == 1) {
                store.endLoad();
                LoadVerifier.verifyCount(layout, store, first, "warm-up load failed (" + describe() + ")");
            }
        }
        store.endLoad();
        // the read path too: without it the first series' restore of generation 1 was also the read path's
        // first use in the fork (versioned_doc U0 16 MiB, 3 series: generation 1 restored at 0.63x-0.93x of
        // generation 10's MB/s in 11 of 12 systems and layouts, 1.01x in the twelfth)
        WarmUp reads = WarmUp.configured();
        while (!reads.done()) {
            long t0 = System.nanoTime();
            Map<String, byte[]> read = readBack(generations.get(0));
            long took = System.nanoTime() - t0;
            clock.add(TrialClock.Part.WARMUP_LOAD, took);
            reads.add(first.logicalBytes(), took);
            if (reads.loads() == 1) {
                LoadVerifier.verifyRestore(layout, store, first, read, "warm-up restore (" + describe() + ")");
            }
        }
    }

    /** A series begins (JMH iteration set-up): an empty store and its footprint. */
    void beginSeries() throws Exception {
        seriesBegun++;
        clock.time(TrialClock.Part.RESET, store::reset);
        settle();
        empty = footprint();
        logical = 0;
        nanos = 0;
        files = 0;
        physical = 0;
    }

    /** Loads generations 1..N on top of each other, each measured and verified: the timed invocation. */
    void load(Stage stage) throws Exception {
        for (int g = 1; g <= history.generations(); g++) {
            loadGeneration(g, stage);
        }
    }

    private void loadGeneration(int g, Stage stage) throws Exception {
        StoredDataset data = InsertTrial.holdIfSmall(generations.get(g - 1));
        double before = physical;
        store.beginLoad();
        long t0 = System.nanoTime();
        layout.load(store, data, stage);
        long took = System.nanoTime() - t0;
        clock.add(TrialClock.Part.MEASURED_LOAD, took);
        settle();
        physical = footprint() - empty;
        logical += data.logicalBytes();
        files += data.fileCount();
        nanos += took;
        verifyLoaded(data, files);
        // the first generation must grow an empty store; a later one may fit in pages the earlier ones left
        // part-empty (a few new cdc chunks and recipes), so no growth there is a measurement, not a failure
        if (footprintKnown && g == 1 && !(physical > 0)) {
            throw new IllegalStateException("physical footprint did not grow with generation 1 (" + describe() + "): "
                    + (long) physical + " bytes; an EDR cannot be computed and zeros are never reported");
        }
        Restored restored = restore(g, PILE_UP_MILLIS);
        GenerationIndex.Arrival a = arrivals.get(g - 1);
        publish(SeriesMetric.LOGICAL.label(g), data.logicalBytes(), SeriesMetric.LOGICAL);
        publish(SeriesMetric.FILES.label(g), data.fileCount(), SeriesMetric.FILES);
        publish(SeriesMetric.PHYSICAL_DELTA.label(g), physical - before, SeriesMetric.PHYSICAL_DELTA);
        publish(SeriesMetric.PHYSICAL.label(g), physical, SeriesMetric.PHYSICAL);
        publish(SeriesMetric.CUMULATIVE_EDR.label(g), logical / physical, SeriesMetric.CUMULATIVE_EDR);
        publish(SeriesMetric.INGEST.label(g), data.logicalBytes() / 1e6 / (took / 1e9), SeriesMetric.INGEST);
        publish(SeriesMetric.RESTORE.label(g), restored.mbps(), SeriesMetric.RESTORE);
        publish(SeriesMetric.READS.label(g), restored.entriesPerFile(), SeriesMetric.READS);
        publishUnits(SeriesMetric.UNITS.label(g), restored.unitsPerMB());
        publish(SeriesMetric.NEW_WHOLE_FILE.label(g), a.newWholeFileBytes(), SeriesMetric.NEW_WHOLE_FILE);
        publish(SeriesMetric.NEW_CHUNKS.label(g), a.newChunkBytes(), SeriesMetric.NEW_CHUNKS);
        trace("generation " + g, data.logicalBytes(), physical - before, took);
    }

    /** The store holds {@code expected} files in all, and a sample of {@code data} reads back byte for byte. */
    private void verifyLoaded(StoredDataset data, long expected) throws Exception {
        long t0 = System.nanoTime();
        LoadVerifier.verifyCount(
                layout, store, expected, "load verification failed (" + describe() + ", every generation loaded)");
        LoadVerifier.verifySample(layout, store, data, describe());
        clock.add(TrialClock.Part.VERIFY, System.nanoTime() - t0);
    }

    /** After the series (JMH iteration teardown): restores, retention, and the series' figures and counters. */
    Figures endSeries() throws Exception {
        Restored newest = restore(history.generations(), StorageBenchmark.SAMPLE_MILLIS);
        Restored oldest = restore(1, StorageBenchmark.SAMPLE_MILLIS);
        publish(SeriesMetric.RESTORE_NEWEST.label(), newest.mbps(), SeriesMetric.RESTORE_NEWEST);
        publish(SeriesMetric.RESTORE_OLDEST.label(), oldest.mbps(), SeriesMetric.RESTORE_OLDEST);
        publish(SeriesMetric.READS_NEWEST.label(), newest.entriesPerFile(), SeriesMetric.READS_NEWEST);
        publish(SeriesMetric.READS_OLDEST.label(), oldest.entriesPerFile(), SeriesMetric.READS_OLDEST);
        publish(SeriesMetric.TRIPS_NEWEST.label(), newest.requestsPerFile(), SeriesMetric.TRIPS_NEWEST);
        publishUnits(SeriesMetric.UNITS_NEWEST.label(), newest.unitsPerMB());
        publishUnits(SeriesMetric.UNITS_OLDEST.label(), oldest.unitsPerMB());
        publish(SeriesMetric.TRIPS_OLDEST.label(), oldest.requestsPerFile(), SeriesMetric.TRIPS_OLDEST);
        double loadedPhysical = physical;
        if (history.expires()) {
            retain();
        }
        Map<StorageMetric, Double> f = new EnumMap<>(StorageMetric.class);
        f.put(StorageMetric.EDR, logical / loadedPhysical);
        f.put(StorageMetric.PHYSICAL_DELTA, loadedPhysical);
        f.put(StorageMetric.INGEST, logical / 1e6 / (nanos / 1e9));
        IterationMetrics.publish(new IterationMetrics.Snapshot(logical, nanos, f));
        return new Figures(logical, loadedPhysical, files);
    }

    /** One generation read back: MB/s, entries and requests per file, storage units touched per MB (NaN where none). */
    private record Restored(double mbps, double entriesPerFile, double requestsPerFile, double unitsPerMB) {}

    /**
     * Restores generation {@code g} through the stage's read path, as many times as fit a sample's
     * time (at least once, so a 0.05 s restore is not a sample of timer and scheduler noise), each
     * read checked file by file (SHA-256); the speed is their bytes over their time. The storage units
     * are counted on one more restore before them, untimed, which records the keys it asks for.
     */
    private Restored restore(int g, long minMillis) throws Exception {
        StoredDataset d = generations.get(g - 1);
        double units = readUnits.isPresent() ? unitsPerMB(readUnits.get(), d, g) : Double.NaN;
        long took = 0;
        int times = 0;
        long entries = 0;
        long requests = 0;
        while (times == 0 || took < minMillis * 1_000_000L) {
            store.startCount();
            long t0 = System.nanoTime();
            Map<String, byte[]> read = readBack(d);
            took += System.nanoTime() - t0;
            times++;
            entries += store.entries();
            requests += store.requests();
            LoadVerifier.verifyRestore(layout, store, d, read, describe() + " generation " + g);
        }
        double n = (double) d.fileCount() * times;
        return new Restored(d.logicalBytes() * times / 1e6 / (took / 1e9), entries / n, requests / n, units);
    }

    /** The storage units one restore of {@code d} touches, per MB restored; the restore checked like the timed ones. */
    private double unitsPerMB(ReadUnits units, StoredDataset d, int g) throws Exception {
        store.startCountingKeys();
        long mark = units.mark();
        Map<String, byte[]> read = readBack(d);
        long touched = units.count(mark, store.keysRead());
        LoadVerifier.verifyRestore(layout, store, d, read, describe() + " generation " + g);
        return touched / (d.logicalBytes() / 1e6);
    }

    private Map<String, byte[]> readBack(StoredDataset d) throws Exception {
        Map<String, byte[]> read = new LinkedHashMap<>();
        if (at.stage() == Stage.PER_FILE) {
            for (Manifest.Entry e : d.manifest().files()) {
                layout.read(store, e.name()).ifPresent(b -> read.put(e.name(), b));
            }
        } else {
            for (List<String> batch : RestoreTrial.bulkBatches(d)) {
                read.putAll(layout.readAll(store, batch));
            }
        }
        return read;
    }

    /**
     * Expires all but the newest {@code keep} generations through the layout, runs the system's
     * routine and full reclamation, each measured, checks every kept generation, and loads one more.
     */
    private void retain() throws Exception {
        int n = history.generations();
        int firstKept = n - history.keep() + 1;
        List<String> expired = names(1, firstKept - 1);
        List<String> remaining = names(firstKept, n);
        double loaded = footprint() - empty;
        double expected = footprintKnown ? expiredUnique * loaded / Math.max(1, layoutUnique) : Double.NaN;
        publish(SeriesMetric.EXPIRED_UNIQUE.label(), expiredUnique, SeriesMetric.EXPIRED_UNIQUE);
        publish(SeriesMetric.EXPECTED_FREED.label(), expected, SeriesMetric.EXPECTED_FREED);
        long t0 = System.nanoTime();
        Expiry expiry = layout.expire(store, expired, remaining);
        long took = System.nanoTime() - t0;
        settle();
        publish(SeriesMetric.FREED_EXPIRY.label(), loaded - (footprint() - empty), SeriesMetric.FREED_EXPIRY);
        publish(SeriesMetric.EXPIRY_SECONDS.label(), took / 1e9, SeriesMetric.EXPIRY_SECONDS);
        publish(SeriesMetric.EXPIRY_REQUESTS.label(), expiry.requests(), SeriesMetric.EXPIRY_REQUESTS);
        reclaim(Reclamation.ROUTINE, loaded, SeriesMetric.FREED_ROUTINE, SeriesMetric.ROUTINE_SECONDS);
        double afterFull = reclaim(Reclamation.FULL, loaded, SeriesMetric.FREED_FULL, SeriesMetric.FULL_SECONDS);
        checkKept(firstKept, remaining.size());
        StoredDataset next = InsertTrial.holdIfSmall(generations.get(n));
        store.beginLoad();
        layout.load(store, next, at.stage());
        settle();
        double afterNext = footprint() - empty;
        verifyLoaded(next, remaining.size() + next.fileCount());
        publish(SeriesMetric.AFTER_NEXT.label(), afterNext, SeriesMetric.AFTER_NEXT);
        publish(SeriesMetric.NEXT_DELTA.label(), afterNext - afterFull, SeriesMetric.NEXT_DELTA);
    }

    /** Runs one reclamation step, timed; publishes the bytes freed since before expiry; returns the footprint after it. */
    private double reclaim(Reclamation step, double loaded, SeriesMetric freed, SeriesMetric seconds) throws Exception {
        long t0 = System.nanoTime();
        Optional<String> ran = probe.reclaim(step);
        long took = System.nanoTime() - t0;
        settle();
        double after = footprint() - empty;
        publish(freed.label(), loaded - after, freed);
        publish(seconds.label(), took / 1e9, seconds);
        Map<String, Object> e = Trace.event("reclaim", Trace.runId());
        Trace.put(e, at);
        e.put("step", step.id());
        e.put("ran", ran.orElse(null));
        e.put("seconds", took / 1e9);
        e.put("physicalBytes", Double.isNaN(after) ? null : (long) after);
        Trace.append(e);
        return after;
    }

    /** After expiry: the store holds exactly the kept generations' files, and each kept generation reads back in full. */
    private void checkKept(int firstKept, long keptFiles) throws Exception {
        LoadVerifier.verifyCount(
                layout,
                store,
                keptFiles,
                "expiry verification failed (" + describe() + ", generations " + firstKept + ".."
                        + history.generations() + " kept)");
        for (int g = firstKept; g <= history.generations(); g++) {
            StoredDataset d = generations.get(g - 1);
            LoadVerifier.verifyRestore(layout, store, d, readBack(d), describe() + " kept generation " + g);
        }
    }

    /** The names of generations {@code from..to} in the store. */
    private List<String> names(int from, int to) {
        List<String> out = new ArrayList<>();
        for (int g = from; g <= to; g++) {
            generations.get(g - 1).manifest().files().forEach(e -> out.add(e.name()));
        }
        return out;
    }

    private void settle() throws Exception {
        clock.time(TrialClock.Part.SETTLE, probe::settle);
    }

    /** The store's footprint; NaN where it cannot be measured. */
    private double footprint() throws Exception {
        return footprintKnown ? clock.time(TrialClock.Part.FOOTPRINT, probe::bytes) : Double.NaN;
    }

    /** A storage-units figure in the system's own unit ({@code pages/MB}); none where the system has no such count. */
    private void publishUnits(String label, double value) {
        readUnits.ifPresent(u -> IterationMetrics.publish(new IterationMetrics.Named(label, value, u.unit() + "/MB")));
    }

    private static void publish(String label, double value, SeriesMetric metric) {
        IterationMetrics.publish(new IterationMetrics.Named(label, value, metric.unit()));
    }

    private void trace(String what, long logicalBytes, double physicalDelta, long took) {
        Map<String, Object> e = Trace.event("generation", Trace.runId());
        Trace.put(e, at);
        e.put("iteration", "series " + seriesBegun);
        e.put("generation", what);
        e.put("logicalBytes", logicalBytes);
        e.put("physicalDeltaBytes", Double.isNaN(physicalDelta) ? null : (long) physicalDelta);
        e.put("seconds", took / 1e9);
        e.put("mbps", logicalBytes / 1e6 / (took / 1e9));
        e.put("verified", true);
        Trace.append(e);
    }

    /** The coordinates with the generation params, for messages. */
    String describe() {
        DatasetSpec spec = at.datasetSpec(0);
        String change = spec.isDirectory() || spec.isMimic()
                ? "as-its-corpus"
                : history.change().toString();
        return at.describe() + " generations=" + history.generations() + " change=" + change + " keep="
                + history.keep();
    }

    /** Records the server settings, drops the series' data, closes the store, removes a corpus's scratch copies. */
    @Override
    public void close() throws Exception {
        try {
            clock.end(at, store, () -> {
                RunSettings.record(at.system(), probe.serverSettings());
                store.reset();
            });
        } finally {
            if (scratch.isPresent()) {
                DatasetWriter.deleteRecursively(scratch.get());
            }
        }
    }
}
