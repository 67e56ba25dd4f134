package org.deduplab.payloads.mimic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.deduplab.payloads.BadInputException;
import org.deduplab.payloads.DirectoryCorpus;
import org.deduplab.payloads.analyze.FastCdc;

/**
 * Reads a directory of snapshots (its immediate subdirectories, in name order) once and records how
 * each snapshot differs from the one before ({@link SnapshotHistory}), holding fingerprints only: the
 * previous snapshot's files with their chunks, and every content and chunk seen so far.
 */
final class SnapshotProfiler {
    /** One file of a snapshot: its content, size and FastCDC chunks (fingerprint to length). */
    private record Version(Fingerprint content, int size, Map<Fingerprint, Integer> chunks) {}

    private final Set<Fingerprint> seenContents = new HashSet<>();
    private final Set<Fingerprint> seenChunks = new HashSet<>();
    private final long[] keptBySize = new long[SnapshotHistory.SIZE_BINS];
    private final long[] changedBySize = new long[SnapshotHistory.SIZE_BINS];
    private final long[] changedBytesBySize = new long[SnapshotHistory.SIZE_BINS];
    private final long[] sharedBytesBySize = new long[SnapshotHistory.SIZE_BINS];

    static List<Path> snapshots(Path root) {
        List<Path> out;
        try (Stream<Path> entries = Files.list(root)) {
            out = entries.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (out.size() < 2) {
            throw new BadInputException("'" + root + "' has " + out.size()
                    + " subdirectories; valid for --snapshots: a directory whose immediate subdirectories (at least 2)"
                    + " are snapshots, read in name order");
        }
        return out;
    }

    static SnapshotHistory history(Path root) throws IOException {
        List<Path> snapshots = snapshots(root);
        SnapshotProfiler p = new SnapshotProfiler();
        List<SnapshotHistory.Transition> transitions = new ArrayList<>();
        Map<String, Version> previous = p.read(snapshots.get(0), null);
        for (Path s : snapshots.subList(1, snapshots.size())) {
            TransitionCounts t = p.new TransitionCounts(previous);
            Map<String, Version> current = p.read(s, t);
            t.removed(current);
            transitions.add(t.result());
            previous = current;
        }
        return new SnapshotHistory(
                snapshots.size(),
                Profiler.profile(snapshots.get(0)),
                transitions,
                shares(p.changedBySize, p.keptBySize),
                shares(p.sharedBytesBySize, p.changedBytesBySize));
    }

    /** Reads one snapshot; where {@code t} is given, counts it against the previous one. */
    private Map<String, Version> read(Path snapshot, TransitionCounts t) throws IOException {
        Map<String, Version> out = new HashMap<>();
        Set<Fingerprint> contentsBefore = Set.copyOf(seenContents);
        for (String name : DirectoryCorpus.listFiles(snapshot)) {
            byte[] data = Files.readAllBytes(snapshot.resolve(name));
            Map<Fingerprint, Integer> chunks = new HashMap<>();
            FastCdc.chunk(data, (d, off, n) -> chunks.put(Fingerprint.of(d, off, n), n));
            Version v = new Version(Fingerprint.of(data, 0, data.length), data.length, chunks);
            if (t != null) {
                t.file(name, v, contentsBefore.contains(v.content()));
                if (seenContents.add(v.content())) {
                    t.newFileBytes += v.size();
                }
                for (var c : chunks.entrySet()) {
                    if (seenChunks.add(c.getKey())) {
                        t.newChunkBytes += c.getValue();
                    }
                }
            } else {
                seenContents.add(v.content());
                seenChunks.addAll(chunks.keySet());
            }
            out.put(name, v);
        }
        return out;
    }

    private static double[] shares(long[] part, long[] whole) {
        double[] out = new double[part.length];
        for (int b = 0; b < out.length; b++) {
            out[b] = whole[b] == 0 ? 0 : Quantiles.round((double) part[b] / whole[b]);
        }
        return out;
    }

    /** The counts of one transition, file by file. */
    private final class TransitionCounts {
        final Map<String, Version> previous;
        long removedFiles;
        long removedBytes;
        long changedFiles;
        long changedOldBytes;
        long changedBytes;
        long changedSharedBytes;
        long addedFiles;
        long addedBytes;
        long addedCopyFiles;
        long addedCopyBytes;
        long addedSharedBytes;
        long newChunkBytes;
        long newFileBytes;
        final long[] addedBytesBySize = new long[SnapshotHistory.SIZE_BINS];
        final long[] changedOldBytesBySize = new long[SnapshotHistory.SIZE_BINS];
        final long[] changedBytesBySize = new long[SnapshotHistory.SIZE_BINS];
        final long[] changedSharedBytesBySize = new long[SnapshotHistory.SIZE_BINS];

        TransitionCounts(Map<String, Version> previous) {
            this.previous = previous;
        }

        /** Counts file {@code name} of the new snapshot, before its chunks are added to what was seen. */
        void file(String name, Version v, boolean contentSeenBefore) {
            Version old = previous.get(name);
            if (old == null) {
                added(v, contentSeenBefore);
                return;
            }
            int bin = SnapshotHistory.sizeBin(old.size());
            keptBySize[bin]++;
            if (old.content().equals(v.content())) {
                return;
            }
            changedBySize[bin]++;
            changedFiles++;
            changedOldBytes += old.size();
            changedBytes += v.size();
            long shared = 0;
            for (var c : v.chunks().entrySet()) {
                if (old.chunks().containsKey(c.getKey())) {
                    shared += c.getValue();
                }
            }
            changedSharedBytes += shared;
            SnapshotProfiler.this.changedBytesBySize[bin] += v.size();
            sharedBytesBySize[bin] += shared;
            changedOldBytesBySize[bin] += old.size();
            changedBytesBySize[bin] += v.size();
            changedSharedBytesBySize[bin] += shared;
        }

        private void added(Version v, boolean copy) {
            addedFiles++;
            addedBytes += v.size();
            if (copy) {
                addedCopyFiles++;
                addedCopyBytes += v.size();
                return;
            }
            addedBytesBySize[SnapshotHistory.sizeBin(v.size())] += v.size();
            for (var c : v.chunks().entrySet()) {
                if (seenChunks.contains(c.getKey())) {
                    addedSharedBytes += c.getValue();
                }
            }
        }

        void removed(Map<String, Version> current) {
            previous.forEach((name, v) -> {
                if (!current.containsKey(name)) {
                    removedFiles++;
                    removedBytes += v.size();
                }
            });
        }

        SnapshotHistory.Transition result() {
            long bytes = previous.values().stream().mapToLong(Version::size).sum();
            return new SnapshotHistory.Transition(
                    previous.size(),
                    bytes,
                    removedFiles,
                    removedBytes,
                    changedFiles,
                    changedOldBytes,
                    changedBytes,
                    changedSharedBytes,
                    addedFiles,
                    addedBytes,
                    addedCopyFiles,
                    addedCopyBytes,
                    addedSharedBytes,
                    newChunkBytes,
                    newFileBytes,
                    addedBytesBySize,
                    changedOldBytesBySize,
                    changedBytesBySize,
                    changedSharedBytesBySize);
        }
    }
}
