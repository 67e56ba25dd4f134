package org.deduplab.store.mariadb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import org.deduplab.payloads.DatasetFile;
import org.deduplab.store.Endpoint;
import org.deduplab.store.JdbcStore;

/**
 * MariaDB / InnoDB: {@code dedup_lab.files(name varchar(512) primary key, data longblob)}. The bulk
 * path is batched prepared inserts (the driver sends them as one bulk command) in one transaction,
 * batches capped at {@link #BATCH_BYTES} so memory stays bounded.
 */
public final class MariaDbStore extends JdbcStore {
    static final long BATCH_BYTES = 8L << 20;
    private final MariaDbFootprint footprint = new MariaDbFootprint(this);

    public MariaDbStore(Endpoint endpoint) {
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
    public MariaDbFootprint footprint() {
        return footprint;
    }
}
