package org.deduplab.store.mariadb;

import java.sql.Connection;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.deduplab.store.JdbcFootprint;
import org.deduplab.store.JdbcStore;
import org.deduplab.store.ReadUnits;
import org.deduplab.store.Reclamation;
import org.deduplab.store.Space;
import org.deduplab.store.VariantNotInEffectException;

/**
 * MariaDB's footprint of the lab's tables: the allocated size of their tablespaces
 * ({@code INNODB_SYS_TABLESPACES.ALLOCATED_SIZE}, st_blocks of each {@code .ibd}: holes punched by page
 * compression are not counted) after {@code FLUSH TABLES ... FOR EXPORT} has written every dirty page.
 */
public final class MariaDbFootprint extends JdbcFootprint<MariaDbStore> {
    MariaDbFootprint(MariaDbStore store) {
        super(store);
    }

    @Override
    public void settle() throws Exception {
        store.endLoad();
        String tables = store.spaces().stream().map(store::qualifiedTable).collect(Collectors.joining(", "));
        try (Connection c = store.connection();
                Statement s = c.createStatement()) {
            // FOR EXPORT flushes the tables' dirty pages into their .ibd files; the lock is released at once
            s.execute("FLUSH TABLES " + tables + " FOR EXPORT");
            s.execute("UNLOCK TABLES");
        }
    }

    /**
     * Routine: InnoDB's purge of the deleted rows' undo history, which makes their pages' space
     * reusable inside the tablespace; it runs in the background, and the lab waits until the history
     * list ({@code trx_rseg_history_len}, readable with the PROCESS grant the lab's user has) is empty,
     * or {@link #PURGE_WAIT_MILLIS} pass. ({@code SET GLOBAL innodb_max_purge_lag_wait=0} waits the
     * same way but needs SUPER, which the lab's user does not get.) Full: {@code OPTIMIZE TABLE},
     * which InnoDB runs as a table rebuild ({@code ALTER TABLE ... FORCE}), giving the rest back to
     * the file system.
     */
    @Override
    public Optional<String> reclaim(Reclamation step) throws Exception {
        if (step == Reclamation.FULL) {
            String tables =
                    store.spaces().stream().map(store::qualifiedTable).sorted().collect(Collectors.joining(", "));
            try (Connection c = store.connection();
                    Statement s = c.createStatement()) {
                s.execute("OPTIMIZE TABLE " + tables);
            }
            return Optional.of("OPTIMIZE TABLE");
        }
        long deadline = System.nanoTime() + PURGE_WAIT_MILLIS * 1_000_000L;
        long history = historyLength();
        while (history > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            history = historyLength();
        }
        return Optional.of("purge (waited for the history list: " + history + " left)");
    }

    /**
     * InnoDB's buffer-pool page requests (logical page reads, {@code Innodb_buffer_pool_read_requests})
     * the restore made: every index and data page it touched, once per touch; a global counter, read
     * before and after (the lab's restore is the only work on the server).
     */
    @Override
    public ReadUnits readUnits() {
        return new ReadUnits() {
            @Override
            public String unit() {
                return "page requests";
            }

            @Override
            public long mark() throws Exception {
                return pageRequests();
            }

            @Override
            public long count(long mark, Map<Space, Set<String>> keysRead) throws Exception {
                return pageRequests() - mark;
            }
        };
    }

    private long pageRequests() throws Exception {
        return store.queryLong("SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS"
                + " WHERE VARIABLE_NAME = 'INNODB_BUFFER_POOL_READ_REQUESTS'");
    }

    /** How long a routine reclamation waits for InnoDB's purge at most. */
    static final long PURGE_WAIT_MILLIS = 60_000;

    private long historyLength() throws Exception {
        return store.queryLong(
                "SELECT COUNT FROM information_schema.INNODB_METRICS WHERE NAME = 'trx_rseg_history_len'");
    }

    @Override
    public long bytes() throws Exception {
        String names = store.spaces().stream()
                .map(s -> "'" + JdbcStore.SCHEMA + "/" + s.id() + "'")
                .collect(Collectors.joining(", "));
        return store.queryLong("SELECT COALESCE(SUM(ALLOCATED_SIZE), 0) FROM information_schema.INNODB_SYS_TABLESPACES"
                + " WHERE NAME IN (" + names + ")");
    }

    /** The tables' row format and options, or the data column's compression, are as the variant says. */
    @Override
    public void checkVariant() throws Exception {
        for (Space s : store.spaces()) {
            String table = store.qualifiedTable(s);
            String shown = store.queryString(
                            "SELECT CONCAT(ROW_FORMAT, ' ', CREATE_OPTIONS) FROM information_schema.TABLES"
                                    + " WHERE TABLE_SCHEMA = '" + JdbcStore.SCHEMA + "' AND TABLE_NAME = '" + s.id()
                                    + "'")
                    .orElse("?")
                    .toLowerCase(Locale.ROOT)
                    .replace("`", "")
                    .replace("'", "");
            String column = store.queryString(
                            "SELECT COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '"
                                    + JdbcStore.SCHEMA + "' AND TABLE_NAME = '" + s.id() + "' AND COLUMN_NAME = 'data'")
                    .orElse("?")
                    .toLowerCase(Locale.ROOT);
            String expected = store.tableOptions().toLowerCase(Locale.ROOT);
            boolean ok = (!expected.contains("page_compressed=1") || shown.contains("page_compressed=1"))
                    && (!expected.contains("row_format=compressed") || shown.startsWith("compressed"))
                    && (!expected.contains("key_block_size=")
                            || shown.contains(expected.substring(expected.indexOf("key_block_size="))))
                    && (!store.config().is(MariaDbSystem.COLUMN_ZLIB) || column.contains("compressed"));
            if (!ok) {
                throw new VariantNotInEffectException("mariadb"
                        + store.config().variant().map(v -> ":" + v).orElse("") + ": "
                        + table + " has row format and options '" + shown + "', data column '" + column + "'; expected "
                        + store.tableOptions()
                        + (store.config().is(MariaDbSystem.COLUMN_ZLIB) ? " and a COMPRESSED column" : ""));
            }
        }
    }

    @Override
    public Map<String, String> serverSettings() throws Exception {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("server_version", store.queryString("SELECT VERSION()").orElse("?"));
        for (String v : new String[] {
            "innodb_flush_log_at_trx_commit",
            "sync_binlog",
            "log_bin",
            "innodb_page_size",
            "innodb_compression_default",
            "innodb_compression_algorithm",
            "innodb_doublewrite",
            "innodb_buffer_pool_size",
            "innodb_default_row_format",
            "column_compression_zlib_level"
        }) {
            m.put(v, store.queryString("SELECT @@GLOBAL." + v).orElse("?"));
        }
        m.put(
                "table_options",
                store.tableOptions() + (store.config().is(MariaDbSystem.COLUMN_ZLIB) ? ", data COMPRESSED" : ""));
        return m;
    }
}
