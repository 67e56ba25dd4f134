package org.deduplab.bench;

import java.util.Map;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.deduplab.layout.Layout;
import org.deduplab.payloads.Manifest;
import org.deduplab.payloads.Sha256;
import org.deduplab.payloads.StoredDataset;
import org.deduplab.payloads.gen.SplitMix64;
import org.deduplab.store.Store;

/**
 * Checks a load before its numbers count: the row / key / object count equals the file count, and
 * a deterministic sample of at least {@link #SAMPLE} files (all of them when there are fewer) reads
 * back with the manifest's SHA-256. A mismatch is an exception naming system, payload, grade, stage,
 * what was expected and what was found.
 */
public final class LoadVerifier {
    public static final int SAMPLE = 16;

    private LoadVerifier() {}

    /** Indexes of the files read back: always the first and the last, the rest pseudo-random. */
    public static int[] sample(int files) {
        if (files <= SAMPLE) {
            return IntStream.range(0, files).toArray();
        }
        TreeSet<Integer> picked = new TreeSet<>();
        picked.add(0);
        picked.add(files - 1);
        SplitMix64 r = new SplitMix64(SplitMix64.mix(0x5A3F1E, files));
        while (picked.size() < SAMPLE) {
            picked.add(r.nextInt(files));
        }
        return picked.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Verifies a load of {@code dataset} into {@code store} through {@code layout}. */
    public static void verify(Layout layout, Store store, StoredDataset dataset, String context) throws Exception {
        verifyCount(layout, store, dataset, "load verification failed (" + context + ")");
        verifySample(layout, store, dataset, context);
    }

    /** A sample of {@code dataset}'s files ({@link #sample}) reads back with the manifest's SHA-256 (no count: other files may share the store). */
    public static void verifySample(Layout layout, Store store, StoredDataset dataset, String context)
            throws Exception {
        for (int i : sample(dataset.fileCount())) {
            Manifest.Entry e = dataset.entry(i);
            byte[] stored = layout.read(store, e.name())
                    .orElseThrow(() -> new LoadVerificationException("load verification failed (" + context + "): file "
                            + e.name() + " expected sha256 " + e.sha256() + ", found nothing stored"));
            String sha = Sha256.hex(stored);
            if (!sha.equals(e.sha256())) {
                throw new LoadVerificationException("load verification failed (" + context + "): file " + e.name()
                        + " expected sha256 " + e.sha256() + " (" + e.bytes() + " bytes), found sha256 " + sha + " ("
                        + stored.length + " bytes)");
            }
        }
    }

    /**
     * Verifies a restore: every file of the dataset (all of them, not a sample) was read back with the
     * manifest's SHA-256. A file that did not read back is named with what of it is missing
     * ({@link Layout#missingPart}: for cdc the chunk).
     */
    public static void verifyRestore(
            Layout layout, Store store, StoredDataset dataset, Map<String, byte[]> restored, String context)
            throws Exception {
        for (int i = 0; i < dataset.fileCount(); i++) {
            Manifest.Entry e = dataset.entry(i);
            byte[] bytes = restored.get(e.name());
            if (bytes == null) {
                throw new LoadVerificationException("restore verification failed (" + context + "): file " + e.name()
                        + " did not read back: missing " + layout.missingPart(store, e.name()));
            }
            String sha = Sha256.hex(bytes);
            if (!sha.equals(e.sha256())) {
                throw new LoadVerificationException("restore verification failed (" + context + "): file " + e.name()
                        + " expected sha256 " + e.sha256() + " (" + e.bytes() + " bytes), read back sha256 " + sha
                        + " (" + bytes.length + " bytes)");
            }
        }
    }

    /** The entry count through {@code layout} equals the dataset's file count, else a failure starting with {@code what}. */
    public static void verifyCount(Layout layout, Store store, StoredDataset dataset, String what) throws Exception {
        verifyCount(layout, store, dataset.fileCount(), what);
    }

    /** The entry count through {@code layout} is {@code expected} (files of several datasets in one store), else a failure starting with {@code what}. */
    public static void verifyCount(Layout layout, Store store, long expected, String what) throws Exception {
        long found = layout.count(store);
        if (found != expected) {
            throw new LoadVerificationException(what + ": expected " + expected + " rows/keys/objects, found " + found);
        }
    }

    /** A load that does not match its dataset. */
    public static final class LoadVerificationException extends IllegalStateException {
        public LoadVerificationException(String message) {
            super(message);
        }
    }
}
