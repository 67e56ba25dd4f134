package org.deduplab.store.mariadb;

import java.sql.Connection;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deduplab.store.JdbcFootprint;
import org.deduplab.store.JdbcStore;

/**
 * MariaDB's footprint of the lab's table: the allocated size of its tablespace
 * ({@code INNODB_SYS_TABLESPACES.ALLOCATED_SIZE}, st_blocks of the {@code .ibd}) after
 * {@code FLUSH TABLES ... FOR EXPORT} has written every dirty page.
 */
public final class MariaDbFootprint extends JdbcFootprint<MariaDbStore> {
    MariaDbFootprint(MariaDbStore store) {
        super(store);
    }

    @Override
    public void settle() throws Exception {
        store.endLoad();
        try (Connection c = store.connection(); Statement s = c.createStatement()) {
            // FOR EXPORT flushes the table's dirty pages into its .ibd; the lock is released at once
            s.execute("FLUSH TABLES " + store.qualifiedTable() + " FOR EXPORT");
            s.execute("UNLOCK TABLES");
        }
    }

    @Override
    public long bytes() throws Exception {
        return store.queryLong("SELECT ALLOCATED_SIZE FROM information_schema.INNODB_SYS_TABLESPACES WHERE NAME = '"
                + JdbcStore.SCHEMA + "/" + JdbcStore.TABLE + "'");
    }

    @Override
    public Map<String, String> serverSettings() throws Exception {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("server_version", store.queryString("SELECT VERSION()").orElse("?"));
        for (String v : new String[] {"innodb_flush_log_at_trx_commit", "sync_binlog", "log_bin", "innodb_page_size",
            "innodb_compression_default", "innodb_compression_algorithm", "innodb_doublewrite", "innodb_buffer_pool_size",
            "innodb_default_row_format"}) {
            m.put(v, store.queryString("SELECT @@GLOBAL." + v).orElse("?"));
        }
        return m;
    }
}
