package org.deduplab.provision;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.deduplab.store.ServerProcess;
import org.deduplab.store.Systems;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reaper on a dead run it did not see die: it stops the recorded server by its own pid and
 * signal, then whatever else still uses the run directory (found by working directory or open
 * file, recorded or not), and only then deletes it; in $TMPDIR it removes leftovers nobody holds
 * and keeps the ones a live process still uses.
 */
class DeadRunsTest {
    @TempDir
    Path tmp;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopAll() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void stopsTheRecordedServerAndEveryProcessStillUsingTheDirectoryBeforeDeletingIt() throws Exception {
        Path run = Files.createDirectories(tmp.resolve("dedup-lab-run-123"));
        Path data = Files.createDirectories(run.resolve("server"));
        Files.writeString(data.resolve("log"), "x\n");
        Process server = start(data, "sleep", "600"); // "a server": recorded with its pid, works in its data directory
        Process unrecorded =
                start(tmp, "tail", "-f", data.resolve("log").toString()); // holds a file inside, never recorded
        Process outsider = start(tmp, "sleep", "600"); // uses nothing of the run
        ProcessHandle.Info info = server.toHandle().info();
        Map<String, Object> record = Map.of(
                "launcher",
                deadPid(),
                "launcherStart",
                0,
                "servers",
                List.of(Map.of(
                        "system",
                        Systems.names().get(0),
                        "pid",
                        server.pid(),
                        "signal",
                        ServerProcess.INT,
                        "command",
                        info.command().orElse(""),
                        "startMillis",
                        info.startInstant().orElseThrow().toEpochMilli())),
                "processes",
                List.of(),
                "filesOutside",
                List.of());
        new ObjectMapper().writeValue(run.resolve(RunRecord.FILE).toFile(), record);

        DeadRuns.reap(tmp);

        assertThat(server.waitFor(15, TimeUnit.SECONDS)).isTrue();
        assertThat(unrecorded.waitFor(15, TimeUnit.SECONDS)).isTrue();
        assertThat(run).doesNotExist();
        assertThat(outsider.isAlive()).isTrue();
    }

    @Test
    void aRunWhoseLauncherLivesIsLeftAlone() throws Exception {
        RunRecord live = RunRecord.create(tmp);
        DeadRuns.reap(tmp);
        assertThat(live.dir().resolve(RunRecord.FILE)).exists();
    }

    @Test
    void removesTmpLeftoversNobodyHoldsAndKeepsTheOnesInUse() throws Exception {
        Path orphan = Files.writeString(tmp.resolve("jmh123stdout"), "fork output");
        Path held = Files.writeString(tmp.resolve("jmh456stdout"), "fork output\n");
        Path unrelated = Files.writeString(tmp.resolve("notes.txt"), "mine");
        Process holder = start(tmp, "tail", "-f", held.toString());
        waitUntilOpen(holder, held);

        DeadRuns.reap(tmp);

        assertThat(orphan).doesNotExist();
        assertThat(held).exists();
        assertThat(unrelated).exists();
    }

    /**
     * While another launch runs, its fork output is briefly held by nobody (created, its fork not
     * started yet): a leftover is then removed only once it has not changed for ten minutes.
     */
    @Test
    void whileAnotherLaunchRunsOnlySettledLeftoversGo() throws Exception {
        Process otherLauncher = start(tmp, "sleep", "600");
        Path run = Files.createDirectories(tmp.resolve("dedup-lab-run-456"));
        Map<String, Object> record = Map.of(
                "launcher", otherLauncher.pid(),
                "launcherStart", 0,
                "servers", List.of(),
                "processes", List.of(),
                "filesOutside", List.of());
        new ObjectMapper().writeValue(run.resolve(RunRecord.FILE).toFile(), record);
        Path justCreated = Files.writeString(tmp.resolve("jmh789stderr"), "");
        Path old = Files.writeString(tmp.resolve("jmh790stdout"), "fork output");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofHours(1))));

        DeadRuns.reap(tmp);

        assertThat(run).exists();
        assertThat(justCreated).exists();
        assertThat(old).doesNotExist();
    }

    private Process start(Path dir, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        started.add(p);
        return p;
    }

    private static void waitUntilOpen(Process p, Path file) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ProcessTable.snapshot().usersOf(file).stream()
                .noneMatch(e -> e.handle().pid() == p.pid())) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** The pid of a process that has exited. */
    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }
}
