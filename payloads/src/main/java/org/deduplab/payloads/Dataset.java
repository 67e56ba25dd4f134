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
            roomForOneMore();
            if (dup) {
                // uniform over the unique files so far: picking any earlier file and following its
                // copy link would favour the first files more and more (a Polya urn)
                int pick = (int) (((SplitMix64.mix(pickSeed, i) >>> 33) * u) >>> 31);
                planCopy(i, uniqueIndex[pick]);
            } else {
                uniqueIndex = append(uniqueIndex, u, i);
                planUnique(i, u, unique.size(u));
                u++;
            }
            totalBytes += sizes[i];
            count++;
        }
    }

    /** Makes room in the plan's arrays for file {@code count}. */
    protected void roomForOneMore() {
        if (count == sizes.length) {
            sizes = Arrays.copyOf(sizes, count * 2);
            duplicateOf = Arrays.copyOf(duplicateOf, count * 2);
        }
    }

    /** Plans file {@code i} as a copy of the earlier file {@code src}. */
    protected void planCopy(int i, int src) {
        duplicateOf[i] = src;
        sizes[i] = sizes[src];
    }

    /** Plans file {@code i} as unique file {@code ordinal}, of {@code size} bytes. */
    protected void planUnique(int i, int ordinal, int size) {
        duplicateOf[i] = -1;
        sizes[i] = size;
        onUnique(i, ordinal);
    }

    /** {@code values} with {@code value} at {@code at}, grown as needed. */
    protected static int[] append(int[] values, int at, int value) {
        int[] out = at == values.length ? Arrays.copyOf(values, Math.max(16, at * 2)) : values;
        out[at] = value;
        return out;
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
