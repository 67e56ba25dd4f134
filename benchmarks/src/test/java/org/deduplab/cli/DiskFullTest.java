package org.deduplab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.deduplab.report.RunFile;
import org.deduplab.store.Systems;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Disks that fill up during a run, for real: small tmpfs file systems mounted by the test (it needs
 * root and mount rights; elsewhere it is skipped with a message). The benchmark that meets the full
 * disk fails with "no space left on PATH", the finished ones stay readable, nothing half-written is
 * left, and the launcher exits 3.
 */
@Tag("slow") // starts servers, a launcher, a JMH run, a browser or a child JVM: left out of mvn -Pfast test
class DiskFullTest {
    /** Any system with an embedded server: which one does not matter here. */
    static final String SYSTEM = Systems.withEmbeddedServer().get(0);

    @TempDir
    Path tmp;

    private final List<Path> mounted = new ArrayList<>();

    @AfterEach
    void unmount() throws Exception {
        for (Path m : mounted) {
            new ProcessBuilder("umount", "-l", m.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aDatasetCacheThatFillsUpFailsTheBenchmarksThatNeedMore() throws Exception {
        Path cache = smallDisk("cache", 6);
        Path result = tmp.resolve("run-cache.json");
        LauncherProcess.Finished run = launch(
                "StructuredJson",
                "-p",
                "system=" + SYSTEM,
                "-p",
                "grade=U0",
                "-p",
                "datasetMiB=1,8",
                "-i",
                "1",
                "-rff",
                result.toString(),
                "-jvmArgsAppend",
                "-Ddedup.datasets=" + cache);
        assertThat(run.exit()).as(run.output()).isEqualTo(3);
        assertThat(run.output())
                .contains("FAILED: java.io.IOException: no space left on " + cache
                        + ": the dataset cache (-Ddedup.datasets) cannot take structured_json-U0-8MiB");
        // the 1 MiB benchmarks finished and are kept; the 8 MiB ones failed
        assertThat(RunFile.load(result).inserts())
                .hasSize(2)
                .allSatisfy(i -> assertThat(i.datasetMiB()).isEqualTo("1"));
        try (Stream<Path> left = Files.list(cache)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("partial"));
        }
    }

    @Test
    void aResultDiskThatFillsUpKeepsTheFinishedBenchmarks() throws Exception {
        Path results = smallDisk("results", 1);
        fillLeaving(results, 40 << 10);
        Path result = results.resolve("run-full.json");
        LauncherProcess.Finished run = launch(
                "StructuredJson",
                "-p",
                "system=" + SYSTEM,
                "-p",
                "grade=U0,U50,U90",
                "-p",
                "datasetMiB=1",
                "-i",
                "1",
                "-r",
                "1ms", // one load per sample, one warm-up load: a few trace lines per benchmark
                "-rff",
                result.toString(),
                "-jvmArgsAppend",
                "-Ddedup.datasets=" + tmp.resolve("ds") + " -Ddedup.warmUpMaxLoads=1");
        assertThat(run.exit()).as(run.output()).isEqualTo(3);
        assertThat(run.output()).contains("no space left on " + results);
        int kept = new ObjectMapper()
                .readTree(result.toFile())
                .size(); // valid JSON, whatever the moment it stopped growing
        assertThat(kept).as(run.output()).isBetween(1, 5);
        assertThat(RunFile.load(result).inserts()).hasSize(kept);
        try (Stream<Path> left = Files.list(results)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("partial"));
        }
    }

    @Test
    void anEmbeddedServerThatCannotStartEndsWithItsOwnLastLogLines() throws Exception {
        Path serverTmp = smallDisk("server-tmp", 12); // too small for PostgreSQL's binaries and data directory
        LauncherProcess.Finished run = launch(
                List.of("-Djava.io.tmpdir=" + serverTmp, "-Ddedup.embeddedStartAttempts=1"),
                "preflight",
                "--systems",
                SYSTEM);
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.output())
                .contains("error: java.io.IOException: no space left on " + serverTmp + ": cannot start embedded "
                        + SYSTEM + " (1 attempt): attempt 1: ")
                .contains("  its last log lines:");
        String said = run.output().substring(run.output().indexOf("  its last log lines:"));
        assertThat(said.lines().skip(1))
                .isNotEmpty()
                .allMatch(l -> l.startsWith("    "))
                .anyMatch(l -> l.contains("No space left on device"));
    }

    /** A tmpfs of {@code mib} MiB mounted under the test's directory; skips the test where mounting is not allowed. */
    private Path smallDisk(String name, int mib) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + mib + "m", "tmpfs", dir.toString())
                .redirectErrorStream(true)
                .start();
        String said = new String(p.getInputStream().readAllBytes());
        assumeTrue(
                p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0,
                "cannot mount a small tmpfs here (needs root and mount rights): " + said);
        mounted.add(dir);
        return dir;
    }

    private static void fillLeaving(Path dir, long free) throws IOException {
        long fill = Files.getFileStore(dir).getUsableSpace() - free;
        try (OutputStream out = Files.newOutputStream(dir.resolve("filler"))) {
            out.write(new byte[(int) fill]);
        }
    }

    private LauncherProcess.Finished launch(String... args) throws Exception {
        return launch(List.of(), args);
    }

    private LauncherProcess.Finished launch(List<String> jvm, String... args) throws Exception {
        return LauncherProcess.run(tmp, Map.of(), jvm, 300, args);
    }
}
