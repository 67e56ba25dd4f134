package org.deduplab.payloads.mimic;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.Deflater;
import org.deduplab.payloads.BadInputException;
import org.deduplab.payloads.DirectoryCorpus;
import org.deduplab.payloads.analyze.AnalysisResult;
import org.deduplab.payloads.analyze.FastCdc;
import org.deduplab.payloads.analyze.ReferenceAnalyzer;

/**
 * Reads a corpus once, file by file in {@code dir:} order (sorted relative paths), and keeps only
 * numbers: the {@link CorpusProfile}. Memory: one file, plus the fingerprints of the distinct files,
 * chunks and 4 KiB blocks seen so far (16 bytes each).
 */
public final class Profiler {
    /** Bytes per block of the compressibility model: what the profile parses and the mimic generates at once. */
    public static final int BLOCK = 64 * 1024;

    /** A distinct content: where it first occurred and how many files hold it. */
    private static final class Occurrence {
        final int first;
        int copies = 1;
        /** The class of the file's first block. */
        ContentClass type = ContentClass.BINARY;

        Occurrence(int first) {
            this.first = first;
        }
    }

    private final ReferenceAnalyzer analyzer = new ReferenceAnalyzer();
    private final Deflater deflater = new Deflater(6);
    private final byte[] deflated = new byte[1 << 16];
    private final LzParse lz = new LzParse();
    private final Map<Fingerprint, Occurrence> contents = new HashMap<>();
    private final Map<Fingerprint, Integer> chunkFirst = new HashMap<>();
    private final Set<Fingerprint> blocks = new HashSet<>();
    private final Quantiles.Values sizes = new Quantiles.Values();
    private final long[] sizeHistogram = new long[SizeHistogram.BINS];
    private final long[] copySizeHistogram = new long[SizeHistogram.BINS];
    private final Map<String, long[]> copyClassBySize = new TreeMap<>();
    private final Quantiles.Values distances = new Quantiles.Values();
    private final Quantiles.Values chunkShares = new Quantiles.Values();
    private final Quantiles.Values blockShares = new Quantiles.Values();
    private final Quantiles.Values runBytes = new Quantiles.Values();
    private final Quantiles.Values sourceDistances = new Quantiles.Values();
    /** By content class and literal entropy band ({@code text/4}). */
    private final Map<String, ClassStats> classes = new TreeMap<>();

    private long bytes;
    private long deflatedBytes;
    private int distinct;
    private int sharing;
    private final long[] distinctBySize = new long[32];
    private final long[] sharingBySize = new long[32];

    /** What one content class accumulates. */
    private static final class ClassStats {
        final long[] literals = new long[256];
        final long[] lengths = new long[Log2Histogram.BINS];
        final long[] distances = new long[Log2Histogram.BINS];
        final Quantiles.Values coverage = new Quantiles.Values();
        long bytes;
        long files;
        long repeats;
        long matches;
        double compressed;
        long blocks;
        final ContentClass type;
        final int band;
        final int sizeBand;

        ClassStats(ContentClass type, int band, int sizeBand) {
            this.sizeBand = sizeBand;
            this.type = type;
            this.band = band;
        }
    }

    /** Profiles every regular file under {@code dir}; an empty corpus or a missing directory is a {@link BadInputException}. */
    public static CorpusProfile profile(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException("corpus '" + dir + "' is not a directory; valid: a directory of files");
        }
        List<String> files = DirectoryCorpus.listFiles(dir);
        if (files.isEmpty()) {
            throw new BadInputException(
                    "corpus '" + dir + "' has no regular file; valid: a directory with at least one");
        }
        Profiler p = new Profiler();
        for (String f : files) {
            p.add(Files.readAllBytes(dir.resolve(f)));
        }
        return p.result();
    }

    void add(byte[] data) {
        int index = (int) sizes.n;
        sizes.add(data.length);
        SizeHistogram.add(sizeHistogram, data.length);
        bytes += data.length;
        int zstdBytes = analyzer.add(data);
        deflatedBytes += deflatedSize(data);
        Fingerprint content = fp(data, 0, data.length);
        Occurrence seen = contents.get(content);
        if (seen != null) {
            seen.copies++;
            SizeHistogram.add(copySizeHistogram, data.length);
            copyClassBySize
                    .computeIfAbsent(seen.type.id(), k -> new long[32])[
                    63 - Long.numberOfLeadingZeros(Math.max(1, data.length))]++;
            distances.add(index - seen.first);
            return;
        }
        Occurrence first = new Occurrence(index);
        contents.put(content, first);
        nearDuplicates(data);
        first.type = compressibility(data, zstdBytes);
        distinct++;
    }

    /** The share of the file in chunks and in aligned 4 KiB blocks seen before, and the runs of seen chunks. */
    private void nearDuplicates(byte[] data) {
        if (data.length == 0) {
            return;
        }
        long[] shared = {0};
        long[] run = {0, -1}; // bytes of the current run, distance to its first chunk's source
        FastCdc.chunk(data, (d, off, n) -> {
            Fingerprint c = fp(d, off, n);
            Integer first = chunkFirst.putIfAbsent(c, distinct);
            if (first != null) {
                shared[0] += n;
                if (run[0] == 0) {
                    run[1] = distinct - first;
                }
                run[0] += n;
            } else if (run[0] > 0) {
                endRun(run);
            }
        });
        if (run[0] > 0) {
            endRun(run);
        }
        long blockShared = 0;
        for (int off = 0; off < data.length; off += ReferenceAnalyzer.BLOCK) {
            int n = Math.min(ReferenceAnalyzer.BLOCK, data.length - off);
            if (!blocks.add(fp(data, off, n))) {
                blockShared += n;
            }
        }
        int sizeBin = 63 - Long.numberOfLeadingZeros(data.length);
        distinctBySize[sizeBin]++;
        if (shared[0] > 0) {
            sharing++;
            sharingBySize[sizeBin]++;
            chunkShares.add((double) shared[0] / data.length);
            blockShares.add((double) blockShared / data.length);
        }
    }

    private void endRun(long[] run) {
        runBytes.add(run[0]);
        sourceDistances.add(run[1]);
        run[0] = 0;
    }

    /** Each 64 KiB block parsed on its own, its class told from its bytes, its figures added to its class. */
    private ContentClass compressibility(byte[] data, long fileCompressed) {
        ContentClass firstBlock = ContentClass.BINARY;
        for (int off = 0; off < data.length; off += BLOCK) {
            int n = Math.min(BLOCK, data.length - off);
            lz.parse(data, off, n);
            ContentClass c = ContentClass.of(lz.bytes, n, lz.coverage());
            if (off == 0) {
                firstBlock = c;
            }
            long literalCount = lz.total - lz.matched;
            int band = (int) Math.min(7, Math.floor(ContentClass.entropy(lz.literals, literalCount)));
            int sizeBand = SizeBand.of(n);
            ClassStats s = classes.computeIfAbsent(
                    c.id() + "/" + band + "/" + sizeBand, k -> new ClassStats(c, band, sizeBand));
            s.blocks++;
            s.repeats += lz.repeats;
            s.matches += lz.matches;
            if (off == 0) {
                s.files++;
            }
            s.bytes += n;
            s.compressed += (double) fileCompressed * n / data.length;
            s.coverage.add(lz.coverage(), n); // by bytes: the large blocks hold most of them
            for (int b = 0; b < 256; b++) {
                s.literals[b] += lz.literals[b];
            }
            for (int b = 0; b < Log2Histogram.BINS; b++) {
                s.lengths[b] += lz.lengths[b];
                s.distances[b] += lz.distances[b];
            }
        }
        return firstBlock;
    }

    private long deflatedSize(byte[] data) {
        deflater.reset();
        deflater.setInput(data);
        deflater.finish();
        long n = 0;
        while (!deflater.finished()) {
            n += deflater.deflate(deflated);
        }
        return n;
    }

    private static Fingerprint fp(byte[] d, int off, int n) {
        return Fingerprint.of(d, off, n);
    }

    CorpusProfile result() {
        Map<Integer, Long> copies = new TreeMap<>();
        contents.values().forEach(o -> copies.merge(o.copies, 1L, Long::sum));
        long[][] histogram = copies.entrySet().stream()
                .map(e -> new long[] {e.getKey(), e.getValue()})
                .toArray(long[][]::new);
        long distinctBytes = classes.values().stream().mapToLong(s -> s.bytes).sum();
        List<CorpusProfile.ClassModel> models = new ArrayList<>();
        classes.values().forEach(s -> models.add(Calibration.calibrate(model(s, distinctBytes))));
        AnalysisResult r = analyzer.result();
        Map<String, Double> ratios = new LinkedHashMap<>();
        r.toMap().forEach((k, v) -> {
            if (!k.equals("files") && !k.equals("logicalBytes")) {
                ratios.put(k, Quantiles.round(((Number) v).doubleValue()));
            }
        });
        ratios.put("deflate6Ratio", Quantiles.round(deflatedBytes == 0 ? 0 : (double) bytes / deflatedBytes));
        int points = CorpusProfile.SHARE_POINTS;
        return new CorpusProfile(
                CorpusProfile.FORMAT,
                CorpusProfile.VERSION,
                sizes.n,
                bytes,
                sizes.quantiles(101),
                sizeHistogram,
                new CorpusProfile.Duplicates(
                        contents.size(), histogram, distances.quantiles(points), copySizeHistogram, copyClassBySize),
                new CorpusProfile.NearDuplicates(
                        Quantiles.round(distinct == 0 ? 0 : (double) sharing / distinct),
                        sharingBySize(),
                        chunkShares.quantiles(points),
                        blockShares.quantiles(points),
                        runBytes.quantiles(points),
                        sourceDistances.quantiles(points)),
                models,
                ratios,
                null);
    }

    private double[] sharingBySize() {
        double[] f = new double[distinctBySize.length];
        for (int b = 0; b < f.length; b++) {
            f[b] = distinctBySize[b] == 0 ? 0 : Quantiles.round((double) sharingBySize[b] / distinctBySize[b]);
        }
        return f;
    }

    private CorpusProfile.ClassModel model(ClassStats s, long distinctBytes) {
        long literals = 0;
        for (long l : s.literals) {
            literals += l;
        }
        double[] freq = new double[256];
        for (int b = 0; b < 256; b++) {
            freq[b] = literals == 0 ? 1.0 / 256 : Quantiles.round((double) s.literals[b] / literals);
        }
        return new CorpusProfile.ClassModel(
                s.type.id(),
                s.band,
                s.sizeBand,
                s.blocks == 0 ? 0 : (int) (s.bytes / s.blocks),
                Quantiles.round(distinct == 0 ? 0 : (double) s.files / distinct),
                Quantiles.round(distinctBytes == 0 ? 0 : (double) s.bytes / distinctBytes),
                freq,
                s.coverage.quantiles(CorpusProfile.SHARE_POINTS),
                s.lengths,
                s.distances,
                Quantiles.round(s.matches == 0 ? 0 : (double) s.repeats / s.matches),
                Quantiles.round(s.compressed == 0 ? 1 : s.bytes / s.compressed),
                1.0);
    }
}
