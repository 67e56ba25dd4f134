package org.deduplab.layout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Function;
import org.deduplab.payloads.DatasetFile;
import org.deduplab.store.Entry;
import org.deduplab.store.Space;
import org.deduplab.store.Store;

/** Lazy views of files as store entries: one file in memory at a time, whatever the dataset's size. */
final class Entries {
    private Entries() {}

    /** A file as a content-addressed layout stores it: the content entries it needs, and its reference. */
    record Split(List<Entry> content, Entry reference) {}

    /**
     * The bulk path of a content-addressed layout: every content entry not already sent in this load
     * through one bulk pass, then every reference (a reference never lands before its content).
     */
    static void contentThenReferences(
            Store store,
            Iterable<DatasetFile> files,
            Space content,
            Space references,
            Function<DatasetFile, Split> split)
            throws Exception {
        Set<String> sent = new HashSet<>();
        List<Entry> refs = new ArrayList<>();
        store.putAll(content, flatten(files, f -> {
            Split s = split.apply(f);
            refs.add(s.reference());
            return s.content().stream().filter(e -> sent.add(e.key())).toList();
        }));
        store.putAll(references, refs);
    }

    /** One entry per file. */
    static Iterable<Entry> of(Iterable<DatasetFile> files, Function<DatasetFile, Entry> entry) {
        return () -> new Iterator<>() {
            private final Iterator<DatasetFile> it = files.iterator();

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Entry next() {
                return entry.apply(it.next());
            }
        };
    }

    /** Zero or more entries per file, in file order. */
    static Iterable<Entry> flatten(Iterable<DatasetFile> files, Function<DatasetFile, Iterable<Entry>> entries) {
        return () -> new Iterator<>() {
            private final Iterator<DatasetFile> it = files.iterator();
            private Iterator<Entry> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && it.hasNext()) {
                    current = entries.apply(it.next()).iterator();
                }
                return current.hasNext();
            }

            @Override
            public Entry next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }
}
