package org.deduplab.payloads.mimic;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deduplab.payloads.Dataset;
import org.deduplab.payloads.DatasetSpec;
import org.deduplab.payloads.Grade;
import org.deduplab.payloads.gen.SplitMix64;

/**
 * A dataset with a profile's shape ({@code mimic:PROFILE}), at any size: the requested size sets how
 * many files there are, the profile how large each one is. Which files are exact copies, and how
 * far back their original lies, follows the profile's duplicate structure (the grade adds copies on
 * top, as for {@code dir:}). A distinct file is laid out as runs: fresh runs of its own bytes ({@link
 * ClassGenerator}, per 64 KiB block) and shared runs copied from the fresh bytes of an earlier file,
 * as long as the corpus's runs of shared chunks and as often as its chunk share says, at a 4 KiB
 * aligned offset as often as its aligned-block share says. Every file is a pure function of (profile,
 * grade, size, seed, index).
 */
public final class MimicDataset extends Dataset {
    private static final int ALIGN = 4096;

    private final CorpusProfile profile;
    private final long seed;
    private final List<ClassGenerator> generators = new ArrayList<>();
    private final double[] classWeights;
    private final double classTotal;
    private final double meanRun;
    private int[] ordinals = new int[1024];
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
        super(spec);
        this.profile = CorpusProfile.read(profileFile);
        this.seed = SplitMix64.mix(
                spec.seed(),
                0x313A,
                spec.grade().percent(),
                profileFile.toString().hashCode());
        this.classWeights = new double[profile.content().size()];
        for (int i = 0; i < classWeights.length; i++) {
            generators.add(new ClassGenerator(profile.content().get(i)));
            classWeights[i] = profile.content().get(i).byteShare();
        }
        this.classTotal = Arrays.stream(classWeights).sum();
        this.meanRun = Math.max(ALIGN, Quantiles.mean(profile.nearDuplicates().runBytesQuantiles()));
        planFiles(spec.sizeBytes(), spec.grade());
    }

    /**
     * The plan: files until the size is reached. A grade copy where the grade says (uniform over the
     * unique files so far, as for {@code dir:}); else a copy of the file the profile's copy distance
     * back (any earlier one where that reaches past the first file) whenever the copies' share of the
     * bytes so far is below the corpus's (1 - 1 / its file dedup ratio); else a new unique file.
     */
    private void planFiles(long target, Grade grade) {
        double fileDedup = profile.corpusRatios().getOrDefault("fileDedupRatio", 1.0);
        double copyShare = fileDedup > 1 ? 1 - 1 / fileDedup : 0;
        long copyBytes = 0;
        int[] uniqueIndex = new int[1024];
        int u = 0;
        for (int i = 0; totalBytes < target; i++) {
            if (count == sizes.length) {
                sizes = Arrays.copyOf(sizes, count * 2);
                duplicateOf = Arrays.copyOf(duplicateOf, count * 2);
            }
            SplitMix64 r = rng(0xC0, i);
            int src = -1;
            if (u > 0 && grade.isDuplicate(i)) {
                src = uniqueIndex[(int) (((r.nextLong() >>> 33) * u) >>> 31)];
            } else if (u > 0 && copyBytes < copyShare * totalBytes) {
                long back = Math.max(
                        1, Math.round(Quantiles.sampleLog(profile.duplicates().distanceQuantiles(), r.nextDouble())));
                int at = back <= i ? (int) (i - back) : r.nextInt(i); // further back than this dataset reaches: any
                src = duplicateOf[at] >= 0 ? duplicateOf[at] : at;
                copyBytes += sizes[src];
            }
            if (src >= 0) {
                duplicateOf[i] = src;
                sizes[i] = sizes[src];
            } else {
                if (u == uniqueIndex.length) {
                    uniqueIndex = Arrays.copyOf(uniqueIndex, u * 2);
                }
                uniqueIndex[u] = i;
                duplicateOf[i] = -1;
                sizes[i] = uniqueSize(u);
                onUnique(i, u);
                u++;
            }
            totalBytes += sizes[i];
            count++;
        }
    }

    /** The size of unique file {@code ordinal}, drawn from the profile's size histogram. */
    private int uniqueSize(int ordinal) {
        long s = SizeHistogram.sample(
                profile.sizeHistogram(),
                spread(0x512E, ordinal),
                rng(0x512E, ordinal).nextDouble());
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE - 16, s));
    }

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
        int u = ordinal(index);
        byte[] out = new byte[sizes[index]];
        SplitMix64 sources = rng(0x50C, u);
        for (Run run : runs(u, out.length)) {
            if (run.fresh() || !copy(u, run, out, sources)) {
                fresh(u, run.start(), run.length(), out, run.start());
            }
        }
        blockCache.clear();
        return out;
    }

    /**
     * The file's runs, decided from its own seed only (so another file can ask which of its bytes are
     * fresh without building it): the share of shared bytes drawn from the profile's chunk-share
     * quantiles, the aligned part of it from the block-share quantiles at the same rank.
     */
    private List<Run> runs(int u, int length) {
        SplitMix64 r = rng(0x4A5, u);
        CorpusProfile.NearDuplicates near = profile.nearDuplicates();
        boolean sharing = u > 0 && spread(0x5A4E, u) < near.sharingFiles();
        double rank = r.nextDouble();
        double share = sharing ? Quantiles.sample(near.chunkShareQuantiles(), rank) : 0;
        double aligned = share <= 0 ? 0 : Math.min(1, Quantiles.sample(near.blockShareQuantiles(), rank) / share);
        List<Run> runs = new ArrayList<>();
        if (share <= 0.001) {
            runs.add(new Run(0, length, true, false));
            return runs;
        }
        double meanFresh = meanRun * (1 - share) / share;
        boolean shared = r.nextDouble() < share;
        int pos = 0;
        while (pos < length) {
            int n;
            if (shared) {
                n = (int)
                        Math.round(Quantiles.sampleLog(profile.nearDuplicates().runBytesQuantiles(), r.nextDouble()));
            } else {
                n = (int) Math.round(-meanFresh * StrictMath.log(1 - r.nextDouble()));
            }
            n = Math.max(1, Math.min(length - pos, n));
            runs.add(new Run(pos, n, !shared, shared && r.nextDouble() < aligned));
            pos += n;
            shared = !shared;
        }
        return runs;
    }

    /**
     * Copies a shared run from the fresh bytes of an earlier file (or of this one, before the run),
     * the profile's distance back; false when no fresh bytes were found there.
     */
    private boolean copy(int u, Run run, byte[] out, SplitMix64 r) {
        long back = Math.round(Quantiles.sampleLog(profile.nearDuplicates().sourceDistanceQuantiles(), r.nextDouble()));
        int v = back <= u ? (int) (u - back) : r.nextInt(u + 1);
        List<Run> fresh = new ArrayList<>();
        for (Run s : runs(v, uniqueSize(v))) {
            int end = v == u ? Math.min(s.start() + s.length(), run.start()) : s.start() + s.length();
            if (s.fresh() && end - s.start() >= LzParse.MIN_MATCH) {
                fresh.add(new Run(s.start(), end - s.start(), true, false));
            }
        }
        if (fresh.isEmpty()) {
            return false;
        }
        Run from = fresh.get(r.nextInt(fresh.size()));
        int offset;
        if (run.aligned()) {
            int first = from.start() + Math.floorMod(run.start() - from.start(), ALIGN);
            if (first >= from.start() + from.length()) {
                return false;
            }
            int steps = (from.start() + from.length() - first - 1) / ALIGN;
            offset = first + ALIGN * r.nextInt(steps + 1);
        } else {
            offset = from.start() + r.nextInt(Math.max(1, from.length() - Math.min(from.length(), run.length()) + 1));
            if (Math.floorMod(offset - run.start(), ALIGN) == 0 && offset + 1 < from.start() + from.length()) {
                offset++;
            }
        }
        int n = Math.min(run.length(), from.start() + from.length() - offset);
        fresh(v, offset, n, out, run.start());
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

    /**
     * The content class of a block, drawn by the profile's byte shares: blocks, not files, so that each
     * class gets its share of the bytes whatever the sizes of the files it falls in.
     */
    private ClassGenerator generator(int v, int block) {
        double x = spread(0xC1A55, ((long) v << 20) + block) * classTotal;
        for (int i = 0; i < classWeights.length; i++) {
            x -= classWeights[i];
            if (x < 0) {
                return generators.get(i);
            }
        }
        return generators.get(generators.size() - 1);
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
