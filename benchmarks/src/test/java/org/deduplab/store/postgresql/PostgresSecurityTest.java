package org.deduplab.store.postgresql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import org.deduplab.provision.EmbeddedServersExtension;
import org.deduplab.store.Endpoint;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The embedded PostgreSQL takes the run's password (scram-sha-256) and nothing else. */
@Tag("slow") // starts a server
class PostgresSecurityTest {
    static final String SYSTEM = PostgresSystem.SYSTEM.name();

    @RegisterExtension
    static final EmbeddedServersExtension servers = new EmbeddedServersExtension(List.of(SYSTEM));

    @Test
    void postgresqlRequiresThePasswordOfTheRun() throws Exception {
        Endpoint pg = servers.endpoint(SYSTEM);
        assertThatThrownBy(() -> connect(pg.url(), "postgres", "wrong"))
                .hasMessageContaining("password authentication failed");
        assertThatThrownBy(() -> connect(pg.url(), "postgres", null)).hasMessageContaining("no password");
        assertThatThrownBy(() -> connect(pg.url(), "intruder", null)).isInstanceOf(SQLException.class);
        try (Connection c = connect(pg.url(), pg.user(), pg.password())) {
            assertThat(c.isValid(5)).isTrue();
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
