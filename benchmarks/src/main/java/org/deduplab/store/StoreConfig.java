package org.deduplab.store;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * How a store is opened: the system's storage variant (empty: the server's default) and the spaces
 * the layout keeps.
 */
public record StoreConfig(Optional<String> variant, Set<Space> spaces) {
    public StoreConfig {
        spaces = Set.copyOf(EnumSet.copyOf(spaces));
    }

    /** The server's default settings, one entry per file. */
    public static StoreConfig plain() {
        return plain(Optional.empty());
    }

    /** A variant (or the default), one entry per file. */
    public static StoreConfig plain(Optional<String> variant) {
        return new StoreConfig(variant, Set.of(Space.FILES));
    }

    /** Whether the variant is {@code name}. */
    public boolean is(String name) {
        return variant.filter(name::equals).isPresent();
    }
}
