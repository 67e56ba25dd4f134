package org.deduplab.store.postgresql;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import org.deduplab.payloads.DatasetFile;
import org.deduplab.store.Endpoint;
import org.deduplab.store.FootprintProbe;
import org.deduplab.store.JdbcStore;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * PostgreSQL: {@code dedup_lab.files(name text primary key, data bytea)}. The bulk path is binary
 * {@code COPY ... FROM STDIN} streamed through the driver's CopyManager, one file in memory at a time.
 */
public final class PostgresStore extends JdbcStore {
    private static final byte[] COPY_HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0,
        0, 0};
    private static final byte[] COPY_TRAILER = {(byte) 0xFF, (byte) 0xFF};
    /** TOAST compression of the lab's column: pglz is PostgreSQL's default; set explicitly so runs compare. */
    private final String toastCompression;
    private final PostgresFootprint footprint = new PostgresFootprint(this);

    public PostgresStore(Endpoint endpoint) {
        super(endpoint, 2);
        this.toastCompression = endpoint.settings().getOrDefault("toast_compression",
                System.getProperty("dedup.pg.toastCompression", "pglz"));
    }

    @Override
    public String system() {
        return "postgresql";
    }

    String toastCompression() {
        return toastCompression;
    }

    @Override
    public void provision() throws Exception {
        execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA, "DROP TABLE IF EXISTS " + qualifiedTable(), createTableSql());
    }

    @Override
    protected String createTableSql() {
        return "CREATE TABLE " + qualifiedTable() + " (name text PRIMARY KEY, data bytea COMPRESSION " + toastCompression
                + ")";
    }

    @Override
    public void insertBulk(Iterable<DatasetFile> files) throws Exception {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(true); // COPY runs as one transaction
            CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY " + qualifiedTable() + " (name, data) FROM STDIN (FORMAT binary)");
            try {
                copy.writeToCopy(COPY_HEADER, 0, COPY_HEADER.length);
                for (DatasetFile f : files) {
                    writeTuple(copy, f);
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
    private static void writeTuple(CopyIn copy, DatasetFile f) throws java.sql.SQLException {
        byte[] name = f.name().getBytes(StandardCharsets.UTF_8);
        ByteBuffer head = ByteBuffer.allocate(2 + 4 + name.length + 4);
        head.putShort((short) 2).putInt(name.length).put(name).putInt(f.bytes().length);
        copy.writeToCopy(head.array(), 0, head.capacity());
        copy.writeToCopy(f.bytes(), 0, f.bytes().length);
    }

    @Override
    public PostgresFootprint footprint() {
        return footprint;
    }
}
