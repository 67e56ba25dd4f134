package org.deduplab.store;

/**
 * A system's own step that gives back the space of deleted entries, as an operator runs it after
 * data expires ({@link FootprintProbe#reclaim}). Each is measured on its own: bytes that came back,
 * time, and whether the next load reuses the space.
 */
public enum Reclamation {
    /** What runs routinely, without locking the data out: PostgreSQL {@code VACUUM}, InnoDB purge. */
    ROUTINE("routine"),
    /** A rewrite that returns space to the file system: {@code VACUUM FULL}, {@code OPTIMIZE TABLE}. */
    FULL("full");

    private final String id;

    Reclamation(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
