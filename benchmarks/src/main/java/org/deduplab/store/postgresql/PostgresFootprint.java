package org.deduplab.store.postgresql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.deduplab.store.JdbcFootprint;

/**
 * PostgreSQL's footprint of the lab's table: {@code pg_total_relation_size} (heap + TOAST + indexes
 * + FSM/VM forks) after a {@code CHECKPOINT}; WAL bytes from {@code pg_current_wal_lsn}.
 */
public final class PostgresFootprint extends JdbcFootprint<PostgresStore> {
    PostgresFootprint(PostgresStore store) {
        super(store);
    }

    @Override
    public void settle() throws Exception {
        store.endLoad();
        // everything is committed; a checkpoint writes the pages so disk figures are final
        store.execute("CHECKPOINT");
    }

    @Override
    public long bytes() throws Exception {
        return store.queryLong("SELECT pg_total_relation_size('" + store.qualifiedTable() + "')");
    }

    @Override
    public OptionalLong walPosition() throws Exception {
        return OptionalLong.of(store.queryLong("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint"));
    }

    /** Data files of the lab's table, its TOAST table and all their indexes (relative to the data directory). */
    public List<String> relationFiles() throws Exception {
        String t = "'" + store.qualifiedTable() + "'::regclass";
        String toast = "(SELECT reltoastrelid FROM pg_class WHERE oid = " + t + ")";
        String sql = "SELECT pg_relation_filepath(c.oid) FROM pg_class c WHERE c.oid = " + t + " OR c.oid = " + toast
                + " OR c.oid IN (SELECT indexrelid FROM pg_index WHERE indrelid IN (" + t + ", " + toast + "))";
        List<String> out = new ArrayList<>();
        try (Connection c = store.connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    @Override
    public Map<String, String> serverSettings() throws Exception {
        Map<String, String> m = new LinkedHashMap<>();
        for (String s : new String[] {"server_version", "fsync", "synchronous_commit", "full_page_writes", "wal_compression",
            "default_toast_compression", "block_size", "shared_buffers"}) {
            m.put(s, store.queryString("SHOW " + s).orElse("?"));
        }
        m.put("column_compression", store.toastCompression());
        return m;
    }
}
