package org.deduplab.payloads.analyze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.deduplab.payloads.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceAnalyzerTest {
    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void tenCopiesOfOneFileDedupTenfold(@TempDir Path dir) throws IOException {
        byte[] data = random(1 << 20, 1);
        for (int i = 0; i < 10; i++) {
            Files.write(dir.resolve("copy-" + i + ".bin"), data);
        }
        AnalysisResult r = ReferenceAnalyzer.analyzeDirectory(dir, 2);
        assertThat(r.files()).isEqualTo(10);
        assertThat(r.logicalBytes()).isEqualTo(10L << 20);
        assertThat(r.fileDedupRatio()).isEqualTo(10.0);
        assertThat(r.block4kDedupRatio()).isEqualTo(10.0);
        assertThat(r.cdcDedupRatio()).isEqualTo(10.0);
        assertThat(r.zstdRatio()).isLessThan(1.01);
    }

    @Test
    void aOneByteShiftDefeatsFixedBlocksButNotCdc(@TempDir Path dir) throws IOException {
        byte[] data = random(1 << 20, 2);
        byte[] shifted = new byte[data.length + 1];
        shifted[0] = 42;
        System.arraycopy(data, 0, shifted, 1, data.length);
        Files.write(dir.resolve("a.bin"), data);
        Files.write(dir.resolve("b.bin"), shifted);
        AnalysisResult r = ReferenceAnalyzer.analyzeDirectory(dir, 1);
        assertThat(r.fileDedupRatio()).isEqualTo(1.0);
        assertThat(r.block4kDedupRatio()).isCloseTo(1.0, within(0.01));
        assertThat(r.cdcDedupRatio()).isCloseTo(2.0, within(0.1));
    }

    @Test
    void chunksRespectFastCdcBounds() {
        byte[] data = random(4 << 20, 3);
        int[] count = {0};
        long[] total = {0};
        FastCdc.chunk(data, (d, off, len) -> {
            total[0] += len;
            if (off + len < d.length) {
                assertThat(len).isBetween(FastCdc.MIN_SIZE + 1, FastCdc.MAX_SIZE);
            }
            count[0]++;
        });
        assertThat(total[0]).isEqualTo(data.length);
        double avg = (double) data.length / count[0];
        assertThat(avg).isBetween(6.0 * 1024, 14.0 * 1024); // normalized chunking keeps chunks near 8 KiB
    }

    @Test
    void resultIsIndependentOfThreadCount(@TempDir Path dir) throws IOException {
        for (int i = 0; i < 12; i++) {
            byte[] b = random(100_000 + i * 5000, i % 5);
            Files.write(dir.resolve("f" + i), Arrays.copyOf(b, b.length));
        }
        assertThat(ReferenceAnalyzer.analyzeDirectory(dir, 1)).isEqualTo(ReferenceAnalyzer.analyzeDirectory(dir, 2));
    }

    @Test
    void emptyDirectoryOrNotADirectoryIsAClearError(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> ReferenceAnalyzer.analyzeDirectory(dir, 1))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("no regular files");
        Path file = Files.writeString(dir.resolve("plain.txt"), "x");
        assertThatThrownBy(() -> ReferenceAnalyzer.analyzeDirectory(file, 1))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("is not a directory");
        assertThatThrownBy(() -> ReferenceAnalyzer.analyzeDirectory(dir.resolve("missing"), 1))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("does not exist");
    }
}
