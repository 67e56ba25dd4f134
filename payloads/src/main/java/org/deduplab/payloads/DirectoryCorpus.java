package org.deduplab.payloads;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.deduplab.payloads.gen.SplitMix64;

/**
 * A user's own files ({@code dir:PATH}): every regular file under PATH (links not followed),
 * sorted by relative path, is a unique file of the dataset in that order; the grade then adds
 * byte-identical copies exactly as for generated data (U0 = the corpus as it is). A top-level
 * {@code manifest.json} written by {@code generate} is not part of the data.
 */
public final class DirectoryCorpus extends Dataset {
    private final Path root;
    private final List<String> relative;
    private final List<Long> fileSizes;
    private int[] corpusIndex = new int[1024];

    DirectoryCorpus(DatasetSpec spec) {
        super(spec);
        this.root = spec.directory();
        this.relative = listFiles(root);
        this.fileSizes = new ArrayList<>(relative.size());
        for (String rel : relative) {
            try {
                long s = Files.size(root.resolve(rel));
                if (s > Integer.MAX_VALUE - 16) {
                    throw new BadInputException(
                            "file '" + root.resolve(rel) + "' is " + s + " bytes; files up to 2 GiB are supported");
                }
                fileSizes.add(s);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        plan(SplitMix64.mix(spec.seed(), 0xD12, spec.grade().percent()), new UniqueSource() {
            @Override
            public boolean hasMore(int ordinal, long bytesSoFar) {
                return ordinal < relative.size();
            }

            @Override
            public int size(int ordinal) {
                return (int) (long) fileSizes.get(ordinal);
            }
        });
    }

    /** Relative paths ('/'-separated) of every regular file under root, sorted. */
    public static List<String> listFiles(Path root) {
        List<String> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(rel -> !(rel.equals(Manifest.FILE_NAME) && Manifest.isManifest(root.resolve(rel))))
                    .sorted()
                    .forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
        }
        return files;
    }

    @Override
    protected void onUnique(int index, int ordinal) {
        if (index >= corpusIndex.length) {
            corpusIndex = Arrays.copyOf(corpusIndex, Math.max(index + 1, corpusIndex.length * 2));
        }
        corpusIndex[index] = ordinal;
    }

    /** The corpus file (relative to the corpus root) whose bytes file {@code index} holds. */
    public String sourcePath(int index) {
        int src = duplicateOf[index] >= 0 ? duplicateOf[index] : index;
        return relative.get(corpusIndex[src]);
    }

    @Override
    public String name(int index) {
        String rel = sourcePath(index);
        return duplicateOf[index] >= 0 ? String.format(Locale.ROOT, "dup-%07d/%s", index, rel) : rel;
    }

    @Override
    public byte[] content(int index) throws IOException {
        return Files.readAllBytes(root.resolve(sourcePath(index)));
    }
}
