package org.deduplab.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * What the SQL stores share: a HikariCP pool, one {@code (name, data)} table in the lab's schema,
 * per-file autocommit inserts and point reads for verification. Subclasses give the DDL and the bulk
 * path; their {@link FootprintProbe} uses the query helpers here.
 */
public abstract class JdbcStore implements Store {
    public static final String SCHEMA = "dedup_lab";
    public static final String TABLE = "files";
    protected final Endpoint endpoint;
    protected final HikariDataSource pool;
    private Connection perFile;
    private PreparedStatement perFileInsert;

    protected JdbcStore(Endpoint endpoint, int poolSize) {
        this.endpoint = endpoint;
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

    /** The table of the current load, schema-qualified. */
    public String qualifiedTable() {
        return SCHEMA + "." + TABLE;
    }

    protected abstract String createTableSql();

    public void execute(String... sql) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }

    public long queryLong(String sql) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                throw new SQLException("no row from: " + sql);
            }
            return rs.getLong(1);
        }
    }

    /** The first column of the first row, empty when there is no row or it is NULL. */
    public Optional<String> queryString(String sql) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
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
        execute("DROP TABLE IF EXISTS " + qualifiedTable(), createTableSql());
    }

    @Override
    public void insert(String name, byte[] data) throws Exception {
        if (perFile == null) {
            perFile = pool.getConnection();
            perFile.setAutoCommit(true);
            perFileInsert = perFile.prepareStatement("INSERT INTO " + qualifiedTable() + " (name, data) VALUES (?, ?)");
        }
        perFileInsert.setString(1, name);
        perFileInsert.setBytes(2, data);
        perFileInsert.executeUpdate();
    }

    /** Every statement autocommits; the per-file connection goes back to the pool. */
    @Override
    public void endLoad() throws SQLException {
        if (perFile != null) {
            perFileInsert.close();
            perFile.close();
            perFile = null;
        }
    }

    @Override
    public long count() throws Exception {
        return queryLong("SELECT count(*) FROM " + qualifiedTable());
    }

    @Override
    public Optional<byte[]> read(String name) throws Exception {
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT data FROM " + qualifiedTable() + " WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
            }
        }
    }

    @Override
    public boolean delete(String name) throws Exception {
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM " + qualifiedTable() + " WHERE name = ?")) {
            ps.setString(1, name);
            return ps.executeUpdate() > 0;
        }
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
