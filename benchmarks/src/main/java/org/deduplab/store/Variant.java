package org.deduplab.store;

/**
 * A system's own storage setting, written {@code SYSTEM:VARIANT} wherever a system is named
 * ({@code postgresql:lz4}); {@code SYSTEM} alone is the server's default.
 *
 * @param name    the part after the colon
 * @param setting what it sets, as the README and messages name it
 */
public record Variant(String name, String setting) {
}
