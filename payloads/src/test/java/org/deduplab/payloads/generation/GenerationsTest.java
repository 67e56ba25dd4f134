package org.deduplab.payloads.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.deduplab.payloads.BadInputException;
import org.deduplab.payloads.Dataset;
import org.deduplab.payloads.DatasetFile;
import org.deduplab.payloads.DatasetSpec;
import org.deduplab.payloads.PayloadType;
import org.deduplab.payloads.analyze.AnalysisResult;
import org.deduplab.payloads.analyze.ReferenceAnalyzer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generations of the generated payloads: the first is the dataset itself, each next one the previous
 * edited at the change rate, deterministically; how each payload changes is visible in its bytes, and
 * a generation shares most of its bytes with the previous one. A {@code dir:} corpus of snapshots is
 * one generation per subdirectory.
 */
class GenerationsTest {
    static final DatasetSpec DOCS = DatasetSpec.of("versioned_doc", "U0", "4MiB", 42);

    static Map<String, byte[]> contents(List<Generations.File> files) throws Exception {
        Map<String, byte[]> out = new HashMap<>();
        for (Generations.File f : files) {
            out.put(f.name(), f.bytes());
        }
        return out;
    }

    @Test
    void theFirstGenerationIsTheDatasetFileForFile() throws Exception {
        Generations g = Generations.of(DOCS, ChangeRate.DEFAULT);
        List<Generations.File> first = g.files(1);
        List<DatasetFile> dataset = new ArrayList<>();
        Dataset.open(DOCS).forEach(dataset::add);
        assertThat(first).hasSameSizeAs(dataset);
        for (int i = 0; i < dataset.size(); i++) {
            assertThat(first.get(i).name()).isEqualTo(dataset.get(i).name());
            assertThat(first.get(i).bytes()).isEqualTo(dataset.get(i).bytes());
        }
    }

    @Test
    void generationsAreAPureFunctionOfTheSpecTheRateAndTheGeneration() throws Exception {
        Map<String, byte[]> a =
                contents(Generations.of(DOCS, ChangeRate.DEFAULT).files(4));
        Map<String, byte[]> b =
                contents(Generations.of(DOCS, ChangeRate.DEFAULT).files(4));
        assertThat(a.keySet()).isEqualTo(b.keySet());
        a.forEach((name, bytes) -> assertThat(b.get(name)).as(name).isEqualTo(bytes));
        Map<String, byte[]> other = contents(
                Generations.of(new DatasetSpec(DOCS.payload(), DOCS.grade(), DOCS.sizeBytes(), 43), ChangeRate.DEFAULT)
                        .files(4));
        assertThat(other.keySet()).isNotEqualTo(a.keySet());
    }

    @Test
    void aZeroRateChangesNothing() throws Exception {
        Generations g = Generations.of(DOCS, ChangeRate.parse("0%"));
        Map<String, byte[]> first = contents(g.files(1));
        Map<String, byte[]> fifth = contents(g.files(5));
        assertThat(fifth.keySet()).isEqualTo(first.keySet());
        first.forEach((name, bytes) -> assertThat(fifth.get(name)).as(name).isEqualTo(bytes));
    }

    @Test
    void eachGenerationEditsRemovesAndAddsAtTheRate() throws Exception {
        DatasetSpec spec = DatasetSpec.of("structured_json", "U0", "16MiB", 7);
        Generations g = Generations.of(spec, ChangeRate.parse("20%"));
        Map<String, byte[]> before = contents(g.files(2));
        Map<String, byte[]> after = contents(g.files(3));
        long kept = before.keySet().stream().filter(after::containsKey).count();
        long edited = before.keySet().stream()
                .filter(after::containsKey)
                .filter(n -> !Arrays.equals(before.get(n), after.get(n)))
                .count();
        long removed = before.size() - kept;
        long added = after.keySet().stream().filter(n -> !before.containsKey(n)).count();
        assertThat(before.size()).isGreaterThan(300);
        assertThat((double) edited / kept).isBetween(0.12, 0.28); // 20 % of the files left
        assertThat((double) removed / before.size()).isBetween(0.02, 0.09); // 5 %
        assertThat(added).isEqualTo(Math.round(Dataset.open(spec).fileCount() * 0.05));
    }

    @Test
    void eachPayloadChangesTheWaySuchDataChanges() throws Exception {
        for (PayloadType type : PayloadType.values()) {
            DatasetSpec spec = DatasetSpec.of(type.id(), "U0", "2MiB", 11);
            Generations g = Generations.of(spec, ChangeRate.parse("100%"));
            Map<String, byte[]> one = contents(g.files(1));
            Map<String, byte[]> two = contents(g.files(2));
            int changed = 0;
            for (Map.Entry<String, byte[]> e : two.entrySet()) {
                byte[] was = one.get(e.getKey());
                if (was == null || Arrays.equals(was, e.getValue())) {
                    continue;
                }
                changed++;
                byte[] now = e.getValue();
                switch (type) {
                    case TEXT_LOG -> {
                        // appended: the old log is a prefix of the new one, ending in a whole line
                        assertThat(now.length).as(e.getKey()).isGreaterThan(was.length);
                        assertThat(Arrays.copyOf(now, was.length))
                                .as(e.getKey())
                                .isEqualTo(was);
                    }
                    case RANDOM_BINARY -> assertThat(now).hasSize(was.length);
                    case COMPRESSED_MEDIA -> {
                        // a part replaced, the container header kept
                        assertThat(now).hasSize(was.length);
                        int keep = Math.min(Edits.MEDIA_HEADER, was.length / 8);
                        assertThat(Arrays.copyOf(now, keep)).isEqualTo(Arrays.copyOf(was, keep));
                    }
                    case STRUCTURED_JSON ->
                        assertThat(new String(now).lines().count())
                                .as("records updated in place")
                                .isEqualTo(new String(was).lines().count());
                    case VERSIONED_DOC ->
                        assertThat(Math.abs(now.length - was.length))
                                .as("a revision of a place or two")
                                .isLessThanOrEqualTo(2 * 512);
                }
            }
            assertThat(changed).as(type.id()).isPositive();
        }
    }

    @Test
    void aGenerationSharesMostOfItsBytesWithThePreviousOne() throws Exception {
        Generations g = Generations.of(DOCS, ChangeRate.DEFAULT);
        List<Callable<byte[]>> both = new ArrayList<>();
        for (int gen = 1; gen <= 2; gen++) {
            for (Generations.File f : g.files(gen)) {
                both.add(f::bytes);
            }
        }
        AnalysisResult r = ReferenceAnalyzer.analyze(both, 2);
        // two generations, a tenth of the files revised in a place or two: close to 2x under FastCDC,
        // and whole-file dedup already finds the untouched files
        assertThat(r.cdcDedupRatio()).isGreaterThan(1.8);
        assertThat(r.fileDedupRatio()).isBetween(1.6, 2.0);
    }

    @Test
    void badValuesNameTheValueAndWhatIsValid() {
        assertThatThrownBy(() -> GenerationParams.parse("0", null, null))
                .isInstanceOf(BadInputException.class)
                .hasMessage("invalid generations '0'; valid: a whole number from 1, e.g. 10");
        assertThatThrownBy(() -> GenerationParams.parse("ten", null, null))
                .hasMessage("invalid generations 'ten'; valid: a whole number from 1, e.g. 10");
        assertThatThrownBy(() -> GenerationParams.parse("10", "5%", "12"))
                .hasMessage(
                        "invalid keep '12': above generations=10; valid: a whole number from 1 to generations (10), or all");
        assertThatThrownBy(() -> GenerationParams.parse("10", "150%", "5"))
                .hasMessage("invalid change '150%'; valid: a percentage from 0 to 100, e.g. 10%");
        assertThatThrownBy(() -> GenerationParams.parse("10", "-1", "5")).hasMessageContaining("invalid change '-1'");
        assertThat(GenerationParams.parse("10", null, null))
                .isEqualTo(new GenerationParams(10, ChangeRate.DEFAULT, 10));
        assertThat(GenerationParams.parse("10", "10%", "all")).isEqualTo(GenerationParams.parse("10", null, null));
        assertThatThrownBy(() -> GenerationParams.parse("10", null, "some"))
                .hasMessage("invalid keep 'some'; valid: a whole number from 1 to generations, or all");
        assertThat(GenerationParams.parse("10", "2.5%", "5").change().fraction())
                .isEqualTo(0.025);
    }

    @Test
    void aDirectoryOfSnapshotsIsOneGenerationPerSubdirectoryInNameOrder(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("2026-01-02/docs"));
        Files.createDirectories(dir.resolve("2026-01-01/docs"));
        Files.writeString(dir.resolve("2026-01-01/docs/a.txt"), "first");
        Files.writeString(dir.resolve("2026-01-01/b.txt"), "kept");
        Files.writeString(dir.resolve("2026-01-02/docs/a.txt"), "second");
        Files.writeString(dir.resolve("2026-01-02/b.txt"), "kept");
        Files.writeString(dir.resolve("2026-01-02/c.txt"), "new");
        Files.writeString(dir.resolve("notes.txt"), "not a snapshot");
        Generations g = Generations.of(DatasetSpec.of("dir:" + dir, "U0", "1MiB", 1), ChangeRate.DEFAULT);
        assertThat(g.count()).contains(2);
        assertThat(contents(g.files(1)).keySet()).containsExactlyInAnyOrder("docs/a.txt", "b.txt");
        Map<String, byte[]> second = contents(g.files(2));
        assertThat(second.keySet()).containsExactlyInAnyOrder("docs/a.txt", "b.txt", "c.txt");
        assertThat(new String(second.get("docs/a.txt"))).isEqualTo("second");
        assertThatThrownBy(() -> g.files(3)).hasMessageContaining("valid: 1 to 2");
    }

    @Test
    void aDirectoryWithoutSubdirectoriesHasNoGenerations(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.txt"), "only files");
        assertThatThrownBy(() -> Generations.of(DatasetSpec.of("dir:" + dir, "U0", "1MiB", 1), ChangeRate.DEFAULT))
                .isInstanceOf(BadInputException.class)
                .hasMessage("'dir:" + dir + "' has no subdirectories to load as generations; valid: a directory whose"
                        + " immediate subdirectories are snapshots, loaded in name order");
    }
}
