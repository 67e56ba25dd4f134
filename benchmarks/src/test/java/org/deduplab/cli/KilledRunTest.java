package org.deduplab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A launcher killed with SIGKILL mid-run leaves its servers running (re-parented to init) and their
 * data on disk; the next launcher that starts servers finds them, stops them, removes the data and
 * says so.
 */
class KilledRunTest {
    @TempDir
    Path tmp;

    private List<String> launcher(Path serverTmp, String... args) {
        return LauncherProcess.command(List.of("-Djava.io.tmpdir=" + serverTmp), args);
    }

    @Test
    void theNextLauncherStopsWhatAKilledOneLeftAndRemovesItsData() throws Exception {
        Path serverTmp = Files.createDirectories(tmp.resolve("server-tmp"));
        Path result = tmp.resolve("run-killed.json");
        Process killed = new ProcessBuilder(launcher(serverTmp, "StructuredJson", "-p", "system=redis", "-p", "grade=U0,U50,U90",
                "-p", "datasetMiB=1", "-i", "2", "-rff", result.toString(), "-jvmArgsAppend", "-Ddedup.datasets=" + tmp.resolve("ds")))
                .redirectErrorStream(true).redirectOutput(tmp.resolve("killed.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while ((!Files.exists(result) || new ObjectMapper().readTree(result.toFile()).size() < 1) && killed.isAlive()
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        killed.destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(1000);
        assertThat(runDirs(serverTmp)).as("the killed run's data is still there").hasSize(1);
        assertThat(serverProcesses(serverTmp)).as("its redis-server still runs").isNotEmpty();

        Process next = new ProcessBuilder(launcher(serverTmp, "preflight", "--systems", "redis")).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("next.log").toFile()).start();
        assertThat(next.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String said = Files.readString(tmp.resolve("next.log"));
        assertThat(next.exitValue()).as(said).isZero();
        assertThat(said).contains("removed a dead run's servers").contains("stopped redis-server").contains("deleted "
                + serverTmp.resolve("dedup-lab-run-"));
        assertThat(runDirs(serverTmp)).isEmpty();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!serverProcesses(serverTmp).isEmpty() && System.nanoTime() < end) {
            Thread.sleep(200);
        }
        assertThat(serverProcesses(serverTmp)).isEmpty();
    }

    private static List<String> runDirs(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("dedup-lab-run-")).toList();
        }
    }

    /** Server processes whose binary lives under {@code dir} (embedded-redis unpacks its binary into java.io.tmpdir). */
    private static List<ProcessHandle> serverProcesses(Path dir) {
        return ProcessHandle.allProcesses().filter(p -> p.info().command().map(c -> c.startsWith(dir.toString())).orElse(false))
                .toList();
    }
}
