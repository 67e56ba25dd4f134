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
 * mimic's size: the same share of files removed; the same share changed, the likelier the larger the
 * file was as the corpus's changes were, each revised ({@link Revision}) to keep the share of its
 * chunks the corpus's changed files of its size kept and to grow as they grew; files added as copies
 * of the previous generation's files (moves and copies) as often as the corpus's were, then as revised
 * copies until the added bytes the corpus shared with earlier snapshots are matched, then fresh files
 * for the rest of the added bytes, as large as the corpus's added files were (fresh mimic files with
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

    /** File {@code index} of the fresh files added in generation {@code g}. */
    private record Fresh(int g, int index) implements Origin {}

    /** A copy of another file as it was. */
    private record CopyOf(Member source) implements Origin {}

    /** One file of a generation: an id for its draws, its name, its origin and the generations that revised it. */
    private record Member(long id, String name, Origin origin, int[] revisions, long size) {
        Member revised(int g, long newSize) {
            int[] r = Arrays.copyOf(revisions, revisions.length + 1);
            r[revisions.length] = g;
            return new Member(id, name, origin, r, newSize);
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
    private final Map<Integer, Double> keepFactors = new HashMap<>();
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
            g1.add(new Member(nextId++, first.name(i), new Base(i), new int[0], first.size(i)));
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
        Set<Long> changed = choose(
                kept,
                t.changedOldBytes() * scale,
                m -> history.changedBySize()[SnapshotHistory.sizeBin(m.size())],
                m -> (double) m.size(),
                g,
                CHANGE);
        double growth = t.changedOldBytes() == 0 ? 1 : (double) t.changedBytes() / t.changedOldBytes();
        keepFactors.put(
                g,
                keepFactor(kept.stream().filter(m -> changed.contains(m.id())).toList(), t));
        List<Member> out = new ArrayList<>();
        for (Member m : kept) {
            out.add(changed.contains(m.id()) ? m.revised(g, Math.round(m.size() * growth)) : m);
        }
        SplitMix64 r = new SplitMix64(SplitMix64.mix(seed, ADD, g));
        long copies = Math.round(share(t.addedCopyFiles(), t.files()) * previous.size());
        for (long c = 0; c < copies && !previous.isEmpty(); c++) {
            Member source = previous.get(r.nextInt(previous.size()));
            out.add(new Member(nextId, name(g, "c", nextId++), new CopyOf(source), new int[0], source.size()));
        }
        long added = Math.round((t.addedBytes() - t.addedCopyBytes()) * scale);
        long derived = addDerived(g, previous, Math.round(t.addedSharedBytes() * scale), added, r, out);
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
    private long addDerived(int g, List<Member> previous, long shared, long budget, SplitMix64 r, List<Member> out) {
        long kept = 0;
        long bytes = 0;
        for (int tries = 0;
                kept < shared && tries < 64 * Math.max(1, previous.size()) && !previous.isEmpty();
                tries++) {
            Member source = previous.get(r.nextInt(previous.size()));
            double keep = keepOf(source.size(), g);
            if (source.size() < MIN_DERIVED_SOURCE || keep <= 0 || bytes + source.size() > budget) {
                continue;
            }
            Member copy = new Member(nextId, name(g, "d", nextId++), new CopyOf(source), new int[] {g}, source.size());
            out.add(copy);
            kept += Math.round(source.size() * keep);
            bytes += source.size();
        }
        return bytes;
    }

    /**
     * Fresh files: {@code scale} times the transition's added bytes in each size bin, as a mimic whose
     * sizes are drawn from those bins (a large file is made as a large file, and compresses like one).
     */
    private void addFresh(int g, long[] addedBytesBySize, double scale, List<Member> out) {
        long[] histogram = new long[freshContent.sizeHistogram().length];
        long total = 0;
        for (int b = 0; b < addedBytesBySize.length; b++) {
            long bytes = Math.round(addedBytesBySize[b] * scale);
            total += bytes;
            long files = Math.max(bytes > 0 ? 1 : 0, Math.round(bytes / (1.5 * (1L << b))));
            for (long i = 0; i < files; i++) {
                histogram[CorpusProfile.sizeBin((1L << b) + ((1L << b) * (2 * i + 1)) / (2 * files))]++;
            }
        }
        if (total <= 0) {
            return;
        }
        MimicDataset d = new MimicDataset(
                new DatasetSpec(spec.payload(), spec.grade(), total, SplitMix64.mix(spec.seed(), ADD, g)),
                freshContent.withSizes(histogram),
                profileSeed);
        fresh.put(g, d);
        for (int i = 0; i < d.fileCount(); i++) {
            out.add(new Member(nextId, name(g, "n", nextId++), new Fresh(g, i), new int[0], d.size(i)));
        }
    }

    /**
     * What a changed file of {@code size} keeps of its previous version in generation {@code g}: its
     * size's share times the generation's factor ({@link #keepFactor}).
     */
    private double keepOf(long size, int g) {
        return Math.min(1, history.changedShareBySize()[SnapshotHistory.sizeBin(size)] * keepFactors.get(g));
    }

    /**
     * The factor on every size's kept share that makes the files {@code changed} keep, together, the
     * share of their bytes the transition's changed files kept: a generation of small fixes keeps more
     * of its files than one that rewrites them.
     */
    private double keepFactor(List<Member> changed, SnapshotHistory.Transition t) {
        double target = share(t.changedSharedBytes(), t.changedBytes());
        long bytes = changed.stream().mapToLong(Member::size).sum();
        if (bytes == 0 || target == 0) {
            return 0;
        }
        double lo = 0;
        double hi = 1;
        while (kept(changed, hi) < target * bytes && hi < 1e6) {
            hi *= 2;
        }
        for (int i = 0; i < 50; i++) {
            double mid = (lo + hi) / 2;
            if (kept(changed, mid) < target * bytes) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi;
    }

    /**
     * The most a revision of a file of {@code size} can keep: all its chunks but one (a file of one
     * chunk keeps nothing), with chunks of FastCDC's average size.
     */
    private static double keepable(long size) {
        long chunks = Math.max(1, Math.round((double) size / FastCdc.AVG_SIZE));
        return (double) (chunks - 1) / chunks;
    }

    private double kept(List<Member> files, double factor) {
        double sum = 0;
        for (Member m : files) {
            double keep = history.changedShareBySize()[SnapshotHistory.sizeBin(m.size())] * factor;
            sum += m.size() * Math.min(keep, keepable(m.size()));
        }
        return sum;
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
            b = fresh.get(f.g()).content(f.index());
        } else {
            b = bytes(((CopyOf) m.origin()).source());
        }
        for (int g : m.revisions()) {
            SnapshotHistory.Transition t = transition(g);
            double growth = t.changedOldBytes() == 0 ? 1 : (double) t.changedBytes() / t.changedOldBytes();
            b = Revision.revise(
                    b, keepOf(b.length, g), growth, new SplitMix64(SplitMix64.mix(seed, CHANGE, g, m.id())));
        }
        return b;
    }

    /** A uniform draw in [0, 1) for generation {@code g}, file {@code id} and one purpose. */
    private double draw(int g, long id, long purpose) {
        return (SplitMix64.mix(seed, purpose, g, id) >>> 11) * 0x1.0p-53;
    }
}
