package org.deduplab.layout;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.deduplab.store.Space;
import org.deduplab.store.Store;

/**
 * What expiring files removed from a store: the files' own entries (plain entries, references or
 * recipes), the content entries no remaining file references any more (blobs, chunks), and the
 * requests it took, reads and deletes.
 */
public record Expiry(long files, long contentEntries, long requests) {
    /** Names per read of references: one {@link Store#getAll} each. */
    static final int BATCH = 256;

    /** Deletes each file's own entry in {@code space}: a layout without shared content has nothing to sweep. */
    static Expiry ofEntries(Store store, Space space, Collection<String> expired) throws Exception {
        long deleted = 0;
        for (String name : expired) {
            deleted += store.delete(space, name) ? 1 : 0;
        }
        return new Expiry(deleted, 0, expired.size());
    }

    /**
     * Mark and sweep for a content-addressed layout: the content keys the expired files reference are
     * the candidates; the ones any remaining file references (read from the store, so the result is
     * right in whatever order generations expire) are marked live; the expired references go, then
     * every candidate not marked. Run with no loader at work: a load that references a candidate
     * between the mark and the sweep would lose it (stores that sweep under load keep a grace period).
     *
     * @param references the space of the files' references (refs, recipes)
     * @param content    the space of the shared content (blobs, chunks)
     * @param keysOf     the content keys one reference names
     */
    static Expiry sweep(
            Store store,
            Space references,
            Space content,
            Function<byte[], List<String>> keysOf,
            Collection<String> expired,
            Collection<String> remaining)
            throws Exception {
        long[] requests = {0};
        Set<String> candidates = keys(store, references, keysOf, expired, requests);
        Set<String> live = keys(store, references, keysOf, remaining, requests);
        long files = 0;
        for (String name : expired) {
            files += store.delete(references, name) ? 1 : 0;
        }
        long swept = 0;
        for (String key : candidates) {
            if (!live.contains(key)) {
                swept += store.delete(content, key) ? 1 : 0;
                requests[0]++;
            }
        }
        return new Expiry(files, swept, requests[0] + expired.size());
    }

    /** Every content key the references of {@code names} name, read in batches. */
    private static Set<String> keys(
            Store store,
            Space references,
            Function<byte[], List<String>> keysOf,
            Collection<String> names,
            long[] requests)
            throws Exception {
        Set<String> keys = new HashSet<>();
        List<String> all = new ArrayList<>(names);
        for (int from = 0; from < all.size(); from += BATCH) {
            var fetched = store.getAll(references, all.subList(from, Math.min(all.size(), from + BATCH)));
            requests[0] += fetched.requests();
            for (Map.Entry<String, byte[]> e : fetched.values().entrySet()) {
                keys.addAll(keysOf.apply(e.getValue()));
            }
        }
        return keys;
    }
}
