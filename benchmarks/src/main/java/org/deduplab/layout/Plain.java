package org.deduplab.layout;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.deduplab.payloads.DatasetFile;
import org.deduplab.payloads.analyze.Technique;
import org.deduplab.store.Entry;
import org.deduplab.store.Space;
import org.deduplab.store.Store;

/** One entry per file under its name: what the system itself makes of the data. */
public record Plain() implements Layout {
    @Override
    public String name() {
        return "plain";
    }

    @Override
    public Technique reference() {
        return Technique.ZSTD;
    }

    @Override
    public Dedup promise() {
        return Dedup.NONE;
    }

    @Override
    public Set<Space> spaces() {
        return Set.of(Space.FILES);
    }

    @Override
    public void write(Store store, DatasetFile file) throws Exception {
        store.put(Space.FILES, file.name(), file.bytes());
    }

    @Override
    public void writeAll(Store store, Iterable<DatasetFile> files) throws Exception {
        store.putAll(Space.FILES, Entries.of(files, f -> new Entry(f.name(), f.bytes())));
    }

    @Override
    public long count(Store store) throws Exception {
        return store.count(Space.FILES);
    }

    @Override
    public Optional<byte[]> read(Store store, String name) throws Exception {
        return store.get(Space.FILES, name);
    }

    @Override
    public Map<String, byte[]> readAll(Store store, List<String> names) throws Exception {
        return store.getAll(Space.FILES, names).values();
    }

    @Override
    public String missingPart(Store store, String name) throws Exception {
        return store.get(Space.FILES, name).isEmpty() ? "its entry" : "nothing (it reads back now)";
    }

    @Override
    public boolean delete(Store store, String name) throws Exception {
        return store.delete(Space.FILES, name);
    }

    @Override
    public Expiry expire(Store store, Collection<String> expired, Collection<String> remaining) throws Exception {
        return Expiry.ofEntries(store, Space.FILES, expired);
    }
}
