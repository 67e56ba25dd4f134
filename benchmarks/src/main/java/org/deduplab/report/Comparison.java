package org.deduplab.report;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A baseline run against a current one, benchmark by benchmark (same method and params): EDR,
 * physical delta per load and ingest MB/s, each with its relative change. A benchmark regresses when
 * EDR or physical delta moves by more than the EDR tolerance either way (storage figures are
 * deterministic for the same data and server, so any real move is news), when ingest falls by more
 * than the speed tolerance, or when a figure the baseline had is missing now.
 */
public final class Comparison {
    /** One benchmark present on both sides. */
    public record Line(String name, RunFile.Bench base, RunFile.Bench current, List<String> problems) {
        public boolean regressed() {
            return !problems.isEmpty();
        }
    }

    private final List<Line> lines = new ArrayList<>();
    private final List<String> onlyBaseline = new ArrayList<>();
    private final List<String> onlyCurrent = new ArrayList<>();

    public Comparison(RunFile baseline, RunFile current, double edrTolerance, double speedTolerance) {
        Map<String, RunFile.Bench> base = index(baseline);
        Map<String, RunFile.Bench> cur = index(current);
        for (Map.Entry<String, RunFile.Bench> e : base.entrySet()) {
            RunFile.Bench c = cur.get(e.getKey());
            if (c == null) {
                onlyBaseline.add(name(e.getValue()));
                continue;
            }
            RunFile.Bench b = e.getValue();
            List<String> problems = new ArrayList<>();
            check(problems, "EDR", b.edr(), c.edr(), edrTolerance, false);
            check(problems, "physical delta", b.physicalDeltaBytes(), c.physicalDeltaBytes(), edrTolerance, false);
            check(problems, "MB/s", b.mbps(), c.mbps(), speedTolerance, true);
            lines.add(new Line(name(b), b, c, problems));
        }
        cur.forEach((k, c) -> {
            if (!base.containsKey(k)) {
                onlyCurrent.add(name(c));
            }
        });
    }

    private static Map<String, RunFile.Bench> index(RunFile run) {
        Map<String, RunFile.Bench> m = new LinkedHashMap<>();
        for (RunFile.Bench b : run.inserts()) {
            m.put(b.key(), b);
        }
        return m;
    }

    /** bulk postgresql structured_json U50 32MiB */
    static String name(RunFile.Bench b) {
        StringBuilder s = new StringBuilder(b.stage());
        for (String p : List.of("system", "payload", "grade")) {
            s.append(' ').append(b.param(p));
        }
        s.append(' ').append(b.param("datasetMiB")).append("MiB");
        b.params().forEach((k, v) -> {
            if (!List.of("system", "payload", "grade", "datasetMiB").contains(k)) {
                s.append(' ').append(k).append('=').append(v);
            }
        });
        return s.toString();
    }

    private static void check(List<String> problems, String what, double base, double cur, double tolerance, boolean onlyDrops) {
        if (Double.isNaN(base)) {
            return; // nothing to hold the current run to
        }
        if (Double.isNaN(cur)) {
            problems.add(what + " missing");
            return;
        }
        double change = change(base, cur);
        if (onlyDrops ? change < -tolerance : Math.abs(change) > tolerance) {
            problems.add(String.format(Locale.ROOT, "%s %+.1f%%", what, change * 100));
        }
    }

    static double change(double base, double cur) {
        if (base == 0) {
            return cur == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        return (cur - base) / Math.abs(base);
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

    public boolean regressed() {
        return lines.stream().anyMatch(Line::regressed);
    }

    public void print(PrintStream out, double edrTolerance, double speedTolerance) {
        int w = Math.max(20, lines.stream().mapToInt(l -> l.name().length()).max().orElse(20));
        String fmt = "%-" + w + "s  %7s %7s %7s   %9s %9s %7s   %8s %8s %7s   %s%n";
        out.printf(Locale.ROOT, fmt, "benchmark", "EDR", "", "", "phys MB", "", "", "MB/s", "", "", "");
        out.printf(Locale.ROOT, fmt, "", "base", "current", "change", "base", "current", "change", "base", "current", "change",
                "verdict");
        for (Line l : lines) {
            RunFile.Bench b = l.base();
            RunFile.Bench c = l.current();
            out.printf(Locale.ROOT, fmt, l.name(), n2(b.edr()), n2(c.edr()), pct(b.edr(), c.edr()), n2(b.physicalDeltaBytes() / 1e6),
                    n2(c.physicalDeltaBytes() / 1e6), pct(b.physicalDeltaBytes(), c.physicalDeltaBytes()), n1(b.mbps()), n1(c.mbps()),
                    pct(b.mbps(), c.mbps()), l.regressed() ? "REGRESSION: " + String.join(", ", l.problems()) : "ok");
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
        out.println();
        out.printf(Locale.ROOT, "%d compared, %d regressed (EDR/physical tolerance ±%.1f%%, speed tolerance -%.0f%%), %d only in"
                        + " baseline, %d only in current%n", lines.size(), bad, edrTolerance * 100, speedTolerance * 100,
                onlyBaseline.size(), onlyCurrent.size());
    }

    private static String n2(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String n1(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String pct(double base, double cur) {
        if (Double.isNaN(base) || Double.isNaN(cur)) {
            return "";
        }
        return String.format(Locale.ROOT, "%+.1f%%", change(base, cur) * 100);
    }
}
