package org.deduplab.store;

import java.util.Optional;

/**
 * A system's own storage setting, written {@code SYSTEM:VARIANT} wherever a system is named
 * ({@code postgresql:lz4}); {@code SYSTEM} alone is the server's default.
 *
 * @param name      the part after the colon
 * @param setting   what it sets, as the README and messages name it
 * @param ownServer whether the variant is a server-wide setting the lab starts a server of its own for
 *                  (MinIO's compression), so that it never changes what the default measures
 * @param notice    what the variant changes on the server while the lab measures, for preflight to say
 *                  before a run (CockroachDB's cluster setting); empty for a per-table setting
 */
public record Variant(String name, String setting, boolean ownServer, Optional<String> notice) {
    /** A variant set per table or column, on the system's shared server. */
    public Variant(String name, String setting) {
        this(name, setting, false, Optional.empty());
    }

    public Variant(String name, String setting, boolean ownServer) {
        this(name, setting, ownServer, Optional.empty());
    }
}
