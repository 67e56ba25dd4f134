package org.deduplab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.deduplab.provision.ListeningSockets;
import org.deduplab.report.RunFile;
import org.deduplab.store.ColdCache;
import org.deduplab.store.Systems;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A launcher (or a {@code serve}) killed with SIGKILL mid-run leaves its servers running,
 * re-parented to init (PostgreSQL's postmaster was never its child: pg_ctl detaches it), and their
 * data and temporary files on disk; the next launch finds them by the pids the servers reported,
 * stops every one, removes the run directory once nothing uses it, and removes what the killed run
 * left in $TMPDIR.
 */
@Tag("slow") // starts servers, a launcher, a JMH run, a browser or a child JVM: left out of mvn -Pfast test
class KilledRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private List<String> launcher(Path serverTmp, String... args) {
        return LauncherProcess.command(List.of("-Djava.io.tmpdir=" + serverTmp, "-Ddedup.cds=false"), args);
    }

    @Test
    void theNextLaunchStopsEveryServerOfAKilledRunOfAllFourSystemsAndRemovesItsData() throws Exception {
        Path serverTmp = Files.createDirectories(tmp.resolve("server-tmp"));
        Path result = tmp.resolve("run-killed.json");
        Process killed = start(
                launcher(
                        serverTmp,
                        "StructuredJson",
                        "-p",
                        "system=" + String.join(",", Systems.withEmbeddedServer()),
                        "-p",
                        "grade=U0",
                        "-p",
                        "datasetMiB=1",
                        "-i",
                        "2",
                        "-rff",
                        result.toString(),
                        "-jvmArgsAppend",
                        "-Ddedup.datasets=" + tmp.resolve("ds")),
                tmp.resolve("killed.log"));
        waitFor(() -> benchmarksIn(result) >= 1, killed, tmp.resolve("killed.log"));
        RunDir run = RunDir.only(serverTmp);
        // a server inside the launcher (S3Proxy) has no pid of its own: every other one is recorded
        assertThat(run.serverPids()).as("servers recorded: " + run.record()).isNotEmpty();
        List<String> commands =
                run.serverPids().stream().map(KilledRunTest::command).toList();
        kill(killed);
        assertThat(run.serverPids()).as("the killed run's servers still run").allMatch(KilledRunTest::alive);

        String said = nextLaunch(serverTmp);
        assertThat(said).contains("removed a dead run's servers").contains("deleted " + run.dir());
        assertThat(commands)
                .as("each server named by its command")
                .allSatisfy(c -> assertThat(said).contains(c));
        assertGone(run);
    }

    /**
     * A cold restore restarts PostgreSQL and MariaDB in place, with new pids that no process of the
     * launcher's tree holds: the run record names the new ones (and a server started by a restart the
     * kill interrupted is found by its directory), so a launcher killed after a restart still leaves
     * nothing running.
     */
    @Test
    void serversRestartedInPlaceForColdRestoresAreStoppedAfterTheLaunchersSigkill() throws Exception {
        assumeThat(Files.isWritable(Path.of("/proc/sys/vm/drop_caches")))
                .as("cold needs root")
                .isTrue();
        Path serverTmp = Files.createDirectories(tmp.resolve("server-tmp"));
        Path result = tmp.resolve("run-cold.json");
        Path log = tmp.resolve("cold.log");
        Process killed = start(
                launcher(
                        serverTmp,
                        "TextLog.restorePerFile",
                        "-p",
                        "system=" + String.join(",", restartingInPlace()),
                        "-p",
                        "cache=cold",
                        "-p",
                        "grade=U0",
                        "-p",
                        "datasetMiB=1",
                        "-i",
                        "20",
                        "-rff",
                        result.toString(),
                        "-jvmArgsAppend",
                        "-Ddedup.datasets=" + tmp.resolve("ds") + " -Ddedup.warmUpMaxLoads=1"),
                log);
        Path trace = RunFile.beside(result, RunFile.TRACE_SUFFIX);
        waitFor(() -> contains(trace, "\"iteration\":\"measurement 2\""), killed, log);
        kill(killed);
        RunDir restarted = RunDir.only(serverTmp);
        List<Long> restartedPids = new ArrayList<>();
        long firstStarted = 0;
        Matcher m =
                Pattern.compile("restarted in place \\(pid (\\d+) -> (\\d+)\\)").matcher(Files.readString(trace));
        while (m.find()) {
            firstStarted = firstStarted == 0 ? Long.parseLong(m.group(1)) : firstStarted;
            restartedPids.add(Long.parseLong(m.group(2)));
        }
        assertThat(restartedPids).as("servers restarted before the kill").isNotEmpty();
        assertThat(restarted.serverPids())
                .hasSize(restartingInPlace().size())
                .as("the record names the restarted server, not the one first started")
                .doesNotContain(firstStarted);

        assertThat(nextLaunch(serverTmp)).contains("removed a dead run's servers");
        assertGone(restarted);
        assertThat(restartedPids).as("no restarted server is alive").noneMatch(KilledRunTest::alive);
    }

    @Test
    void aKilledServeLeavesNothingTheNextLaunchDoesNotRemove() throws Exception {
        Path serverTmp = Files.createDirectories(tmp.resolve("server-tmp"));
        Path env = tmp.resolve("servers.env");
        Process serve = start(
                launcher(
                        serverTmp,
                        "serve",
                        "--systems",
                        String.join(",", Systems.withEmbeddedServer()),
                        "--env-file",
                        env.toString()),
                tmp.resolve("serve.log"));
        waitFor(() -> Files.exists(env), serve, tmp.resolve("serve.log"));
        RunDir run = RunDir.only(serverTmp);
        assertThat(run.serverPids()).isNotEmpty();
        for (long pid : run.serverPids()) {
            assertThat(ListeningSockets.of(pid))
                    .as("pid " + pid + " listens on loopback only")
                    .isNotEmpty()
                    .allMatch(ListeningSockets.Socket::loopback);
        }
        kill(serve);
        assertThat(run.serverPids()).allMatch(KilledRunTest::alive);

        assertThat(nextLaunch(serverTmp))
                .contains("removed a dead run's servers")
                .contains("deleted " + run.dir());
        assertGone(run);
    }

    /**
     * Ten runs killed at different moments (servers up, a JMH fork running) leave $TMPDIR as a finished
     * run left it, once the next launch has run: no JMH fork output, result copy, compiler hints,
     * Redis config or binary copy, probe script or socket piles up.
     */
    @Test
    void tenKilledRunsLeaveTmpdirAsAFinishedRunLeftIt() throws Exception {
        Path serverTmp = Files.createDirectories(tmp.resolve("server-tmp"));
        String[] run = {
            "TextLog.bulk",
            "-p",
            "system=" + String.join(",", Systems.withEmbeddedServer().subList(0, 2)),
            "-p",
            "grade=U0",
            "-p",
            "datasetMiB=1",
            "-wi",
            "0",
            "-i",
            "1",
            "-rff",
            tmp.resolve("run.json").toString(),
            "-jvmArgsAppend",
            "-Ddedup.datasets=" + tmp.resolve("ds")
        };
        Process first = start(launcher(serverTmp, run), tmp.resolve("first.log"));
        assertThat(first.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue())
                .as(Files.readString(tmp.resolve("first.log")))
                .isZero();
        List<String> before = entries(serverTmp);

        for (int i = 0; i < 10; i++) {
            Path log = tmp.resolve("killed-" + i + ".log");
            Process p = start(launcher(serverTmp, run), log);
            String moment =
                    i % 2 == 0 ? "embedded " + Systems.withEmbeddedServer().get(0) + " ready" : "# Fork: 1 of 1";
            waitFor(() -> contains(log, moment), p, log);
            if (i % 2 == 1) {
                Thread.sleep(1500); // the fork is running: JMH's output files are open
            }
            kill(p);
        }
        Process last = start(launcher(serverTmp, run), tmp.resolve("last.log"));
        assertThat(last.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(last.exitValue())
                .as(Files.readString(tmp.resolve("last.log")))
                .isZero();
        assertThat(entries(serverTmp))
                .as("$TMPDIR entries after ten killed runs and one more launch")
                .containsExactlyInAnyOrderElementsOf(before);
    }

    /** A run directory and its record, read while the run was alive. */
    record RunDir(Path dir, JsonNode record) {
        static RunDir only(Path serverTmp) throws Exception {
            List<Path> dirs;
            try (Stream<Path> s = Files.list(serverTmp)) {
                dirs = s.filter(p -> p.getFileName().toString().startsWith("dedup-lab-run-"))
                        .toList();
            }
            assertThat(dirs).hasSize(1);
            return new RunDir(
                    dirs.get(0),
                    JSON.readTree(
                            dirs.get(0).resolve("dedup-lab-processes.json").toFile()));
        }

        /** The servers' own pids, but for one running inside the launcher (S3Proxy). */
        List<Long> serverPids() {
            List<Long> pids = new ArrayList<>();
            record.path("servers").forEach(s -> {
                if (s.path("pid").asLong() != record.path("launcher").asLong()) {
                    pids.add(s.path("pid").asLong());
                }
            });
            return pids;
        }
    }

    private String nextLaunch(Path serverTmp) throws Exception {
        Path log = tmp.resolve("next.log");
        Process next = start(
                launcher(
                        serverTmp,
                        "preflight",
                        "--systems",
                        Systems.withEmbeddedServer().get(0)),
                log);
        assertThat(next.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String said = Files.readString(log);
        assertThat(next.exitValue()).as(said).isZero();
        return said;
    }

    private static void assertGone(RunDir run) {
        assertThat(run.serverPids()).as("no server of the killed run is alive").noneMatch(KilledRunTest::alive);
        assertThat(run.dir()).doesNotExist();
    }

    private static Process start(List<String> cmd, Path log) throws Exception {
        return new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    private static void waitFor(BooleanSupplier condition, Process p, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (!condition.getAsBoolean()) {
            assertThat(p.isAlive())
                    .as("still running: " + Files.readString(log))
                    .isTrue();
            assertThat(System.nanoTime())
                    .as("waited 180 s: " + Files.readString(log))
                    .isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static void kill(Process p) throws Exception {
        p.destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static int benchmarksIn(Path result) {
        try {
            return LauncherProcess.benchmarksIn(result);
        } catch (Exception e) {
            return 0; // being written
        }
    }

    private static boolean contains(Path log, String text) {
        try {
            return Files.readString(log).contains(text);
        } catch (Exception e) {
            return false;
        }
    }

    private static List<String> entries(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** The command name of a live process ({@code postgres}, {@code redis-server} ...). */
    static String command(long pid) {
        return ProcessHandle.of(pid)
                .flatMap(h -> h.info().command())
                .map(c -> Path.of(c).getFileName().toString())
                .orElseThrow(() -> new AssertionError("pid " + pid + " is not running"));
    }

    /** The embedded systems whose cold restore restarts the server in place. */
    static List<String> restartingInPlace() {
        return Systems.withEmbeddedServer().stream()
                .filter(n -> Systems.get(n).coldCache() == ColdCache.RESTART)
                .toList();
    }
}
