package org.deduplab.store.postgresql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.deduplab.provision.ColdChecks;
import org.deduplab.provision.Provisioning;
import org.deduplab.store.Endpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A cold restore's reset on PostgreSQL: a restart in place reads the table from outside shared_buffers ({@code EXPLAIN (BUFFERS)} says {@code read=}) and no page of it is in the page cache; same port and password, a new pid in the run record. */
@Tag("slow") // starts a server
class PostgresColdCacheTest {
    static final String SYSTEM = PostgresSystem.SYSTEM.name();
    static Provisioning servers;

    @BeforeAll
    static void start() throws Exception {
        servers = Provisioning.start(List.of(SYSTEM), new PrintStream(PrintStream.nullOutputStream()));
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    @Test
    void postgresqlRestartsInPlaceWithEmptySharedBuffersAndPageCache() throws Exception {
        assumeThat(ColdChecks.canDropCaches()).as("needs root for drop_caches").isTrue();
        Endpoint pg = servers.endpoints().get(SYSTEM);
        String relation;
        try (Connection c = ColdChecks.connect(pg);
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE cold_check (id int, data text)");
            s.execute("INSERT INTO cold_check SELECT g, repeat(md5(g::text), 60) FROM generate_series(1, 40000) g");
            s.execute("CHECKPOINT");
            relation = ColdChecks.one(s, "SELECT pg_relation_filepath('cold_check')");
            assertThat(buffers(s))
                    .as("a second read is served from shared_buffers")
                    .doesNotContain("read=");
        }
        Path file = pg.dataDir().resolve(relation);
        assertThat(ColdChecks.residentBytes(file))
                .as("the table's pages are in the page cache")
                .isPositive();
        long before = ColdChecks.serverPid(servers, SYSTEM);

        String done = servers.emptyCaches(SYSTEM);

        long after = ColdChecks.serverPid(servers, SYSTEM);
        assertThat(done).contains("restarted in place (pid " + before + " -> " + after + ")");
        assertThat(after).isNotEqualTo(before);
        ProcessHandle.of(before).ifPresent(h -> h.onExit().join()); // pg_ctl returns once the pid file is gone

        assertThat(ColdChecks.residentBytes(file))
                .as("no page of the table is cached after the drop")
                .isZero();
        try (Connection c = ColdChecks.connect(pg); // the same port and password
                Statement s = c.createStatement()) {
            assertThat(buffers(s)).as("the first read after the restart").contains("read=");
            assertThat(ColdChecks.one(s, "SELECT count(*) FROM cold_check")).isEqualTo("40000");
            s.execute("DROP TABLE cold_check");
        }
    }

    /** The buffers line of the plan's top node: {@code shared hit=N} from shared_buffers, {@code read=N} from outside. */
    private static String buffers(Statement s) throws SQLException {
        List<String> plan = new ArrayList<>();
        try (ResultSet r = s.executeQuery("EXPLAIN (ANALYZE, BUFFERS) SELECT sum(length(data)) FROM cold_check")) {
            while (r.next()) {
                plan.add(r.getString(1));
            }
        }
        return plan.stream()
                .filter(line -> line.strip().startsWith("Buffers:"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no Buffers line in " + plan));
    }
}
