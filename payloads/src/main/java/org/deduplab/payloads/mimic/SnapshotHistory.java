package org.deduplab.payloads.mimic;

import java.util.List;

/**
 * How a directory of snapshots changes from one snapshot to the next (what {@code profile PATH
 * --snapshots} adds to a profile, docs/MIMIC.md "Generations"): the first snapshot's own profile,
 * what each next snapshot removed, changed and added, and, over all of them, which files change and
 * what a changed file keeps of its previous version. A file is the same file in two snapshots when
 * it has the same path in both. Numbers only, like the rest of the profile.
 *
 * @param snapshots          how many snapshots the corpus has
 * @param first              the first snapshot's profile: what a mimic's generation 1 is made from
 * @param transitions        snapshot 2 against 1, 3 against 2, ...
 * @param changedBySize      of the files a next snapshot keeps, the share that changed, by the size they
 *                           had (power of two, bin b: 2^b..2^(b+1)-1 bytes): large files change more often
 * @param changedShareBySize of a changed file's bytes, the share in FastCDC chunks of its previous version,
 *                           by the size it had (same bins; weighted by bytes): a file smaller than a chunk
 *                           keeps nothing of a change
 */
public record SnapshotHistory(
        int snapshots,
        CorpusProfile first,
        List<Transition> transitions,
        double[] changedBySize,
        double[] changedShareBySize) {
    /** Power-of-two size bins of {@link #changedBySize} and {@link #changedShareBySize}. */
    public static final int SIZE_BINS = 32;

    /**
     * One snapshot against the one before it.
     *
     * @param files             files of the previous snapshot
     * @param bytes             their bytes
     * @param removedFiles      its files (paths) the snapshot no longer has
     * @param removedBytes      their bytes
     * @param changedFiles      its files the snapshot has with other content
     * @param changedOldBytes   their bytes before
     * @param changedBytes      their bytes after
     * @param changedSharedBytes of the changed files' new bytes, those in FastCDC chunks of their previous version
     * @param addedFiles        files at paths the previous snapshot did not have
     * @param addedBytes        their bytes
     * @param addedCopyFiles    of those, files whose content an earlier snapshot held (moved or copied files)
     * @param addedCopyBytes    their bytes
     * @param addedSharedBytes  of the other added files' bytes, those in FastCDC chunks an earlier snapshot held
     * @param newChunkBytes     the snapshot's bytes in FastCDC chunks no earlier snapshot held (counted once)
     * @param newFileBytes      the snapshot's bytes in whole files no earlier snapshot held (counted once)
     * @param addedBytesBySize  the added files' bytes but the copies', by file size (power of two): one large
     *                          file added is not many small ones, which would change more often later
     * @param changedOldBytesBySize    the changed files' bytes before, by the size they had (power of two):
     *                                 which files a snapshot changed
     * @param changedBytesBySize       their bytes after, by the same size
     * @param changedSharedBytesBySize of those, the bytes in FastCDC chunks of their previous version
     */
    public record Transition(
            long files,
            long bytes,
            long removedFiles,
            long removedBytes,
            long changedFiles,
            long changedOldBytes,
            long changedBytes,
            long changedSharedBytes,
            long addedFiles,
            long addedBytes,
            long addedCopyFiles,
            long addedCopyBytes,
            long addedSharedBytes,
            long newChunkBytes,
            long newFileBytes,
            long[] addedBytesBySize,
            long[] changedOldBytesBySize,
            long[] changedBytesBySize,
            long[] changedSharedBytesBySize) {}

    /** The size bin of a file of {@code size} bytes. */
    public static int sizeBin(long size) {
        return Math.min(SIZE_BINS - 1, 63 - Long.numberOfLeadingZeros(Math.max(1, size)));
    }
}
