package org.deduplab.store.mariadb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import org.deduplab.store.Endpoint;
import org.deduplab.store.Entry;
import org.deduplab.store.JdbcStore;
import org.deduplab.store.Space;
import org.deduplab.store.StoreConfig;

/**
 * MariaDB / InnoDB: {@code dedup_lab.<space>(name varchar(512) primary key, data longblob)}, with the
 * variant's table options (page compression, compressed row format and its key block size) or column
 * compression. The bulk path of plain files is batched prepared inserts (the driver sends them as one
 * bulk command) in one transaction, batches capped so memory stays bounded.
 */
public final class MariaDbStore extends JdbcStore {
    private final MariaDbFootprint footprint = new MariaDbFootprint(this);

    public MariaDbStore(Endpoint endpoint, StoreConfig config) {
        super(endpoint, config, 2);
    }

    @Override
    public void provision() throws Exception {
        execute("CREATE DATABASE IF NOT EXISTS " + SCHEMA);
        reset();
    }

    @Override
    protected String createTableSql(Space space) {
        String column = config.is(MariaDbSystem.COLUMN_ZLIB) ? "LONGBLOB COMPRESSED NOT NULL" : "LONGBLOB NOT NULL";
        return "CREATE TABLE " + qualifiedTable(space)
                + " (name VARCHAR(512) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin PRIMARY KEY," + " data " + column
                + ") ENGINE=InnoDB " + tableOptions();
    }

    /** The variant's table options; ROW_FORMAT=DYNAMIC, InnoDB's default, otherwise. */
    String tableOptions() {
        if (config.is(MariaDbSystem.PAGE_ZLIB)) {
            return "ROW_FORMAT=DYNAMIC PAGE_COMPRESSED=1";
        }
        if (config.is(MariaDbSystem.ROW_COMPRESSED)) {
            return "ROW_FORMAT=COMPRESSED KEY_BLOCK_SIZE=8";
        }
        if (config.is(MariaDbSystem.ROW_COMPRESSED_4K)) {
            return "ROW_FORMAT=COMPRESSED KEY_BLOCK_SIZE=4";
        }
        return "ROW_FORMAT=DYNAMIC";
    }

    @Override
    protected String idempotentInsertSql(Space space) {
        return "INSERT IGNORE INTO " + qualifiedTable(space) + " (name, data) VALUES (?, ?)";
    }

    @Override
    protected void insertFiles(Iterable<Entry> entries) throws Exception {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps =
                    c.prepareStatement("INSERT INTO " + qualifiedTable(Space.FILES) + " (name, data) VALUES (?, ?)")) {
                long batchBytes = 0;
                for (Entry e : entries) {
                    ps.setString(1, e.key());
                    ps.setBytes(2, e.value());
                    ps.addBatch();
                    batchBytes += e.value().length;
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
