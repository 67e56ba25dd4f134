package org.deduplab.cds;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A class-data sharing archive for the JMH forks: every fork of a run is a fresh JVM that loads the
 * same ~4 000 classes, JDK and jar alike, which the time budget shows as fork start and trial set-up.
 * With the classes mapped from an archive instead, each fork starts faster; CDS changes neither the JIT
 * nor the GC of the measured code. The archive is a static one ({@code -Xshare:dump}) made from
 * {@link #CLASS_LIST}, the classes real forks of every embedded system loaded (recorded by
 * {@code scripts/cds-classlist.sh}; a class it misses loads from the jar as usual), once per jar and
 * JVM into {@code $TMPDIR/dedup-lab-cds/}, and reused by later runs. Measured on the 2-core VM, 16
 * forks: fork start 0.50 s and exit 0.06 s per fork, against 0.63 s and 0.19 s with the earlier dynamic
 * archive of the jar's classes alone (the JDK's own classes and lambda forms were not in it). Where it
 * cannot be made (the classes are not in one jar, the JVM refuses) the forks run without it, as before.
 * {@code -Ddedup.cds=false} turns it off.
 */
public final class ForkClassCache {
    /** The class list resource, in the order the forks loaded the classes. */
    static final String CLASS_LIST = "/org/deduplab/cds/fork-classes.lst";

    private ForkClassCache() {}

    /** The fork JVM argument that maps the archive, making the archive first if needed; empty when not possible. */
    /**
     * {@link #forkArgument} on a thread of its own, so that making the archive (6-8 s, once per jar)
     * overlaps the servers' start instead of following it.
     */
    public static CompletableFuture<Optional<String>> forkArgumentInBackground(PrintStream out) {
        return CompletableFuture.supplyAsync(() -> forkArgument(out), runnable -> {
                    Thread t = new Thread(runnable, "dedup-lab-class-archive");
                    t.setDaemon(true);
                    t.start();
                })
                .exceptionally(e -> {
                    out.println("note: no class-data sharing archive for the forks (" + e + "); forks start as before");
                    return Optional.empty();
                });
    }

    public static Optional<String> forkArgument(PrintStream out) {
        if (!Boolean.parseBoolean(System.getProperty("dedup.cds", "true"))) {
            return Optional.empty();
        }
        Optional<Path> jar = jar();
        if (jar.isEmpty()) {
            return Optional.empty(); // classes from directories (the test suite): CDS needs a jar
        }
        try {
            Path archive = archiveFor(jar.get());
            if (!Files.isRegularFile(archive)) {
                long t0 = System.nanoTime();
                if (!dump(jar.get(), archive)) {
                    out.println(
                            "note: no class-data sharing archive for the forks (-Xshare:dump failed); forks start as before");
                    return Optional.empty();
                }
                out.printf(
                        "class-data sharing archive for the forks made in %.1f s (once per jar): %s%n",
                        (System.nanoTime() - t0) / 1e9, archive);
            }
            return Optional.of("-XX:SharedArchiveFile=" + archive);
        } catch (IOException | InterruptedException e) {
            out.println("note: no class-data sharing archive for the forks (" + e.getMessage()
                    + "); forks start as before");
            return Optional.empty();
        }
    }

    /** The benchmarks jar, when the classes come from exactly one jar. */
    static Optional<Path> jar() {
        String cp = System.getProperty("java.class.path", "");
        if (cp.contains(File.pathSeparator) || !cp.endsWith(".jar")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(cp).toAbsolutePath());
    }

    /** One archive per jar (size and time) and JVM. */
    static Path archiveFor(Path jar) throws IOException {
        String key = Integer.toHexString((jar + "|" + Files.size(jar) + "|"
                        + Files.getLastModifiedTime(jar).toMillis() + "|" + System.getProperty("java.home") + "|"
                        + System.getProperty("java.vm.version"))
                .hashCode());
        return Path.of(System.getProperty("java.io.tmpdir"), "dedup-lab-cds", "forks-" + key + ".jsa");
    }

    private static boolean dump(Path jar, Path archive) throws IOException, InterruptedException {
        Files.createDirectories(archive.getParent());
        Path partial = Files.createTempFile(archive.getParent(), ".forks", ".jsa.partial");
        Path list = Files.createTempFile(archive.getParent(), ".forks", ".lst");
        try (InputStream in = ForkClassCache.class.getResourceAsStream(CLASS_LIST)) {
            if (in == null) {
                return false;
            }
            Files.copy(in, list, StandardCopyOption.REPLACE_EXISTING);
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process p = new ProcessBuilder(List.of(
                            java.toString(),
                            "-Xshare:dump",
                            "-XX:SharedClassListFile=" + list,
                            "-XX:SharedArchiveFile=" + partial,
                            "-cp",
                            jar.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            boolean ok = p.waitFor(300, TimeUnit.SECONDS) && p.exitValue() == 0 && Files.size(partial) > 0;
            if (!ok) {
                p.destroyForcibly();
                return false;
            }
            Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            keepNewest(archive.getParent(), KEPT);
            return true;
        } finally {
            Files.deleteIfExists(partial);
            Files.deleteIfExists(list);
        }
    }

    /** Archives kept for other jars (each ~100 MB): a rebuilt jar gets a new one, the oldest go. */
    static final int KEPT = 2;

    private static void keepNewest(Path dir, int kept) throws IOException {
        try (Stream<Path> all = Files.list(dir)) {
            List<Path> archives = all.filter(p -> p.getFileName().toString().matches("forks-.*\\.jsa"))
                    .sorted(Comparator.comparing(ForkClassCache::modified).reversed())
                    .toList();
            for (Path old : archives.subList(Math.min(kept, archives.size()), archives.size())) {
                Files.deleteIfExists(old);
            }
        }
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
