package org.deduplab.payloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetWriterTest {
    @Test
    void writesFilesAndAManifestThatMatchesThem(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("ds");
        Dataset d = Dataset.open(DatasetSpec.of("text_log", "U50", "4MiB", 42));
        Manifest m = DatasetWriter.write(d, out, false, null);
        assertThat(m.files()).hasSize(d.fileCount());
        assertThat(m.duplicateFiles()).isEqualTo(Math.round(d.fileCount() * 0.5));
        assertThat(m.payload()).isEqualTo("text_log");
        assertThat(m.grade()).isEqualTo("U50");
        for (Manifest.Entry e : m.files()) {
            byte[] b = Files.readAllBytes(out.resolve(e.name()));
            assertThat(b).hasSize((int) e.bytes());
            assertThat(Sha256.hex(b)).isEqualTo(e.sha256());
            if (e.duplicateOf() != null) {
                assertThat(Sha256.hex(Files.readAllBytes(out.resolve(e.duplicateOf()))))
                        .isEqualTo(e.sha256());
            }
        }
        assertThat(Manifest.isManifest(out.resolve(Manifest.FILE_NAME))).isTrue();
        // the manifest is not data when the dataset is read as a corpus
        assertThat(DirectoryCorpus.listFiles(out)).hasSize(d.fileCount());
    }

    @Test
    void refusesANonEmptyOutWithoutForceAndChangesNothing(@TempDir Path tmp) throws IOException {
        Path out = Files.createDirectories(tmp.resolve("busy"));
        Files.writeString(out.resolve("keep.txt"), "mine");
        Dataset d = Dataset.open(DatasetSpec.of("random_binary", "U0", "1MiB", 1));
        assertThatThrownBy(() -> DatasetWriter.write(d, out, false, null))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("busy")
                .hasMessageContaining("--force");
        try (Stream<Path> s = Files.list(out)) {
            assertThat(s).containsExactly(out.resolve("keep.txt"));
        }
        DatasetWriter.write(d, out, true, null);
        assertThat(out.resolve("keep.txt")).doesNotExist();
        assertThat(out.resolve(Manifest.FILE_NAME)).exists();
    }

    @Test
    void aFailureHalfwayLeavesNothingBehind(@TempDir Path tmp) throws IOException {
        Path corpus = Files.createDirectories(tmp.resolve("corpus"));
        for (int i = 0; i < 5; i++) {
            Files.write(corpus.resolve("f" + i), new byte[5000 + i]);
        }
        Dataset d = Dataset.open(DatasetSpec.of("dir:" + corpus, "U0", "1MiB", 1));
        Files.delete(corpus.resolve("f3")); // vanishes after planning: the write must fail midway
        Path out = tmp.resolve("out");
        assertThatThrownBy(() -> DatasetWriter.write(d, out, false, null)).isInstanceOf(IOException.class);
        assertThat(out).doesNotExist();
        try (Stream<Path> s = Files.list(tmp)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("corpus");
        }
    }

    @Test
    void directoryCorpusAddsExactCopiesPerGrade(@TempDir Path tmp) throws IOException {
        for (int i = 0; i < 20; i++) {
            Files.createDirectories(tmp.resolve("sub"));
            Files.write(
                    tmp.resolve(i % 2 == 0 ? "sub/f" + i : "g" + i),
                    ("file " + i).repeat(100 + i).getBytes());
        }
        Dataset u0 = Dataset.open(DatasetSpec.of("dir:" + tmp, "U0", "1MiB", 1));
        assertThat(u0.fileCount()).isEqualTo(20);
        assertThat(u0.name(0)).isEqualTo("g1"); // sorted by relative path
        Dataset u50 = Dataset.open(DatasetSpec.of("dir:" + tmp, "U50", "1MiB", 1));
        assertThat(u50.fileCount() - u50.duplicateCount()).isEqualTo(20);
        assertThat(u50.duplicateCount()).isEqualTo(Math.round(u50.fileCount() * 0.5));
    }
}
