package org.deduplab.report;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deduplab.bench.Speed;

/**
 * A baseline run against a current one, benchmark by benchmark (same method and params): EDR,
 * physical delta per load and ingest MB/s, each with its relative change.
 *
 * <p>Storage figures are deterministic for the same data and server (a re-run of the 120-benchmark
 * baseline matched it to 0.0 % everywhere), so a benchmark regresses when EDR or physical delta moves
 * by more than the EDR tolerance either way, or goes missing; so do a generations benchmark's footprint
 * after each generation and after the generation loaded once older ones expired ({@link
 * org.deduplab.bench.SeriesMetric#gated}). Ingest speed of one short load is not:
 * the same re-run moved single benchmarks by up to -38 %, while the geometric mean over a system and
 * stage moved by at most 20 %. Hence two scopes for the speed check: {@link SpeedScope#BENCHMARK}
 * (each benchmark's MB/s may fall by at most the tolerance) and {@link SpeedScope#GROUP} (a system and
 * stage's geometric-mean MB/s ratio may fall by at most the tolerance, one benchmark by at most twice
 * it), which a slower ingest path still trips and single-load noise does not.
 *
 * <p>Speed is gated only between runs made on the same machine ({@link SpeedBasis}: the machine
 * fingerprints in their environment files match), and a drop counts only when it is beyond the
 * tolerance and outside both runs' 95 % intervals ({@link Speed}). Between different machines, or against a run without a
 * fingerprint, the speed changes are printed for information and storage figures alone are gated.
 */
public final class Comparison {
    /** One benchmark present on both sides. */
    public record Line(String name, RunFile.Bench base, RunFile.Bench current, List<String> problems) {
        public boolean regressed() {
            return !problems.isEmpty();
        }
    }

    /** What the speed tolerance applies to. */
    public enum SpeedScope {
        BENCHMARK,
        GROUP
    }

    /**
     * Ingest of one system and stage over all its benchmarks present on both sides: the geometric mean
     * of the MB/s ratios, minus one, and the upper end of its 99 % confidence interval (from the spread
     * of the benchmarks' log ratios; NaN for a single benchmark).
     */
    public record Group(
            String system, String stage, int benchmarks, double meanRatio, double upper99, boolean regressed) {}

    /** Whether the speed figures of two runs may be compared, and why (not). */
    public record SpeedBasis(boolean comparable, String why) {
        static SpeedBasis of(RunFile baseline, RunFile current) {
            var base = baseline.machine();
            var cur = current.machine();
            if (base.isEmpty() || cur.isEmpty()) {
                return new SpeedBasis(
                        false,
                        (base.isEmpty() ? "the baseline" : "the current run")
                                + " records no machine fingerprint (made before runs recorded one)");
            }
            List<String> diff = base.get().differences(cur.get());
            return diff.isEmpty()
                    ? new SpeedBasis(true, "same machine: " + cur.get())
                    : new SpeedBasis(false, "different machines: " + String.join("; ", diff));
        }
    }

    private final List<Line> lines = new ArrayList<>();
    private final SpeedBasis speedBasis;
    private final List<Group> groups = new ArrayList<>();
    private final List<String> onlyBaseline = new ArrayList<>();
    private final List<String> onlyCurrent = new ArrayList<>();
    private final double speedTolerance;
    private final boolean perGroup;

    public Comparison(RunFile baseline, RunFile current, double edrTolerance, double speedTolerance, SpeedScope scope) {
        this.speedTolerance = speedTolerance;
        this.perGroup = scope == SpeedScope.GROUP;
        this.speedBasis = SpeedBasis.of(baseline, current);
        Map<BenchmarkKey, RunFile.Bench> base = index(baseline);
        Map<BenchmarkKey, RunFile.Bench> cur = index(current);
        Map<BenchmarkKey, Failure> failed = new LinkedHashMap<>();
        current.failures().forEach(f -> failed.put(f.key(), f));
        Map<String, List<Double>> logRatios = new LinkedHashMap<>();
        for (Map.Entry<BenchmarkKey, RunFile.Bench> e : base.entrySet()) {
            RunFile.Bench c = cur.get(e.getKey());
            if (c == null && failed.containsKey(e.getKey())) {
                // a benchmark that failed is a regression, whatever its figures were
                lines.add(new Line(
                        name(e.getValue()),
                        e.getValue(),
                        e.getValue(),
                        List.of("FAILED: " + failed.get(e.getKey()).reason())));
                continue;
            }
            if (c == null) {
                onlyBaseline.add(name(e.getValue()));
                continue;
            }
            RunFile.Bench b = e.getValue();
            List<String> problems = new ArrayList<>();
            check(problems, "EDR", b.edr(), c.edr(), edrTolerance, false);
            check(problems, "physical delta", b.physicalDeltaBytes(), c.physicalDeltaBytes(), edrTolerance, false);
            Map<String, Double> series = c.gatedSeries();
            b.gatedSeries()
                    .forEach((label, v) -> check(
                            problems,
                            label.substring(1),
                            v,
                            series.getOrDefault(label, Double.NaN),
                            edrTolerance,
                            false));
            if (speedBasis.comparable() && outsideErrorBars(b, c)) {
                check(problems, "MB/s", b.mbps(), c.mbps(), perGroup ? 2 * speedTolerance : speedTolerance, true);
            }
            lines.add(new Line(name(b), b, c, problems));
            if (b.mbps() > 0 && c.mbps() > 0) {
                logRatios
                        .computeIfAbsent(b.system() + " " + b.stage(), k -> new ArrayList<>())
                        .add(Math.log(c.mbps() / b.mbps()));
            }
        }
        logRatios.forEach((k, v) -> {
            String[] parts = k.split(" ");
            groups.add(group(parts[0], parts[1], v, speedTolerance));
        });
        cur.forEach((k, c) -> {
            if (!base.containsKey(k)) {
                onlyCurrent.add(name(c));
            }
        });
    }

    /**
     * Whether the current MB/s lies below the baseline's error bar and the baseline above the current
     * one's (an error JMH could not compute, from a single load, is a bar of no width).
     */
    static boolean outsideErrorBars(RunFile.Bench b, RunFile.Bench c) {
        Speed bs = b.speed();
        Speed cs = c.speed();
        // a run of one measured load has no interval: its mean alone is compared, as before intervals existed
        double be = bs.hasInterval() ? bs.halfWidth() : 0;
        double ce = cs.hasInterval() ? cs.halfWidth() : 0;
        return Double.isNaN(b.mbps())
                || Double.isNaN(c.mbps())
                || (c.mbps() < b.mbps() - be && b.mbps() > c.mbps() + ce);
    }

    /**
     * A group is slower when its mean ratio falls beyond the tolerance and the whole 99 % interval lies
     * below no change: the drop is outside the error bar of the group, not the noise of its loads.
     */
    private Group group(String system, String stage, List<Double> logs, double tolerance) {
        int n = logs.size();
        double mean = logs.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double upper = Double.NaN;
        if (n >= 2) {
            double var = logs.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum() / (n - 1);
            upper = Math.exp(mean + Numbers.studentT99(n - 1) * Math.sqrt(var / n)) - 1;
        }
        double ratio = Math.exp(mean) - 1;
        boolean slower =
                speedBasis.comparable() && perGroup && ratio < -tolerance && (Double.isNaN(upper) || upper < 0);
        return new Group(system, stage, n, ratio, upper, slower);
    }

    public SpeedBasis speedBasis() {
        return speedBasis;
    }

    private static Map<BenchmarkKey, RunFile.Bench> index(RunFile run) {
        Map<BenchmarkKey, RunFile.Bench> m = new LinkedHashMap<>();
        for (RunFile.Bench b : run.measured()) { // restore MB/s is gated like ingest MB/s
            m.put(b.key(), b);
        }
        return m;
    }

    /** bulk postgresql structured_json U50 32MiB: the benchmark's key, the same in either result shape */
    static String name(RunFile.Bench b) {
        return b.key().toString();
    }

    private static void check(
            List<String> problems, String what, double base, double cur, double tolerance, boolean onlyDrops) {
        if (Double.isNaN(base)) {
            return; // nothing to hold the current run to
        }
        if (Double.isNaN(cur)) {
            problems.add(what + " missing");
            return;
        }
        double change = Numbers.relativeChange(base, cur);
        if (onlyDrops ? change < -tolerance : Math.abs(change) > tolerance) {
            problems.add(String.format(Locale.ROOT, "%s %+.1f%%", what, change * 100));
        }
    }

    public List<Line> lines() {
        return lines;
    }

    public List<String> onlyBaseline() {
        return onlyBaseline;
    }

    public List<String> onlyCurrent() {
        return onlyCurrent;
    }

    public List<Group> groups() {
        return groups;
    }

    public boolean regressed() {
        return lines.stream().anyMatch(Line::regressed) || groups.stream().anyMatch(Group::regressed);
    }

    public void print(PrintStream out, double edrTolerance, double speedTolerance) {
        out.println(
                speedBasis.comparable()
                        ? "speed: gated (" + speedBasis.why() + ")"
                        : "speed: for information only, not gated (" + speedBasis.why()
                                + "); storage figures are gated");
        out.println();
        int w = Math.max(
                20, lines.stream().mapToInt(l -> l.name().length()).max().orElse(20));
        String fmt = "%-" + w + "s  %7s %7s %7s   %9s %9s %7s   %16s %16s %7s   %s%n";
        out.printf(Locale.ROOT, fmt, "benchmark", "EDR", "", "", "phys MB", "", "", "MB/s ± 95 %", "", "", "");
        out.printf(
                Locale.ROOT,
                fmt,
                "",
                "base",
                "current",
                "change",
                "base",
                "current",
                "change",
                "base",
                "current",
                "change",
                "verdict");
        for (Line l : lines) {
            if (l.problems().stream().anyMatch(p -> p.startsWith("FAILED"))) {
                out.printf(
                        Locale.ROOT,
                        "%-" + w + "s  %7s %7s %7s   %s%n",
                        l.name(),
                        Numbers.f2(l.base().edr()),
                        "FAILED",
                        "",
                        "REGRESSION: " + String.join(", ", l.problems()));
                continue;
            }
            RunFile.Bench b = l.base();
            RunFile.Bench c = l.current();
            out.printf(
                    Locale.ROOT,
                    fmt,
                    l.name(),
                    Numbers.f2(b.edr()),
                    Numbers.f2(c.edr()),
                    Numbers.change(b.edr(), c.edr()),
                    Numbers.mb(b.physicalDeltaBytes()),
                    Numbers.mb(c.physicalDeltaBytes()),
                    Numbers.change(b.physicalDeltaBytes(), c.physicalDeltaBytes()),
                    speedCell(b.speed()),
                    speedCell(c.speed()),
                    Numbers.change(b.mbps(), c.mbps()),
                    l.regressed() ? "REGRESSION: " + String.join(", ", l.problems()) : verdictOk(b, c));
        }
        out.println();
        out.println("speed by system and stage: ingest MB/s, restore MB/s for restore stages (geometric mean of the"
                + " MB/s ratios"
                + (perGroup && speedBasis.comparable()
                        ? String.format(Locale.ROOT, "; fails below -%.0f%%)", speedTolerance * 100)
                        : "; for information)"));
        for (Group g : groups) {
            out.printf(
                    Locale.ROOT,
                    "  %-12s %-8s %3d benchmarks  %+7.1f%% (%s)   %s%n",
                    g.system(),
                    g.stage(),
                    g.benchmarks(),
                    g.meanRatio() * 100,
                    groupInterval(g),
                    g.regressed()
                            ? "REGRESSION: " + (g.stage().startsWith("restore") ? "restore" : "ingest") + " slower"
                            : perGroup && speedBasis.comparable() ? "ok" : "");
        }
        if (!onlyBaseline.isEmpty()) {
            out.println();
            out.println("only in the baseline (" + onlyBaseline.size() + "), not compared:");
            onlyBaseline.forEach(n -> out.println("  " + n));
        }
        if (!onlyCurrent.isEmpty()) {
            out.println();
            out.println("only in the current run (" + onlyCurrent.size() + "), not compared:");
            onlyCurrent.forEach(n -> out.println("  " + n));
        }
        long bad = lines.stream().filter(Line::regressed).count();
        long slowGroups = groups.stream().filter(Group::regressed).count();
        out.println();
        out.printf(
                Locale.ROOT,
                "%d compared, %d regressed, %d of %d system/stage ingest groups slower (EDR/physical tolerance"
                        + " ±%.1f%%, speed tolerance -%.0f%% per %s%s), %d only in baseline, %d only in current%n",
                lines.size(),
                bad,
                slowGroups,
                groups.size(),
                edrTolerance * 100,
                speedTolerance * 100,
                perGroup ? "system and stage" : "benchmark",
                !speedBasis.comparable()
                        ? ", not applied: other machine"
                        : perGroup ? ", its 99% interval below no change" : ", outside both runs' 95 % intervals",
                onlyBaseline.size(),
                onlyCurrent.size());
    }

    /** A speed with its 95 % interval in a column: "123.4 ± 5.6", "~120 (±87 %)" where imprecise. */
    static String speedCell(Speed s) {
        if (s.hasInterval() && !s.precise()) {
            return String.format(Locale.ROOT, "~%.0f (±%.0f%%)", s.mean(), s.relativeHalfWidth() * 100);
        }
        return s.hasInterval() ? Numbers.f1(s.mean()) + " ± " + Numbers.f1(s.halfWidth()) : Numbers.f1(s.mean());
    }

    /** "ok", or in group scope "ok (slower -35.2%)" for a single benchmark beyond the tolerance: noise unless its group moved. */
    private String verdictOk(RunFile.Bench b, RunFile.Bench c) {
        double ch = Numbers.relativeChange(b.mbps(), c.mbps());
        if (!perGroup) {
            return "ok";
        }
        return !Double.isNaN(ch) && ch < -speedTolerance
                ? String.format(Locale.ROOT, "ok (slower %+.1f%%)", ch * 100)
                : "ok";
    }

    /**
     * A group's one-sided 99 % bound, or why it has none: from two or three benchmarks the bound can lie
     * thousands of percent away (t = 31.8 with 2), which says nothing and is printed as imprecise.
     */
    static String groupInterval(Group g) {
        if (Double.isNaN(g.upper99())) {
            return "99% interval: n/a";
        }
        if (g.upper99() - g.meanRatio() > Speed.IMPRECISE_ABOVE) {
            return "imprecise: no useful 99% interval from " + g.benchmarks() + " benchmarks";
        }
        return String.format(Locale.ROOT, "99%% interval up to %+.1f%%", g.upper99() * 100);
    }
}
