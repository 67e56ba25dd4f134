package org.deduplab.target.mariadb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deduplab.payloads.DatasetFile;
import org.deduplab.provision.Endpoint;
import org.deduplab.target.JdbcTarget;

/**
 * MariaDB / InnoDB: {@code dedup_lab.files(name varchar(512) primary key, data longblob)}. Footprint
 * is the allocated size of the table's tablespace ({@code INNODB_SYS_TABLESPACES.ALLOCATED_SIZE},
 * st_blocks of the {@code .ibd}) after {@code FLUSH TABLES ... FOR EXPORT} has written every dirty
 * page. The bulk path is batched prepared inserts (the driver sends them as one bulk command) in one
 * transaction, batches capped at {@link #BATCH_BYTES} so memory stays bounded.
 */
public final class MariaDbTarget extends JdbcTarget {
    static final long BATCH_BYTES = 8L << 20;

    public MariaDbTarget(Endpoint endpoint) {
        super(endpoint, 2);
    }

    @Override
    public String system() {
        return "mariadb";
    }

    @Override
    public void provision() throws Exception {
        execute("CREATE DATABASE IF NOT EXISTS " + SCHEMA, "DROP TABLE IF EXISTS " + qualifiedTable(), createTableSql());
    }

    @Override
    protected String createTableSql() {
        return "CREATE TABLE " + qualifiedTable()
                + " (name VARCHAR(512) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin PRIMARY KEY, data LONGBLOB NOT NULL)"
                + " ENGINE=InnoDB ROW_FORMAT=DYNAMIC";
    }

    @Override
    public void insertBulk(Iterable<DatasetFile> files) throws Exception {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + qualifiedTable() + " (name, data) VALUES (?, ?)")) {
                long batchBytes = 0;
                for (DatasetFile f : files) {
                    ps.setString(1, f.name());
                    ps.setBytes(2, f.bytes());
                    ps.addBatch();
                    batchBytes += f.bytes().length;
                    if (batchBytes >= BATCH_BYTES) {
                        ps.executeBatch();
                        batchBytes = 0;
                    }
                }
                if (batchBytes > 0) {
                    ps.executeBatch();
                }
                c.commit();
            } catch (Exception e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    @Override
    public void settle() throws Exception {
        super.settle();
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            // FOR EXPORT flushes the table's dirty pages into its .ibd; the lock is released at once
            s.execute("FLUSH TABLES " + qualifiedTable() + " FOR EXPORT");
            s.execute("UNLOCK TABLES");
        }
    }

    @Override
    public long footprintBytes() throws Exception {
        return queryLong("SELECT ALLOCATED_SIZE FROM information_schema.INNODB_SYS_TABLESPACES WHERE NAME = '" + SCHEMA + "/"
                + TABLE + "'");
    }

    @Override
    public Map<String, String> serverSettings() throws Exception {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("server_version", queryString("SELECT VERSION()"));
        for (String v : new String[] {"innodb_flush_log_at_trx_commit", "sync_binlog", "log_bin", "innodb_page_size",
            "innodb_compression_default", "innodb_compression_algorithm", "innodb_doublewrite", "innodb_buffer_pool_size",
            "innodb_default_row_format"}) {
            m.put(v, queryString("SELECT @@GLOBAL." + v));
        }
        return m;
    }
}
