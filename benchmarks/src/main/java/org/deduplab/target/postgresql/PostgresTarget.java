package org.deduplab.target.postgresql;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.deduplab.payloads.DatasetFile;
import org.deduplab.provision.Endpoint;
import org.deduplab.target.JdbcTarget;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * PostgreSQL: {@code dedup_lab.files(name text primary key, data bytea)}. Footprint is
 * {@code pg_total_relation_size} (heap + TOAST + indexes + FSM/VM forks); WAL bytes come from
 * {@code pg_current_wal_lsn}. The bulk path is binary {@code COPY ... FROM STDIN} streamed through
 * the driver's CopyManager, one file in memory at a time.
 */
public final class PostgresTarget extends JdbcTarget {
    private static final byte[] COPY_HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0,
        0, 0};
    /** TOAST compression of the lab's column: pglz is PostgreSQL's default; set explicitly so runs compare. */
    private final String toastCompression;

    public PostgresTarget(Endpoint endpoint) {
        super(endpoint, 2);
        this.toastCompression = endpoint.settings().getOrDefault("toast_compression",
                System.getProperty("dedup.pg.toastCompression", "pglz"));
    }

    @Override
    public String system() {
        return "postgresql";
    }

    @Override
    public void provision() throws Exception {
        execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA, "DROP TABLE IF EXISTS " + qualifiedTable(), createTableSql());
    }

    @Override
    protected String createTableSql() {
        return "CREATE TABLE " + qualifiedTable() + " (name text PRIMARY KEY, data bytea COMPRESSION " + toastCompression
                + ")";
    }

    @Override
    public void insertBulk(Iterable<DatasetFile> files) throws Exception {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(true); // COPY runs as one transaction
            CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY " + qualifiedTable() + " (name, data) FROM STDIN (FORMAT binary)");
            try {
                copy.writeToCopy(COPY_HEADER, 0, COPY_HEADER.length);
                for (DatasetFile f : files) {
                    byte[] name = f.name().getBytes(StandardCharsets.UTF_8);
                    ByteBuffer tuple = ByteBuffer.allocate(2 + 4 + name.length + 4);
                    tuple.putShort((short) 2).putInt(name.length).put(name).putInt(f.bytes().length);
                    copy.writeToCopy(tuple.array(), 0, tuple.capacity());
                    copy.writeToCopy(f.bytes(), 0, f.bytes().length);
                }
                copy.writeToCopy(new byte[] {(byte) 0xFF, (byte) 0xFF}, 0, 2);
                copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        }
    }

    @Override
    public void settle() throws Exception {
        super.settle();
        // everything is committed; a checkpoint writes the pages so disk figures are final
        execute("CHECKPOINT");
    }

    @Override
    public long footprintBytes() throws Exception {
        return queryLong("SELECT pg_total_relation_size('" + qualifiedTable() + "')");
    }

    @Override
    public OptionalLong walPosition() throws Exception {
        return OptionalLong.of(queryLong("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint"));
    }

    /** Data files of the lab's table, its TOAST table and all their indexes (relative to the data directory). */
    public java.util.List<String> relationFiles() throws Exception {
        java.util.List<String> out = new java.util.ArrayList<>();
        String sql = "SELECT pg_relation_filepath(c.oid) FROM pg_class c WHERE c.oid = '" + qualifiedTable() + "'::regclass"
                + " OR c.oid = (SELECT reltoastrelid FROM pg_class WHERE oid = '" + qualifiedTable() + "'::regclass)"
                + " OR c.oid IN (SELECT indexrelid FROM pg_index WHERE indrelid IN ('" + qualifiedTable() + "'::regclass,"
                + " (SELECT reltoastrelid FROM pg_class WHERE oid = '" + qualifiedTable() + "'::regclass)))";
        try (Connection c = pool.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    @Override
    public Map<String, String> serverSettings() throws Exception {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("server_version", queryString("SHOW server_version"));
        for (String s : new String[] {"fsync", "synchronous_commit", "full_page_writes", "wal_compression",
            "default_toast_compression", "block_size", "shared_buffers"}) {
            m.put(s, queryString("SHOW " + s));
        }
        m.put("column_compression", toastCompression);
        return m;
    }

}
