package org.deduplab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deduplab.bench.TrialClock;

/**
 * Where a run's wall time went: the launcher's view (each benchmark's window from its start to its
 * end, everything else is the launcher's own work: JVM start, plan, servers, summary) joined with each
 * fork's own stopwatches (the {@code trial-time} trace events: measured and warm-up loads, settle,
 * footprint queries, verification, set-up, reset, teardown). Fork start is the time from the window's
 * start to the trial's start (process, JVM, JMH, class loading); fork exit from the trial's end to the
 * window's end. What no stopwatch saw is "unattributed", and stays small when the parts are complete.
 */
record TimeBudget(double wallSeconds, Map<String, Double> parts, int forks) {
    /** The parts that are the systems' own work; the rest is the lab's overhead. */
    static final List<String> SYSTEM_WORK = List.of(TrialClock.Part.MEASURED_LOAD.label, TrialClock.Part.SETTLE.label);

    static final String FORK_START = "fork start (process, JVM, JMH, class loading)";
    static final String FORK_EXIT = "fork exit (result hand-back, JVM exit)";

    /**
     * The fixed cost of a fork, the same whatever the dataset's size: everything but the loads, the
     * settle steps, the launcher and failed benchmarks (issue 19's target: at most 1.2 s per fork).
     */
    static final List<String> FIXED_PER_FORK = List.of(
            TrialClock.Part.SETUP.label,
            FORK_START,
            FORK_EXIT,
            TrialClock.Part.VERIFY.label,
            TrialClock.Part.FOOTPRINT.label,
            TrialClock.Part.RESET.label,
            TrialClock.Part.TEARDOWN.label);

    /** One benchmark as the launcher saw it: wall-clock start and end (epoch ms), and whether it produced a result. */
    record Window(long startMs, long endMs) {}

    /** The budget of the run so far: launcher start until now, the windows and the trial events of {@code trace}. */
    static TimeBudget of(List<Window> windows, Path trace) throws IOException {
        long launcherStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        return of(launcherStart, System.currentTimeMillis(), windows, trialEvents(trace, launcherStart));
    }

    static TimeBudget of(long launcherStartMs, long nowMs, List<Window> windows, List<JsonNode> trials) {
        Map<String, Double> parts = new LinkedHashMap<>();
        for (TrialClock.Part p : TrialClock.Part.values()) {
            parts.put(p.label, 0.0);
        }
        double forkStart = 0;
        double forkExit = 0;
        double unattributed = 0;
        double failed = 0;
        double inWindows = 0;
        int forks = 0;
        for (Window w : windows) {
            inWindows += (w.endMs() - w.startMs()) / 1e3;
            List<JsonNode> mine = trials.stream()
                    .filter(t -> t.path(TrialClock.START).asLong() >= w.startMs()
                            && t.path(TrialClock.END).asLong() <= w.endMs())
                    .toList();
            if (mine.isEmpty()) {
                failed += (w.endMs() - w.startMs()) / 1e3; // a benchmark that failed before its trial reported
                continue;
            }
            long first = mine.stream()
                    .mapToLong(t -> t.path(TrialClock.START).asLong())
                    .min()
                    .orElseThrow();
            long last = mine.stream()
                    .mapToLong(t -> t.path(TrialClock.END).asLong())
                    .max()
                    .orElseThrow();
            forks++;
            forkStart += (first - w.startMs()) / 1e3;
            forkExit += (w.endMs() - last) / 1e3;
            for (JsonNode t : mine) {
                double counted = 0;
                for (TrialClock.Part p : TrialClock.Part.values()) {
                    double s = t.path(p.field).asDouble();
                    parts.merge(p.label, s, Double::sum);
                    counted += s;
                }
                unattributed += (t.path(TrialClock.END).asLong()
                                        - t.path(TrialClock.START).asLong())
                                / 1e3
                        - counted;
            }
        }
        double wall = (nowMs - launcherStartMs) / 1e3;
        parts.put(FORK_START, forkStart);
        parts.put(FORK_EXIT, forkExit);
        parts.put("failed benchmarks", failed);
        parts.put("launcher (JVM start, plan, servers, summary)", wall - inWindows);
        parts.put("unattributed (JMH inside the forks)", unattributed);
        return new TimeBudget(wall, parts, forks);
    }

    /** The trial-time events of this launcher's run (a resumed run's file holds earlier ones too). */
    private static List<JsonNode> trialEvents(Path trace, long sinceMs) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        if (!Files.exists(trace)) {
            return out;
        }
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(trace)) {
            if (line.contains("\"" + TrialClock.EVENT + "\"")) {
                JsonNode e = json.readTree(line);
                if (e.path(TrialClock.START).asLong() >= sinceMs) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    /** The lab's own share: everything except measured loads and settle steps. */
    double overheadShare() {
        double system = SYSTEM_WORK.stream()
                .mapToDouble(p -> parts.getOrDefault(p, 0.0))
                .sum();
        return wallSeconds <= 0 ? Double.NaN : 1 - system / wallSeconds;
    }

    /** Seconds of fixed cost per fork that reported its trial; NaN when none did. */
    double fixedPerFork() {
        double fixed = FIXED_PER_FORK.stream()
                .mapToDouble(p -> parts.getOrDefault(p, 0.0))
                .sum();
        return forks == 0 ? Double.NaN : fixed / forks;
    }

    void print(PrintStream out) {
        out.println();
        out.printf(Locale.ROOT, "TIME BUDGET (wall %.1f s)%n", wallSeconds);
        parts.forEach(
                (name, s) -> out.printf(Locale.ROOT, "  %-48s %8.1f s %5.1f %%%n", name, s, 100 * s / wallSeconds));
        out.printf(
                Locale.ROOT,
                "  lab overhead (all but measured loads and settle steps): %.1f %% of the wall time%n",
                100 * overheadShare());
        out.printf(
                Locale.ROOT,
                "  fixed cost per fork (set-up, fork start and exit, verification, footprint, reset, teardown): %.2f s"
                        + " over %d forks%n",
                fixedPerFork(),
                forks);
    }

    /** For the environment file. */
    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("wallSeconds", wallSeconds);
        m.put("parts", parts);
        m.put("labOverheadShare", overheadShare());
        m.put("forks", forks);
        m.put("fixedSecondsPerFork", fixedPerFork());
        return m;
    }
}
