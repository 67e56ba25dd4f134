package org.deduplab.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.deduplab.bench.LoadVerifier;
import org.deduplab.layout.Dedup;
import org.deduplab.layout.Layout;
import org.deduplab.layout.Layouts;
import org.deduplab.layout.Plain;
import org.deduplab.payloads.DatasetFile;
import org.deduplab.payloads.DatasetSpec;
import org.deduplab.payloads.Manifest;
import org.deduplab.payloads.Sha256;
import org.deduplab.payloads.StoredDataset;
import org.deduplab.payloads.analyze.FastCdc;
import org.deduplab.payloads.generation.ChangeRate;
import org.deduplab.payloads.generation.Generations;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every store passes against a real server: both stages of every layout load and read
 * back through the layout, the footprint grows, incompressible data gets no savings, verification
 * notices a lost or changed file or chunk, every registered layout keeps what it promises
 * ({@link Layout#promise()}), also when two loaders write the same content at once. Subclasses say
 * where the stores come from: the embedded servers, Testcontainers where Docker runs, and the
 * in-memory store of the fast tests.
 */
abstract class StoreContract {
    static final Layout PLAIN = new Plain();

    @TempDir
    static Path cache;

    /** A store of {@code system} keeping {@code layout}'s spaces, with the server's default settings. */
    abstract Store open(String system, Layout layout);

    /** Whether two stores opened on {@code system} write into one namespace (a fresh table or bucket each, if not). */
    abstract boolean storesShareANamespace(String system);

    static StoredDataset dataset(String payload, String grade, String size) throws Exception {
        return StoredDataset.materialize(DatasetSpec.of(payload, grade, size, 42), cache);
    }

    /** Loads a dataset through one stage and layout into a fresh target; returns the footprint growth. */
    static long load(Store t, Layout layout, StoredDataset ds, Stage stage) throws Exception {
        t.reset();
        long before = t.footprint().bytes();
        layout.load(t, ds, stage);
        t.footprint().settle();
        return t.footprint().bytes() - before;
    }

    /** The systems this run covers (a subclass may hide this with its own list). */
    static List<String> systemsUnderTest() {
        return Systems.names();
    }

    @ParameterizedTest
    @MethodSource("systemsUnderTest")
    void loadsVerifiesAndReportsAFootprint(String system) throws Exception {
        StoredDataset ds = dataset("random_binary", "U0", "3MiB");
        try (Store t = open(system, PLAIN)) {
            t.provision();
            for (Stage stage : Stage.values()) {
                long physical = load(t, PLAIN, ds, stage);
                assertThat(PLAIN.count(t)).as(stage.method()).isEqualTo(ds.fileCount());
                LoadVerifier.verify(PLAIN, t, ds, system + " " + stage);
                assertThat(physical).as("%s %s footprint", system, stage).isPositive();
                double edr = (double) ds.logicalBytes() / physical;
                assertThat(edr)
                        .as("%s %s random_binary EDR", system, stage)
                        .isLessThanOrEqualTo(1.02)
                        .isGreaterThan(0.2);
            }
            Map<String, String> settings = t.footprint().serverSettings();
            assertThat(settings).isNotEmpty();
            assertThat(settings.values()).allSatisfy(v -> assertThat(v).isNotBlank());
        }
    }

    @ParameterizedTest
    @MethodSource("systemsUnderTest")
    void everyLayoutLoadsAndReadsBackInBothStages(String system) throws Exception {
        StoredDataset ds = dataset("versioned_doc", "U50", "2MiB");
        for (Layout layout : Layouts.ALL) {
            String name = layout.name();
            try (Store t = open(system, layout)) {
                t.provision();
                for (Stage stage : Stage.values()) {
                    long physical = load(t, layout, ds, stage);
                    LoadVerifier.verify(layout, t, ds, system + " " + name + " " + stage);
                    assertThat(physical)
                            .as("%s %s %s footprint", system, name, stage)
                            .isPositive();
                    keepsEachContentOnce(t, layout, ds);
                }
            }
        }
    }

    /**
     * The layout keeps what it promises ({@link Layout#promise()}), counted here independently of it:
     * every file an entry of its own, or one entry of its content-addressed space per distinct file,
     * or per distinct FastCDC chunk.
     */
    static void keepsEachContentOnce(Store t, Layout layout, StoredDataset ds) throws Exception {
        keepsEachContentOnce(t, layout, List.of(ds));
    }

    /** {@link #keepsEachContentOnce(Store, Layout, StoredDataset)} for a store holding the files of several datasets. */
    static void keepsEachContentOnce(Store t, Layout layout, List<StoredDataset> all) throws Exception {
        long units = switch (layout.promise()) {
            case NONE -> all.stream().mapToLong(StoredDataset::fileCount).sum();
            case WHOLE_FILE -> distinctFiles(all);
            case CHUNKS -> distinctChunks(all);
        };
        List<Space> contentSpaces =
                layout.spaces().stream().filter(Space::contentAddressed).toList();
        if (layout.promise() == Dedup.NONE) {
            assertThat(contentSpaces).as(layout.name() + " promises no dedup").isEmpty();
            long entries = 0;
            for (Space s : layout.spaces()) {
                entries += t.count(s);
            }
            assertThat(entries).as(layout.name() + ": one entry per file").isEqualTo(units);
        } else {
            assertThat(contentSpaces)
                    .as(layout.name() + ": one content-addressed space")
                    .hasSize(1);
            assertThat(t.count(contentSpaces.get(0)))
                    .as(layout.name() + ": one entry per distinct " + layout.promise())
                    .isEqualTo(units);
        }
    }

    /** The registered layouts that promise some dedup. */
    static List<Layout> deduplicating() {
        return Layouts.ALL.stream().filter(l -> l.promise() != Dedup.NONE).toList();
    }

    /** Distinct file contents of a dataset (SHA-256 from its manifest). */
    static long distinctFiles(StoredDataset ds) {
        return distinctFiles(List.of(ds));
    }

    static long distinctFiles(List<StoredDataset> all) {
        Set<String> distinct = new HashSet<>();
        for (StoredDataset ds : all) {
            for (int i = 0; i < ds.fileCount(); i++) {
                distinct.add(ds.entry(i).sha256());
            }
        }
        return distinct.size();
    }

    /** Distinct FastCDC chunks of a dataset, counted here independently of any store. */
    static long distinctChunks(StoredDataset ds) {
        return distinctChunks(List.of(ds));
    }

    static long distinctChunks(List<StoredDataset> all) {
        Set<String> distinct = new HashSet<>();
        for (StoredDataset ds : all) {
            for (DatasetFile f : ds) {
                FastCdc.chunk(f.bytes(), (d, off, len) -> {
                    MessageDigest sha = Sha256.digest();
                    sha.update(d, off, len);
                    distinct.add(HexFormat.of().formatHex(sha.digest()));
                });
            }
        }
        return distinct.size();
    }

    /**
     * Generations expired one at a time in a random order, each through the layout's own expiry with
     * every other generation still remaining: after each, every remaining generation reads back byte
     * for byte, and the store keeps exactly what the remaining ones need (no content of an expired one
     * left, none a remaining one uses gone); after the last, nothing.
     */
    @ParameterizedTest
    @MethodSource("systemsUnderTest")
    void expiringGenerationsInAnyOrderKeepsTheRestWhole(String system) throws Exception {
        DatasetSpec spec = DatasetSpec.of("structured_json", "U50", "1MiB", 42);
        Generations made = Generations.of(spec, ChangeRate.parse("40%"));
        List<StoredDataset> all = new ArrayList<>();
        for (int g = 1; g <= 5; g++) {
            all.add(made.materialize(g, spec, cache.resolve("generations-" + spec.slug() + "/g" + g)));
        }
        for (Layout layout : Layouts.ALL) {
            try (Store t = open(system, layout)) {
                t.provision();
                t.reset();
                for (StoredDataset g : all) {
                    layout.load(t, g, Stage.BULK);
                }
                t.footprint().settle();
                List<StoredDataset> remaining = new ArrayList<>(all);
                List<StoredDataset> order = new ArrayList<>(all);
                Collections.shuffle(
                        order,
                        new Random(system.hashCode() * 31L + layout.name().hashCode()));
                for (StoredDataset gone : order) {
                    remaining.remove(gone);
                    layout.expire(t, names(List.of(gone)), names(remaining));
                    t.footprint().settle();
                    String context = system + " " + layout.name() + " after expiring "
                            + gone.entry(0).name();
                    assertThat(layout.count(t))
                            .as(context)
                            .isEqualTo(names(remaining).size());
                    for (StoredDataset kept : remaining) {
                        LoadVerifier.verifyRestore(layout, t, kept, layout.readAll(t, names(List.of(kept))), context);
                    }
                    keepsEachContentOnce(t, layout, remaining);
                }
                for (Space s : layout.spaces()) {
                    assertThat(t.count(s))
                            .as(system + " " + layout.name() + " " + s + " after all expired")
                            .isZero();
                }
            }
        }
    }

    private static List<String> names(List<StoredDataset> datasets) {
        List<String> out = new ArrayList<>();
        datasets.forEach(d -> d.manifest().files().forEach(e -> out.add(e.name())));
        return out;
    }

    @ParameterizedTest
    @MethodSource("systemsUnderTest")
    void twoLoadersWritingTheSameContentAtOnceKeepOneCopy(String system) throws Exception {
        StoredDataset ds = dataset("structured_json", "U50", "2MiB");
        for (Layout layout : deduplicating()) {
            String name = layout.name();
            try (Store t = open(system, layout)) {
                t.provision();
                t.reset();
                Callable<Void> loader = () -> {
                    layout.writeAll(t, ds);
                    return null;
                };
                atOnce(loader, loader);
                t.footprint().settle();
                LoadVerifier.verify(layout, t, ds, system + " " + name + " two loaders");
                // every content once, every file once: the second loader's writes were skipped, not doubled or lost
                keepsEachContentOnce(t, layout, ds);
            }
        }
    }

    /**
     * The perFile stage from two loaders at once, each with its own store and connections on one
     * namespace: every file committed on its own, the shared contents written once. Object stores and
     * CockroachDB take a fresh bucket / table per store, so only the systems with a fixed namespace
     * can share one between two stores.
     */
    @ParameterizedTest
    @MethodSource("systemsUnderTest")
    void twoPerFileLoadersOfTheSameContentKeepOneCopy(String system) throws Exception {
        Assumptions.assumeTrue(storesShareANamespace(system), system + " gives each store its own bucket / table");
        StoredDataset ds = dataset("text_log", "U90", "2MiB");
        for (Layout layout : deduplicating()) {
            String name = layout.name();
            try (Store first = open(system, layout);
                    Store second = open(system, layout)) {
                first.provision();
                atOnce(perFile(layout, first, ds), perFile(layout, second, ds));
                first.footprint().settle();
                second.footprint().settle();
                LoadVerifier.verify(layout, first, ds, system + " " + name + " two perFile loaders");
                keepsEachContentOnce(first, layout, ds);
            }
        }
    }

    /** Runs two loaders on two threads at once; rethrows what either threw. */
    private static void atOnce(Callable<Void> one, Callable<Void> other) throws Exception {
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            for (Future<Void> f : two.invokeAll(List.of(one, other))) {
                f.get();
            }
        } finally {
            two.shutdownNow();
        }
    }

    private static Callable<Void> perFile(Layout layout, Store store, StoredDataset ds) {
        return () -> {
            layout.load(store, ds, Stage.PER_FILE);
            return null;
        };
    }

    @ParameterizedTest
    @MethodSource("systemsUnderTest")
    void theBatchedReadPathReturnsWhatSingleReadsReturnInFewerOrAsManyRequests(String system) throws Exception {
        StoredDataset ds = dataset("structured_json", "U50", "1MiB");
        try (Store t = open(system, PLAIN)) {
            t.provision();
            load(t, PLAIN, ds, Stage.BULK);
            List<String> names =
                    ds.manifest().files().stream().map(Manifest.Entry::name).toList();
            List<String> asked = new ArrayList<>(names);
            asked.add(names.get(0)); // asked twice: fetched once
            asked.add("no-such-file");
            Fetched f = t.getAll(Space.FILES, asked);
            assertThat(f.values().keySet()).containsExactlyElementsOf(names);
            for (String n : names) {
                assertThat(f.values().get(n))
                        .as(n)
                        .isEqualTo(t.get(Space.FILES, n).orElseThrow());
            }
            assertThat(f.requests()).isPositive().isLessThanOrEqualTo(names.size() + 1);
            Map<String, byte[]> read = PLAIN.readAll(t, names);
            LoadVerifier.verifyRestore(PLAIN, t, ds, read, system + " plain restore");
        }
    }

    @ParameterizedTest
    @MethodSource("systemsUnderTest")
    void aRestoreThatMissesAChunkFailsNamingTheFileAndTheChunk(String system) throws Exception {
        StoredDataset ds = dataset("versioned_doc", "U0", "1MiB");
        for (Layout cdc : Layouts.ALL) {
            if (cdc.promise() == Dedup.CHUNKS) {
                restoreThatMissesAChunkFails(system, ds, cdc);
            }
        }
    }

    private void restoreThatMissesAChunkFails(String system, StoredDataset ds, Layout cdc) throws Exception {
        try (Store t = open(system, cdc)) {
            t.provision();
            load(t, cdc, ds, Stage.BULK);
            List<String> names =
                    ds.manifest().files().stream().map(Manifest.Entry::name).toList();
            LoadVerifier.verifyRestore(cdc, t, ds, cdc.readAll(t, names), "whole");
            Map.Entry<String, String> only = chunkOfOneFile(ds);
            String victim = only.getKey();
            String chunk = only.getValue();
            assertThat(t.delete(Space.CHUNKS, chunk)).isTrue();
            assertThatThrownBy(() -> LoadVerifier.verifyRestore(cdc, t, ds, cdc.readAll(t, names), system + " cdc"))
                    .isInstanceOf(LoadVerifier.LoadVerificationException.class)
                    .hasMessageContaining("restore verification failed (" + system + " cdc)")
                    .hasMessageContaining("file " + victim)
                    .hasMessageContaining("chunk " + chunk);
        }
    }

    /** A file and a chunk key (SHA-256, hex, as the cdc layout stores it) that no other file of the dataset has. */
    private static Map.Entry<String, String> chunkOfOneFile(StoredDataset ds) throws Exception {
        Map<String, Set<String>> filesOfChunk = new LinkedHashMap<>();
        for (int i = 0; i < ds.fileCount(); i++) {
            String name = ds.entry(i).name();
            FastCdc.chunk(ds.read(i), (d, off, len) -> {
                MessageDigest sha = Sha256.digest();
                sha.update(d, off, len);
                filesOfChunk
                        .computeIfAbsent(HexFormat.of().formatHex(sha.digest()), k -> new HashSet<>())
                        .add(name);
            });
        }
        return filesOfChunk.entrySet().stream()
                .filter(e -> e.getValue().size() == 1)
                .map(e -> Map.entry(e.getValue().iterator().next(), e.getKey()))
                .findFirst()
                .orElseThrow();
    }

    @ParameterizedTest
    @MethodSource("systemsUnderTest")
    void verificationCatchesALostFile(String system) throws Exception {
        StoredDataset ds = dataset("text_log", "U50", "2MiB");
        for (Layout layout : Layouts.ALL) {
            String name = layout.name();
            try (Store t = open(system, layout)) {
                t.provision();
                load(t, layout, ds, Stage.BULK);
                LoadVerifier.verify(layout, t, ds, "ok");
                String victim = ds.entry(LoadVerifier.sample(ds.fileCount())[1]).name();
                assertThat(layout.delete(t, victim)).isTrue();
                assertThatThrownBy(() -> LoadVerifier.verify(
                                layout, t, ds, "system=" + system + " payload=text_log grade=U50" + " stage=bulk"))
                        .isInstanceOf(LoadVerifier.LoadVerificationException.class)
                        .hasMessageContaining("system=" + system)
                        .hasMessageContaining("payload=text_log")
                        .hasMessageContaining("grade=U50")
                        .hasMessageContaining("stage=bulk")
                        .hasMessageContaining("expected " + ds.fileCount())
                        .hasMessageContaining("found " + (ds.fileCount() - 1));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("systemsUnderTest")
    void verificationCatchesChangedBytes(String system) throws Exception {
        StoredDataset ds = dataset("structured_json", "U0", "1MiB");
        try (Store t = open(system, PLAIN)) {
            t.provision();
            load(t, PLAIN, ds, Stage.PER_FILE);
            Manifest.Entry first = ds.entry(0);
            assertThat(t.delete(Space.FILES, first.name())).isTrue(); // a plain write is not an upsert everywhere
            t.put(Space.FILES, first.name(), new byte[] {1, 2, 3});
            assertThatThrownBy(() -> LoadVerifier.verify(PLAIN, t, ds, "system=" + system))
                    .hasMessageContaining(first.name())
                    .hasMessageContaining(first.sha256())
                    .hasMessageContaining("3 bytes");
        }
    }
}
