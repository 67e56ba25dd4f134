package org.deduplab.payloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A dataset held in memory hands out the same files as the one on disk, and reads no file afterwards. */
class HeldDatasetTest {
    @TempDir
    Path tmp;

    @Test
    void heldIteratesTheSameFilesAsTheDatasetOnDisk() throws IOException {
        StoredDataset disk = StoredDataset.materialize(DatasetSpec.of("text_log", "U50", "1MiB", 7), tmp);
        StoredDataset held = disk.held();

        assertThat(disk.isHeld()).isFalse();
        assertThat(held.isHeld()).isTrue();
        List<String> onDisk = new ArrayList<>();
        disk.forEach(f -> onDisk.add(f.name() + " " + Sha256.hex(f.bytes()) + " " + f.duplicateOf()));
        List<String> inMemory = new ArrayList<>();
        held.forEach(f -> inMemory.add(f.name() + " " + Sha256.hex(f.bytes()) + " " + f.duplicateOf()));
        assertThat(inMemory).hasSize(disk.fileCount()).isEqualTo(onDisk);
        assertThat(held.held()).isSameAs(held);
    }

    @Test
    void aHeldDatasetReadsNoFileOnceHeld() throws IOException {
        StoredDataset held = StoredDataset.materialize(DatasetSpec.of("random_binary", "U0", "1MiB", 7), tmp)
                .held();
        try (var files = Files.walk(held.root())) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                Files.delete(p);
            }
        }
        assertThat(held.read(0)).hasSize((int) held.entry(0).bytes());
    }

    @Test
    void holdingAFileThatChangedOnDiskFailsNamingIt() throws IOException {
        StoredDataset disk = StoredDataset.materialize(DatasetSpec.of("random_binary", "U0", "1MiB", 7), tmp);
        Path first = disk.root().resolve(disk.entry(0).path());
        Files.write(first, new byte[] {1, 2, 3});
        assertThatThrownBy(disk::held).hasMessageContaining(first.toString()).hasMessageContaining("changed on disk");
    }
}
