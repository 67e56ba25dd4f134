package org.deduplab.payloads.mimic;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deduplab.payloads.Dataset;
import org.deduplab.payloads.DatasetSpec;
import org.deduplab.payloads.Grade;
import org.deduplab.payloads.analyze.FastCdc;
import org.deduplab.payloads.gen.SplitMix64;

/**
 * A dataset with a profile's shape ({@code mimic:PROFILE}), at any size: the requested size sets how
 * many files there are, the profile how large each one is. Which files are exact copies, and how
 * far back their original lies, follows the profile's duplicate structure (the grade adds copies on
 * top, as for {@code dir:}). A distinct file is laid out as runs: fresh runs of its own bytes ({@link
 * ClassGenerator}, per 64 KiB block) and shared runs copied from what an earlier file holds, as long
 * as the corpus's runs of shared chunks and as often as its chunk share says, at a 4 KiB aligned
 * offset as often as its aligned-block share says. Every file is a pure function of (profile, grade,
 * size, seed, index). docs/MIMIC.md tells the whole recipe.
 */
public final class MimicDataset extends Dataset {
    private static final int ALIGN = 4096;

    private final CorpusProfile profile;
    private final long seed;
    private final List<ClassGenerator> generators = new ArrayList<>();
    private final double[] classWeights;
    /** The unique files that share with earlier ones, and per size bin how many files and sharing ones so far. */
    private final BitSet sharingFiles = new BitSet();

    private final long[] filesBySizeBin = new long[32];
    private final long[] sharingBySizeBin = new long[32];
    /** The content classes, their shares of the distinct bytes, and each unique file's class. */
    private final List<String> classNames = new ArrayList<>();

    private final double[][] classShares;
    private final double[][] classBytes;
    private final double[] assignedBytes = new double[4];
    private int[] fileClass = new int[1024];
    /** The sizes of the corpus's distinct files: what a unique file's size is drawn from. */
    private final long[] distinctSizes;
    /** Sizes drawn so far, plus one (0: not yet): every block and source lookup asks for them again. */
    private int[] knownSizes = new int[1024];

    private final double meanRun;
    private int[] ordinals = new int[1024];
    /** Bytes of recent unique files kept for the files that copy from them. */
    static final long RECENT_BYTES = 64L << 20;

    private final Map<Integer, byte[]> recent = new LinkedHashMap<>(256, 0.75f, true);
    private long recentBytes;
    /** Source blocks made while building one file, reused by its later runs. */
    private final Map<Long, byte[]> blockCache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, byte[]> e) {
            return size() > 64;
        }
    };

    /** A run of a file: {@code fresh} ones hold the file's own bytes at the same offset. */
    private record Run(int start, int length, boolean fresh, boolean aligned) {}

    public MimicDataset(DatasetSpec spec, Path profileFile) {
        this(spec, CorpusProfile.read(profileFile), Long.parseLong(CorpusProfile.hashOf(profileFile), 16));
    }

    /**
     * A mimic of {@code profile} (read from a file, or nested in one: a snapshot history's first
     * snapshot), its bytes a function of the spec and {@code profileSeed} (the profile file's hash).
     */
    public MimicDataset(DatasetSpec spec, CorpusProfile profile, long profileSeed) {
        super(spec);
        this.profile = profile;
        this.seed = SplitMix64.mix(spec.seed(), 0x313A, spec.grade().percent(), profileSeed);
        this.classWeights = new double[profile.content().size()];
        for (CorpusProfile.ClassModel c : profile.content()) {
            if (!classNames.contains(c.name())) {
                classNames.add(c.name());
            }
        }
        this.classShares = new double[4][classNames.size()];
        this.classBytes = new double[4][classNames.size()];
        double[] bandBytes = new double[4];
        for (CorpusProfile.ClassModel c : profile.content()) {
            classShares[c.sizeBand()][classNames.indexOf(c.name())] += c.byteShare();
            bandBytes[c.sizeBand()] += c.byteShare();
        }
        for (int b = 0; b < 4; b++) {
            for (int c = 0; c < classNames.size(); c++) {
                classShares[b][c] = bandBytes[b] == 0 ? 1.0 / classNames.size() : classShares[b][c] / bandBytes[b];
            }
        }
        for (int i = 0; i < classWeights.length; i++) {
            generators.add(new ClassGenerator(profile.content().get(i)));
            classWeights[i] = profile.content().get(i).byteShare();
        }
        this.distinctSizes = new long[SizeHistogram.BINS];
        for (int b = 0; b < SizeHistogram.BINS; b++) {
            distinctSizes[b] = Math.max(
                    0, profile.sizeHistogram()[b] - profile.duplicates().copySizeHistogram()[b]);
        }
        this.meanRun = Math.max(ALIGN, Quantiles.mean(profile.nearDuplicates().runBytesQuantiles()));
        planFiles(spec.sizeBytes(), spec.grade());
    }

    /**
     * The plan: files until the size is reached. A grade copy where the grade says (uniform over the
     * unique files so far, as for {@code dir:}); else, with the corpus's share of copies, a copy of a
     * file of the size and class the corpus's copies have, the nearest such to the profile's copy
     * distance back; else a new unique file, whose class and whether it shares are planned here.
     */
    private void planFiles(long target, Grade grade) {
        double copyShare = 1 - (double) profile.duplicates().distinctFiles() / profile.files();
        int copies = 0;
        FilesBySize bySize = new FilesBySize();
        Map<String, FilesBySize> byClass = new java.util.HashMap<>();
        int[] uniqueIndex = new int[1024];
        int u = 0;
        for (int i = 0; totalBytes < target; i++) {
            roomForOneMore();
            SplitMix64 r = rng(0xC0, i);
            int src = -1;
            if (u > 0 && grade.isDuplicate(i)) {
                src = uniqueIndex[(int) (((r.nextLong() >>> 33) * u) >>> 31)];
            } else if (u > 0 && r.nextDouble() < copyShare) {
                // a copy of a file about as large as the corpus's copies, the nearest such to the profile's
                // distance back
                long copySize = SizeHistogram.sample(
                        profile.duplicates().copySizeHistogram(), spread(0xC0B7, copies++), r.nextDouble());
                long back = Math.max(
                        1, Math.round(Quantiles.sampleLog(profile.duplicates().distanceQuantiles(), r.nextDouble())));
                FilesBySize ofClass = byClass.get(copyClass(copies, copySize));
                int near = (int) Math.max(0, i - back);
                src = ofClass != null ? ofClass.nearest(SizeHistogram.bin(copySize), near) : -1;
                src = src >= 0 ? src : bySize.nearest(SizeHistogram.bin(copySize), near);
            }
            if (src >= 0) {
                planCopy(i, src);
            } else {
                uniqueIndex = append(uniqueIndex, u, i);
                planUnique(i, u, ownSize(u));
                fileClass = append(fileClass, u, nextClass(sizes[i]));
                planSharing(u, sizes[i]);
                bySize.add(SizeHistogram.bin(sizes[i]), i);
                u++;
            }
            totalBytes += sizes[i];
            count++;
        }
    }

    /**
     * Whether unique file {@code u} shares: per size bin, as soon as the sharing files fall behind the
     * corpus's share of that bin (error diffusion, so a few dozen large files share at the corpus's rate
     * instead of by chance).
     */
    private void planSharing(int u, int size) {
        int bin = Math.max(0, 63 - Long.numberOfLeadingZeros(size));
        filesBySizeBin[bin]++;
        if (u > 0
                && sharingBySizeBin[bin] < profile.nearDuplicates().sharingBySize()[bin] * filesBySizeBin[bin] - 0.5) {
            sharingBySizeBin[bin]++;
            sharingFiles.set(u);
        }
    }

    /** The size of unique file {@code ordinal}, from the sizes of the corpus's distinct files. */
    private int ownSize(int ordinal) {
        if (ordinal < knownSizes.length && knownSizes[ordinal] > 0) {
            return knownSizes[ordinal] - 1;
        }
        long s = SizeHistogram.sample(
                distinctSizes, spread(0x512E, ordinal), rng(0x512E, ordinal).nextDouble());
        int size = (int) Math.max(0, Math.min(Integer.MAX_VALUE - 16, s));
        if (ordinal >= knownSizes.length) {
            knownSizes = Arrays.copyOf(knownSizes, Math.max(ordinal + 1, knownSizes.length * 2));
        }
        knownSizes[ordinal] = size + 1;
        return size;
    }

    /**
     * How unique file {@code u} shares with earlier files: whether it shares at all (as the plan
     * decided), then from its own seed its share of bytes in chunks seen before and the part of it at
     * aligned offsets (the chunk and block share quantiles at the same rank), and the file it copies
     * from, the profile's source distance back ({@code u} itself: repeats within the file).
     */
    private Sharing sharing(int u) {
        CorpusProfile.NearDuplicates near = profile.nearDuplicates();
        if (u == 0 || !sharingFiles.get(u)) {
            return new Sharing(0, 0, -1);
        }
        SplitMix64 r = rng(0x4A5, u);
        double rank = r.nextDouble();
        double share = Quantiles.sample(near.chunkShareQuantiles(), rank);
        double aligned = share <= 0 ? 0 : Math.min(1, Quantiles.sample(near.blockShareQuantiles(), rank) / share);
        long back = Math.round(Quantiles.sampleLog(near.sourceDistanceQuantiles(), r.nextDouble()));
        int source = back <= u ? (int) (u - back) : r.nextInt(u + 1);
        // related files are alike in size: the first of the next few further back that is at least half
        // as large (a smaller source cannot give a larger file its share)
        for (int v = source, tries = 0; v >= 0 && v < u && tries < 32; v--, tries++) {
            if (ownSize(v) >= ownSize(u) / 2) {
                source = v;
                break;
            }
        }
        return new Sharing(share, aligned, source);
    }

    private record Sharing(double share, double aligned, int source) {}

    @Override
    protected void onUnique(int index, int ordinal) {
        if (index >= ordinals.length) {
            ordinals = Arrays.copyOf(ordinals, Math.max(index + 1, ordinals.length * 2));
        }
        ordinals[index] = ordinal;
    }

    private int ordinal(int index) {
        return ordinals[duplicateOf[index] >= 0 ? duplicateOf[index] : index];
    }

    @Override
    public String name(int index) {
        return String.format(Locale.ROOT, "%07d.bin", index);
    }

    @Override
    public byte[] content(int index) {
        return bytesOf(ordinal(index)).clone();
    }

    /**
     * The bytes of unique file {@code u}: its fresh runs from its own fresh bytes, its shared runs
     * copied from what an earlier file holds (built the same way, so revisions of revisions share what
     * they inherited). Recent files are kept, up to {@link #RECENT_BYTES}, so that a dataset written in
     * order builds each file once; any file alone is the same bytes, built through its sources.
     */
    private byte[] bytesOf(int u) {
        byte[] done = recent.get(u);
        if (done != null) {
            return done;
        }
        byte[] out = new byte[ownSize(u)];
        SplitMix64 sources = rng(0x50C, u);
        Sharing sh = sharing(u);
        for (Run run : runs(u, out.length, sh)) {
            if (run.fresh() || !copy(u, sh.source(), run, out, sources)) {
                fresh(u, run.start(), run.length(), out, run.start());
            }
        }
        remember(u, out);
        return out;
    }

    private void remember(int u, byte[] bytes) {
        recent.put(u, bytes);
        recentBytes += bytes.length;
        var it = recent.entrySet().iterator();
        while (recentBytes > RECENT_BYTES && it.hasNext()) {
            var e = it.next();
            if (e.getKey() != u) {
                recentBytes -= e.getValue().length;
                it.remove();
            }
        }
    }

    /**
     * The file's runs, from its own seed and how it shares ({@link #sharing}): shared runs as long as
     * the corpus's runs of shared chunks, fresh runs as long as the share asks, aligned runs as often
     * as the aligned part says.
     */
    private List<Run> runs(int u, int length, Sharing sh) {
        double share = sh.share();
        double aligned = sh.aligned();
        SplitMix64 r = rng(0x4A6, u);
        List<Run> runs = new ArrayList<>();
        if (share <= 0.001) {
            runs.add(new Run(0, length, true, false));
            return runs;
        }
        // fresh runs as long on average as the file's share asks, for runs no longer than the file;
        // a sharing file starts with what it shares (as a revision keeps its head), so a small one shares too
        double meanShared = Math.min(meanRun, Math.max(ALIGN, share * length));
        double meanFresh = meanShared * (1 - share) / share;
        boolean shared = true;
        int pos = 0;
        while (pos < length) {
            int n;
            boolean alignedRun = shared && r.nextDouble() < aligned;
            if (shared) {
                // the profile counts whole chunks seen before: a copied run's edges fall inside chunks (at
                // 4 KiB offsets the block edges lose half a block instead)
                n = (int)
                        Math.round(Quantiles.sampleLog(profile.nearDuplicates().runBytesQuantiles(), r.nextDouble())
                                + (alignedRun ? ALIGN / 2 : FastCdc.AVG_SIZE));
            } else {
                n = (int) Math.round(-meanFresh * StrictMath.log(1 - r.nextDouble()));
            }
            n = Math.max(1, Math.min(length - pos, n));
            runs.add(new Run(pos, n, !shared, alignedRun));
            pos += n;
            shared = !shared;
        }
        if (runs.stream().noneMatch(Run::fresh)) { // a revision differs somewhere, or it would be a copy
            int k = r.nextInt(runs.size());
            Run whole = runs.get(k);
            int edit = (int) Math.max(1, Math.min(whole.length() - 1, Math.round((1 - share) * length)));
            if (whole.length() > 1) {
                runs.set(k, new Run(whole.start(), whole.length() - edit, false, whole.aligned()));
                runs.add(k + 1, new Run(whole.start() + whole.length() - edit, edit, true, false));
            }
        }
        return runs;
    }

    /**
     * Copies a shared run from the file's source {@code v} (an earlier file, or {@code u} itself: what
     * comes before the run), at an offset of the same 4 KiB alignment where the run is aligned; what the
     * source cannot fill stays fresh. False when there is no source.
     */
    private boolean copy(int u, int v, Run run, byte[] out, SplitMix64 r) {
        if (v < 0) {
            return false;
        }
        byte[] src = v == u ? out : bytesOf(v);
        int limit = v == u ? run.start() : src.length; // within this file: only what comes before the run
        if (limit < LzParse.MIN_MATCH) {
            return false;
        }
        int n = Math.min(run.length(), limit);
        // where a revision keeps its bytes: near the same offset, shifted (or not, when aligned) a little
        int near = Math.min(run.start(), limit - n);
        int offset = run.aligned()
                ? near - Math.floorMod(near - run.start(), ALIGN)
                : near - 1 - r.nextInt(Math.min(near, ALIGN - 1) + 1);
        if (offset < 0 && !run.aligned()) {
            offset = near + 1 + r.nextInt(ALIGN - 1); // shifted forward where it cannot go back
        }
        if (offset < 0 || offset + n > limit) {
            offset = Math.max(0, Math.min(limit - n, near));
        }
        System.arraycopy(src, offset, out, run.start(), n);
        if (n < run.length()) {
            fresh(u, run.start() + n, run.length() - n, out, run.start() + n);
        }
        return true;
    }

    /** Copies {@code n} of file {@code v}'s fresh bytes from {@code offset} into {@code out} at {@code at}. */
    private void fresh(int v, int offset, int n, byte[] out, int at) {
        int done = 0;
        while (done < n) {
            int block = (offset + done) / Profiler.BLOCK;
            int in = (offset + done) % Profiler.BLOCK;
            int k = Math.min(n - done, Profiler.BLOCK - in);
            byte[] b = block(v, block, in + k);
            System.arraycopy(b, in, out, at + done, k);
            done += k;
        }
    }

    /** At least the first {@code needed} bytes of block {@code block} of file {@code v}'s fresh bytes. */
    private byte[] block(int v, int block, int needed) {
        long key = ((long) v << 24) | block;
        byte[] b = blockCache.get(key);
        if (b == null || b.length < needed) {
            b = new byte[needed];
            generator(v, block).fill(b, needed, rng(0xB10C, v, block));
            blockCache.put(key, b);
        }
        return b;
    }

    /** The generator of block {@code block} of unique file {@code v}: its content model's ({@link #model}). */
    private ClassGenerator generator(int v, int block) {
        return generators.get(model(v, block));
    }

    /**
     * The index of the content model of block {@code block} of unique file {@code v}: drawn by byte
     * share among the models of the file's class for blocks that long, else of its class, else any.
     */
    private int model(int v, int block) {
        int band = SizeBand.of(Math.min(Profiler.BLOCK, ownSize(v) - block * Profiler.BLOCK));
        String type = classOf(v);
        double x = spread(0xC1A55, ((long) v << 20) + block);
        int m = pick(x, band, type);
        m = m >= 0 ? m : pick(x, -1, type);
        return m >= 0 ? m : pick(x, -1, null);
    }

    /** The model at point {@code x} of the byte shares of those of {@code band} (-1: any) and {@code type} (null: any). */
    private int pick(double x, int band, String type) {
        double total = 0;
        for (int i = 0; i < classWeights.length; i++) {
            total += weight(i, band, type);
        }
        if (total <= 0) {
            return -1;
        }
        double left = x * total;
        for (int i = 0; i < classWeights.length; i++) {
            left -= weight(i, band, type);
            if (left < 0) {
                return i;
            }
        }
        return classWeights.length - 1;
    }

    private double weight(int model, int band, String type) {
        CorpusProfile.ClassModel c = profile.content().get(model);
        boolean fits =
                (band < 0 || c.sizeBand() == band) && (type == null || c.name().equals(type));
        return fits ? classWeights[model] : 0;
    }

    /** The content class of unique file {@code v}, as the plan gave it. */
    private String classOf(int v) {
        return classNames.get(fileClass[v]);
    }

    /**
     * The class of the next unique file, of {@code size} bytes: among files of its length band, the
     * one furthest behind its share of that band's bytes (error diffusion), so that whole files keep
     * one class (a gzip file is compressed throughout), small and large files keep the classes they
     * have in the corpus, and the classes get their shares of the bytes whatever a few large files
     * would do to independent draws.
     */
    private int nextClass(long size) {
        int band = SizeBand.of((int) Math.min(Profiler.BLOCK, size));
        int best = 0;
        double behind = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classNames.size(); c++) {
            double d = classShares[band][c] * (assignedBytes[band] + size) - classBytes[band][c];
            if (d > behind) {
                behind = d;
                best = c;
            }
        }
        classBytes[band][best] += size;
        assignedBytes[band] += size;
        return best;
    }

    /** The class of the file a copy of {@code size} bytes copies: drawn by the corpus's copies of that size. */
    private String copyClass(int n, long size) {
        int bin = 63 - Long.numberOfLeadingZeros(Math.max(1, size));
        Map<String, long[]> byClass = profile.duplicates().copyClassBySize();
        double total = byClass.values().stream().mapToLong(c -> c[bin]).sum();
        double x = spread(0xC1A5, n) * total;
        for (Map.Entry<String, long[]> e : byClass.entrySet()) {
            x -= e.getValue()[bin];
            if (x < 0) {
                return e.getKey();
            }
        }
        return "";
    }

    /**
     * A point in [0, 1) for the n-th draw of one purpose, spread evenly over the draws (the golden
     * ratio's additive sequence from a seeded start): a few hundred files already follow the profile's
     * distributions closely, where independent draws would leave the long tail of sizes to chance.
     */
    private double spread(long purpose, long n) {
        double start = (SplitMix64.mix(seed, purpose) >>> 11) * 0x1.0p-53;
        double x = start + n * 0.6180339887498949;
        return x - Math.floor(x);
    }

    private SplitMix64 rng(long... purpose) {
        long[] parts = Arrays.copyOf(purpose, purpose.length + 1);
        parts[purpose.length] = seed;
        return new SplitMix64(SplitMix64.mix(parts));
    }
}
