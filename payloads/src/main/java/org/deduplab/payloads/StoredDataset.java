package org.deduplab.payloads;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * A dataset on disk with its manifest: what a benchmark loads. Generated datasets are written
 * once into a cache directory (keyed by the spec) and reused by every fork and run; a
 * {@code dir:} corpus is read in place, its manifest computed in memory. Iteration reads one file at
 * a time.
 */
public final class StoredDataset implements Iterable<DatasetFile> {
    private final Path root;
    private final Manifest manifest;
    private final Map<String, Integer> index = new HashMap<>();
    /** Every file's bytes, read once, when the dataset is held in memory ({@link #held}); else null. */
    private final byte[][] bytes;

    private StoredDataset(Path root, Manifest manifest) {
        this(root, manifest, null);
    }

    private StoredDataset(Path root, Manifest manifest, byte[][] bytes) {
        this.root = root;
        this.manifest = manifest;
        this.bytes = bytes;
        for (int i = 0; i < manifest.files().size(); i++) {
            index.put(manifest.files().get(i).name(), i);
        }
    }

    public static StoredDataset open(Path dir) throws IOException {
        return new StoredDataset(dir, Manifest.read(dir));
    }

    /** The dataset of {@code spec}, generated into {@code cacheRoot} unless already there. */
    public static StoredDataset materialize(DatasetSpec spec, Path cacheRoot) throws IOException {
        if (spec.isDirectory()) {
            DirectoryCorpus corpus = (DirectoryCorpus) Dataset.open(spec);
            List<Manifest.Entry> entries = new ArrayList<>(corpus.fileCount());
            for (DatasetFile f : corpus) {
                entries.add(new Manifest.Entry(
                        f.name(),
                        f.bytes().length,
                        Sha256.hex(f.bytes()),
                        f.isDuplicate() ? corpus.name(f.duplicateOf()) : null,
                        corpus.sourcePath(f.index())));
            }
            return new StoredDataset(
                    spec.directory(),
                    new Manifest(spec.payload(), spec.grade().toString(), corpus.totalBytes(), spec.seed(), entries));
        }
        Path dir = cacheRoot.resolve(spec.slug());
        if (!Files.isRegularFile(dir.resolve(Manifest.FILE_NAME))) {
            Files.createDirectories(cacheRoot);
            DatasetWriter.write(Dataset.open(spec), dir, true, null);
        }
        return open(dir);
    }

    public Path root() {
        return root;
    }

    public Manifest manifest() {
        return manifest;
    }

    public int fileCount() {
        return manifest.files().size();
    }

    public long logicalBytes() {
        return manifest.logicalBytes();
    }

    public Manifest.Entry entry(int i) {
        return manifest.files().get(i);
    }

    /** Index of the file called {@code name}, or -1. */
    public int indexOf(String name) {
        return index.getOrDefault(name, -1);
    }

    /**
     * The same dataset with every file read into memory once (each file checked against the manifest
     * as {@link #read} does), so that iterating it reads no file: callers hand out the same arrays on
     * every pass and must not change them.
     */
    public StoredDataset held() throws IOException {
        if (bytes != null) {
            return this;
        }
        byte[][] all = new byte[fileCount()][];
        for (int i = 0; i < all.length; i++) {
            all[i] = read(i);
        }
        return new StoredDataset(root, manifest, all);
    }

    /** Whether the files are held in memory ({@link #held}). */
    public boolean isHeld() {
        return bytes != null;
    }

    public byte[] read(int i) throws IOException {
        if (bytes != null) {
            return bytes[i];
        }
        byte[] b = Files.readAllBytes(root.resolve(entry(i).path()));
        if (b.length != entry(i).bytes()) {
            throw new IOException(root.resolve(entry(i).path()) + " is " + b.length + " bytes, the manifest says "
                    + entry(i).bytes() + ": the dataset changed on disk");
        }
        return b;
    }

    @Override
    public Iterator<DatasetFile> iterator() {
        return new Iterator<>() {
            int next;

            @Override
            public boolean hasNext() {
                return next < fileCount();
            }

            @Override
            public DatasetFile next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int i = next++;
                try {
                    String dup = entry(i).duplicateOf();
                    return new DatasetFile(i, entry(i).name(), read(i), dup == null ? -1 : indexOf(dup));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }
}
