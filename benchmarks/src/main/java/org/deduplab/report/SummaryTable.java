package org.deduplab.report;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.deduplab.bench.BenchmarkCoordinates;
import org.deduplab.bench.Operation;
import org.deduplab.bench.Speed;
import org.deduplab.bench.StorageMetric;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.Statistics;

/**
 * The after-run table: one row per insert benchmark with files, logical MB, physical delta MB, EDR
 * (Σlogical / Σphysical over all measured loads), the reference EDR (CDC+zstd of the dataset) and
 * ingest MB/s ± its 95 % interval over the measured samples ({@link Speed}: printed as imprecise where the
 * interval is wider than half the figure; MB = 10^6 bytes).
 */
public final class SummaryTable {
    private SummaryTable() {}

    /** One row of the table. */
    public record Row(
            BenchmarkCoordinates at,
            long files,
            double logicalMB,
            double physicalMB,
            double edr,
            double referenceEdr,
            Speed ingest) {}

    /** A benchmark of the matrix as JMH returned it: its place, its secondary results, its measured loads. */
    private record Measured(BenchmarkCoordinates at, Map<String, Result> sec, long loads) {}

    /** The insert ({@code restore} false) or restore benchmarks among {@code results}. */
    private static List<Measured> measured(Collection<RunResult> results, boolean restore) {
        return measured(results, restore ? Operation.RESTORE : Operation.INSERT);
    }

    /** The benchmarks of {@code operation} among {@code results}. */
    private static List<Measured> measured(Collection<RunResult> results, Operation operation) {
        List<Measured> out = new ArrayList<>();
        for (RunResult r : results) {
            BenchmarkParams p = r.getParams();
            BenchmarkCoordinates.of(p.getBenchmark(), p::getParam)
                    .filter(at -> at.operation() == operation)
                    .ifPresent(at ->
                            out.add(new Measured(at, r.getAggregatedResult().getSecondaryResults(), loads(r))));
        }
        return out;
    }

    /**
     * The whole loads (or restores) a result measured: its {@code loads} counter, or for a result written
     * before samples held several loads, one per measured iteration.
     */
    private static long loads(RunResult r) {
        Result counted = r.getAggregatedResult().getSecondaryResults().get(StorageMetric.LOADS);
        long n = counted != null
                ? Math.round(counted.getScore())
                : r.getAggregatedResult().getPrimaryResult().getStatistics().getN();
        return Math.max(1, n);
    }

    public static List<Row> rows(Collection<RunResult> results) {
        List<Row> rows = new ArrayList<>();
        for (Measured m : measured(results, false)) {
            Map<String, Result> sec = m.sec();
            long loads = m.loads();
            double logical = score(sec, StorageMetric.LOGICAL_BYTES);
            double physical = score(sec, StorageMetric.PHYSICAL_DELTA_BYTES);
            rows.add(new Row(
                    m.at(),
                    Math.round(score(sec, StorageMetric.ROWS) / loads),
                    logical / loads / 1e6,
                    physical / loads / 1e6,
                    physical > 0 ? logical / physical : Double.NaN,
                    score(sec, StorageMetric.REFERENCE_EDR.label()),
                    speed(sec, StorageMetric.INGEST.label())));
        }
        return rows;
    }

    /** The generations benchmarks' series ({@link GenerationSeries}). */
    public static List<GenerationSeries> generationSeries(Collection<RunResult> results) {
        List<GenerationSeries> out = new ArrayList<>();
        for (RunResult r : results) {
            BenchmarkParams p = r.getParams();
            Map<String, String> params = new TreeMap<>();
            p.getParamsKeys().forEach(k -> params.put(k, p.getParam(k)));
            Map<String, Result> sec = r.getAggregatedResult().getSecondaryResults();
            BenchmarkCoordinates.of(p.getBenchmark(), p::getParam)
                    .filter(at -> at.operation() == Operation.GENERATIONS)
                    .ifPresent(at -> out.add(GenerationSeries.of(
                            at,
                            params,
                            label -> speed(sec, label),
                            label -> sec.containsKey(label) ? sec.get(label).getScoreUnit() : "")));
        }
        return out;
    }

    /** A secondary result's score; NaN where the benchmark has no such result, never 0. */
    private static double score(Map<String, Result> sec, String key) {
        Result r = sec.get(key);
        return r == null ? Double.NaN : r.getScore();
    }

    /** An insert or restore result's MB/s with its 95 % interval; unknown for any other benchmark. */
    public static Speed speedOf(RunResult r) {
        BenchmarkParams p = r.getParams();
        return BenchmarkCoordinates.of(p.getBenchmark(), p::getParam)
                .map(at -> speed(
                        r.getAggregatedResult().getSecondaryResults(),
                        RunFile.speedOf(Optional.of(at)).label()))
                .orElse(Speed.UNKNOWN);
    }

    /** The 95 % interval of a speed from the same samples JMH aggregated ({@link Speed}); unknown where absent. */
    private static Speed speed(Map<String, Result> sec, String key) {
        Result r = sec.get(key);
        if (r == null) {
            return Speed.UNKNOWN;
        }
        Statistics s = r.getStatistics();
        return Speed.ofStatistics(s.getMean(), s.getStandardDeviation(), s.getN());
    }

    public static void print(Collection<RunResult> results, List<Failure> failures, PrintStream out) {
        print(results, failures, List.of(), out);
    }

    /** The summary, with the benchmarks the run left out and why ({@code cache=cold} where it cannot be had). */
    public static void print(
            Collection<RunResult> results, List<Failure> failures, List<String> skipped, PrintStream out) {
        print(rows(results), failures, out);
        List<RestoreRow> restores = restoreRows(results);
        printRestores(restores, out);
        GenerationSeries.print(generationSeries(results), out);
        if (!skipped.isEmpty()) {
            out.println();
            out.println("SKIPPED (not run, and why)");
            skipped.forEach(line -> out.println("  " + line));
        }
        printFront(rows(results), restores, out);
    }

    /**
     * After a run with both insert and restore benchmarks: the configurations worth choosing per
     * payload type and grade, as the report's table has them ({@link TradeOffs}), dominated ones left out.
     */
    public static void printFront(List<Row> inserts, List<RestoreRow> restores, PrintStream out) {
        if (inserts.isEmpty() || restores.isEmpty()) {
            return;
        }
        Map<BenchmarkKey, Speed> restoreOf = new LinkedHashMap<>();
        restores.forEach(r -> restoreOf.put(TradeOffs.keyOf(r.at()), r.restore()));
        List<TradeOffs.Choice> choices = inserts.stream()
                .filter(r -> !Double.isNaN(r.edr()))
                .map(r -> TradeOffs.choice(
                        r.at(),
                        r.edr(),
                        r.ingest(),
                        restoreOf.getOrDefault(TradeOffs.restoreKeyOf(r.at()), Speed.UNKNOWN)))
                .toList();
        out.println();
        out.println("CONFIGURATIONS WORTH CHOOSING (none beaten: another is better beyond the 95 % intervals on one of"
                + " EDR, ingest and restore MB/s and worse beyond them on none; restore where every configuration of the"
                + " group has one; a lead inside the intervals is a tie)");
        for (TradeOffs.Group g : TradeOffs.groups(choices)) {
            out.printf(
                    Locale.ROOT,
                    "%s %s %sMiB (%d of %d)%n",
                    g.payload(),
                    g.grade(),
                    g.datasetMiB(),
                    g.front().size(),
                    g.front().size() + g.dominated().size());
            for (TradeOffs.Choice c : g.front()) {
                List<TradeOffs.Choice> ties = g.tiedWith(c);
                out.printf(
                        Locale.ROOT,
                        "  %-36s EDR %7s   ingest %s MB/s   restore %s MB/s%s%n",
                        c.label(),
                        Numbers.f2(c.edr()),
                        c.ingest().text(),
                        c.restore().text(),
                        ties.isEmpty()
                                ? ""
                                : "   tie: "
                                        + String.join(
                                                ", ",
                                                ties.stream()
                                                        .map(TradeOffs.Choice::label)
                                                        .toList())
                                        + " leads only inside the intervals");
            }
        }
    }

    /** One row of the restore table: per-load figures, means over the measured restores. */
    public record RestoreRow(
            BenchmarkCoordinates at,
            long files,
            double restoredMB,
            Speed restore,
            double readRequests,
            double roundTrips,
            double p50Ms,
            double p99Ms) {}

    public static List<RestoreRow> restoreRows(Collection<RunResult> results) {
        List<RestoreRow> rows = new ArrayList<>();
        for (Measured m : measured(results, true)) {
            Map<String, Result> sec = m.sec();
            long loads = m.loads();
            rows.add(new RestoreRow(
                    m.at(),
                    Math.round(score(sec, StorageMetric.RESTORED_FILES) / loads),
                    score(sec, StorageMetric.RESTORED_BYTES) / loads / 1e6,
                    speed(sec, StorageMetric.RESTORE.label()),
                    score(sec, StorageMetric.READ_REQUESTS.label()),
                    score(sec, StorageMetric.ROUND_TRIPS.label()),
                    score(sec, StorageMetric.FILE_LATENCY_P50.label()),
                    score(sec, StorageMetric.FILE_LATENCY_P99.label())));
        }
        return rows;
    }

    /**
     * The restore table, after the insert one when a run holds restore benchmarks: MB/s ± error, the
     * entries fetched and the requests sent per file, and per-file latency (p50 / p99 ms, restorePerFile).
     */
    public static void printRestores(List<RestoreRow> rows, PrintStream out) {
        if (rows.isEmpty()) {
            return;
        }
        int w = Math.max(
                11, rows.stream().mapToInt(r -> r.at().system().length()).max().orElse(11));
        String fmt = "%-" + w + "s %-17s %-5s %-14s %-6s %-5s %7s %11s %40s %9s %10s %8s %8s%n";
        out.println();
        out.println("RESTORE (every file read back and checked by SHA-256; MB/s ± 95 % interval; reads = entries"
                + " fetched per file, trips = requests sent per file; latency per file, ms)");
        out.printf(
                Locale.ROOT,
                fmt,
                "system",
                "payload",
                "grade",
                "stage",
                "layout",
                "cache",
                "files",
                "restored MB",
                "MB/s",
                "reads",
                "trips",
                "p50 ms",
                "p99 ms");
        for (RestoreRow r : rows) {
            out.printf(
                    Locale.ROOT,
                    fmt,
                    r.at().system(),
                    r.at().payload(),
                    r.at().grade(),
                    r.at().method(),
                    r.at().layout(),
                    r.at().cache(),
                    r.files(),
                    Numbers.f2(r.restoredMB()),
                    r.restore().text(),
                    Numbers.f2(r.readRequests()),
                    Numbers.f2(r.roundTrips()),
                    Numbers.f2(r.p50Ms()),
                    Numbers.f2(r.p99Ms()));
        }
    }

    /** The table; every failed insert benchmark is a row too, FAILED with its reason, never left out. */
    public static void print(List<Row> rows, List<Failure> failures, PrintStream out) {
        List<Failure> failedInserts =
                failures.stream().filter(f -> f.at().isPresent()).toList();
        if (rows.isEmpty() && failedInserts.isEmpty()) {
            out.println("SUMMARY: no insert benchmark completed");
            return;
        }
        int w = Math.max(
                11,
                Stream.concat(rows.stream().map(Row::at), failedInserts.stream().map(f -> f.at().orElseThrow()))
                        .mapToInt(a -> a.system().length())
                        .max()
                        .orElse(11));
        boolean layouts = Stream.concat(
                        rows.stream().map(Row::at), failedInserts.stream().map(f -> f.at().orElseThrow()))
                .anyMatch(a -> !a.layout().equals(BenchmarkCoordinates.DEFAULT_LAYOUT));
        String fmt = "%-" + w + "s %-17s %-5s %-8s " + (layouts ? "%-6s " : "%s") + "%7s %11s %13s %7s %8s %40s%n";
        out.println();
        out.println("SUMMARY (MB = 10^6 bytes; EDR = logical / physical delta; refEDR = FastCDC+zstd-3 of the dataset;"
                + " MB/s ± 95 % interval over the measured samples, docs/METRICS.md)");
        out.printf(
                Locale.ROOT,
                fmt,
                "system",
                "payload",
                "grade",
                "stage",
                layouts ? "layout" : "",
                "files",
                "logical MB",
                "phys delta MB",
                "EDR",
                "refEDR",
                "MB/s");
        for (Row r : rows) {
            out.printf(
                    Locale.ROOT,
                    fmt,
                    r.at().system(),
                    r.at().payload(),
                    r.at().grade(),
                    r.at().method(),
                    layouts ? r.at().layout() : "",
                    r.files(),
                    Numbers.f2(r.logicalMB()),
                    Numbers.f2(r.physicalMB()),
                    Numbers.f2(r.edr()),
                    Numbers.f2(r.referenceEdr()),
                    r.ingest().text());
        }
        for (Failure f : failedInserts) {
            BenchmarkCoordinates at = f.at().orElseThrow();
            String head = String.format(
                            Locale.ROOT,
                            "%-" + w + "s %-17s %-5s %-8s ",
                            at.system(),
                            at.payload(),
                            at.grade(),
                            at.method())
                    + (layouts ? String.format(Locale.ROOT, "%-6s ", at.layout()) : "");
            out.println(head + "FAILED: " + f.reason());
        }
    }
}
