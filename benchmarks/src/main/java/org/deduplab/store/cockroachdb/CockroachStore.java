package org.deduplab.store.cockroachdb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.deduplab.store.Endpoint;
import org.deduplab.store.Entry;
import org.deduplab.store.JdbcStore;
import org.deduplab.store.Space;
import org.deduplab.store.StoreConfig;

/**
 * CockroachDB through the PostgreSQL JDBC driver: {@code dedup_lab.<space>_<random>(name STRING
 * PRIMARY KEY, data BYTES)}, fresh tables per load because a dropped or truncated table's MVCC
 * garbage stays in the same key span until GC. The bulk path of plain files is multi-row INSERTs of
 * up to {@link #BATCH_ROWS} rows / {@link #MULTI_ROW_BYTES} bytes, each committed on its own
 * (CockroachDB's advice for bulk writes: large transactions hit intent and Raft command limits).
 *
 * <p>A variant sets the cluster setting {@code storage.sstable.compression_algorithm} for the trial
 * and restores the value it found when the store closes: the lab changes a cluster's setting only
 * while it measures, and says so in {@code preflight}.
 */
public final class CockroachStore extends JdbcStore {
    static final int BATCH_ROWS = 100;
    static final long MULTI_ROW_BYTES = 4L << 20;
    static final String COMPRESSION_SETTING = "storage.sstable.compression_algorithm";
    private final CockroachFootprint footprint = new CockroachFootprint(this);
    private final Map<Space, String> tables = new EnumMap<>(Space.class);
    /** The cluster's compression setting before the variant changed it, to restore at close. */
    private Optional<String> previousCompression = Optional.empty();

    public CockroachStore(Endpoint endpoint, StoreConfig config) {
        super(endpoint, config, 2);
    }

    @Override
    public String qualifiedTable(Space space) {
        return SCHEMA + "." + tables.get(space);
    }

    @Override
    public void provision() throws Exception {
        execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
        if (config.variant().isPresent() && previousCompression.isEmpty()) {
            previousCompression = queryString("SHOW CLUSTER SETTING " + COMPRESSION_SETTING);
            execute("SET CLUSTER SETTING " + COMPRESSION_SETTING + " = '"
                    + config.variant().get() + "'");
        }
        reset();
    }

    @Override
    protected String createTableSql(Space space) {
        return "CREATE TABLE " + qualifiedTable(space) + " (name STRING PRIMARY KEY, data BYTES NOT NULL)";
    }

    @Override
    protected String idempotentInsertSql(Space space) {
        return "INSERT INTO " + qualifiedTable(space) + " (name, data) VALUES (?, ?) ON CONFLICT (name) DO NOTHING";
    }

    @Override
    public void reset() throws Exception {
        endLoad();
        dropTables();
        String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE)
                .toLowerCase(Locale.ROOT);
        for (Space s : spaces()) {
            tables.put(s, s.id() + "_" + suffix);
            execute(createTableSql(s));
        }
    }

    /** Drops the tables this store created last (never another one). */
    private void dropTables() throws SQLException {
        for (Space s : List.copyOf(tables.keySet())) {
            execute("DROP TABLE IF EXISTS " + qualifiedTable(s));
            tables.remove(s);
        }
    }

    @Override
    protected void insertFiles(Iterable<Entry> entries) throws Exception {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(true);
            List<Entry> batch = new ArrayList<>();
            long bytes = 0;
            for (Entry e : entries) {
                batch.add(e);
                bytes += e.value().length;
                if (batch.size() >= BATCH_ROWS || bytes >= MULTI_ROW_BYTES) {
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

    private void insertBatch(Connection c, List<Entry> batch) throws SQLException {
        String sql = "INSERT INTO " + qualifiedTable(Space.FILES) + " (name, data) VALUES "
                + "(?, ?), ".repeat(batch.size() - 1) + "(?, ?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (Entry e : batch) {
                ps.setString(i++, e.key());
                ps.setBytes(i++, e.value());
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
            dropTables();
            if (previousCompression.isPresent()) {
                execute("SET CLUSTER SETTING " + COMPRESSION_SETTING + " = '" + previousCompression.get() + "'");
            }
        } finally {
            super.close();
        }
    }
}
