package org.deduplab.store;

/**
 * A system's own storage setting, written {@code SYSTEM:VARIANT} wherever a system is named
 * ({@code postgresql:lz4}); {@code SYSTEM} alone is the server's default.
 *
 * @param name      the part after the colon
 * @param setting   what it sets, as the README and messages name it
 * @param ownServer whether the variant is a server-wide setting the lab starts a server of its own for
 *                  (MinIO's compression), so that it never changes what the default measures
 */
public record Variant(String name, String setting, boolean ownServer) {
    /** A variant set per table or column, on the system's shared server. */
    public Variant(String name, String setting) {
        this(name, setting, false);
    }
}
