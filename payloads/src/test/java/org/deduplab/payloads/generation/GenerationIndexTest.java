package org.deduplab.payloads.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.deduplab.payloads.DatasetFile;
import org.deduplab.payloads.DatasetSpec;
import org.deduplab.payloads.Manifest;
import org.deduplab.payloads.StoredDataset;
import org.deduplab.payloads.gen.SplitMix64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an ideal deduplicating store keeps of generations, counted by whole file and by FastCDC chunk. */
class GenerationIndexTest {
    static byte[] random(long seed, int size) {
        byte[] b = new byte[size];
        SplitMix64 r = new SplitMix64(seed);
        for (int i = 0; i < size; i++) {
            b[i] = (byte) r.nextInt(256);
        }
        return b;
    }

    static DatasetFile file(String name, byte[] bytes) {
        return new DatasetFile(0, name, bytes, -1);
    }

    @Test
    void newAndExclusiveBytesByWholeFileAndByChunk() {
        byte[] a = random(1, 200_000);
        byte[] b = random(2, 100_000);
        byte[] c = random(3, 50_000);
        byte[] aEdited = a.clone();
        System.arraycopy(random(4, 1_000), 0, aEdited, 100_000, 1_000); // a few chunks of a change
        GenerationIndex index = new GenerationIndex();
        GenerationIndex.Arrival one = index.add(1, List.of(file("a", a), file("b", b)));
        assertThat(one.newWholeFileBytes()).isEqualTo(300_000);
        assertThat(one.newChunkBytes()).isEqualTo(300_000);
        assertThat(one.files()).isEqualTo(2);
        GenerationIndex.Arrival two = index.add(2, List.of(file("a", aEdited), file("c", c)));
        assertThat(two.logicalBytes()).isEqualTo(250_000);
        // a changed file is new as a whole, but only the chunks around the change are new
        assertThat(two.newWholeFileBytes()).isEqualTo(250_000);
        assertThat(two.newChunkBytes()).isGreaterThan(50_000).isLessThan(50_000 + 3 * 64 * 1024);
        // expiring generation 1 frees b whole, a whole (edited in 2), and the chunks of a only 1 has
        assertThat(index.exclusiveWholeFileBytes(Set.of(1))).isEqualTo(300_000);
        assertThat(index.exclusiveChunkBytes(Set.of(1)))
                .isEqualTo(100_000 + (two.newChunkBytes() - 50_000) + (aEdited.length - a.length))
                .isLessThan(300_000);
        assertThat(index.exclusiveChunkBytes(Set.of(1, 2))).isEqualTo(one.newChunkBytes() + two.newChunkBytes());
        assertThat(index.logicalBytes(Set.of(1, 2))).isEqualTo(550_000);
        assertThatThrownBy(() -> index.add(2, List.of())).hasMessageContaining("already");
    }

    @Test
    void aGenerationIsWrittenOnceUnderItsPrefixAndReadBackAsADataset(@TempDir Path dir) throws Exception {
        DatasetSpec spec = DatasetSpec.of("text_log", "U0", "1MiB", 7);
        Generations g = Generations.of(spec, ChangeRate.parse("30%"));
        StoredDataset third = g.materialize(3, spec, dir.resolve("g3"));
        assertThat(third.manifest().files())
                .allSatisfy(e -> assertThat(e.name()).startsWith("g0003/"));
        assertThat(third.fileCount()).isEqualTo(g.files(3).size());
        for (int i = 0; i < third.fileCount(); i++) {
            Manifest.Entry e = third.entry(i);
            assertThat(third.read(i)).isEqualTo(g.files(3).get(i).bytes());
            assertThat(e.name())
                    .isEqualTo(Generations.prefix(3) + g.files(3).get(i).name());
        }
        // found again, not made again: a changed file on disk would show
        Files.writeString(dir.resolve("g3/marker"), "kept");
        assertThat(g.materialize(3, spec, dir.resolve("g3")).fileCount()).isEqualTo(third.fileCount());
        assertThat(dir.resolve("g3/marker")).exists();
        assertThat(Generations.prefix(12)).isEqualTo("g0012/");
    }
}
