package org.deduplab.store.postgresql;

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

/** The lab's schema and nothing else: a table in {@code public} survives provisioning, loads and resets. */
@Tag("slow") // starts a server
class PostgresForeignObjectsTest {
    static final String SYSTEM = PostgresSystem.SYSTEM.name();

    @RegisterExtension
    static final EmbeddedServersExtension servers = new EmbeddedServersExtension(List.of(SYSTEM));

    @TempDir
    static Path tmp;

    @Test
    void whatTheLabDoesLeavesObjectsOutsideItsNamespaceAlone() throws Exception {
        Endpoint e = servers.endpoint(SYSTEM);
        plant(e);
        LabWork.loadAndReset(e, tmp);
        assertThat(survived(e)).isTrue();
    }

    static void plant(Endpoint e) throws Exception {
        try (Connection c = DriverManager.getConnection(e.url(), e.user(), e.password());
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS public.keep_me (id int primary key)");
            s.execute("INSERT INTO public.keep_me VALUES (1) ON CONFLICT DO NOTHING");
        }
    }

    static boolean survived(Endpoint e) throws Exception {
        try (Connection c = DriverManager.getConnection(e.url(), e.user(), e.password());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM public.keep_me")) {
            rs.next();
            return rs.getInt(1) == 1;
        }
    }
}
