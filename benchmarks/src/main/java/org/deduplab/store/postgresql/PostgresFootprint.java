package org.deduplab.store.postgresql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.deduplab.store.JdbcFootprint;
import org.deduplab.store.ReadUnits;
import org.deduplab.store.Reclamation;
import org.deduplab.store.Space;
import org.deduplab.store.VariantNotInEffectException;

/**
 * PostgreSQL's footprint of the lab's tables: {@code pg_total_relation_size} (heap + TOAST + indexes
 * + FSM/VM forks) summed over the layout's tables, after a {@code CHECKPOINT}; WAL bytes from
 * {@code pg_current_wal_lsn}.
 */
public final class PostgresFootprint extends JdbcFootprint<PostgresStore> {
    PostgresFootprint(PostgresStore store) {
        super(store);
    }

    @Override
    public void settle() throws Exception {
        store.endLoad();
        // everything is committed; a checkpoint writes the pages so disk figures are final
        store.execute("CHECKPOINT");
    }

    @Override
    public long bytes() throws Exception {
        long sum = 0;
        for (Space s : store.spaces()) {
            sum += store.queryLong("SELECT pg_total_relation_size('" + store.qualifiedTable(s) + "')");
        }
        return sum;
    }

    /**
     * {@code VACUUM} marks dead tuples' space reusable (and truncates empty pages at a table's end);
     * {@code VACUUM FULL} rewrites each table and its TOAST table, giving the rest back to the file
     * system. Both on the layout's tables, after a checkpoint measures them.
     */
    @Override
    public Optional<String> reclaim(Reclamation step) throws Exception {
        String command = step == Reclamation.FULL ? "VACUUM FULL" : "VACUUM";
        String tables = String.join(
                ", ",
                store.spaces().stream().map(store::qualifiedTable).sorted().toList());
        store.execute(command + " " + tables);
        return Optional.of(command);
    }

    /**
     * The distinct heap pages of the layout's tables that hold the rows read, and the distinct pages of
     * their TOAST tables that hold those rows' out-of-line values (by {@code ctid}; the TOAST chunks of a
     * value found with {@code pg_column_toast_chunk_id}, PostgreSQL 17+): the pages a cold restore has
     * to read, however often it reads each.
     */
    @Override
    public ReadUnits readUnits() {
        return new ReadUnits() {
            @Override
            public Optional<String> unavailable() {
                try {
                    return store.queryString("SELECT to_regproc('pg_column_toast_chunk_id')::text")
                                    .filter(s -> !s.isBlank())
                                    .isPresent()
                            ? Optional.empty()
                            : Optional.of("PostgreSQL before 17 has no pg_column_toast_chunk_id to find a value's"
                                    + " TOAST pages");
                } catch (Exception e) {
                    return Optional.of("cannot ask PostgreSQL for pg_column_toast_chunk_id: " + e.getMessage());
                }
            }

            @Override
            public String unit() {
                return "pages";
            }

            @Override
            public long mark() {
                return 0;
            }

            @Override
            public long count(long mark, Map<Space, Set<String>> keysRead) throws Exception {
                long pages = 0;
                for (Map.Entry<Space, Set<String>> e : keysRead.entrySet()) {
                    pages += pagesHolding(e.getKey(), e.getValue());
                }
                return pages;
            }
        };
    }

    /** Heap pages holding the rows of {@code keys} in {@code space}'s table, plus TOAST pages holding their values. */
    private long pagesHolding(Space space, Set<String> keys) throws Exception {
        String t = store.qualifiedTable(space);
        String toast = store.queryString("SELECT reltoastrelid::regclass::text FROM pg_class WHERE oid = '" + t
                        + "'::regclass AND reltoastrelid <> 0")
                .orElse("");
        String heap = "SELECT count(DISTINCT (ctid::text::point)[0]) FROM " + t + " WHERE name = ANY(?)";
        String toasted = "SELECT count(DISTINCT (c.ctid::text::point)[0]) FROM " + toast
                + " c WHERE c.chunk_id IN (SELECT pg_column_toast_chunk_id(data) FROM " + t
                + " WHERE name = ANY(?))";
        try (Connection c = store.connection()) {
            long pages = countWithKeys(c, heap, keys);
            return toast.isEmpty() ? pages : pages + countWithKeys(c, toasted, keys);
        }
    }

    private static long countWithKeys(Connection c, String sql, Set<String> keys) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", keys.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Override
    public OptionalLong walPosition() throws Exception {
        return OptionalLong.of(store.queryLong("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint"));
    }

    /** lz4 needs a server built with it (Debian's is; zonky's embedded binaries are not). */
    @Override
    public Optional<String> variantUnavailable() throws Exception {
        if (!store.config().is(PostgresSystem.LZ4)) {
            return Optional.empty();
        }
        String methods = store.queryString("SELECT array_to_string(enumvals, ',') FROM pg_settings"
                        + " WHERE name = 'default_toast_compression'")
                .orElse("");
        return methods.contains("lz4")
                ? Optional.empty()
                : Optional.of("postgresql:lz4 left out: this PostgreSQL server is built"
                        + " without lz4 (its TOAST compression methods: " + methods
                        + "); point DEDUP_PG_URL at a server built with lz4"
                        + " (e.g. Debian's postgresql package)");
    }

    /**
     * The data column is declared as the variant says, and every stored value that is compressed at
     * all is compressed with the declared method (PostgreSQL stores a value uncompressed when
     * compression does not pay, so incompressible data shows no method).
     */
    @Override
    public void checkVariant() throws Exception {
        Space s = store.spaces().iterator().next();
        String t = store.qualifiedTable(s);
        String storage = store.queryString("SELECT attstorage::text || ',' || attcompression::text FROM pg_attribute"
                        + " WHERE attrelid = '" + t + "'::regclass AND attname = 'data'")
                .orElse("?");
        Optional<String> method = store.declaredCompression();
        String expected = method.map(m -> "x," + (m.equals("lz4") ? "l" : "p")).orElse("e,");
        if (!storage.equals(expected)) {
            throw new VariantNotInEffectException("postgresql"
                    + store.config().variant().map(v -> ":" + v).orElse("")
                    + ": column storage of " + t + ".data is '" + storage + "' (attstorage,attcompression), expected '"
                    + expected + "'");
        }
        String used = store.queryString("SELECT string_agg(DISTINCT pg_column_compression(data), ',') FROM " + t)
                .orElse("");
        if (!used.isEmpty() && !used.equals(method.orElse("none"))) {
            throw new VariantNotInEffectException(
                    "postgresql" + store.config().variant().map(v -> ":" + v).orElse("") + ": values of " + t
                            + " are compressed with " + used + ", expected " + method.orElse("none"));
        }
    }

    /** Data files of the lab's tables, their TOAST tables and all their indexes (relative to the data directory). */
    public List<String> relationFiles() throws Exception {
        List<String> out = new ArrayList<>();
        for (Space space : store.spaces()) {
            String t = "'" + store.qualifiedTable(space) + "'::regclass";
            String toast = "(SELECT reltoastrelid FROM pg_class WHERE oid = " + t + ")";
            String sql = "SELECT pg_relation_filepath(c.oid) FROM pg_class c WHERE c.oid = " + t + " OR c.oid = "
                    + toast + " OR c.oid IN (SELECT indexrelid FROM pg_index WHERE indrelid IN (" + t + ", " + toast
                    + "))";
            try (Connection c = store.connection();
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    @Override
    public Map<String, String> serverSettings() throws Exception {
        Map<String, String> m = new LinkedHashMap<>();
        for (String s : new String[] {
            "server_version",
            "fsync",
            "synchronous_commit",
            "full_page_writes",
            "wal_compression",
            "default_toast_compression",
            "block_size",
            "shared_buffers"
        }) {
            m.put(s, store.queryString("SHOW " + s).orElse("?"));
        }
        m.put("column_storage", store.columnStorage());
        return m;
    }
}
