package org.deduplab.payloads.mimic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.deduplab.payloads.BadInputException;
import org.deduplab.payloads.Dataset;
import org.deduplab.payloads.DatasetFile;
import org.deduplab.payloads.DatasetSpec;
import org.deduplab.payloads.DatasetWriter;
import org.deduplab.payloads.DirectoryCorpus;
import org.deduplab.payloads.Sha256;
import org.deduplab.payloads.analyze.AnalysisResult;
import org.deduplab.payloads.analyze.ReferenceAnalyzer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A profile keeps the corpus's shape and nothing of its content or names, and a mimic generated from
 * it has that shape: checked on a corpus of revised documents with copies, logs and media files.
 */
class MimicTest {
    @TempDir
    static Path tmp;

    static Path corpus;
    static Path profileFile;
    static CorpusProfile profile;

    @BeforeAll
    static void profileACorpus() throws Exception {
        corpus = tmp.resolve("corpus");
        write("versioned_doc", "U30", "6MiB", corpus.resolve("docs"));
        write("text_log", "U0", "3MiB", corpus.resolve("logs"));
        write("compressed_media", "U10", "3MiB", corpus.resolve("media"));
        write("structured_json", "U40", "4MiB", corpus.resolve("exports"));
        profile = Profiler.profile(corpus);
        profileFile = tmp.resolve("profile.json");
        profile.write(profileFile);
    }

    private static void write(String payload, String grade, String size, Path dir) throws Exception {
        DatasetWriter.write(Dataset.open(DatasetSpec.of(payload, grade, size, 7)), dir, false, null);
    }

    @Test
    void theProfileHoldsNoSixteenByteRunOfAnyFileAndNoName() throws Exception {
        byte[] json = Files.readAllBytes(profileFile);
        Set<Window> inProfile = new HashSet<>();
        for (int i = 0; i + 16 <= json.length; i++) {
            inProfile.add(Window.at(json, i));
        }
        List<String> files = DirectoryCorpus.listFiles(corpus);
        assertThat(files).hasSizeGreaterThan(50);
        String text = new String(json, StandardCharsets.UTF_8);
        for (String f : files) {
            byte[] data = Files.readAllBytes(corpus.resolve(f));
            for (int i = 0; i + 16 <= data.length; i++) {
                if (inProfile.contains(Window.at(data, i))) {
                    throw new AssertionError("16 bytes of " + f + " at " + i + " are in the profile");
                }
            }
            assertThat(text)
                    .doesNotContain(f)
                    .doesNotContain(Path.of(f).getFileName().toString());
        }
        assertThat(text).doesNotContain(corpus.toString());
    }

    private record Window(long a, long b) {
        static Window at(byte[] d, int i) {
            ByteBuffer w = ByteBuffer.wrap(d, i, 16);
            return new Window(w.getLong(), w.getLong());
        }
    }

    @Test
    void theProfileDescribesTheCorpus() {
        assertThat(profile.files()).isEqualTo(DirectoryCorpus.listFiles(corpus).size());
        assertThat(profile.duplicates().distinctFiles()).isLessThan(profile.files());
        assertThat(profile.nearDuplicates().sharingFiles())
                .as("revisions share chunks with earlier ones")
                .isGreaterThan(0.2);
        assertThat(profile.content()).extracting(CorpusProfile.ClassModel::name).contains("text", "compressed");
        assertThat(profile.corpusRatios()).containsKeys("cdcDedupRatio", "zstdRatio", "deflate6Ratio");
    }

    @Test
    void aMimicIsDeterministicAndItsSizeSetsTheFileCount() throws Exception {
        Dataset a = mimic("U0", 8L << 20);
        Dataset b = mimic("U0", 8L << 20);
        Dataset big = mimic("U0", 32L << 20);
        assertThat(a.fileCount()).isEqualTo(b.fileCount());
        for (int i = 0; i < a.fileCount(); i += 9) {
            assertThat(Sha256.hex(a.content(i))).isEqualTo(Sha256.hex(b.content(i)));
        }
        double meanSmall = (double) a.totalBytes() / a.fileCount();
        double meanBig = (double) big.totalBytes() / big.fileCount();
        assertThat(big.fileCount()).isBetween(3 * a.fileCount(), 5 * a.fileCount());
        assertThat(meanBig / meanSmall).isCloseTo(1.0, within(0.25));
        assertThat(mimic("U50", 8L << 20).duplicateCount()).isGreaterThan(a.duplicateCount());
    }

    @Test
    void aMimicKeepsTheCorpusRatios() throws Exception {
        AnalysisResult real = ReferenceAnalyzer.analyzeDirectory(corpus, 2);
        Dataset m = mimic("U0", real.logicalBytes());
        ReferenceAnalyzer analyzer = new ReferenceAnalyzer();
        for (DatasetFile f : m) {
            analyzer.add(f.bytes());
        }
        AnalysisResult mimic = analyzer.result();
        String both = "corpus " + real.toMap() + "\nmimic  " + mimic.toMap();
        // a small corpus: 145 files, 25 of them revisions, so a few draws move the near-duplicate ratios;
        // scripts/mimic-fidelity.sh holds real corpora to the 10 % targets
        assertThat(mimic.fileDedupRatio())
                .as(both)
                .isCloseTo(real.fileDedupRatio(), within(0.15 * real.fileDedupRatio()));
        assertThat(mimic.cdcDedupRatio()).as(both).isCloseTo(real.cdcDedupRatio(), within(0.25 * real.cdcDedupRatio()));
        assertThat(mimic.cdcDedupRatio()).as(both + "\nrevisions share chunks").isGreaterThan(mimic.fileDedupRatio());
        assertThat(mimic.zstdRatio()).as(both).isCloseTo(real.zstdRatio(), within(0.15 * real.zstdRatio()));
        assertThat(mimic.cdcZstdRatio()).as(both).isCloseTo(real.cdcZstdRatio(), within(0.25 * real.cdcZstdRatio()));
    }

    private static Dataset mimic(String grade, long bytes) {
        return Dataset.open(DatasetSpec.of("mimic:" + profileFile, grade, bytes + "B", 42));
    }

    @Test
    void badProfilesAndCorporaAreNamedAndNothingIsWritten() throws Exception {
        Path missing = tmp.resolve("nope.json");
        assertThatThrownBy(() -> CorpusProfile.read(missing))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("'" + missing + "' does not exist");
        Path notJson = Files.writeString(tmp.resolve("not.json"), "{oops");
        assertThatThrownBy(() -> CorpusProfile.read(notJson))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("'" + notJson + "' is not JSON");
        Path other = Files.writeString(tmp.resolve("other.json"), "{\"a\": 1}");
        assertThatThrownBy(() -> CorpusProfile.read(other))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("is not a dedup-lab profile");
        Path future = Files.writeString(
                tmp.resolve("future.json"), Files.readString(profileFile).replace("\"version\":1", "\"version\":99"));
        assertThatThrownBy(() -> CorpusProfile.read(future))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("has version 99; valid: 1");
        Path truncated = Files.writeString(
                tmp.resolve("truncated.json"), "{\"format\":\"dedup-lab-profile\",\"version\":1,\"files\":3}");
        assertThatThrownBy(() -> CorpusProfile.read(truncated))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("is malformed");
        assertThatThrownBy(() -> DatasetSpec.of("mimic:" + missing, "U0", "1MiB", 1))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("does not exist");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> Profiler.profile(empty))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("'" + empty + "' has no regular file");
    }
}
