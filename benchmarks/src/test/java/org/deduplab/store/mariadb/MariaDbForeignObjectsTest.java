package org.deduplab.store.mariadb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.deduplab.provision.EmbeddedServersExtension;
import org.deduplab.store.Endpoint;
import org.deduplab.store.LabWork;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The lab's database and nothing else: a table of another database survives provisioning, loads and resets. */
@Tag("slow") // starts a server
class MariaDbForeignObjectsTest {
    static final String SYSTEM = MariaDbSystem.SYSTEM.name();

    @RegisterExtension
    static final EmbeddedServersExtension servers = new EmbeddedServersExtension(List.of(SYSTEM));

    @TempDir
    static Path tmp;

    @Test
    void whatTheLabDoesLeavesObjectsOutsideItsNamespaceAlone() throws Exception {
        Endpoint e = servers.endpoint(SYSTEM);
        plant(servers.admin(SYSTEM).orElseThrow());
        LabWork.loadAndReset(e, tmp);
        assertThat(survived(servers.admin(SYSTEM).orElseThrow())).isTrue();
    }

    static void plant(Endpoint admin) throws Exception {
        try (Connection c = DriverManager.getConnection(admin.url(), admin.user(), admin.password());
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS otherdb");
            s.execute("CREATE TABLE IF NOT EXISTS otherdb.keep (id INT PRIMARY KEY)");
            s.execute("INSERT IGNORE INTO otherdb.keep VALUES (1)");
        }
    }

    static boolean survived(Endpoint admin) throws Exception {
        try (Connection c = DriverManager.getConnection(admin.url(), admin.user(), admin.password());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM otherdb.keep")) {
            rs.next();
            return rs.getInt(1) == 1;
        }
    }
}
