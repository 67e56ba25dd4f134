package org.deduplab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The launcher as a real process, the way users start it ({@code java ... Launcher ARGS}), for the
 * tests that stop, kill, starve or watch one: the test's classpath, the suite's JMH lock setting,
 * extra JVM arguments and environment as given.
 */
public final class LauncherProcess {
    private LauncherProcess() {}

    /** What a launcher that ran to its end printed, and its exit code. */
    public record Finished(int exit, String output) {}

    /** The command line of a launcher with {@code jvm} arguments and {@code args}. */
    public static List<String> command(List<String> jvm, String... args) {
        return command(System.getProperty("java.class.path"), jvm, args);
    }

    /** The command line of a launcher on {@code classpath} (a compiled copy of the sources, say). */
    public static List<String> command(String classpath, List<String> jvm, String... args) {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djmh.ignoreLock=" + Boolean.getBoolean("jmh.ignoreLock")));
        cmd.addAll(jvm);
        cmd.addAll(List.of("-cp", classpath, Launcher.class.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Benchmarks in a result file, 0 while it is absent; it must parse whenever it is there. */
    public static int benchmarksIn(Path result) throws IOException {
        return Files.exists(result)
                ? new ObjectMapper().readTree(result.toFile()).size()
                : 0;
    }

    /** Runs a launcher to its end (at most {@code seconds}), output collected in a log under {@code dir}. */
    public static Finished run(Path dir, Map<String, String> env, List<String> jvm, int seconds, String... args)
            throws Exception {
        return run(dir, new ProcessBuilder(command(jvm, args)), env, seconds);
    }

    /** Runs the launcher of {@code command} to its end (at most {@code seconds}), output collected in a log under {@code dir}. */
    public static Finished run(Path dir, ProcessBuilder command, Map<String, String> env, int seconds)
            throws Exception {
        Path log = Files.createTempFile(dir, "launcher", ".log");
        ProcessBuilder pb = command.redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("launcher still running after " + seconds + " s: " + Files.readString(log));
        }
        return new Finished(p.exitValue(), Files.readString(log));
    }
}
