package org.deduplab.target;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.OptionalLong;
import org.deduplab.provision.Endpoint;

/**
 * What the SQL targets share: a HikariCP pool, one {@code (name, data)} table in the lab's schema,
 * and point reads for verification. Subclasses give the DDL, the bulk path and the footprint query.
 */
public abstract class JdbcTarget implements StorageTarget {
    public static final String SCHEMA = "dedup_lab";
    public static final String TABLE = "files";
    protected final Endpoint endpoint;
    protected final HikariDataSource pool;
    private Connection perFile;
    private PreparedStatement perFileInsert;

    protected JdbcTarget(Endpoint endpoint, int poolSize) {
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

    protected String qualifiedTable() {
        return SCHEMA + "." + TABLE;
    }

    protected abstract String createTableSql();

    protected void execute(String... sql) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }

    protected long queryLong(String sql) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                throw new SQLException("no row from: " + sql);
            }
            return rs.getLong(1);
        }
    }

    protected String queryString(String sql) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @Override
    public void reset() throws Exception {
        closePerFile();
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

    protected void closePerFile() throws SQLException {
        if (perFile != null) {
            perFileInsert.close();
            perFile.close();
            perFile = null;
        }
    }

    @Override
    public void settle() throws Exception {
        closePerFile();
    }

    @Override
    public long count() throws Exception {
        return queryLong("SELECT count(*) FROM " + qualifiedTable());
    }

    @Override
    public byte[] read(String name) throws Exception {
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT data FROM " + qualifiedTable() + " WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getBytes(1) : null;
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
    public OptionalLong diskBytes() throws Exception {
        return ServerFiles.of(endpoint).allocatedBytes(null);
    }

    @Override
    public void close() throws Exception {
        try {
            closePerFile();
        } finally {
            pool.close();
        }
    }
}
