package org.deduplab.target.cockroachdb;

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
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deduplab.payloads.DatasetFile;
import org.deduplab.provision.Endpoint;
import org.deduplab.target.JdbcTarget;

/**
 * CockroachDB through the PostgreSQL JDBC driver: {@code dedup_lab.files_<random>(name STRING
 * PRIMARY KEY, data BYTES)}, a fresh table per load because a dropped or truncated table's MVCC
 * garbage stays in the same key span until GC. The bulk path is multi-row INSERTs of up to
 * {@link #BATCH_ROWS} rows / {@link #BATCH_BYTES} bytes, each committed on its own (CockroachDB's
 * advice for bulk writes: large transactions hit intent and Raft command limits).
 *
 * <p>Footprint: after compacting the table's key span on every store (which also flushes the
 * memtable), the sum over the table's ranges of {@code approximate_disk_bytes} from the span stats
 * of {@code SHOW RANGES ... WITH DETAILS}, divided by that range's replica count: the span stats
 * add up every replica, and the lab reports the bytes of one copy, as for the single-server systems.
 * Both statements need the {@code admin} role.
 */
public final class CockroachTarget extends JdbcTarget {
    static final int BATCH_ROWS = 100;
    static final long BATCH_BYTES = 4L << 20;
    private static final Pattern VERSION = Pattern.compile("v\\d+\\.\\d+\\.\\d+\\S*");
    private static final Pattern NUM_REPLICAS = Pattern.compile("num_replicas\\s*=\\s*(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private String table;

    public CockroachTarget(Endpoint endpoint) {
        super(endpoint, 2);
    }

    @Override
    public String system() {
        return "cockroachdb";
    }

    @Override
    protected String qualifiedTable() {
        return SCHEMA + "." + table;
    }

    @Override
    public void provision() throws Exception {
        execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
        reset();
    }

    @Override
    protected String createTableSql() {
        return "CREATE TABLE " + qualifiedTable() + " (name STRING PRIMARY KEY, data BYTES NOT NULL)";
    }

    @Override
    public void reset() throws Exception {
        closePerFile();
        dropTable();
        table = TABLE + "_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE).toLowerCase(Locale.ROOT);
        execute(createTableSql());
    }

    /** Drops the table this target created last (never another one). */
    private void dropTable() throws SQLException {
        if (table != null) {
            execute("DROP TABLE IF EXISTS " + qualifiedTable());
            table = null;
        }
    }

    @Override
    public void insertBulk(Iterable<DatasetFile> files) throws Exception {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(true);
            List<DatasetFile> batch = new ArrayList<>();
            long bytes = 0;
            for (DatasetFile f : files) {
                batch.add(f);
                bytes += f.bytes().length;
                if (batch.size() >= BATCH_ROWS || bytes >= BATCH_BYTES) {
                    insertBatch(c, batch);
                    batch.clear();
                    bytes = 0;
                }
            }
            if (!batch.isEmpty()) {
                insertBatch(c, batch);
            }
        }
    }

    private void insertBatch(Connection c, List<DatasetFile> batch) throws SQLException {
        String sql = "INSERT INTO " + qualifiedTable() + " (name, data) VALUES " + "(?, ?), ".repeat(batch.size() - 1) + "(?, ?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (DatasetFile f : batch) {
                ps.setString(i++, f.name());
                ps.setBytes(i++, f.bytes());
            }
            ps.executeUpdate();
        }
    }

    /** Commits are durable on return; compaction makes the table's bytes final SSTables on every store. */
    @Override
    public void settle() throws Exception {
        super.settle();
        List<long[]> stores = new ArrayList<>();
        List<byte[][]> spans = new ArrayList<>();
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT node_id, store_id FROM crdb_internal.kv_store_status")) {
                while (rs.next()) {
                    stores.add(new long[] {rs.getLong(1), rs.getLong(2)});
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT raw_start_key, raw_end_key FROM [SHOW RANGES FROM TABLE "
                    + qualifiedTable() + " WITH KEYS]")) {
                while (rs.next()) {
                    spans.add(new byte[][] {rs.getBytes(1), rs.getBytes(2)});
                }
            }
            try (PreparedStatement compact = c.prepareStatement("SELECT crdb_internal.compact_engine_span(?, ?, ?, ?)")) {
                for (long[] store : stores) {
                    for (byte[][] span : spans) {
                        compact.setLong(1, store[0]);
                        compact.setLong(2, store[1]);
                        compact.setBytes(3, span[0]);
                        compact.setBytes(4, span[1]);
                        compact.execute();
                    }
                }
            }
        }
    }

    @Override
    public long footprintBytes() throws Exception {
        double bytes = 0;
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT span_stats::STRING, array_length(replicas, 1) FROM [SHOW RANGES FROM TABLE "
                     + qualifiedTable() + " WITH DETAILS]")) {
            while (rs.next()) {
                JsonNode stats = JSON.readTree(rs.getString(1));
                int replicas = Math.max(1, rs.getInt(2));
                bytes += approximateDiskBytes(stats) / (double) replicas;
            }
        }
        return Math.round(bytes);
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
        String full = queryString("SELECT version()");
        Matcher v = VERSION.matcher(full == null ? "" : full);
        m.put("server_version", v.find() ? v.group() : String.valueOf(full));
        m.put("nodes", String.valueOf(queryLong("SELECT count(*) FROM crdb_internal.gossip_nodes")));
        String zone = queryString("SELECT raw_config_sql FROM [SHOW ZONE CONFIGURATION FROM TABLE " + qualifiedTable() + "]");
        Matcher r = NUM_REPLICAS.matcher(zone == null ? "" : zone);
        m.put("num_replicas", r.find() ? r.group(1) : "unknown");
        for (String setting : new String[] {"storage.sstable.compression_algorithm", "kv.raft_log.disable_synchronization_unsafe"}) {
            try {
                m.put(setting, queryString("SHOW CLUSTER SETTING " + setting));
            } catch (SQLException e) {
                // older versions lack some settings; record only what the server has
            }
        }
        return m;
    }

    @Override
    public void close() throws Exception {
        try {
            closePerFile();
            dropTable();
        } finally {
            super.close();
        }
    }
}
