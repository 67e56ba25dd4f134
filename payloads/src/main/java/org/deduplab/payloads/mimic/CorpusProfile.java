package org.deduplab.payloads.mimic;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.deduplab.payloads.BadInputException;
import org.deduplab.payloads.Sha256;

/**
 * What {@code profile PATH} writes: the shape of a corpus without its content or its names
 * (docs/MIMIC.md documents every field). Numbers only: counts, quantiles, histograms and ratios.
 *
 * @param format         always {@value #FORMAT}
 * @param version        {@value #VERSION}; a reader refuses any other
 * @param files          regular files in the corpus
 * @param bytes          their total size
 * @param sizeQuantiles  file sizes in bytes, p0, p1, ..., p100 (101 points)
 * @param sizeHistogram  files by size, in bins of an eighth of a power of two ({@link SizeHistogram}):
 *                       what a mimic draws its sizes from (quantiles alone lose the tail's weight)
 * @param duplicates     the exact-duplicate structure
 * @param nearDuplicates what distinct files share with earlier ones, by FastCDC chunk and 4 KiB block
 * @param content        per content class, what LZ compressors see in it
 * @param corpusRatios   the reference analyzer's ratios of the corpus itself, plus deflate-6 per file
 * @param generations    for a directory of snapshots profiled with {@code --snapshots}: how one snapshot
 *                       becomes the next (absent otherwise, and then a mimic has no generations)
 */
public record CorpusProfile(
        String format,
        int version,
        long files,
        long bytes,
        double[] sizeQuantiles,
        long[] sizeHistogram,
        Duplicates duplicates,
        NearDuplicates nearDuplicates,
        List<ClassModel> content,
        Map<String, Double> corpusRatios,
        @JsonInclude(JsonInclude.Include.NON_NULL) SnapshotHistory generations) {
    public static final String FORMAT = "dedup-lab-profile";
    public static final int VERSION = 1;
    /** Quantile points of the share and distance distributions: p0, p5, ..., p100. */
    static final int SHARE_POINTS = 21;

    private static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /**
     * @param distinctFiles      distinct contents
     * @param copiesHistogram    [copies, contents] pairs: how many contents occur that many times
     * @param distanceQuantiles  how many files after its content's first occurrence a copy comes (21 points)
     * @param copySizeHistogram  the copies by size, as {@code sizeHistogram}: which files get copied
     * @param copyClassBySize    per content class of the file copied (its first block), the copies by size,
     *                           by power of two: a large copy in /usr/share/doc is a gzip changelog
     */
    public record Duplicates(
            long distinctFiles,
            long[][] copiesHistogram,
            double[] distanceQuantiles,
            long[] copySizeHistogram,
            Map<String, long[]> copyClassBySize) {}

    /**
     * Over the distinct files, in corpus order. Sharing is often rare (a few files share much, most
     * nothing), so the shares are quantiles over the sharing files only.
     *
     * @param sharingFiles            share of the distinct files with any chunk seen earlier
     * @param sharingBySize           the same per file size, by power of two (bin b: 2^b..2^(b+1)-1 bytes):
     *                                small files rarely hold a whole chunk in common
     * @param chunkShareQuantiles     of a sharing file: share of its bytes in FastCDC chunks (2/8/64 KiB) seen earlier
     * @param blockShareQuantiles     of a sharing file: share of its bytes in 4 KiB blocks (at 4 KiB offsets) seen
     *                                earlier
     * @param runBytesQuantiles       length in bytes of a run of consecutive chunks seen earlier
     * @param sourceDistanceQuantiles distinct files back to where a run's first chunk was first seen
     */
    public record NearDuplicates(
            double sharingFiles,
            double[] sharingBySize,
            double[] chunkShareQuantiles,
            double[] blockShareQuantiles,
            double[] runBytesQuantiles,
            double[] sourceDistanceQuantiles) {}

    /**
     * One content class and literal entropy band, over 64 KiB blocks of the distinct files: blocks of
     * one class differ most in how skewed their literals are (a JSON export against prose), and a
     * histogram over all of them would be flatter than any one block's.
     *
     * @param name               {@code text}, {@code binary} or {@code compressed}
     * @param entropyBand        the blocks' literal entropy, whole bits per byte (band b: b..b+1)
     * @param sizeBand           the blocks' length ({@link SizeBand}): a small file compresses less than a
     *                           64 KiB block of the same kind, and the mimic makes small files small
     * @param blockBytes         the blocks' mean length
     * @param fileShare          share of the distinct files whose first block is of this class
     * @param byteShare          share of the distinct bytes in blocks of this class
     * @param literalFrequencies how often each byte value is a literal of the greedy LZ77 parse (256, sum 1)
     * @param coverageQuantiles  share of a block's bytes that parse covers with matches (21 points)
     * @param matchLengths       match lengths by power of two (bin b: 2^b..2^(b+1)-1)
     * @param matchDistances     match distances by power of two
     * @param repeatShare        share of the matches at the same distance as the match before them
     * @param zstdRatio          zstd-3 of the whole files these blocks are in, shared out by bytes: the
     *                           compressibility the mimic is held to
     * @param coverageScale      calibrated at profile time: the mimic's blocks leave {@code coverageScale}
     *                           times the uncovered share uncovered, so that zstd-3 of them meets
     *                           {@code zstdRatio} (a greedy one-candidate parse finds fewer matches than
     *                           zstd, and the mimic has no matches across blocks)
     */
    public record ClassModel(
            String name,
            int entropyBand,
            int sizeBand,
            int blockBytes,
            double fileShare,
            double byteShare,
            double[] literalFrequencies,
            double[] coverageQuantiles,
            long[] matchLengths,
            long[] matchDistances,
            double repeatShare,
            double zstdRatio,
            double coverageScale) {}

    /** How the snapshots change, where the profile was made with {@code --snapshots}. */
    public Optional<SnapshotHistory> history() {
        return Optional.ofNullable(generations);
    }

    /** This profile with the content models of another (what its blocks are made of). */
    public CorpusProfile withContent(List<ClassModel> models) {
        return new CorpusProfile(
                format,
                version,
                files,
                bytes,
                sizeQuantiles,
                sizeHistogram,
                duplicates,
                nearDuplicates,
                models,
                corpusRatios,
                generations);
    }

    /** This profile with files drawn from another size histogram (as {@link #sizeHistogram}), none of them copies. */
    public CorpusProfile withSizes(long[] histogram) {
        long[] noCopies = new long[histogram.length];
        long files = java.util.Arrays.stream(histogram).sum();
        return new CorpusProfile(
                format,
                version,
                files,
                bytes,
                sizeQuantiles,
                histogram,
                new Duplicates(
                        files,
                        new long[][] {{1, files}},
                        duplicates.distanceQuantiles(),
                        noCopies,
                        duplicates.copyClassBySize()),
                nearDuplicates,
                content,
                corpusRatios,
                generations);
    }

    /** The {@link #sizeHistogram} bin of a file of {@code size} bytes. */
    public static int sizeBin(long size) {
        return SizeHistogram.bin(size);
    }

    /** This profile with a snapshot history. */
    public CorpusProfile withHistory(SnapshotHistory history) {
        return new CorpusProfile(
                format,
                version,
                files,
                bytes,
                sizeQuantiles,
                sizeHistogram,
                duplicates,
                nearDuplicates,
                content,
                corpusRatios,
                history);
    }

    /**
     * Profiles every regular file under {@code dir}; with {@code snapshots}, also how each of its
     * immediate subdirectories (in name order) becomes the next.
     */
    public static CorpusProfile of(Path dir, boolean snapshots) throws IOException {
        if (snapshots && Files.isDirectory(dir)) {
            SnapshotProfiler.snapshots(dir); // fewer than two: refused before the long read
        }
        CorpusProfile whole = Profiler.profile(dir);
        return snapshots ? whole.withHistory(SnapshotProfiler.history(dir)) : whole;
    }

    /** Writes the profile as compact JSON (no run of spaces a corpus could share). */
    public void write(Path file) throws IOException {
        Files.writeString(file, JSON.writeValueAsString(this));
    }

    /** Reads and checks a profile; a missing, malformed or unknown-version file is a {@link BadInputException} naming it. */
    public static CorpusProfile read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException(
                    "profile '" + file + "' does not exist; make one with: profile PATH --out " + file);
        } catch (IOException e) {
            throw new BadInputException("cannot read profile '" + file + "': " + e.getMessage());
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new BadInputException("profile '" + file + "' is not JSON: " + e.getOriginalMessage());
        }
        if (tree == null || !FORMAT.equals(tree.path("format").asText())) {
            throw new BadInputException(
                    "'" + file + "' is not a dedup-lab profile (no \"format\": \"" + FORMAT + "\")");
        }
        int version = tree.path("version").asInt(-1);
        if (version != VERSION) {
            throw new BadInputException("profile '" + file + "' has version " + tree.path("version") + "; valid: "
                    + VERSION + " (make it again with this build's profile command)");
        }
        try {
            CorpusProfile p = JSON.treeToValue(tree, CorpusProfile.class);
            p.check(file);
            return p;
        } catch (JsonProcessingException e) {
            throw new BadInputException("profile '" + file + "' is malformed: " + e.getOriginalMessage());
        }
    }

    private void check(Path file) {
        if (files <= 0
                || bytes < 0
                || sizeQuantiles == null
                || sizeQuantiles.length < 2
                || sizeHistogram == null
                || sizeHistogram.length != SizeHistogram.BINS
                || duplicates == null
                || duplicates.copySizeHistogram() == null
                || duplicates.copySizeHistogram().length != SizeHistogram.BINS
                || duplicates.copyClassBySize() == null
                || nearDuplicates == null
                || content == null
                || content.isEmpty()) {
            throw new BadInputException("profile '" + file + "' is malformed: a field is missing or empty"
                    + " (files, bytes, sizeQuantiles, sizeHistogram, duplicates, nearDuplicates, content)");
        }
        if (generations != null) {
            checkHistory(file);
        }
    }

    private void checkHistory(Path file) {
        SnapshotHistory h = generations;
        boolean ok = h.snapshots() >= 2
                && h.first() != null
                && h.transitions() != null
                && h.transitions().size() == h.snapshots() - 1
                && h.changedBySize() != null
                && h.changedBySize().length == SnapshotHistory.SIZE_BINS
                && h.changedShareBySize() != null
                && h.changedShareBySize().length == SnapshotHistory.SIZE_BINS
                && h.transitions().stream()
                        .allMatch(t -> Stream.of(
                                        t.addedBytesBySize(),
                                        t.changedOldBytesBySize(),
                                        t.changedBytesBySize(),
                                        t.changedSharedBytesBySize())
                                .allMatch(a -> a != null && a.length == SnapshotHistory.SIZE_BINS));
        if (!ok) {
            throw new BadInputException(
                    "profile '" + file + "' has a malformed snapshot history (generations: snapshots,"
                            + " first, transitions, changedBySize, changedShareBySize, addedBytesBySize, changed...BytesBySize); make it again with"
                            + " this build: profile PATH --snapshots --out " + file);
        }
        h.first().check(file);
    }

    /** The first 12 hex digits of the SHA-256 of the profile file: how results name a mimic dataset. */
    public static String hashOf(Path file) {
        try {
            return HexFormat.of()
                    .formatHex(Sha256.digest().digest(Files.readAllBytes(file)))
                    .substring(0, 12);
        } catch (IOException e) {
            throw new BadInputException("cannot read profile '" + file + "': " + e.getMessage());
        }
    }
}
