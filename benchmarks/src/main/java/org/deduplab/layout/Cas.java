package org.deduplab.layout;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.deduplab.payloads.DatasetFile;
import org.deduplab.payloads.Sha256;
import org.deduplab.payloads.analyze.Technique;
import org.deduplab.store.Entry;
import org.deduplab.store.Space;
import org.deduplab.store.Store;

/**
 * Content-addressed files: each distinct content once in {@link Space#BLOBS} under its SHA-256 (hex),
 * and a 32-byte reference per file in {@link Space#REFS}. The blob is written before the reference,
 * so a reader never meets a reference without its content; a blob that is already there is skipped
 * by the store (idempotent write), so concurrent loaders of the same content keep one copy.
 */
public record Cas() implements Layout {
    private static final HexFormat HEX = HexFormat.of();

    @Override
    public String name() {
        return "cas";
    }

    @Override
    public Technique reference() {
        return Technique.FILE_ZSTD;
    }

    @Override
    public Dedup promise() {
        return Dedup.WHOLE_FILE;
    }

    @Override
    public Set<Space> spaces() {
        return Set.of(Space.BLOBS, Space.REFS);
    }

    @Override
    public void write(Store store, DatasetFile file) throws Exception {
        byte[] hash = Sha256.digest().digest(file.bytes());
        store.put(Space.BLOBS, HEX.formatHex(hash), file.bytes());
        store.put(Space.REFS, file.name(), hash);
    }

    /** Blobs first, in one bulk pass that skips contents already sent in this load, then every reference. */
    @Override
    public void writeAll(Store store, Iterable<DatasetFile> files) throws Exception {
        Entries.contentThenReferences(store, files, Space.BLOBS, Space.REFS, f -> {
            byte[] hash = Sha256.digest().digest(f.bytes());
            return new Entries.Split(List.of(new Entry(HEX.formatHex(hash), f.bytes())), new Entry(f.name(), hash));
        });
    }

    @Override
    public long count(Store store) throws Exception {
        return store.count(Space.REFS);
    }

    @Override
    public Optional<byte[]> read(Store store, String name) throws Exception {
        Optional<byte[]> ref = store.get(Space.REFS, name);
        return ref.isEmpty() ? Optional.empty() : store.get(Space.BLOBS, HEX.formatHex(ref.get()));
    }

    /** The references, then their blobs: two entries per file, batched by the store. */
    @Override
    public Map<String, byte[]> readAll(Store store, List<String> names) throws Exception {
        Map<String, byte[]> refs = store.getAll(Space.REFS, names).values();
        List<String> blobKeys = new ArrayList<>();
        names.stream().filter(refs::containsKey).forEach(n -> blobKeys.add(HEX.formatHex(refs.get(n))));
        Map<String, byte[]> blobs = store.getAll(Space.BLOBS, blobKeys).values();
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (String n : names) {
            byte[] ref = refs.get(n);
            byte[] blob = ref == null ? null : blobs.get(HEX.formatHex(ref));
            if (blob != null) {
                out.put(n, blob);
            }
        }
        return out;
    }

    @Override
    public String missingPart(Store store, String name) throws Exception {
        Optional<byte[]> ref = store.get(Space.REFS, name);
        if (ref.isEmpty()) {
            return "its reference";
        }
        String blob = HEX.formatHex(ref.get());
        return store.get(Space.BLOBS, blob).isEmpty() ? "blob " + blob : "nothing (it reads back now)";
    }

    @Override
    public boolean delete(Store store, String name) throws Exception {
        return store.delete(Space.REFS, name);
    }

    /** Mark and sweep: a blob goes when no remaining reference names it. */
    @Override
    public Expiry expire(Store store, Collection<String> expired, Collection<String> remaining) throws Exception {
        return Expiry.sweep(store, Space.REFS, Space.BLOBS, ref -> List.of(HEX.formatHex(ref)), expired, remaining);
    }
}
