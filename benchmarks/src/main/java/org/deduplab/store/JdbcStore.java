package org.deduplab.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the SQL stores share: a HikariCP pool, one {@code (name, data)} table per space in the lab's
 * schema, per-entry autocommit writes and point reads. Writes to any space but {@link Space#FILES}
 * are idempotent ({@link #idempotentInsertSql}), and their bulk path commits sorted batches, so two
 * loaders writing the same keys at once take row locks in the same order and cannot deadlock.
 * Subclasses give the DDL, the idempotent insert and the bulk path of {@link Space#FILES}; their
 * {@link FootprintProbe} uses the query helpers here.
 */
public abstract class JdbcStore implements Store {
    public static final String SCHEMA = "dedup_lab";
    /** Bulk batches stay below this many bytes, so memory stays bounded. */
    protected static final long BATCH_BYTES = 8L << 20;

    protected final Endpoint endpoint;
    protected final StoreConfig config;
    protected final HikariDataSource pool;
    private final Map<Space, PreparedStatement> perEntry = new EnumMap<>(Space.class);
    private Connection perEntryConnection;

    protected JdbcStore(Endpoint endpoint, StoreConfig config, int poolSize) {
        this.endpoint = endpoint;
        this.config = config;
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(endpoint.url());
        if (endpoint.user() != null && !endpoint.user().isEmpty()) {
            cfg.setUsername(endpoint.user());
        }
        if (endpoint.password() != null && !endpoint.password().isEmpty()) {
            cfg.setPassword(endpoint.password());
        }
        cfg.setMaximumPoolSize(poolSize);
        cfg.setMinimumIdle(1);
        cfg.setPoolName("dedup-lab-" + endpoint.system());
        // bounded: an unreachable server fails within this many seconds, not after a long TCP timeout
        long timeoutMs = Long.getLong("dedup.connectTimeoutSeconds", 10L) * 1000;
        cfg.setConnectionTimeout(timeoutMs);
        cfg.setInitializationFailTimeout(timeoutMs);
        this.pool = new HikariDataSource(cfg);
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    public StoreConfig config() {
        return config;
    }

    @Override
    public Set<Space> spaces() {
        return config.spaces();
    }

    /** The table of a space for the current load, schema-qualified. */
    public String qualifiedTable(Space space) {
        return SCHEMA + "." + space.id();
    }

    /** CREATE TABLE for a space's table, with the variant's storage settings. */
    protected abstract String createTableSql(Space space);

    /** INSERT of (name, data) that does nothing when the name is already there. */
    protected abstract String idempotentInsertSql(Space space);

    /** The bulk path of {@link Space#FILES}: the system's fastest way to load a fresh table. */
    protected abstract void insertFiles(Iterable<Entry> entries) throws Exception;

    public void execute(String... sql) throws SQLException {
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }

    public long queryLong(String sql) throws SQLException {
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                throw new SQLException("no row from: " + sql);
            }
            return rs.getLong(1);
        }
    }

    /** The first column of the first row, empty when there is no row or it is NULL. */
    public Optional<String> queryString(String sql) throws SQLException {
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
        }
    }

    /** A connection from the store's pool, for probes that need several statements on one. */
    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    @Override
    public void reset() throws Exception {
        endLoad();
        for (Space s : spaces()) {
            execute("DROP TABLE IF EXISTS " + qualifiedTable(s), createTableSql(s));
        }
    }

    private String insertSql(Space space) {
        return space == Space.FILES
                ? "INSERT INTO " + qualifiedTable(space) + " (name, data) VALUES (?, ?)"
                : idempotentInsertSql(space);
    }

    @Override
    public void put(Space space, String key, byte[] value) throws Exception {
        if (perEntryConnection == null) {
            perEntryConnection = pool.getConnection();
            perEntryConnection.setAutoCommit(true);
        }
        PreparedStatement ps = perEntry.get(space);
        if (ps == null) {
            ps = perEntryConnection.prepareStatement(insertSql(space));
            perEntry.put(space, ps);
        }
        ps.setString(1, key);
        ps.setBytes(2, value);
        ps.executeUpdate();
    }

    @Override
    public void putAll(Space space, Iterable<Entry> entries) throws Exception {
        if (space == Space.FILES) {
            insertFiles(entries);
            return;
        }
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement(idempotentInsertSql(space))) {
            List<Entry> batch = new ArrayList<>();
            long bytes = 0;
            for (Entry e : entries) {
                batch.add(e);
                bytes += e.value().length;
                if (bytes >= BATCH_BYTES) {
                    commitSorted(c, ps, batch);
                    bytes = 0;
                }
            }
            commitSorted(c, ps, batch);
        }
    }

    /** One batch in key order, committed on its own: concurrent loaders lock rows in the same order. */
    private static void commitSorted(Connection c, PreparedStatement ps, List<Entry> batch) throws SQLException {
        if (batch.isEmpty()) {
            return;
        }
        batch.sort(Comparator.comparing(Entry::key));
        c.setAutoCommit(false);
        try {
            for (Entry e : batch) {
                ps.setString(1, e.key());
                ps.setBytes(2, e.value());
                ps.addBatch();
            }
            ps.executeBatch();
            c.commit();
        } catch (SQLException ex) {
            c.rollback();
            throw ex;
        } finally {
            c.setAutoCommit(true);
            batch.clear();
        }
    }

    /** Every statement autocommits; the per-entry connection goes back to the pool. */
    @Override
    public void endLoad() throws SQLException {
        for (PreparedStatement ps : perEntry.values()) {
            ps.close();
        }
        perEntry.clear();
        if (perEntryConnection != null) {
            perEntryConnection.close();
            perEntryConnection = null;
        }
    }

    @Override
    public long count(Space space) throws Exception {
        return queryLong("SELECT count(*) FROM " + qualifiedTable(space));
    }

    @Override
    public Optional<byte[]> get(Space space, String key) throws Exception {
        try (Connection c = pool.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT data FROM " + qualifiedTable(space) + " WHERE name = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
            }
        }
    }

    /** Keys per batched read: {@code SELECT ... WHERE name IN (?, ..., ?)}, one request each. */
    public static final int READ_BATCH = 256;

    @Override
    public Fetched getAll(Space space, List<String> keys) throws Exception {
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(keys));
        Map<String, byte[]> values = new LinkedHashMap<>();
        int requests = 0;
        try (Connection c = pool.getConnection()) {
            for (int from = 0; from < distinct.size(); from += READ_BATCH) {
                List<String> batch = distinct.subList(from, Math.min(distinct.size(), from + READ_BATCH));
                try (PreparedStatement ps = batchedRead(c, space, batch)) {
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            values.put(rs.getString(1), rs.getBytes(2));
                        }
                    }
                }
                requests++;
            }
        }
        return new Fetched(values, requests);
    }

    /** The statement that reads {@code batch}'s (name, data) rows in one request: an {@code IN} list here. */
    protected PreparedStatement batchedRead(Connection c, Space space, List<String> batch) throws SQLException {
        String marks = String.join(", ", Collections.nCopies(batch.size(), "?"));
        PreparedStatement ps = c.prepareStatement(
                "SELECT name, data FROM " + qualifiedTable(space) + " WHERE name IN (" + marks + ")");
        for (int i = 0; i < batch.size(); i++) {
            ps.setString(i + 1, batch.get(i));
        }
        return ps;
    }

    @Override
    public boolean delete(Space space, String key) throws Exception {
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM " + qualifiedTable(space) + " WHERE name = ?")) {
            ps.setString(1, key);
            return ps.executeUpdate() > 0;
        }
    }

    @Override
    public void reconnect() throws Exception {
        endLoad();
        pool.getHikariPoolMXBean().softEvictConnections(); // idle ones close now, the others when returned
    }

    @Override
    public void close() throws Exception {
        try {
            endLoad();
        } finally {
            pool.close();
        }
    }
}
