package org.deduplab.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.deduplab.payloads.StoredDataset;
import org.deduplab.provision.EmbeddedServers;
import org.deduplab.provision.Endpoint;
import org.deduplab.provision.Provisioning;
import org.deduplab.target.postgresql.PostgresTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The target contract against the embedded servers the launcher uses, plus PostgreSQL's on-disk check. */
class EmbeddedTargetContractTest extends TargetContract {
    static EmbeddedServers servers;

    @BeforeAll
    static void start() throws Exception {
        servers = EmbeddedServers.start(Provisioning.EMBEDDED, new PrintStream(PrintStream.nullOutputStream()));
    }

    static List<String> systemsUnderTest() {
        return Provisioning.EMBEDDED;
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    @Override
    Endpoint endpoint(String system) {
        return servers.endpoint(system);
    }

    @Test
    void postgresFootprintMatchesAllocatedBlocksOfTheTableFiles() throws Exception {
        StoredDataset ds = dataset("text_log", "U0", "8MiB");
        Path dataDir = servers.endpoint("postgresql").dataDir();
        try (PostgresTarget t = new PostgresTarget(servers.endpoint("postgresql"))) {
            t.provision();
            t.reset();
            t.settle();
            long before = t.footprintBytes();
            long diskBefore = allocated(dataDir, t.relationFiles());
            t.insertBulk(ds);
            t.settle(); // includes CHECKPOINT: pages are on disk
            long physical = t.footprintBytes() - before;
            long diskGrowth = allocated(dataDir, t.relationFiles()) - diskBefore;
            assertThat(diskGrowth).isPositive();
            assertThat((double) physical).isCloseTo(diskGrowth, org.assertj.core.api.Assertions.withinPercentage(10));
        }
    }

    /** Allocated bytes of every fork and segment file of the given relations. */
    static long allocated(Path dataDir, List<String> relationPaths) throws Exception {
        List<Path> files = new java.util.ArrayList<>();
        for (String rel : relationPaths) {
            Path main = dataDir.resolve(rel);
            try (var s = java.nio.file.Files.list(main.getParent())) {
                String base = main.getFileName().toString();
                s.filter(p -> {
                    String n = p.getFileName().toString();
                    return n.equals(base) || n.startsWith(base + "_") || n.startsWith(base + ".");
                }).forEach(files::add);
            }
        }
        return Disk.allocatedBytes(files.toArray(Path[]::new));
    }
}
