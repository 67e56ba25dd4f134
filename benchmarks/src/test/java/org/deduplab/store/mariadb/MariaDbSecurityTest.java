package org.deduplab.store.mariadb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.deduplab.provision.EmbeddedServersExtension;
import org.deduplab.store.Endpoint;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The embedded MariaDB has its grant tables, no anonymous account, and a lab user limited to what the lab needs. */
@Tag("slow") // starts a server
class MariaDbSecurityTest {
    static final String SYSTEM = MariaDbSystem.SYSTEM.name();

    @RegisterExtension
    static final EmbeddedServersExtension servers = new EmbeddedServersExtension(List.of(SYSTEM));

    @Test
    void mariadbHasGrantTablesAndALimitedLabUser() throws Exception {
        Endpoint maria = servers.endpoint(SYSTEM);
        for (String user : List.of(maria.user(), "root", "intruder", "")) {
            assertThatThrownBy(() -> connect(maria.url(), user, "wrong"))
                    .as(user)
                    .hasMessageContaining("Access denied");
            assertThatThrownBy(() -> connect(maria.url(), user, null)).as(user).hasMessageContaining("Access denied");
        }
        try (Connection c = connect(maria.url(), maria.user(), maria.password());
                var s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS dedup_lab");
            // limited to what the lab needs: no other database, no user administration
            assertThatThrownBy(() -> s.execute("CREATE DATABASE other")).hasMessageContaining("Access denied");
            assertThatThrownBy(() -> s.execute("CREATE USER x IDENTIFIED BY 'y'"))
                    .hasMessageContaining("Access denied");
            var rs = s.executeQuery("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA");
            List<String> visible = new ArrayList<>();
            while (rs.next()) {
                visible.add(rs.getString(1));
            }
            assertThat(visible).containsExactlyInAnyOrder("information_schema", "dedup_lab");
        }
    }

    private static Connection connect(String url, String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null) {
            p.setProperty("password", password);
        }
        return DriverManager.getConnection(url, p);
    }
}
