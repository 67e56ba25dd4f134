package org.deduplab.store.cockroachdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deduplab.store.JdbcFootprint;
import org.deduplab.store.Space;
import org.deduplab.store.VariantNotInEffectException;

/**
 * CockroachDB's footprint of the current table: after compacting the table's key span on every
 * store (which also flushes the memtable), the sum over the table's ranges of
 * {@code approximate_disk_bytes} from the span stats of {@code SHOW RANGES ... WITH DETAILS}, divided
 * by that range's replica count: the span stats add up every replica, and the lab reports the bytes
 * of one copy, as for the single-server systems. Both statements need the {@code admin} role.
 */
public final class CockroachFootprint extends JdbcFootprint<CockroachStore> {
    private static final Pattern VERSION = Pattern.compile("v\\d+\\.\\d+\\.\\d+\\S*");
    private static final Pattern NUM_REPLICAS = Pattern.compile("num_replicas\\s*=\\s*(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    CockroachFootprint(CockroachStore store) {
        super(store);
    }

    /** Commits are durable on return; compaction makes the table's bytes final SSTables on every store. */
    @Override
    public void settle() throws Exception {
        store.endLoad();
        try (Connection c = store.connection();
                Statement s = c.createStatement();
                PreparedStatement compact =
                        c.prepareStatement("SELECT crdb_internal.compact_engine_span(?, ?, ?, ?)")) {
            List<long[]> stores = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT node_id, store_id FROM crdb_internal.kv_store_status")) {
                while (rs.next()) {
                    stores.add(new long[] {rs.getLong(1), rs.getLong(2)});
                }
            }
            for (Space space : store.spaces()) {
                try (ResultSet rs = s.executeQuery("SELECT raw_start_key, raw_end_key FROM [SHOW RANGES FROM TABLE "
                        + store.qualifiedTable(space) + " WITH KEYS]")) {
                    while (rs.next()) {
                        for (long[] st : stores) {
                            compact.setLong(1, st[0]);
                            compact.setLong(2, st[1]);
                            compact.setBytes(3, rs.getBytes(1));
                            compact.setBytes(4, rs.getBytes(2));
                            compact.execute();
                        }
                    }
                }
            }
        }
    }

    @Override
    public long bytes() throws Exception {
        double bytes = 0;
        for (Space space : store.spaces()) {
            try (Connection c = store.connection();
                    Statement s = c.createStatement();
                    ResultSet rs =
                            s.executeQuery("SELECT span_stats::STRING, array_length(replicas, 1) FROM [SHOW RANGES FROM"
                                    + " TABLE " + store.qualifiedTable(space) + " WITH DETAILS]")) {
                while (rs.next()) {
                    JsonNode stats = JSON.readTree(rs.getString(1));
                    int replicas = Math.max(1, rs.getInt(2));
                    bytes += approximateDiskBytes(stats) / (double) replicas;
                }
            }
        }
        return Math.round(bytes);
    }

    /** The cluster's SST compression is the variant's. */
    @Override
    public void checkVariant() throws Exception {
        if (store.config().variant().isEmpty()) {
            return;
        }
        String now = store.queryString("SHOW CLUSTER SETTING " + CockroachStore.COMPRESSION_SETTING)
                .orElse("?");
        if (!now.equalsIgnoreCase(store.config().variant().get())) {
            throw new VariantNotInEffectException(
                    "cockroachdb:" + store.config().variant().get() + ": cluster setting "
                            + CockroachStore.COMPRESSION_SETTING + " is '" + now + "'");
        }
    }

    /** {@code approximate_disk_bytes} of one span-stats document, wherever the server version nests it. */
    static long approximateDiskBytes(JsonNode stats) throws SQLException {
        if (stats == null) {
            throw new SQLException("SHOW RANGES returned no span_stats");
        }
        JsonNode v = stats.findValue("approximate_disk_bytes");
        if (v == null) {
            v = stats.findValue("approximateDiskBytes");
        }
        if (v == null) {
            throw new SQLException("span_stats has no approximate_disk_bytes: " + stats);
        }
        return v.asLong();
    }

    @Override
    public Map<String, String> serverSettings() throws Exception {
        Map<String, String> m = new LinkedHashMap<>();
        String full = store.queryString("SELECT version()").orElse("");
        Matcher v = VERSION.matcher(full);
        m.put("server_version", v.find() ? v.group() : full);
        m.put("nodes", String.valueOf(store.queryLong("SELECT count(*) FROM crdb_internal.gossip_nodes")));
        String zone = store.queryString("SELECT raw_config_sql FROM [SHOW ZONE CONFIGURATION FROM TABLE "
                        + store.qualifiedTable(store.spaces().iterator().next()) + "]")
                .orElse("");
        Matcher r = NUM_REPLICAS.matcher(zone);
        m.put("num_replicas", r.find() ? r.group(1) : "unknown");
        for (String setting :
                new String[] {"storage.sstable.compression_algorithm", "kv.raft_log.disable_synchronization_unsafe"}) {
            try {
                store.queryString("SHOW CLUSTER SETTING " + setting).ifPresent(value -> m.put(setting, value));
            } catch (SQLException e) {
                // older versions lack some settings; record only what the server has
            }
        }
        return m;
    }
}
