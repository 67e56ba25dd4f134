package org.deduplab.store;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a system keeps for the lab's current table / keyspace / bucket, measured apart from the data
 * path ({@link Store}): the settle step that makes the footprint final, the footprint itself, the
 * allocated bytes of the server's data directory, the WAL position, and the server settings that
 * change footprint or speed.
 */
public interface FootprintProbe {
    /** Makes the footprint final: ends the load, then commits, flushes, checkpoints or compacts as the system needs. */
    void settle() throws Exception;

    /**
     * Why {@link #bytes()} cannot be measured for this endpoint (e.g. an object store whose drives
     * are not reachable from here). Such a run reports load time and logical bytes, and EDR /
     * physical delta as unavailable: never a made-up number.
     */
    default Optional<String> unavailable() {
        return Optional.empty();
    }

    /** The system's own footprint of the current table / keyspace / bucket, in bytes. */
    long bytes() throws Exception;

    /**
     * Allocated bytes of the server's data on disk (st_blocks x 512 of the data directory, or the
     * system's own on-disk form); empty where the data directory is not reachable.
     */
    OptionalLong diskBytes() throws Exception;

    /** Write-ahead log position in bytes, where the system has one (PostgreSQL). */
    default OptionalLong walPosition() throws Exception {
        return OptionalLong.empty();
    }

    /**
     * Why this server cannot run the store's variant (e.g. PostgreSQL built without lz4), checked
     * before any fork; empty when it can, or when the store has no variant.
     */
    default Optional<String> variantUnavailable() throws Exception {
        return Optional.empty();
    }

    /**
     * Checks, after a load, that the store's variant took effect on the server (column compression,
     * row format, cluster setting ...); throws {@link VariantNotInEffectException} naming the setting
     * when it did not. Stores without variants have nothing to check.
     */
    default void checkVariant() throws Exception {}

    /**
     * Runs the system's reclamation {@code step} on the lab's tables / keys / bucket, the way an
     * operator would after deleting data; returns the command it ran, or empty where the system has
     * no such step (its deletes already give the space back, or nothing does).
     */
    default Optional<String> reclaim(Reclamation step) throws Exception {
        return Optional.empty();
    }

    /** How the system counts the storage units a restore touches ({@link ReadUnits}). */
    default ReadUnits readUnits() {
        return ReadUnits.none("no count of storage units for this system");
    }

    /** Server version and the settings that change footprint or speed. */
    Map<String, String> serverSettings() throws Exception;
}
