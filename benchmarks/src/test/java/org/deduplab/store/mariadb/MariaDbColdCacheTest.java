package org.deduplab.store.mariadb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.deduplab.provision.ColdChecks;
import org.deduplab.provision.Provisioning;
import org.deduplab.store.Endpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A cold restore's reset on MariaDB: a restart in place reads the table from outside the buffer pool ({@code Innodb_pages_read}, read-ahead included); same port and password, a new pid in the run record. */
@Tag("slow") // starts a server
class MariaDbColdCacheTest {
    static final String SYSTEM = MariaDbSystem.SYSTEM.name();
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
    void mariadbRestartsInPlaceWithAnEmptyBufferPool() throws Exception {
        assumeThat(ColdChecks.canDropCaches()).as("needs root for drop_caches").isTrue();
        Endpoint db = servers.endpoints().get(SYSTEM);
        try (Connection c = ColdChecks.connect(db);
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
        long before = ColdChecks.serverPid(servers, SYSTEM);

        assertThat(servers.emptyCaches(SYSTEM)).contains("restarted in place");

        assertThat(ColdChecks.serverPid(servers, SYSTEM)).isNotEqualTo(before);
        try (Connection c = ColdChecks.connect(db); // the same port and password
                Statement s = c.createStatement()) {
            long start = diskReads(s);
            assertThat(ColdChecks.one(s, "SELECT sum(length(data)) FROM dedup_lab.cold_check"))
                    .isEqualTo(String.valueOf(20000 * 1920));
            assertThat(diskReads(s) - start)
                    .as("pages read from disk by the first read after the restart (the table is ~40 MB = 2,400 pages); "
                            + status(s, "Innodb_buffer_pool_pages_data") + ", "
                            + status(s, "Innodb_buffer_pool_load_status") + ", uptime " + status(s, "Uptime"))
                    .isGreaterThan(1000);
            s.execute("DROP TABLE dedup_lab.cold_check");
        }
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
}
