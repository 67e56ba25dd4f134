package org.deduplab.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.deduplab.layout.Plain;
import org.deduplab.payloads.StoredDataset;
import org.deduplab.provision.EmbeddedServersExtension;
import org.deduplab.store.postgresql.PostgresFootprint;
import org.deduplab.store.postgresql.PostgresStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The target contract against the embedded servers the launcher uses, plus PostgreSQL's on-disk check. */
@Tag("slow") // starts servers, a launcher, a JMH run, a browser or a child JVM: left out of mvn -Pfast test
class EmbeddedStoreContractTest extends StoreContract {
    @RegisterExtension
    static final EmbeddedServersExtension servers = new EmbeddedServersExtension(Systems.withEmbeddedServer());

    static List<String> systemsUnderTest() {
        return Systems.withEmbeddedServer();
    }

    @Override
    Endpoint endpoint(String system) {
        return servers.endpoint(system);
    }

    @Test
    void postgresFootprintMatchesAllocatedBlocksOfTheTableFiles() throws Exception {
        StoredDataset ds = dataset("text_log", "U0", "8MiB");
        Path dataDir = servers.endpoint("postgresql").dataDir();
        try (PostgresStore t = new PostgresStore(servers.endpoint("postgresql"))) {
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
}
