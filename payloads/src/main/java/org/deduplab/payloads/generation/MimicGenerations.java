package org.deduplab.payloads.generation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.deduplab.payloads.BadInputException;
import org.deduplab.payloads.DatasetSpec;
import org.deduplab.payloads.analyze.FastCdc;
import org.deduplab.payloads.gen.SplitMix64;
import org.deduplab.payloads.mimic.CorpusProfile;
import org.deduplab.payloads.mimic.MimicDataset;
import org.deduplab.payloads.mimic.SnapshotHistory;

/**
 * The generations of a mimic whose profile has a snapshot history ({@code profile PATH --snapshots}):
 * generation 1 is a mimic of the first snapshot at the requested size, and generation g follows the
 * corpus's (g-1)-th transition (cycling when there are more generations than snapshots) scaled to the
 * mimic's size: the same share of files removed; as many bytes changed in files of each size as the
 * corpus changed in files of that size, each file revised ({@link Revision}) to keep the share of its
 * chunks those files kept, in whole chunks, and to grow as they grew; files added as copies
 * of the previous generation's files (moves and copies) as often as the corpus's were, then as revised
 * copies until the added bytes the corpus shared with earlier snapshots are matched, then fresh files
 * for the rest of the added bytes, as large as the corpus's added files were (cut from fresh mimic files with
 * the first snapshot's structure and the content of all snapshots: a source tree's later files are not
 * its first files'). {@code -p change} does not apply: the corpus says how much
 * changes. A pure function of the spec and the profile, like every dataset.
 */
final class MimicGenerations extends Generations {
    private static final long REMOVE = 0x4E40;
    private static final long CHANGE = 0xC4A6;
    private static final long ADD = 0xADD;
    private static final int MIN_DERIVED_SOURCE = 16 * 1024;

    /** Where a file's first bytes come from. */
    private sealed interface Origin {}

    /** File {@code index} of generation 1's mimic. */
    private record Base(int index) implements Origin {}

    /** The first {@code length} bytes of fresh files {@code indices} of generation {@code g}, end to end. */
    private record Fresh(int g, int[] indices, int length) implements Origin {}

    /** A copy of another file as it was. */
    private record CopyOf(Member source) implements Origin {}

    /**
     * One file of a generation: an id for its draws, its name, its origin, the generations that revised
     * it and the share of its chunks each revision kept.
     */
    private record Member(long id, String name, Origin origin, int[] revisions, double[] keeps, long size) {
        Member revised(int g, double keep, long newSize) {
            int[] r = Arrays.copyOf(revisions, revisions.length + 1);
            r[revisions.length] = g;
            double[] k = Arrays.copyOf(keeps, keeps.length + 1);
            k[keeps.length] = keep;
            return new Member(id, name, origin, r, k, newSize);
        }
    }

    /**
     * Kept shares in whole chunks, with the rounding error carried from file to file (error diffusion
     * by bytes): a generation of two-chunk files asked to keep a tenth keeps one chunk in every fifth
     * file, so its kept bytes are the corpus's, not that give or take chance.
     */
    private static final class WholeChunks {
        private double owed;

        double keep(long size, double keep) {
            long n = Math.max(1, Math.round((double) size / FastCdc.AVG_SIZE));
            double want = keep * size + owed;
            long j = Math.max(0, Math.min(n - 1, Math.round(want * n / Math.max(1, size))));
            owed = want - (double) j * size / n;
            return (double) j / n;
        }
    }

    private final DatasetSpec spec;
    private final SnapshotHistory history;
    /** What added files are made of: the first snapshot's structure, the content models of all snapshots. */
    private final CorpusProfile freshContent;

    private final long profileSeed;
    private final long seed;
    private final MimicDataset first;
    private final List<List<Member>> plans = new ArrayList<>();
    private final Map<Integer, MimicDataset> fresh = new HashMap<>();
    private long nextId;

    MimicGenerations(DatasetSpec spec, SnapshotHistory history, CorpusProfile freshContent, long profileSeed) {
        this.spec = spec;
        this.history = history;
        this.freshContent = freshContent;
        this.profileSeed = SplitMix64.mix(profileSeed, 0x1157);
        this.seed = SplitMix64.mix(spec.seed(), 0x6E31, spec.grade().percent(), profileSeed);
        this.first = new MimicDataset(spec, history.first(), this.profileSeed);
        List<Member> g1 = new ArrayList<>();
        for (int i = 0; i < first.fileCount(); i++) {
            g1.add(new Member(nextId++, first.name(i), new Base(i), new int[0], new double[0], first.size(i)));
        }
        plans.add(g1);
    }

    static MimicGenerations of(DatasetSpec spec, CorpusProfile profile, long profileSeed) {
        SnapshotHistory h = profile.history()
                .orElseThrow(() -> new BadInputException("generations of '" + spec.payload()
                        + "': the profile has no snapshot history; valid: a profile made with"
                        + " profile PATH --snapshots (PATH: a directory of snapshot subdirectories)"));
        return new MimicGenerations(spec, h, h.first().withContent(profile.content()), profileSeed);
    }

    @Override
    public synchronized List<File> files(int g) {
        checkGeneration(g);
        while (plans.size() < g) {
            plans.add(next(plans.size() + 1));
        }
        List<File> out = new ArrayList<>();
        for (Member m : plans.get(g - 1)) {
            out.add(new File(m.name(), () -> bytes(m)));
        }
        return out;
    }

    @Override
    public Optional<Integer> count() {
        return Optional.empty();
    }

    private SnapshotHistory.Transition transition(int g) {
        List<SnapshotHistory.Transition> all = history.transitions();
        return all.get((g - 2) % all.size());
    }

    /** The plan of generation {@code g} from that of {@code g - 1}. */
    private List<Member> next(int g) {
        List<Member> previous = plans.get(g - 2);
        SnapshotHistory.Transition t = transition(g);
        long bytes = previous.stream().mapToLong(Member::size).sum();
        double scale = t.bytes() == 0 ? 0 : (double) bytes / t.bytes();
        Set<Long> removed =
                choose(previous, share(t.removedFiles(), t.files()) * previous.size(), m -> 1.0, m -> 1.0, g, REMOVE);
        List<Member> kept =
                previous.stream().filter(m -> !removed.contains(m.id())).toList();
        Map<Long, Double> changed = changes(kept, t, scale, g);
        double growth = t.changedOldBytes() == 0 ? 1 : (double) t.changedBytes() / t.changedOldBytes();
        WholeChunks rounding = new WholeChunks();
        List<Member> out = new ArrayList<>();
        for (Member m : kept) {
            Double keep = changed.get(m.id());
            out.add(keep == null ? m : m.revised(g, rounding.keep(m.size(), keep), Math.round(m.size() * growth)));
        }
        SplitMix64 r = new SplitMix64(SplitMix64.mix(seed, ADD, g));
        long copies = Math.round(share(t.addedCopyFiles(), t.files()) * previous.size());
        for (long c = 0; c < copies && !previous.isEmpty(); c++) {
            Member source = previous.get(r.nextInt(previous.size()));
            out.add(new Member(
                    nextId, name(g, "c", nextId++), new CopyOf(source), new int[0], new double[0], source.size()));
        }
        long added = Math.round((t.addedBytes() - t.addedCopyBytes()) * scale);
        long derived = addDerived(g, previous, Math.round(t.addedSharedBytes() * scale), added, r, rounding, out);
        addFresh(g, t.addedBytesBySize(), added == 0 ? 0 : scale * (added - derived) / added, out);
        return out;
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }

    /**
     * Files of {@code files} that add up to {@code target} of {@code measure} (a count, or bytes) as
     * closely as they can: in a random order where a file comes the earlier the larger its weight
     * (weighted sampling without replacement: by {@code u^(1/weight)}), each taken when it brings the
     * sum closer to the target. As many files, or bytes, as the transition removed or changed, the
     * larger files as much likelier as the corpus's were, without the chance of a few large files
     * deciding a generation.
     */
    private Set<Long> choose(
            List<Member> files,
            double target,
            ToDoubleFunction<Member> weight,
            ToDoubleFunction<Member> measure,
            int g,
            long purpose) {
        List<double[]> order = new ArrayList<>(); // key, index
        for (int i = 0; i < files.size(); i++) {
            double w = weight.applyAsDouble(files.get(i));
            if (w > 0) {
                double u = Math.max(Double.MIN_VALUE, draw(g, files.get(i).id(), purpose));
                order.add(new double[] {Math.log(u) / w, i});
            }
        }
        order.sort(Comparator.comparingDouble((double[] e) -> e[0]).reversed());
        Set<Long> out = new HashSet<>();
        double sum = 0;
        for (double[] e : order) {
            Member m = files.get((int) e[1]);
            double x = measure.applyAsDouble(m);
            if (Math.abs(sum + x - target) < Math.abs(sum - target)) {
                out.add(m.id());
                sum += x;
            }
        }
        return out;
    }

    /**
     * Added files that are revised copies of the previous generation's files, until their kept bytes
     * reach {@code shared} (at most {@code budget} bytes); returns their bytes.
     */
    private long addDerived(
            int g,
            List<Member> previous,
            long shared,
            long budget,
            SplitMix64 r,
            WholeChunks rounding,
            List<Member> out) {
        long kept = 0;
        long bytes = 0;
        for (int tries = 0;
                kept < shared && tries < 64 * Math.max(1, previous.size()) && !previous.isEmpty();
                tries++) {
            Member source = previous.get(r.nextInt(previous.size()));
            double keep = keepOf(source.size());
            if (source.size() < MIN_DERIVED_SOURCE || keep <= 0 || bytes + source.size() > budget) {
                continue;
            }
            Member copy = new Member(
                    nextId,
                    name(g, "d", nextId++),
                    new CopyOf(source),
                    new int[] {g},
                    new double[] {rounding.keep(source.size(), keep)},
                    source.size());
            out.add(copy);
            kept += Math.round(source.size() * keep);
            bytes += source.size();
        }
        return bytes;
    }

    /**
     * Fresh files: {@code scale} times the transition's added bytes in each size bin, in files of exactly
     * the bin's share of them, each cut from a fresh mimic file drawn at about its size (the largest to
     * the largest, from a pool of twice the bytes; one too small is continued by the smallest left): a
     * large file is made of blocks of a large file, and compresses like one.
     */
    private void addFresh(int g, long[] addedBytesBySize, double scale, List<Member> out) {
        List<Integer> sizes = new ArrayList<>();
        long[] histogram = new long[freshContent.sizeHistogram().length];
        for (int b = 0; b < addedBytesBySize.length; b++) {
            long bytes = Math.round(addedBytesBySize[b] * scale);
            long files = bytes <= 0 ? 0 : Math.max(1, Math.round(bytes / (1.5 * (1L << b))));
            for (long i = 0; i < files; i++) {
                int size = (int) Math.min(
                        Integer.MAX_VALUE - 16, i < files - 1 ? bytes / files : bytes - (files - 1) * (bytes / files));
                sizes.add(size);
                histogram[CorpusProfile.sizeBin(size)]++;
            }
        }
        long total = sizes.stream().mapToLong(Integer::longValue).sum();
        if (total <= 0) {
            return;
        }
        MimicDataset d = new MimicDataset(
                new DatasetSpec(spec.payload(), spec.grade(), 2 * total, SplitMix64.mix(spec.seed(), ADD, g)),
                freshContent.withSizes(histogram),
                profileSeed);
        fresh.put(g, d);
        List<Integer> pool = new ArrayList<>();
        for (int i = 0; i < d.fileCount(); i++) {
            pool.add(i);
        }
        pool.sort(Comparator.comparingInt((Integer i) -> d.size(i)).reversed());
        sizes.sort(Comparator.reverseOrder());
        int next = 0;
        int last = pool.size() - 1;
        for (int size : sizes) {
            List<Integer> used = new ArrayList<>();
            long have = 0;
            while (have < size && next <= last) {
                int i = used.isEmpty() ? pool.get(next++) : pool.get(last--);
                used.add(i);
                have += d.size(i);
            }
            if (used.isEmpty()) {
                break; // never: the pool holds twice the bytes asked, the cut files' rest unused
            }
            int length = (int) Math.min(size, have);
            int[] indices = used.stream().mapToInt(Integer::intValue).toArray();
            out.add(new Member(
                    nextId, name(g, "n", nextId++), new Fresh(g, indices, length), new int[0], new double[0], length));
        }
    }

    private static byte[] freshBytes(MimicDataset d, Fresh f) {
        byte[] out = new byte[f.length()];
        int at = 0;
        for (int i : f.indices()) {
            byte[] b = d.content(i);
            int n = Math.min(b.length, out.length - at);
            System.arraycopy(b, 0, out, at, n);
            at += n;
        }
        return out;
    }

    /** What a file of {@code size} changed in any snapshot kept of its previous version, on average. */
    private double keepOf(long size) {
        return history.changedShareBySize()[SnapshotHistory.sizeBin(size)];
    }

    /**
     * The files generation {@code g} changes, and the share of its chunks each keeps: size bin by size
     * bin from the largest, files adding up as closely as they can to the bytes the transition changed
     * in files of that size (scaled to the mimic), each keeping what those files kept; what a bin cannot
     * give (the corpus changed a file of a size the mimic has none of) is asked of the next smaller one.
     */
    private Map<Long, Double> changes(List<Member> kept, SnapshotHistory.Transition t, double scale, int g) {
        Map<Integer, List<Member>> byBin = new HashMap<>();
        kept.forEach(m -> byBin.computeIfAbsent(SnapshotHistory.sizeBin(m.size()), b -> new ArrayList<>())
                .add(m));
        Map<Long, Double> out = new HashMap<>();
        double owedOld = 0;
        double owedShared = 0;
        for (int b = SnapshotHistory.SIZE_BINS - 1; b >= 0; b--) {
            double target = t.changedOldBytesBySize()[b] * scale + owedOld;
            double sharedHere = t.changedSharedBytesBySize()[b] * scale + owedShared;
            double newHere = t.changedBytesBySize()[b] * scale + owedOld;
            double keep = newHere <= 0 ? 0 : Math.min(1, sharedHere / newHere);
            List<Member> files = byBin.getOrDefault(b, List.of());
            Set<Long> chosen = choose(files, target, m -> 1.0, m -> (double) m.size(), g, CHANGE);
            double got = files.stream()
                    .filter(m -> chosen.contains(m.id()))
                    .mapToLong(Member::size)
                    .sum();
            chosen.forEach(id -> out.put(id, keep));
            owedOld = Math.max(0, target - got);
            owedShared = target <= 0 ? 0 : sharedHere * owedOld / target;
        }
        return out;
    }

    private static String name(int g, String kind, long id) {
        return String.format(Locale.ROOT, "%s%04d-%07d.bin", kind, g, id);
    }

    /** The bytes of a member: its origin's, then each of its revisions in order. */
    private synchronized byte[] bytes(Member m) {
        byte[] b;
        if (m.origin() instanceof Base base) {
            b = first.content(base.index());
        } else if (m.origin() instanceof Fresh f) {
            b = freshBytes(fresh.get(f.g()), f);
        } else {
            b = bytes(((CopyOf) m.origin()).source());
        }
        for (int i = 0; i < m.revisions().length; i++) {
            int g = m.revisions()[i];
            SnapshotHistory.Transition t = transition(g);
            double growth = t.changedOldBytes() == 0 ? 1 : (double) t.changedBytes() / t.changedOldBytes();
            b = Revision.revise(b, m.keeps()[i], growth, new SplitMix64(SplitMix64.mix(seed, CHANGE, g, m.id())));
        }
        return b;
    }

    /** A uniform draw in [0, 1) for generation {@code g}, file {@code id} and one purpose. */
    private double draw(int g, long id, long purpose) {
        return (SplitMix64.mix(seed, purpose, g, id) >>> 11) * 0x1.0p-53;
    }
}
