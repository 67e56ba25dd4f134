package org.deduplab.store.postgresql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.deduplab.bench.JmhFork;
import org.deduplab.bench.StructuredJson;
import org.deduplab.provision.EmbeddedServersExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** PostgreSQL in a real JMH fork: TOAST compresses JSON near the reference, and the load's WAL is reported. */
@Tag("slow") // starts a server and forks JMH
class PostgresBenchmarkRunTest {
    static final String SYSTEM = PostgresSystem.SYSTEM.name();

    @RegisterExtension
    static final EmbeddedServersExtension servers = new EmbeddedServersExtension(List.of(SYSTEM));

    @TempDir
    static Path tmp;

    @Test
    void bulkCompressesJsonAndReportsItsWal() throws Exception {
        JsonNode r = JmhFork.run(tmp, servers.writeEndpoints(), "bulk", SYSTEM, StructuredJson.class);
        double edr = JmhFork.score(r, "\u00b7storage.edr");
        assertThat(edr).isBetween(1.5, 12.0);
        assertThat(JmhFork.score(r, "\u00b7storage.referenceEdr")).isGreaterThan(edr * 0.8);
        assertThat(JmhFork.score(r, "\u00b7storage.walBytes")).isPositive();
        assertThat(JmhFork.score(r, "\u00b7storage.diskDeltaBytes")).isPositive();
    }
}
