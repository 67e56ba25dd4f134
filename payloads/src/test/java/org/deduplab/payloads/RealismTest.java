package org.deduplab.payloads;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.Zstd;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.deduplab.payloads.analyze.AnalysisResult;
import org.deduplab.payloads.analyze.ReferenceAnalyzer;
import org.junit.jupiter.api.Test;

/** The realism bands of docs/METRICS.md "Payload types and grades", checked per file with real zstd level 3. */
class RealismTest {
    static final long SIZE = 24L << 20;

    static double[] perFileZstdRange(String payload) throws IOException {
        double min = Double.MAX_VALUE;
        double max = 0;
        for (DatasetFile f : Dataset.open(new DatasetSpec(payload, Grade.parse("U0"), SIZE, 42))) {
            double r = (double) f.bytes().length / Zstd.compress(f.bytes(), 3).length;
            min = Math.min(min, r);
            max = Math.max(max, r);
        }
        return new double[] {min, max};
    }

    @Test
    void randomBinaryIsIncompressible() throws IOException {
        assertThat(perFileZstdRange("random_binary")[1]).isLessThanOrEqualTo(1.01);
    }

    @Test
    void compressedMediaIsNearlyIncompressible() throws IOException {
        assertThat(perFileZstdRange("compressed_media")[1]).isLessThanOrEqualTo(1.05);
    }

    @Test
    void structuredJsonCompressesLikeRealJson() throws IOException {
        double[] r = perFileZstdRange("structured_json");
        assertThat(r[0]).isGreaterThanOrEqualTo(3.0);
        assertThat(r[1]).isLessThanOrEqualTo(12.0);
    }

    @Test
    void textLogCompressesLikeRealLogs() throws IOException {
        double[] r = perFileZstdRange("text_log");
        assertThat(r[0]).isGreaterThanOrEqualTo(4.0);
        assertThat(r[1]).isLessThanOrEqualTo(20.0);
    }

    @Test
    void jsonAndLogsAreNotOneRepeatedString() throws IOException {
        for (String p : new String[] {"structured_json", "text_log"}) {
            byte[] f = Dataset.open(new DatasetSpec(p, Grade.parse("U0"), 1L << 20, 42))
                    .content(0);
            String text = new String(f, StandardCharsets.US_ASCII);
            String[] lines = text.split("\n");
            assertThat(Arrays.stream(lines).distinct().count()).as(p).isGreaterThan(lines.length * 9L / 10);
        }
    }

    @Test
    void versionedDocsDedupFarBetterWithCdcThanWithFixedBlocks() throws IOException {
        List<Callable<byte[]>> files = new ArrayList<>();
        for (DatasetFile f : Dataset.open(new DatasetSpec("versioned_doc", Grade.parse("U0"), 48L << 20, 42))) {
            byte[] b = f.bytes();
            files.add(() -> b);
        }
        AnalysisResult r = ReferenceAnalyzer.analyze(files, 2);
        assertThat(r.fileDedupRatio()).isEqualTo(1.0);
        assertThat(r.cdcDedupRatio()).isGreaterThanOrEqualTo(3 * r.block4kDedupRatio());
    }
}
