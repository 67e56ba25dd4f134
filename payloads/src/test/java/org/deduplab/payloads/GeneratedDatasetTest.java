package org.deduplab.payloads;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GeneratedDatasetTest {
    static final long SIZE = 8L << 20;

    @ParameterizedTest
    @EnumSource(PayloadType.class)
    void sameSpecSameBytesAndRandomAccessMatchesStreaming(PayloadType type) throws IOException {
        DatasetSpec spec = new DatasetSpec(type.id(), Grade.parse("U50"), SIZE, 42);
        Dataset a = Dataset.open(spec);
        Dataset b = Dataset.open(spec);
        assertThat(a.fileCount()).isEqualTo(b.fileCount()).isGreaterThan(4);
        int i = 0;
        for (DatasetFile f : a) {
            assertThat(f.bytes()).hasSize(a.size(i));
            assertThat(f.bytes().length).isBetween(PayloadType.MIN_FILE_BYTES, PayloadType.MAX_FILE_BYTES);
            assertThat(f.name()).isEqualTo(b.name(i));
            // regenerating a file on its own gives the same bytes (file i is a pure function of spec and i)
            if (i % 7 == 0 || i == a.fileCount() - 1) {
                assertThat(Sha256.hex(b.content(i))).isEqualTo(Sha256.hex(f.bytes()));
            }
            i++;
        }
        assertThat(a.totalBytes()).isGreaterThanOrEqualTo(SIZE).isLessThan(SIZE + PayloadType.MAX_FILE_BYTES);
        assertThat(a.totalBytes() - a.size(a.fileCount() - 1)).isLessThan(SIZE);
    }

    @ParameterizedTest
    @EnumSource(PayloadType.class)
    void gradesAreExactWithNoAccidentalDuplicatesAcrossGrades(PayloadType type) throws IOException {
        Set<String> uniqueAcrossGrades = new HashSet<>();
        int uniqueTotal = 0;
        for (String g : new String[] {"U0", "U50", "U90"}) {
            Dataset d = Dataset.open(new DatasetSpec(type.id(), Grade.parse(g), SIZE, 7));
            Map<String, Integer> firstIndex = new HashMap<>();
            int copies = 0;
            for (DatasetFile f : d) {
                String sha = Sha256.hex(f.bytes());
                if (f.isDuplicate()) {
                    copies++;
                    assertThat(f.duplicateOf()).isLessThan(f.index());
                    assertThat(firstIndex)
                            .as("copy %s must equal an earlier file", f.name())
                            .containsKey(sha);
                    assertThat(firstIndex.get(sha)).isEqualTo(f.duplicateOf());
                } else {
                    assertThat(firstIndex)
                            .as("unique file %s of %s %s", f.name(), type, g)
                            .doesNotContainKey(sha);
                    firstIndex.put(sha, f.index());
                    uniqueAcrossGrades.add(sha);
                    uniqueTotal++;
                }
            }
            int n = d.fileCount();
            assertThat(copies)
                    .as("%s %s with %d files", type, g, n)
                    .isEqualTo(Math.round(Grade.parse(g).percent() * n / 100.0));
        }
        assertThat(uniqueAcrossGrades)
                .as("unique files of U0, U50, U90 of one seed are all different")
                .hasSize(uniqueTotal);
    }

    @ParameterizedTest
    @EnumSource(PayloadType.class)
    void differentSeedsDiffer(PayloadType type) throws IOException {
        Dataset a = Dataset.open(new DatasetSpec(type.id(), Grade.parse("U0"), 1L << 20, 1));
        Dataset b = Dataset.open(new DatasetSpec(type.id(), Grade.parse("U0"), 1L << 20, 2));
        assertThat(Sha256.hex(a.content(0))).isNotEqualTo(Sha256.hex(b.content(0)));
    }
}
