package org.deduplab.target;

import java.util.Map;
import java.util.OptionalLong;
import org.deduplab.payloads.DatasetFile;

/**
 * One system under test, YCSB-binding style: a small set of operations the benchmark drives. All
 * objects live in the lab's namespace (schema {@code dedup_lab}, key prefix {@code dedup_lab:},
 * buckets {@code dedup-lab-*}); nothing else is ever created or dropped.
 */
public interface StorageTarget extends AutoCloseable {
    /** Lab name: postgresql, mariadb, cockroachdb, redis, s3, minio. */
    String system();

    /** Creates the lab's namespace (schema, bucket prefix ...) if missing. Idempotent. */
    void provision() throws Exception;

    /** Makes a fresh, empty table / keyspace / bucket for the next load. */
    void reset() throws Exception;

    /** perFile stage: one insert / SET / PUT, committed on its own. */
    void insert(String name, byte[] data) throws Exception;

    /** bulk stage: the system's fastest bulk path; files arrive one at a time. */
    void insertBulk(Iterable<DatasetFile> files) throws Exception;

    /** Loads files through one stage: {@code bulk}, or {@code perFile} (one {@link #insert} per file). */
    default void load(Iterable<DatasetFile> files, boolean bulk) throws Exception {
        if (bulk) {
            insertBulk(files);
        } else {
            for (DatasetFile f : files) {
                insert(f.name(), f.bytes());
            }
        }
    }

    /** Makes the footprint final: commit, flush, checkpoint or compact as the system needs. */
    void settle() throws Exception;

    /** The system's own footprint of the current table / keyspace / bucket, in bytes. */
    long footprintBytes() throws Exception;

    /**
     * Why {@link #footprintBytes()} cannot be measured for this endpoint (e.g. an object store whose
     * drives are not reachable from here), or null when it can. Such a run reports load time and
     * logical bytes, and EDR / physical delta as unavailable: never a made-up number.
     */
    default String footprintUnavailable() {
        return null;
    }

    /**
     * Allocated bytes of the server's data on disk (st_blocks x 512 of the data directory, or the
     * system's own on-disk form); empty where the data directory is not reachable.
     */
    OptionalLong diskBytes() throws Exception;

    /** Write-ahead log position in bytes, where the system has one (PostgreSQL). */
    default OptionalLong walPosition() throws Exception {
        return OptionalLong.empty();
    }

    /** Rows / keys / objects in the current table / keyspace / bucket. */
    long count() throws Exception;

    /** The stored bytes of {@code name}, or null when it is missing. */
    byte[] read(String name) throws Exception;

    /** Removes one file (tests use it to check that verification catches a loss). */
    boolean delete(String name) throws Exception;

    /** Server version and the settings that change footprint or speed. */
    Map<String, String> serverSettings() throws Exception;

    @Override
    void close() throws Exception;
}
