package org.deduplab.store.postgresql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.deduplab.layout.Plain;
import org.deduplab.payloads.DatasetSpec;
import org.deduplab.payloads.StoredDataset;
import org.deduplab.provision.EmbeddedServersExtension;
import org.deduplab.store.Disk;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** PostgreSQL's footprint against its files on disk, and its default TOAST compression of JSON. */
@Tag("slow") // starts a server
class PostgresFootprintTest {
    @RegisterExtension
    static final EmbeddedServersExtension servers = new EmbeddedServersExtension(List.of(PostgresSystem.SYSTEM.name()));

    @TempDir
    static Path cache;

    static StoredDataset dataset(String payload, String grade, String size) throws Exception {
        return StoredDataset.materialize(DatasetSpec.of(payload, grade, size, 42), cache);
    }

    @Test
    void postgresFootprintMatchesAllocatedBlocksOfTheTableFiles() throws Exception {
        StoredDataset ds = dataset("text_log", "U0", "8MiB");
        Path dataDir = servers.endpoint(PostgresSystem.SYSTEM.name()).dataDir();
        try (PostgresStore t = new PostgresStore(servers.endpoint(PostgresSystem.SYSTEM.name()))) {
            PostgresFootprint f = t.footprint();
            t.provision();
            t.reset();
            f.settle();
            long before = f.bytes();
            long diskBefore = allocated(dataDir, f.relationFiles());
            new Plain().writeAll(t, ds);
            f.settle(); // includes CHECKPOINT: pages are on disk
            long physical = f.bytes() - before;
            long diskGrowth = allocated(dataDir, f.relationFiles()) - diskBefore;
            assertThat(diskGrowth).isPositive();
            assertThat((double) physical).isCloseTo(diskGrowth, Assertions.withinPercentage(10));
        }
    }

    /** Allocated bytes of every fork and segment file of the given relations. */
    static long allocated(Path dataDir, List<String> relationPaths) throws Exception {
        List<Path> files = new ArrayList<>();
        for (String rel : relationPaths) {
            Path main = dataDir.resolve(rel);
            try (var s = Files.list(main.getParent())) {
                String base = main.getFileName().toString();
                s.filter(p -> {
                            String n = p.getFileName().toString();
                            return n.equals(base) || n.startsWith(base + "_") || n.startsWith(base + ".");
                        })
                        .forEach(files::add);
            }
        }
        return Disk.allocatedBytes(files.toArray(Path[]::new));
    }

    @Test
    void postgresCompressesStructuredJson() throws Exception {
        StoredDataset ds = dataset("structured_json", "U0", "4MiB");
        try (PostgresStore t = new PostgresStore(servers.endpoint(PostgresSystem.SYSTEM.name()))) {
            t.provision();
            t.reset();
            t.footprint().settle();
            long before = t.footprint().bytes();
            new Plain().writeAll(t, ds);
            t.footprint().settle();
            assertThat((double) ds.logicalBytes() / (t.footprint().bytes() - before))
                    .isGreaterThan(1.5);
        }
    }
}
