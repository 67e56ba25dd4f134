package org.deduplab.store;

import java.util.Optional;
import org.deduplab.payloads.DatasetFile;

/**
 * The data path of one system under test, in the spirit of YCSB's {@code DB} binding: make a fresh
 * table / keyspace / bucket, write files through one of the two stages, count and read them back.
 * How many bytes the system keeps for them is asked of its {@link FootprintProbe}; the benchmark
 * does the timing and the bookkeeping. All objects live in the lab's namespace (schema
 * {@code dedup_lab}, key prefix {@code dedup_lab:}, buckets {@code dedup-lab-*}); nothing else is
 * ever created or dropped.
 */
public interface Store extends AutoCloseable {
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

    /** Loads files through one stage. */
    default void load(Iterable<DatasetFile> files, Stage stage) throws Exception {
        if (stage == Stage.BULK) {
            insertBulk(files);
        } else {
            for (DatasetFile f : files) {
                insert(f.name(), f.bytes());
            }
        }
    }

    /** Ends the current load on the client side: closes loading connections so nothing of it is buffered. */
    void endLoad() throws Exception;

    /** Rows / keys / objects in the current table / keyspace / bucket. */
    long count() throws Exception;

    /** The stored bytes of {@code name}, empty when it is missing. */
    Optional<byte[]> read(String name) throws Exception;

    /** Removes one file (tests use it to check that verification catches a loss). */
    boolean delete(String name) throws Exception;

    /** How this store's footprint is measured: settle, footprint, disk, WAL, server settings. */
    FootprintProbe footprint();

    @Override
    void close() throws Exception;
}
