package org.deduplab.store;

import java.sql.SQLException;
import java.util.Optional;

/**
 * What a server's refusal means, read from one exception of a failure's cause chain by the system's
 * own rules ({@link StoreSystem#errors()}); preflight turns it into the sentence that says what to fix.
 *
 * @param kind   what went wrong
 * @param detail the server's own words, where they help (first line only)
 */
public record ServerError(Kind kind, String detail) {
    /** The kinds of refusal preflight explains. */
    public enum Kind {
        /** Wrong or missing credentials. */
        ACCESS_DENIED,
        /** Authenticated, but not allowed to create the lab's objects or read its footprint. */
        PERMISSION_DENIED,
        /** Nothing usable answers at the address. */
        CANNOT_CONNECT
    }

    /** Reads one exception of a failure's cause chain. */
    @FunctionalInterface
    public interface Reader {
        Optional<ServerError> read(Throwable t);
    }

    /** SQL states and vendor codes of PostgreSQL, CockroachDB (PostgreSQL's states) and MariaDB. */
    public static final Reader JDBC = t -> {
        if (!(t instanceof SQLException sql)) {
            return Optional.empty();
        }
        String state = sql.getSQLState() == null ? "" : sql.getSQLState();
        int code = sql.getErrorCode();
        if (state.equals("28P01") || state.equals("28000") || code == 1045) {
            return Optional.of(new ServerError(Kind.ACCESS_DENIED, firstLine(sql.getMessage())));
        }
        if (state.equals("42501") || code == 1044 || code == 1142 || code == 1227) {
            return Optional.of(new ServerError(Kind.PERMISSION_DENIED, firstLine(sql.getMessage())));
        }
        if (state.startsWith("08")) {
            return Optional.of(new ServerError(Kind.CANNOT_CONNECT, firstLine(sql.getMessage())));
        }
        return Optional.empty();
    };

    public static String firstLine(String s) {
        String v = String.valueOf(s);
        int nl = v.indexOf('\n');
        return nl < 0 ? v : v.substring(0, nl);
    }
}
