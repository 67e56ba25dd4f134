package org.deduplab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.deduplab.store.Systems;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An embedded server killed (SIGKILL, by the pid its run recorded) in the middle of a run: it is
 * restarted with a fresh data directory before the next benchmark, with a line saying so, the
 * benchmark that met the dead server runs once more, and the run ends with every benchmark measured.
 */
@Tag("slow") // starts servers, a launcher, a JMH run, a browser or a child JVM: left out of mvn -Pfast test
class ServerDeathTest {
    /** The first embedded system whose server is a process of its own (not inside the launcher). */
    static final String SYSTEM = Systems.withEmbeddedServer().get(0);

    @TempDir
    Path tmp;

    @Test
    void aKilledEmbeddedServerIsRestartedAndTheRunCompletes() throws Exception {
        Path result = tmp.resolve("run-death.json");
        Path serverTmp = Files.createDirectories(tmp.resolve("server-tmp"));
        Thread killer = new Thread(() -> killServerAfterFirstBenchmark(result, serverTmp), "server-killer");
        killer.setDaemon(true);
        killer.start();
        LauncherProcess.Finished run = LauncherProcess.run(
                tmp,
                Map.of(),
                List.of("-Djava.io.tmpdir=" + serverTmp, "-Ddedup.cds=false"),
                400,
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
        killer.join(5000);
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output())
                .containsPattern("embedded " + Pattern.quote(SYSTEM)
                        + " at \\S+ died; restarted with a fresh data directory on \\S+");
        assertThat(new ObjectMapper().readTree(result.toFile()).size()).isEqualTo(6);
        assertThat(run.output()).doesNotContain("FAILED");
    }

    /** Waits for the first finished benchmark, then kills the server the run recorded, by its pid. */
    private static void killServerAfterFirstBenchmark(Path result, Path serverTmp) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        try {
            while (System.nanoTime() < deadline) {
                if (Files.exists(result)
                        && new ObjectMapper().readTree(result.toFile()).size() >= 1) {
                    long pid = KilledRunTest.RunDir.only(serverTmp).serverPids().get(0);
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                    return;
                }
                Thread.sleep(100);
            }
        } catch (Exception e) {
            // the assertions on the run tell
        }
    }
}
