package org.deduplab.store.postgresql;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.deduplab.store.Endpoint;
import org.deduplab.store.Entry;
import org.deduplab.store.JdbcStore;
import org.deduplab.store.Space;
import org.deduplab.store.StoreConfig;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * PostgreSQL: {@code dedup_lab.<space>(name text primary key, data bytea)}, the column's storage as
 * the variant says ({@code COMPRESSION pglz | lz4}, or {@code STORAGE EXTERNAL}: out of line, never
 * compressed). The bulk path of plain files is binary {@code COPY ... FROM STDIN} streamed through
 * the driver's CopyManager, one file in memory at a time.
 */
public final class PostgresStore extends JdbcStore {
    private static final byte[] COPY_HEADER = {
        'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0
    };
    private static final byte[] COPY_TRAILER = {(byte) 0xFF, (byte) 0xFF};
    /** TOAST compression of the lab's column without a variant: pglz, PostgreSQL's default, set explicitly so runs compare. */
    private static final String DEFAULT_COMPRESSION = "pglz";

    private final PostgresFootprint footprint = new PostgresFootprint(this);

    public PostgresStore(Endpoint endpoint, StoreConfig config) {
        super(endpoint, config, 2);
    }

    public PostgresStore(Endpoint endpoint) {
        this(endpoint, StoreConfig.plain());
    }

    /** The data column's storage clause: the variant's, else the explicit default compression. */
    String columnStorage() {
        if (config.is(PostgresSystem.UNCOMPRESSED)) {
            return "STORAGE EXTERNAL";
        }
        return "COMPRESSION " + config.variant().orElse(DEFAULT_COMPRESSION);
    }

    /** The compression method the column is declared with, or empty for STORAGE EXTERNAL. */
    Optional<String> declaredCompression() {
        return config.is(PostgresSystem.UNCOMPRESSED)
                ? Optional.empty()
                : Optional.of(config.variant().orElse(DEFAULT_COMPRESSION));
    }

    @Override
    public void provision() throws Exception {
        execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
        reset();
    }

    @Override
    protected String createTableSql(Space space) {
        return "CREATE TABLE " + qualifiedTable(space) + " (name text PRIMARY KEY, data bytea " + columnStorage() + ")";
    }

    @Override
    protected String idempotentInsertSql(Space space) {
        return "INSERT INTO " + qualifiedTable(space) + " (name, data) VALUES (?, ?) ON CONFLICT (name) DO NOTHING";
    }

    @Override
    protected void insertFiles(Iterable<Entry> entries) throws Exception {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(true); // COPY runs as one transaction
            CopyIn copy = c.unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn("COPY " + qualifiedTable(Space.FILES) + " (name, data) FROM STDIN (FORMAT binary)");
            try {
                copy.writeToCopy(COPY_HEADER, 0, COPY_HEADER.length);
                for (Entry e : entries) {
                    writeTuple(copy, e);
                }
                copy.writeToCopy(COPY_TRAILER, 0, COPY_TRAILER.length);
                copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        }
    }

    /** One binary COPY tuple: field count, then (length, bytes) of name and data. */
    private static void writeTuple(CopyIn copy, Entry e) throws SQLException {
        byte[] name = e.key().getBytes(StandardCharsets.UTF_8);
        ByteBuffer head = ByteBuffer.allocate(2 + 4 + name.length + 4);
        head.putShort((short) 2).putInt(name.length).put(name).putInt(e.value().length);
        copy.writeToCopy(head.array(), 0, head.capacity());
        copy.writeToCopy(e.value(), 0, e.value().length);
    }

    @Override
    public PostgresFootprint footprint() {
        return footprint;
    }

    /**
     * {@code = ANY(?)} with the keys as one array: the same statement for every batch, so pgjdbc
     * prepares it on the server after five uses and reads {@code bytea} in binary, where an {@code IN}
     * list of a new length each time is sent unprepared and its {@code bytea} comes back as hex text.
     */
    @Override
    protected PreparedStatement batchedRead(Connection c, Space space, List<String> batch) throws SQLException {
        PreparedStatement ps =
                c.prepareStatement("SELECT name, data FROM " + qualifiedTable(space) + " WHERE name = ANY(?)");
        ps.setArray(1, c.createArrayOf("text", batch.toArray()));
        return ps;
    }
}
