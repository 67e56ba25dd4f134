package org.deduplab.store;

/**
 * The keyed collections a storage layout keeps, each a table, a key prefix or an object prefix of
 * the lab's namespace. {@code plain} keeps only {@link #FILES}; {@code cas} keeps {@link #BLOBS} and
 * {@link #REFS}; {@code cdc} keeps {@link #CHUNKS} and {@link #RECIPES}.
 */
public enum Space {
    /** name -> the file's bytes (plain). */
    FILES("files", false, false),
    /** SHA-256 (hex) -> a file's bytes, each distinct content once (cas). */
    BLOBS("blobs", true, false),
    /** name -> the SHA-256 of its content, 32 bytes (cas). */
    REFS("refs", false, true),
    /** SHA-256 (hex) -> a FastCDC chunk's bytes, each distinct chunk once (cdc). */
    CHUNKS("chunks", true, false),
    /** name -> the file's chunk hashes in order, 32 bytes each (cdc). */
    RECIPES("recipes", false, false);

    private final String id;
    private final boolean contentAddressed;
    private final boolean reference;

    Space(String id, boolean contentAddressed, boolean reference) {
        this.id = id;
        this.contentAddressed = contentAddressed;
        this.reference = reference;
    }

    /** Table name, key infix, object prefix. */
    public String id() {
        return id;
    }

    /**
     * Values are one SHA-256 naming content kept elsewhere: a store may keep them as a pointer (S3:
     * an empty object with the hash in its metadata) instead of a value.
     */
    public boolean reference() {
        return reference;
    }

    /** Keys are hashes of the values: a second write of a key writes the same bytes, so writers skip it. */
    public boolean contentAddressed() {
        return contentAddressed;
    }
}
