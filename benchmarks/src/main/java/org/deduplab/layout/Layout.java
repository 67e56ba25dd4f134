package org.deduplab.layout;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.deduplab.payloads.DatasetFile;
import org.deduplab.payloads.analyze.Technique;
import org.deduplab.store.Space;
import org.deduplab.store.Stage;
import org.deduplab.store.Store;

/**
 * The application's storage design: how files become entries of a {@link Store}'s spaces. Each
 * design is one a user could copy into production: idempotent writes, correct when two loaders write
 * the same content at once, readable back file by file.
 *
 * <ul>
 *   <li>{@link Plain}: one entry per file (today's rows / keys / objects).</li>
 *   <li>{@link Cas}: content-addressed files: each distinct content once under its SHA-256, and a
 *       name -> hash reference per file; a duplicate file costs one reference.</li>
 *   <li>{@link Cdc}: content-defined chunks: files cut with FastCDC (2/8/64 KiB, the reference
 *       analyzer's parameters), each distinct chunk once under its SHA-256, and a recipe per file
 *       (the ordered chunk hashes).</li>
 * </ul>
 *
 * The registry of them is {@link Layouts}.
 */
public interface Layout {
    /** The value of {@code -p layout=}. */
    String name();

    /** The analyzer's technique this design is: what an ideal store of it keeps, the report's reference bar for it. */
    Technique reference();

    /** What this design keeps once, checked by the store contract on every system. */
    Dedup promise();

    /** The spaces this layout keeps. */
    Set<Space> spaces();

    /** perFile stage: this file's writes, each committed on its own. */
    void write(Store store, DatasetFile file) throws Exception;

    /** bulk stage: every file through the system's fastest bulk path. */
    void writeAll(Store store, Iterable<DatasetFile> files) throws Exception;

    /** Files visible through the layout (its references or recipes, or the plain entries). */
    long count(Store store) throws Exception;

    /** A file's bytes read back through the layout (reassembled from its chunks for cdc); empty when it is missing. */
    Optional<byte[]> read(Store store, String name) throws Exception;

    /**
     * The files of {@code names} read back through the system's fastest read path ({@link
     * Store#getAll}: batched where the system batches): for cas the references, then their contents;
     * for cdc the recipes, then their chunks. A file with any part missing is absent from the map.
     */
    Map<String, byte[]> readAll(Store store, List<String> names) throws Exception;

    /** What of a file that did not read back is missing, in words ("its recipe", "chunk 3fa2..."), for the failure. */
    String missingPart(Store store, String name) throws Exception;

    /** Removes a file's entry (its reference or recipe), for tests that check verification catches a loss. */
    boolean delete(Store store, String name) throws Exception;

    /**
     * Expires files: removes them and, where files share content (cas, cdc), the content no file of
     * {@code remaining} references any more ({@link Expiry#sweep}: mark and sweep over the remaining
     * files' references, read from the store).
     *
     * @param expired   the files to remove
     * @param remaining every file that stays in the store
     */
    Expiry expire(Store store, Collection<String> expired, Collection<String> remaining) throws Exception;

    /** Loads files through one stage. */
    default void load(Store store, Iterable<DatasetFile> files, Stage stage) throws Exception {
        if (stage == Stage.BULK) {
            writeAll(store, files);
        } else {
            for (DatasetFile f : files) {
                write(store, f);
            }
        }
    }
}
