package org.deduplab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An embedded server killed (SIGKILL, by its pid) in the middle of a run: it is restarted with a
 * fresh data directory before the next benchmark, with a line saying so, the benchmark that met the
 * dead server runs once more, and the run ends with every benchmark measured.
 */
@Tag("slow") // starts servers, a launcher, a JMH run, a browser or a child JVM: left out of mvn -Pfast test
class ServerDeathTest {
    @TempDir
    Path tmp;

    @Test
    void aKilledEmbeddedServerIsRestartedAndTheRunCompletes() throws Exception {
        Path result = tmp.resolve("run-death.json");
        Thread killer = new Thread(() -> killRedisAfterFirstBenchmark(result), "redis-killer");
        killer.setDaemon(true);
        killer.start();
        CommandLineTest.Outcome o = CommandLineTest.run(
                "StructuredJson",
                "-p",
                "system=redis",
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
        assertThat(o.code()).as(o.out() + o.err()).isZero();
        assertThat(o.out())
                .containsPattern("embedded redis at redis://127.0.0.1:\\d+ died; restarted with a fresh data directory"
                        + " on redis://127.0.0.1:\\d+");
        assertThat(new ObjectMapper().readTree(result.toFile()).size()).isEqualTo(6);
        assertThat(o.out()).doesNotContain("FAILED");
    }

    /** Waits for the first finished benchmark, then kills the embedded redis-server this JVM started. */
    private static void killRedisAfterFirstBenchmark(Path result) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        try {
            while (System.nanoTime() < deadline) {
                if (Files.exists(result)
                        && new ObjectMapper().readTree(result.toFile()).size() >= 1) {
                    Optional<ProcessHandle> redis = ProcessHandle.current()
                            .descendants()
                            .filter(p -> p.info().command().orElse("").contains("redis-server"))
                            .findFirst();
                    redis.ifPresent(ProcessHandle::destroyForcibly);
                    return;
                }
                Thread.sleep(100);
            }
        } catch (Exception e) {
            // the assertions on the run tell
        }
    }
}
