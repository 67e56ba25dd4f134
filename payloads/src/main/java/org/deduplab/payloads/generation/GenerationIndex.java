package org.deduplab.payloads.generation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.deduplab.payloads.DatasetFile;
import org.deduplab.payloads.Sha256;
import org.deduplab.payloads.analyze.FastCdc;

/**
 * What an ideal deduplicating store would keep of generations as they arrive: every distinct whole
 * file and every distinct FastCDC chunk (the reference analyzer's 2/8/64 KiB) by SHA-256, with the
 * generations that hold it. From it, per generation, the new unique bytes each technique has to
 * store (the analyzer's prediction of a layout's growth), and for a set of expired generations the
 * bytes only they hold (what expiring them should give back).
 */
public final class GenerationIndex {
    private static final HexFormat HEX = HexFormat.of();

    /** One distinct content (a whole file or a chunk): its size and the generations that hold it. */
    private record Piece(long bytes, BitSet generations) {}

    /** What generation {@code g} brought: its logical bytes and files, and the new unique bytes under each technique. */
    public record Arrival(int generation, long logicalBytes, long files, long newWholeFileBytes, long newChunkBytes) {}

    private final Map<String, Piece> wholeFiles = new HashMap<>();
    private final Map<String, Piece> chunks = new HashMap<>();
    private final Map<Integer, Long> logical = new HashMap<>();

    /** Adds generation {@code g}'s files; returns what it brought. Each generation is added once. */
    public Arrival add(int g, Iterable<DatasetFile> files) {
        if (logical.containsKey(g)) {
            throw new IllegalArgumentException("generation " + g + " is already in the index");
        }
        long bytes = 0;
        long count = 0;
        long[] newBytes = new long[2];
        MessageDigest sha = Sha256.digest();
        for (DatasetFile f : files) {
            byte[] data = f.bytes();
            bytes += data.length;
            count++;
            newBytes[0] += hold(wholeFiles, Sha256.hex(data), data.length, g);
            FastCdc.chunk(data, (d, off, len) -> {
                sha.update(d, off, len);
                newBytes[1] += hold(chunks, HEX.formatHex(sha.digest()), len, g);
            });
        }
        logical.put(g, bytes);
        return new Arrival(g, bytes, count, newBytes[0], newBytes[1]);
    }

    /**
     * What each of the first {@code count} generations brings, in order: for {@code analyze
     * --snapshots} and the mimic's fidelity (a corpus of snapshots against its mimic's generations).
     */
    public static List<Arrival> arrivals(Generations generations, int count) throws IOException {
        GenerationIndex index = new GenerationIndex();
        List<Arrival> out = new ArrayList<>();
        for (int g = 1; g <= count; g++) {
            List<Generations.File> files = generations.files(g);
            try {
                out.add(index.add(
                        g,
                        () -> IntStream.range(0, files.size())
                                .mapToObj(i -> new DatasetFile(i, files.get(i).name(), bytesOf(files.get(i)), -1))
                                .iterator()));
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
        return out;
    }

    private static byte[] bytesOf(Generations.File f) {
        try {
            return f.bytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Marks {@code key} as held by {@code g}; its size when it is new to the index, else 0. */
    private static long hold(Map<String, Piece> pieces, String key, long size, int g) {
        Piece p = pieces.get(key);
        if (p == null) {
            p = new Piece(size, new BitSet());
            pieces.put(key, p);
            p.generations().set(g);
            return size;
        }
        p.generations().set(g);
        return 0;
    }

    /** The logical bytes of {@code expired}: what a store that keeps every file whole gives back. */
    public long logicalBytes(Set<Integer> expired) {
        return expired.stream().mapToLong(g -> logical.getOrDefault(g, 0L)).sum();
    }

    /** The bytes of the distinct whole files that only {@code expired} hold. */
    public long exclusiveWholeFileBytes(Set<Integer> expired) {
        return exclusive(wholeFiles, expired);
    }

    /** The bytes of the distinct chunks that only {@code expired} hold. */
    public long exclusiveChunkBytes(Set<Integer> expired) {
        return exclusive(chunks, expired);
    }

    private static long exclusive(Map<String, Piece> pieces, Set<Integer> expired) {
        BitSet gone = new BitSet();
        expired.forEach(gone::set);
        long sum = 0;
        for (Piece p : pieces.values()) {
            BitSet rest = (BitSet) p.generations().clone();
            rest.andNot(gone);
            if (rest.isEmpty() && p.generations().intersects(gone)) {
                sum += p.bytes();
            }
        }
        return sum;
    }
}
