package org.deduplab.store;

import java.util.List;
import java.util.function.Predicate;

/**
 * Systems of the registry picked by what they have, for tests that need "a system without an embedded
 * server" rather than a name: a new system of the same kind is covered without an edit here.
 */
public final class Picks {
    private Picks() {}

    /** The first registered system that {@code has} what the test needs. */
    public static StoreSystem first(Predicate<StoreSystem> has, String what) {
        return all(has).stream()
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no registered system " + what));
    }

    /** Every registered system that {@code has} it, in registry order. */
    public static List<StoreSystem> all(Predicate<StoreSystem> has) {
        return Systems.ALL.stream().filter(has).toList();
    }

    public static boolean embedded(StoreSystem s) {
        return s.embedded().isPresent();
    }

    public static boolean container(StoreSystem s) {
        return s.container().isPresent();
    }
}
