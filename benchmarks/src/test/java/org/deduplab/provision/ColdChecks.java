package org.deduplab.provision;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.deduplab.store.Endpoint;

/** What the cold-cache tests of every system read: the page cache, the run record, a SQL answer. */
public final class ColdChecks {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ColdChecks() {}

    /** Whether this run can drop the page cache (root writes drop_caches). */
    public static boolean canDropCaches() {
        return PageCache.unavailable().isEmpty();
    }

    /** The pid the run record names for {@code system} (there is one entry per system). */
    public static long serverPid(Provisioning servers, String system) throws Exception {
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

    public static String one(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }

    public static Connection connect(Endpoint e) throws SQLException {
        return DriverManager.getConnection(e.url(), e.user(), e.password());
    }

    /** Bytes of {@code file} in the page cache, as util-linux's fincore counts them. */
    public static long residentBytes(Path file) throws Exception {
        Process p = new ProcessBuilder("fincore", "--bytes", "--noheadings", "--output", "RES", file.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor()).as("fincore: " + out).isZero();
        return Long.parseLong(out);
    }
}
