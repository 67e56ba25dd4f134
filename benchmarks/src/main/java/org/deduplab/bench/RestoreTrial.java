package org.deduplab.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deduplab.layout.Layout;
import org.deduplab.layout.Layouts;
import org.deduplab.payloads.Manifest;
import org.deduplab.payloads.StoredDataset;
import org.deduplab.provision.CacheControl;
import org.deduplab.store.Stage;
import org.deduplab.store.Store;
import org.deduplab.store.Systems;

/**
 * One restore benchmark's trial in one fork: the dataset loaded once through the bulk insert path in
 * trial set-up (not measured, checked by count), then warm-up restores until steady ({@link WarmUp}),
 * then per iteration every file read back through the layout, one at a time ({@code restorePerFile})
 * or through the store's batched read path ({@code restoreBulk}, batches of at most {@link
 * #BULK_FILES} files and {@link #BULK_BYTES} bytes). After each iteration, outside the timed part, every file's SHA-256 is checked against the
 * manifest. The files read back are held until then, so the heap must hold the dataset.
 */
final class RestoreTrial implements AutoCloseable {
    /** Files per batch of {@code restoreBulk}: each batch is one {@link Layout#readAll}. */
    static final int BULK_FILES = 256;
    /**
     * Logical bytes per batch of {@code restoreBulk}, as the insert side's batches: one 34 MB result
     * (all of versioned_doc's 57 files in one {@code IN} list) restored slower on PostgreSQL than the
     * same files one by one.
     */
    static final long BULK_BYTES = 8L << 20;

    private final BenchmarkCoordinates at;
    private final CacheMode cache;
    private final Layout layout;
    private final ReadCounter store;

    private final StoredDataset dataset;
    private final List<String> names;
    private final TrialClock clock;
    private final Map<String, Integer> iterations = new HashMap<>();

    private String iteration = "";
    /** The restore's number within its iteration (1, 2, ...), for the trace. */
    private int restoreInIteration;

    private ReadBack last;
    /** What emptying the caches did before this iteration, for the trace; empty when warm. */
    private String emptied = "";

    /** One restore: the files read back, the time, the counts, and the per-file latencies (perFile only). */
    private record ReadBack(Map<String, byte[]> files, long nanos, long entries, long requests, long[] latencies) {}

    /** What one restore read back, for the benchmark's counters. */
    record Figures(long restoredBytes, long files) {}

    private RestoreTrial(
            BenchmarkCoordinates at,
            CacheMode cache,
            Layout layout,
            Store store,
            StoredDataset dataset,
            TrialClock clock) {
        this.at = at;
        this.cache = cache;
        this.layout = layout;
        this.store = new ReadCounter(store);
        this.dataset = dataset;
        this.clock = clock;
        this.names =
                dataset.manifest().files().stream().map(Manifest.Entry::name).toList();
    }

    /** Opens the store, loads the dataset once through the bulk path, checks the count, warms up. */
    static RestoreTrial open(BenchmarkCoordinates at, CacheMode cache, long seed) throws Exception {
        TrialClock clock = new TrialClock();
        Layout layout = Layouts.of(at.layout());
        StoredDataset dataset = DatasetCache.dataset(at.datasetSpec(seed));
        long heap = Runtime.getRuntime().maxMemory();
        if (dataset.logicalBytes() > heap / 2) {
            throw new IllegalStateException("restore of " + dataset.logicalBytes() / (1 << 20) + " MiB ("
                    + at.describe() + ") holds the files it reads back until they are verified, and the fork's heap is "
                    + heap / (1 << 20) + " MiB: give it at least twice the dataset, e.g. -jvmArgsAppend -Xmx"
                    + Math.max(1, 3 * dataset.logicalBytes() / (1L << 30) + 1) + "g");
        }
        Store store = at.openStore(layout);
        RestoreTrial t = new RestoreTrial(at, cache, layout, store, dataset, clock);
        return TrialClock.closingOnFailure(store, () -> {
            store.provision();
            clock.time(TrialClock.Part.RESET, store::reset);
            clock.time(TrialClock.Part.WARMUP_LOAD, () -> layout.load(store, dataset, Stage.BULK));
            store.endLoad();
            clock.time(
                    TrialClock.Part.VERIFY,
                    () -> LoadVerifier.verifyCount(
                            layout, store, dataset, "restore set-up load failed (" + at.describe() + ")"));
            t.warmUp();
            clock.rest(TrialClock.Part.SETUP);
            return t;
        });
    }

    /** Whole warm-up restores through the benchmark's own path until two agree (the same rule as loads). */
    private void warmUp() throws Exception {
        WarmUp warm = WarmUp.configured();
        while (!warm.done()) {
            ReadBack r = read(at.stage());
            clock.add(TrialClock.Part.WARMUP_LOAD, r.nanos());
            warm.add(dataset.logicalBytes(), r.nanos());
            Map<String, Object> e = event("setup warm-up " + warm.loads(), r);
            e.put("steady", warm.done() ? warm.why() : null);
            Trace.append(e);
        }
    }

    /** A JMH iteration begins: one sample, as many whole restores as fit its time. */
    void beginIteration(String iterationType) {
        iteration = iterationType + " " + iterations.merge(iterationType, 1, Integer::sum);
        restoreInIteration = 0;
    }

    /** Before each restore, outside the timed part: with {@code cache=cold}, the caches are emptied. */
    void prepare() throws Exception {
        restoreInIteration++;
        last = null;
        if (cache == CacheMode.COLD) {
            clock.time(TrialClock.Part.RESET, this::emptyCaches);
        }
    }

    /**
     * Has the launcher empty the server's caches and the OS page cache ({@link CacheControl}), then
     * drops the store's connections (a restarted server closed them): the restore that follows reads
     * from the disk.
     */
    private void emptyCaches() throws Exception {
        store.endLoad();
        emptied = CacheControl.empty(Systems.serverOf(at.system()));
        store.reconnect();
    }

    /** Reads every file back through {@code stage}'s path: the measured part. */
    void restore(Stage stage) throws Exception {
        last = read(stage);
        clock.add(
                iteration.startsWith("warmup") ? TrialClock.Part.WARMUP_LOAD : TrialClock.Part.MEASURED_LOAD,
                last.nanos());
    }

    private ReadBack read(Stage stage) throws Exception {
        store.startCount();
        Map<String, byte[]> files = new LinkedHashMap<>();
        long[] latencies = stage == Stage.PER_FILE ? new long[names.size()] : new long[0];
        long t0 = System.nanoTime();
        if (stage == Stage.PER_FILE) {
            for (int i = 0; i < names.size(); i++) {
                long f0 = System.nanoTime();
                Optional<byte[]> bytes = layout.read(store, names.get(i));
                latencies[i] = System.nanoTime() - f0;
                if (bytes.isPresent()) {
                    files.put(names.get(i), bytes.get());
                }
            }
        } else {
            for (List<String> batch : bulkBatches()) {
                files.putAll(layout.readAll(store, batch));
            }
        }
        return new ReadBack(files, System.nanoTime() - t0, store.entries(), store.requests(), latencies);
    }

    /**
     * The files in the order of the dataset, in batches of at most {@link #BULK_FILES} files and
     * {@link #BULK_BYTES} bytes (a single larger file is a batch of its own): what one {@link
     * Layout#readAll} asks for, so a batch's result stays small however large the files are.
     */
    List<List<String>> bulkBatches() {
        return bulkBatches(dataset);
    }

    /** {@link #bulkBatches()} of any dataset. */
    static List<List<String>> bulkBatches(StoredDataset dataset) {
        List<List<String>> batches = new ArrayList<>();
        List<String> batch = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < dataset.fileCount(); i++) {
            Manifest.Entry e = dataset.entry(i);
            if (!batch.isEmpty() && (batch.size() == BULK_FILES || bytes + e.bytes() > BULK_BYTES)) {
                batches.add(batch);
                batch = new ArrayList<>();
                bytes = 0;
            }
            batch.add(e.name());
            bytes += e.bytes();
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        return batches;
    }

    /** Verifies every file of the last restore, publishes its figures to the profiler and traces it. */
    Figures measure() throws Exception {
        ReadBack r = last;
        Map<String, Object> e = event(iteration, r);
        try {
            long t0 = System.nanoTime();
            LoadVerifier.verifyRestore(layout, store, dataset, r.files(), at.describe());
            clock.add(TrialClock.Part.VERIFY, System.nanoTime() - t0);
        } catch (Exception | Error failure) {
            e.put("verified", false);
            e.put("error", String.valueOf(failure.getMessage()));
            Trace.append(e);
            throw failure;
        }
        e.put("verified", true);
        Trace.append(e);
        IterationMetrics.publish(new IterationMetrics.Snapshot(dataset.logicalBytes(), r.nanos(), figures(r)));
        long bytes = r.files().values().stream().mapToLong(b -> b.length).sum();
        return new Figures(bytes, r.files().size());
    }

    private Map<StorageMetric, Double> figures(ReadBack r) {
        Map<StorageMetric, Double> f = new EnumMap<>(StorageMetric.class);
        double files = names.size();
        f.put(StorageMetric.RESTORE, dataset.logicalBytes() / 1e6 / (r.nanos() / 1e9));
        f.put(StorageMetric.READ_REQUESTS, r.entries() / files);
        f.put(StorageMetric.ROUND_TRIPS, r.requests() / files);
        if (r.latencies().length > 0) {
            long[] sorted = r.latencies().clone();
            Arrays.sort(sorted);
            f.put(StorageMetric.FILE_LATENCY_P50, percentile(sorted, 0.50) / 1e6);
            f.put(StorageMetric.FILE_LATENCY_P99, percentile(sorted, 0.99) / 1e6);
        }
        return f;
    }

    /** The nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** One restore as a trace event. */
    private Map<String, Object> event(String iter, ReadBack r) {
        Map<String, Object> e = Trace.event("restore", Trace.runId());
        Trace.put(e, at);
        e.put("iteration", iter);
        if (!iter.startsWith("setup")) {
            e.put("load", restoreInIteration);
        }
        e.put("files", r.files().size());
        e.put("logicalBytes", dataset.logicalBytes());
        e.put("seconds", r.nanos() / 1e9);
        e.put("mbps", dataset.logicalBytes() / 1e6 / (r.nanos() / 1e9));
        e.put("readRequests", r.entries());
        e.put("roundTrips", r.requests());
        e.put(BenchmarkCoordinates.CACHE, cache.id());
        if (!emptied.isEmpty()) {
            e.put("cacheEmptied", emptied);
        }
        return e;
    }

    /** Drops what the set-up loaded and closes the store. */
    @Override
    public void close() throws Exception {
        clock.end(at, store, store::reset);
    }
}
