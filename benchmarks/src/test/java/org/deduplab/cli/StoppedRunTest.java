package org.deduplab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.deduplab.report.RunFile;
import org.deduplab.store.Systems;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real launcher process stopped with SIGTERM in the middle of a run: every benchmark that had
 * finished is in the result file, which is valid JMH JSON that report and compare read, with its
 * environment file beside it; the embedded servers are stopped and their data removed.
 */
@Tag("slow") // starts servers, a launcher, a JMH run, a browser or a child JVM: left out of mvn -Pfast test
class StoppedRunTest {
    /** Any system with an embedded server: which one does not matter here. */
    static final String SYSTEM = Systems.withEmbeddedServer().get(0);

    @TempDir
    Path tmp;

    @Test
    void sigtermKeepsTheFinishedBenchmarksAndRemovesTheServers() throws Exception {
        Path serverTmp = Files.createDirectories(tmp.resolve("server-tmp"));
        Path result = tmp.resolve("run-stopped.json");
        List<String> cmd = LauncherProcess.command(
                List.of("-Djava.io.tmpdir=" + serverTmp),
                "StructuredJson",
                "-p",
                "system=" + SYSTEM,
                "-p",
                "grade=U0,U50,U90",
                "-p",
                "datasetMiB=1",
                "-i",
                "2",
                "-rff",
                result.toString(),
                "-jvmArgsAppend",
                "-Ddedup.datasets=" + tmp.resolve("ds"));
        Process launcher = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("out.log").toFile())
                .start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (LauncherProcess.benchmarksIn(result) < 2 && launcher.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(launcher.isAlive())
                    .as("the run is still going when stopped: " + Files.readString(tmp.resolve("out.log")))
                    .isTrue();
        } finally {
            launcher.destroy(); // SIGTERM
        }
        assertThat(launcher.waitFor(60, TimeUnit.SECONDS)).isTrue();
        int kept = LauncherProcess.benchmarksIn(result);
        assertThat(kept).isBetween(2, 5); // 6 benchmarks planned: stopped mid-run, the finished ones kept
        assertThat(RunFile.load(result).inserts()).hasSize(kept);
        JsonNode env =
                new ObjectMapper().readTree(tmp.resolve("run-stopped.env.json").toFile());
        assertThat(env.path("systems")
                        .path(SYSTEM)
                        .path("settings")
                        .path("server_version")
                        .asText())
                .isNotEmpty();
        // servers stopped, their data removed
        deadline(() -> noProcessMentions(serverTmp), 30);
        try (Stream<Path> left = Files.list(serverTmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("dedup-lab-run-"));
        }
    }

    private static boolean noProcessMentions(Path dir) {
        return ProcessHandle.allProcesses()
                .noneMatch(p -> p.info()
                        .commandLine()
                        .map(c -> c.contains(dir.toString()))
                        .orElse(false));
    }

    private static void deadline(BooleanSupplier condition, int seconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime())
                    .as("still running after " + seconds + " s")
                    .isLessThan(end);
            Thread.sleep(200);
        }
    }
}
