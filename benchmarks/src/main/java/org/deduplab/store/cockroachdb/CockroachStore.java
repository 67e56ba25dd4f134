package org.deduplab.store.cockroachdb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.deduplab.payloads.DatasetFile;
import org.deduplab.store.Endpoint;
import org.deduplab.store.JdbcStore;

/**
 * CockroachDB through the PostgreSQL JDBC driver: {@code dedup_lab.files_<random>(name STRING
 * PRIMARY KEY, data BYTES)}, a fresh table per load because a dropped or truncated table's MVCC
 * garbage stays in the same key span until GC. The bulk path is multi-row INSERTs of up to
 * {@link #BATCH_ROWS} rows / {@link #BATCH_BYTES} bytes, each committed on its own (CockroachDB's
 * advice for bulk writes: large transactions hit intent and Raft command limits).
 */
public final class CockroachStore extends JdbcStore {
    static final int BATCH_ROWS = 100;
    static final long BATCH_BYTES = 4L << 20;
    private final CockroachFootprint footprint = new CockroachFootprint(this);
    private String table;

    public CockroachStore(Endpoint endpoint) {
        super(endpoint, 2);
    }

    @Override
    public String system() {
        return "cockroachdb";
    }

    @Override
    public String qualifiedTable() {
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
        endLoad();
        dropTable();
        table = TABLE + "_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE).toLowerCase(Locale.ROOT);
        execute(createTableSql());
    }

    /** Drops the table this store created last (never another one). */
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

    @Override
    public CockroachFootprint footprint() {
        return footprint;
    }

    @Override
    public void close() throws Exception {
        try {
            endLoad();
            dropTable();
        } finally {
            super.close();
        }
    }
}
