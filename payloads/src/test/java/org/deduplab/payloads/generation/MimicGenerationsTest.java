package org.deduplab.payloads.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.deduplab.payloads.BadInputException;
import org.deduplab.payloads.DatasetSpec;
import org.deduplab.payloads.Grade;
import org.deduplab.payloads.analyze.FastCdc;
import org.deduplab.payloads.gen.SplitMix64;
import org.deduplab.payloads.mimic.CorpusProfile;
import org.deduplab.payloads.mimic.SnapshotHistory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A profile of snapshots records how they change, and a mimic of it has generations that bring what
 * the corpus's brought: a corpus of 6 snapshots of 400 text files, revised, removed and added as a
 * source tree's are, is profiled and mimicked at its size.
 */
class MimicGenerationsTest {
    static final int SNAPSHOTS = 6;

    @TempDir
    static Path dir;

    static Path corpus;
    static Path profileFile;
    static List<GenerationIndex.Arrival> corpusArrivals;

    @BeforeAll
    static void snapshotsAndProfile() throws IOException {
        corpus = dir.resolve("snapshots");
        writeSnapshots(corpus);
        profileFile = dir.resolve("snapshots.profile.json");
        CorpusProfile.of(corpus, true).write(profileFile);
        corpusArrivals = GenerationIndex.arrivals(snapshots(corpus), SNAPSHOTS);
    }

    /**
     * 400 text files of 1–64 KB; each next snapshot revises a fifth of them in a place or two (the
     * larger ones likelier), removes 3 % and adds 3 % new ones.
     */
    static void writeSnapshots(Path root) throws IOException {
        SplitMix64 r = new SplitMix64(5);
        java.util.TreeMap<String, byte[]> files = new java.util.TreeMap<>();
        int next = 0;
        for (; next < 400; next++) {
            files.put(
                    String.format("f%05d.txt", next), text(1000 + (int) (63_000 * Math.pow(r.nextDouble(), 3)), next));
        }
        for (int g = 1; g <= SNAPSHOTS; g++) {
            if (g > 1) {
                for (String name : List.copyOf(files.keySet())) {
                    double u = r.nextDouble();
                    if (u < 0.03) {
                        files.remove(name);
                    } else if (u < 0.03 + 0.2 * Math.sqrt(files.get(name).length / 20_000.0)) {
                        files.put(name, Edits.revise(files.get(name), r, text(600, r.nextLong())));
                    }
                }
                for (int a = 0; a < 12; a++, next++) {
                    files.put(String.format("f%05d.txt", next), text(1000 + r.nextInt(30_000), next));
                }
            }
            for (var f : files.entrySet()) {
                Path p = root.resolve(String.format("s%02d", g)).resolve(f.getKey());
                Files.createDirectories(p.getParent());
                Files.write(p, f.getValue());
            }
        }
    }

    static Generations snapshots(Path root) {
        return Generations.of(new DatasetSpec("dir:" + root, Grade.parse("U0"), 1, 42), ChangeRate.DEFAULT);
    }

    static Generations mimic(long firstBytes) {
        return Generations.of(
                new DatasetSpec("mimic:" + profileFile, Grade.parse("U0"), firstBytes, 42), ChangeRate.DEFAULT);
    }

    @Test
    void theProfileRecordsEachTransitionAndNoName() throws IOException {
        SnapshotHistory h = CorpusProfile.read(profileFile).history().orElseThrow();
        assertThat(h.snapshots()).isEqualTo(SNAPSHOTS);
        assertThat(h.transitions()).hasSize(SNAPSHOTS - 1);
        for (SnapshotHistory.Transition t : h.transitions()) {
            // a fifth of the files (larger ones likelier) revised, 3 % removed, 12 added
            assertThat((double) t.changedFiles() / t.files()).isBetween(0.1, 0.35);
            assertThat(t.addedFiles()).isEqualTo(12);
            assertThat(t.removedFiles()).isPositive();
            assertThat(t.addedFiles()).isPositive();
            assertThat(t.changedSharedBytes()).isPositive().isLessThan(t.changedBytes());
            assertThat(t.newChunkBytes()).isPositive().isLessThan(t.bytes());
        }
        String json = Files.readString(profileFile);
        for (Generations.File f : snapshots(corpus).files(1)) {
            assertThat(json).doesNotContain(f.name());
        }
    }

    @Test
    void eachMimicGenerationBringsWhatTheCorpusBrought() throws IOException {
        long first = corpusArrivals.get(0).logicalBytes();
        List<GenerationIndex.Arrival> mimic = GenerationIndex.arrivals(mimic(first), SNAPSHOTS);
        for (int g = 1; g < SNAPSHOTS; g++) {
            assertThat(newShare(mimic.get(g)))
                    .as("generation %d's new FastCDC bytes, as a share of its bytes", g + 1)
                    .isCloseTo(newShare(corpusArrivals.get(g)), within(0.10 * newShare(corpusArrivals.get(g))));
        }
    }

    static double newShare(GenerationIndex.Arrival a) {
        return (double) a.newChunkBytes() / a.logicalBytes();
    }

    @Test
    void aMimicsGenerationsAreAFunctionOfItsSpecAndGoOnPastTheCorpus() throws IOException {
        Generations a = mimic(1 << 20);
        Generations b = mimic(1 << 20);
        int past = SNAPSHOTS + 2; // transitions cycle
        List<Generations.File> fa = a.files(past);
        List<Generations.File> fb = b.files(past);
        assertThat(fa).hasSameSizeAs(fb);
        for (int i = 0; i < fa.size(); i++) {
            assertThat(fa.get(i).name()).isEqualTo(fb.get(i).name());
            assertThat(fa.get(i).bytes()).isEqualTo(fb.get(i).bytes());
        }
        assertThat(a.count()).isEmpty();
    }

    @Test
    void aProfileWithoutSnapshotsHasNoGenerations() throws IOException {
        Path flat = dir.resolve("flat.profile.json");
        CorpusProfile.of(corpus.resolve("s01"), false).write(flat);
        assertThat(Files.readString(flat)).doesNotContain("generations");
        assertThatThrownBy(() -> Generations.of(
                        new DatasetSpec("mimic:" + flat, Grade.parse("U0"), 1 << 20, 42), ChangeRate.DEFAULT))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("mimic:" + flat)
                .hasMessageContaining("profile PATH --snapshots");
        assertThatThrownBy(() -> CorpusProfile.of(corpus.resolve("s01"), true))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("0 subdirectories")
                .hasMessageContaining("at least 2");
    }

    @Test
    void aProfileWithAMalformedHistoryIsRefusedNamingIt() throws IOException {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var tree = json.readTree(profileFile.toFile());
        for (var t : tree.get("generations").get("transitions")) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) t).remove("addedBytesBySize");
        }
        Path old = dir.resolve("old.profile.json");
        json.writeValue(old.toFile(), tree);
        assertThatThrownBy(() -> CorpusProfile.read(old))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining(old.toString())
                .hasMessageContaining("addedBytesBySize")
                .hasMessageContaining("profile PATH --snapshots");
    }

    @Test
    void aRevisionKeepsTheShareOfChunksItIsAskedToAndGrowsAsAsked() {
        byte[] old = text(400_000, 7);
        for (double keep : new double[] {0.3, 0.6, 0.9}) {
            byte[] revised = Revision.revise(old, keep, 1.0, new SplitMix64(11));
            assertThat(kept(old, revised)).as("kept at target %s", keep).isCloseTo(keep, within(0.05));
            assertThat((double) revised.length).isCloseTo(old.length, within(old.length * 0.02));
        }
        byte[] grown = Revision.revise(old, 0.7, 1.25, new SplitMix64(12));
        assertThat((double) grown.length).isCloseTo(old.length * 1.25, within(old.length * 0.02));
        assertThat(Revision.revise(text(500, 3), 0.9, 1.0, new SplitMix64(1))).isNotEqualTo(text(500, 3));
    }

    static byte[] text(int n, long seed) {
        SplitMix64 r = new SplitMix64(seed);
        String[] words = {"the ", "store ", "keeps ", "chunks ", "of ", "every ", "generation ", "\n"};
        StringBuilder sb = new StringBuilder();
        while (sb.length() < n) {
            sb.append(words[r.nextInt(words.length)]).append(r.nextInt(1000));
        }
        return sb.substring(0, n).getBytes(StandardCharsets.US_ASCII);
    }

    static double kept(byte[] old, byte[] revised) {
        Set<String> chunks = new HashSet<>();
        FastCdc.chunk(old, (d, off, n) -> chunks.add(new String(d, off, n, StandardCharsets.ISO_8859_1)));
        long[] kept = {0};
        FastCdc.chunk(revised, (d, off, n) -> {
            if (chunks.contains(new String(d, off, n, StandardCharsets.ISO_8859_1))) {
                kept[0] += n;
            }
        });
        return (double) kept[0] / revised.length;
    }
}
