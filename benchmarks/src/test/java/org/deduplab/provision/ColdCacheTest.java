package org.deduplab.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.deduplab.store.Endpoint;
import org.deduplab.store.Systems;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What {@code cache=cold} does to the real servers, checked by the servers' own counters and the
 * kernel's: after {@link Provisioning#emptyCaches}, PostgreSQL reads a table from outside
 * shared_buffers ({@code EXPLAIN (BUFFERS)} says {@code read=}, not {@code hit=}), MariaDB from outside
 * its buffer pool ({@code Innodb_pages_read}, read-ahead included), and no page of the files is in the page cache
 * ({@code fincore}); data, port and credentials are the same, and the run record names the new pid.
 * Redis and a machine without a writable drop_caches are refused with the reason.
 */
@Tag("slow") // starts servers
class ColdCacheTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static Provisioning servers;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        servers = Provisioning.start(Systems.withEmbeddedServer(), new PrintStream(PrintStream.nullOutputStream()));
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    @Test
    void postgresqlRestartsInPlaceWithEmptySharedBuffersAndPageCache() throws Exception {
        assumeThat(PageCache.unavailable()).as("needs root for drop_caches").isEmpty();
        Endpoint pg = servers.endpoints().get("postgresql");
        String relation;
        try (Connection c = connect(pg);
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE cold_check (id int, data text)");
            s.execute("INSERT INTO cold_check SELECT g, repeat(md5(g::text), 60) FROM generate_series(1, 40000) g");
            s.execute("CHECKPOINT");
            relation = one(s, "SELECT pg_relation_filepath('cold_check')");
            assertThat(buffers(s))
                    .as("a second read is served from shared_buffers")
                    .doesNotContain("read=");
        }
        Path file = pg.dataDir().resolve(relation);
        assertThat(residentBytes(file))
                .as("the table's pages are in the page cache")
                .isPositive();
        long before = serverPid("postgresql");

        String done = servers.emptyCaches("postgresql");

        long after = serverPid("postgresql");
        assertThat(done).contains("restarted in place (pid " + before + " -> " + after + ")");
        assertThat(after).isNotEqualTo(before);
        ProcessHandle.of(before).ifPresent(h -> h.onExit().join()); // pg_ctl returns once the pid file is gone

        assertThat(residentBytes(file))
                .as("no page of the table is cached after the drop")
                .isZero();
        try (Connection c = connect(pg); // the same port and password
                Statement s = c.createStatement()) {
            assertThat(buffers(s)).as("the first read after the restart").contains("read=");
            assertThat(one(s, "SELECT count(*) FROM cold_check")).isEqualTo("40000");
            s.execute("DROP TABLE cold_check");
        }
    }

    @Test
    void mariadbRestartsInPlaceWithAnEmptyBufferPool() throws Exception {
        assumeThat(PageCache.unavailable()).as("needs root for drop_caches").isEmpty();
        Endpoint db = servers.endpoints().get("mariadb");
        try (Connection c = connect(db);
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS dedup_lab");
            s.execute("USE dedup_lab");
            s.execute("CREATE TABLE dedup_lab.cold_check (id int PRIMARY KEY, data text) ENGINE=InnoDB");
            s.execute("INSERT INTO dedup_lab.cold_check SELECT seq, repeat(md5(seq), 60) FROM seq_1_to_20000");
            s.execute("SELECT sum(length(data)) FROM dedup_lab.cold_check");
            long warm = diskReads(s);
            s.execute("SELECT sum(length(data)) FROM dedup_lab.cold_check");
            assertThat(diskReads(s) - warm)
                    .as("a second read is served from the buffer pool")
                    .isZero();
        }
        long before = serverPid("mariadb");

        assertThat(servers.emptyCaches("mariadb")).contains("restarted in place");

        assertThat(serverPid("mariadb")).isNotEqualTo(before);
        try (Connection c = connect(db); // the same port and password
                Statement s = c.createStatement()) {
            long start = diskReads(s);
            assertThat(one(s, "SELECT sum(length(data)) FROM dedup_lab.cold_check"))
                    .isEqualTo(String.valueOf(20000 * 1920));
            assertThat(diskReads(s) - start)
                    .as("pages read from disk by the first read after the restart (the table is ~40 MB = 2,400 pages); "
                            + status(s, "Innodb_buffer_pool_pages_data") + ", "
                            + status(s, "Innodb_buffer_pool_load_status") + ", uptime " + status(s, "Uptime"))
                    .isGreaterThan(1000);
            s.execute("DROP TABLE dedup_lab.cold_check");
        }
    }

    @Test
    void s3HasNoCacheOfItsOwnAndThePageCacheIsDropped() throws Exception {
        assumeThat(PageCache.unavailable()).as("needs root for drop_caches").isEmpty();
        Path file = tmp.resolve("some-object");
        byte[] bytes = new byte[4 << 20];
        new Random(1).nextBytes(bytes);
        Files.write(file, bytes);
        Files.readAllBytes(file);
        assertThat(residentBytes(file)).isPositive();

        assertThat(servers.emptyCaches("s3")).contains("no cache of its own").contains("page cache dropped");

        assertThat(residentBytes(file)).isZero();
    }

    @Test
    void coldIsRefusedWithTheReasonWhereItCannotBeHad() throws Exception {
        assertThat(servers.coldUnavailable("redis"))
                .hasValueSatisfying(why -> assertThat(why).contains("Redis serves every read from memory"));
        assertThatThrownBy(() -> servers.emptyCaches("redis"))
                .hasMessageContaining("no cold restore on redis: Redis serves every read from memory");
        // a drop_caches the run cannot write (as without root): every system is refused
        System.setProperty(
                "dedup.dropCaches", tmp.resolve("no-such-dir/drop_caches").toString());
        try {
            assertThat(servers.coldUnavailable("postgresql"))
                    .hasValueSatisfying(why -> assertThat(why).contains("is not writable (root only)"));
            assertThat(servers.coldUnavailable("mariadb")).isPresent();
            assertThatThrownBy(() -> servers.emptyCaches("s3")).hasMessageContaining("is not writable (root only)");
        } finally {
            System.clearProperty("dedup.dropCaches");
        }
    }

    static List<String> embedded() {
        return Systems.withEmbeddedServer();
    }

    /** Every system with an embedded server, a new one included: its caches are emptied, or the reason it cannot be is given. */
    @ParameterizedTest
    @MethodSource("embedded")
    void everyEmbeddedServerEmptiesItsCachesOrSaysWhyNot(String system) throws Exception {
        assumeThat(PageCache.unavailable()).as("needs root for drop_caches").isEmpty();
        Optional<String> why = servers.coldUnavailable(system);
        if (why.isPresent()) {
            assertThat(why.get()).isNotBlank();
            assertThatThrownBy(() -> servers.emptyCaches(system))
                    .hasMessageContaining("no cold restore on " + system + ": " + why.get());
        } else {
            assertThat(servers.emptyCaches(system)).isNotBlank();
            assertThat(Endpoint.reachable(servers.endpoints().get(system)))
                    .as(system + " answers after its caches were emptied")
                    .isTrue();
        }
    }

    /** The pid the run record names for {@code system} (there is one entry per system). */
    private static long serverPid(String system) throws Exception {
        JsonNode record = JSON.readTree(servers.dir().resolve(RunRecord.FILE).toFile());
        List<Long> pids = new ArrayList<>();
        record.path("servers").forEach(s -> {
            if (s.path("system").asText().equals(system)) {
                pids.add(s.path("pid").asLong());
            }
        });
        assertThat(pids).as("record entries of " + system + ": " + record).hasSize(1);
        return pids.get(0);
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

    private static long diskReads(Statement s) throws SQLException {
        try (ResultSet r = s.executeQuery("SHOW GLOBAL STATUS LIKE 'Innodb_pages_read'")) {
            r.next();
            return r.getLong(2);
        }
    }

    private static String status(Statement s, String name) throws SQLException {
        try (ResultSet r = s.executeQuery("SHOW GLOBAL STATUS LIKE '" + name + "'")) {
            return r.next() ? name + "=" + r.getString(2) : name + " absent";
        }
    }

    private static String one(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }

    private static Connection connect(Endpoint e) throws SQLException {
        return DriverManager.getConnection(e.url(), e.user(), e.password());
    }

    /** Bytes of {@code file} in the page cache, as util-linux's fincore counts them. */
    private static long residentBytes(Path file) throws Exception {
        Process p = new ProcessBuilder("fincore", "--bytes", "--noheadings", "--output", "RES", file.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor()).as("fincore: " + out).isZero();
        return Long.parseLong(out);
    }
}
