package org.deduplab.store;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How a system counts the storage units a restore touches: its fragmentation figure, per MB restored
 * (docs/METRICS.md, "Fragmentation"). A restore of data whose pieces sit together touches few units;
 * one whose pieces are spread over units written at different times touches many. Each system counts
 * in its own unit: PostgreSQL the distinct heap and TOAST pages that hold the rows read, MariaDB the
 * InnoDB buffer-pool page requests the restore made, an object store the objects read; Redis has
 * none ({@link #unavailable()} says why).
 */
public interface ReadUnits {
    /** A system without storage units of its own, and why. */
    static ReadUnits none(String why) {
        return new ReadUnits() {
            @Override
            public Optional<String> unavailable() {
                return Optional.of(why);
            }

            @Override
            public String unit() {
                return "";
            }

            @Override
            public long mark() {
                return 0;
            }

            @Override
            public long count(long mark, Map<Space, Set<String>> keysRead) {
                throw new UnsupportedOperationException(why);
            }
        };
    }

    /** Why this system has no such count; empty where it has one. */
    default Optional<String> unavailable() {
        return Optional.empty();
    }

    /** The unit, plural: {@code pages}, {@code objects}. */
    String unit();

    /** A reading of the system's counter before a restore (0 where the count is made from the keys alone). */
    long mark() throws Exception;

    /**
     * The units one restore touched: the counter since {@code mark}, or the units that hold the entries of
     * {@code keysRead} (the keys the restore asked for, per space).
     */
    long count(long mark, Map<Space, Set<String>> keysRead) throws Exception;
}
