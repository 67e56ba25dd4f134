package org.deduplab.payloads;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.deduplab.payloads.gen.SplitMix64;
import org.deduplab.payloads.mimic.MimicDataset;

/**
 * A dataset: an ordered list of files, each either unique or a byte-identical copy of an earlier
 * file. The plan (names, sizes, copy links) is held as small arrays; file contents are produced one
 * at a time, so iterating holds O(one file) of data in memory.
 */
public abstract class Dataset implements Iterable<DatasetFile> {
    protected final DatasetSpec spec;
    protected int count;
    protected int[] sizes = new int[1024];
    protected int[] duplicateOf = new int[1024];
    protected long totalBytes;

    protected Dataset(DatasetSpec spec) {
        this.spec = spec;
    }

    /** Opens a generated dataset or a user's {@code dir:} corpus. */
    public static Dataset open(DatasetSpec spec) {
        if (spec.isMimic()) {
            return new MimicDataset(spec, spec.profile());
        }
        return spec.isDirectory() ? new DirectoryCorpus(spec) : new GeneratedDataset(spec);
    }

    public DatasetSpec spec() {
        return spec;
    }

    public int fileCount() {
        return count;
    }

    public long totalBytes() {
        return totalBytes;
    }

    public int size(int index) {
        return sizes[index];
    }

    /** Index of the earlier file that file {@code index} copies, or -1. */
    public int duplicateOf(int index) {
        return duplicateOf[index];
    }

    public int duplicateCount() {
        int d = 0;
        for (int i = 0; i < count; i++) {
            if (duplicateOf[i] >= 0) {
                d++;
            }
        }
        return d;
    }

    public abstract String name(int index);

    /** The bytes of file {@code index}. */
    public abstract byte[] content(int index) throws IOException;

    /**
     * Lays out the plan: file i is a copy exactly when the grade says so (see
     * {@link Grade#isDuplicate}); a copy points at an earlier unique file chosen uniformly and
     * deterministically.
     */
    protected void plan(long pickSeed, UniqueSource unique) {
        Grade grade = spec.grade();
        int[] uniqueIndex = new int[1024];
        int u = 0;
        for (int i = 0; ; i++) {
            boolean dup = grade.isDuplicate(i);
            if (!unique.hasMore(u, totalBytes)) {
                break;
            }
            if (count == sizes.length) {
                sizes = Arrays.copyOf(sizes, count * 2);
                duplicateOf = Arrays.copyOf(duplicateOf, count * 2);
            }
            if (dup) {
                // uniform over the unique files so far: picking any earlier file and following its
                // copy link would favour the first files more and more (a Polya urn)
                int pick = (int) (((SplitMix64.mix(pickSeed, i) >>> 33) * u) >>> 31);
                int src = uniqueIndex[pick];
                duplicateOf[i] = src;
                sizes[i] = sizes[src];
            } else {
                if (u == uniqueIndex.length) {
                    uniqueIndex = Arrays.copyOf(uniqueIndex, u * 2);
                }
                uniqueIndex[u] = i;
                duplicateOf[i] = -1;
                sizes[i] = unique.size(u);
                onUnique(i, u);
                u++;
            }
            totalBytes += sizes[i];
            count++;
        }
    }

    /** Called for each unique file as the plan is made. */
    protected abstract void onUnique(int index, int ordinal);

    /** Where the unique files come from while planning. */
    protected interface UniqueSource {
        boolean hasMore(int ordinal, long bytesSoFar);

        int size(int ordinal);
    }

    @Override
    public Iterator<DatasetFile> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < count;
            }

            @Override
            public DatasetFile next() {
                if (next >= count) {
                    throw new NoSuchElementException();
                }
                int i = next++;
                try {
                    return new DatasetFile(i, name(i), content(i), duplicateOf[i]);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }
}
