package org.deduplab.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.deduplab.bench.JmhFork;
import org.deduplab.bench.RandomBinary;
import org.deduplab.provision.EmbeddedServersExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Redis in a real JMH fork: random bytes cost their size in memory (used_memory growth), and there is no WAL. */
@Tag("slow") // starts a server and forks JMH
class RedisBenchmarkRunTest {
    static final String SYSTEM = RedisSystem.SYSTEM.name();

    @RegisterExtension
    static final EmbeddedServersExtension servers = new EmbeddedServersExtension(List.of(SYSTEM));

    @TempDir
    static Path tmp;

    @Test
    void perFileReportsTheMemoryFootprintAndNoWal() throws Exception {
        JsonNode r = JmhFork.run(tmp, servers.writeEndpoints(), "perFile", SYSTEM, RandomBinary.class);
        assertThat(r.path("secondaryMetrics").has("\u00b7storage.walBytes")).isFalse();
        assertThat(JmhFork.score(r, "\u00b7storage.edr")).isBetween(0.5, 1.02);
        assertThat(JmhFork.score(r, "\u00b7storage.referenceEdr")).isGreaterThan(1.5); // U50: half are copies
    }
}
