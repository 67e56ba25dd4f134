package org.deduplab.report;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.deduplab.bench.BenchmarkCoordinates;
import org.deduplab.bench.SeriesMetric;
import org.deduplab.bench.Speed;
import org.deduplab.layout.Layouts;

/**
 * A generations benchmark's results as the summary and the report show them: per generation, the
 * footprint on top of the generations before it beside the analyzer's prediction, and once per
 * series the restores of the newest and the oldest generation and the retention figures
 * ({@link SeriesMetric}, docs/METRICS.md "Generations"). Every figure is a mean over the series (the
 * samples) with its 95 % interval.
 *
 * @param at          the benchmark's coordinates
 * @param history     {@code generations=10 change=10% keep=5}, as the params say
 * @param generations the per-generation figures, from generation 1
 * @param figure      a once-per-series figure by metric (UNKNOWN where the run has none)
 * @param units       the unit of the storage units a restore touched ({@code pages/MB}); empty where the system has none
 */
public record GenerationSeries(
        BenchmarkCoordinates at,
        String history,
        List<Generation> generations,
        Function<SeriesMetric, Speed> figure,
        String units) {

    /**
     * One generation: its logical bytes, what it added to the footprint, the footprint after it, the
     * cumulative EDR, its ingest speed, its restore right after it was loaded (the newest, with every
     * earlier generation beneath it), and the new unique bytes the analyzer finds under the layout's
     * own dedup (plain: every byte; cas: new whole files; cdc: new FastCDC chunks).
     */
    public record Generation(
            int number,
            double logicalBytes,
            Speed physicalDelta,
            Speed physical,
            double edr,
            Speed ingest,
            Speed restore,
            double unitsPerMB,
            double predictedBytes) {}

    /** The series of one benchmark, reading its figures by label; empty generations when it is not a generations benchmark. */
    public static GenerationSeries of(
            BenchmarkCoordinates at,
            Map<String, String> params,
            Function<String, Speed> byLabel,
            Function<String, String> unitOf) {
        SeriesMetric predicted = switch (Layouts.of(at.layout()).promise()) {
            case NONE -> SeriesMetric.LOGICAL;
            case WHOLE_FILE -> SeriesMetric.NEW_WHOLE_FILE;
            case CHUNKS -> SeriesMetric.NEW_CHUNKS;
        };
        List<Generation> gens = new ArrayList<>();
        for (int g = 1; byLabel.apply(SeriesMetric.LOGICAL.label(g)).known(); g++) {
            int n = g;
            Function<SeriesMetric, Speed> f = m -> byLabel.apply(m.label(n));
            gens.add(new Generation(
                    g,
                    f.apply(SeriesMetric.LOGICAL).mean(),
                    f.apply(SeriesMetric.PHYSICAL_DELTA),
                    f.apply(SeriesMetric.PHYSICAL),
                    f.apply(SeriesMetric.CUMULATIVE_EDR).mean(),
                    f.apply(SeriesMetric.INGEST),
                    f.apply(SeriesMetric.RESTORE),
                    f.apply(SeriesMetric.UNITS).mean(),
                    f.apply(predicted).mean()));
        }
        String history = String.format(
                Locale.ROOT,
                "generations=%s change=%s keep=%s",
                params.get(BenchmarkCoordinates.GENERATIONS),
                changesAsItsCorpus(params) ? "as-its-corpus" : params.get(BenchmarkCoordinates.CHANGE),
                params.get(BenchmarkCoordinates.KEEP));
        return new GenerationSeries(
                at,
                history,
                List.copyOf(gens),
                m -> byLabel.apply(m.label()),
                unitOf.apply(SeriesMetric.UNITS_OLDEST.label()));
    }

    /** Whether some generations expired in this series. */
    public boolean expired() {
        return figure.apply(SeriesMetric.EXPECTED_FREED).known()
                || figure.apply(SeriesMetric.FREED_EXPIRY).known();
    }

    /**
     * Whether the payload's generations change as its corpus did, not at {@code change}: a {@code dir:}
     * corpus's snapshots, a mimic of snapshots.
     */
    static boolean changesAsItsCorpus(Map<String, String> params) {
        return java.util.stream.Stream.of(BenchmarkCoordinates.PAYLOAD, BenchmarkCoordinates.DIR)
                .map(k -> params.getOrDefault(k, ""))
                .anyMatch(v -> v.startsWith("dir:") || v.startsWith("mimic:"));
    }

    /** {@code postgresql versioned_doc U50 32MiB cdc generationsBulk generations=10 change=10% keep=5}. */
    public String label() {
        return at.system() + " " + at.payload() + " " + at.grade() + " " + at.datasetMiB() + "MiB " + at.layout() + " "
                + at.method() + " " + history;
    }

    /** The summary's section: one block per series. */
    public static void print(List<GenerationSeries> all, PrintStream out) {
        if (all.isEmpty()) {
            return;
        }
        out.println();
        out.println("GENERATIONS (each loaded on top of the ones before; MB = 10^6 bytes, mean ± 95 % interval over the"
                + " series; predicted = new unique bytes under the layout's own dedup; docs/METRICS.md)");
        for (GenerationSeries s : all) {
            s.printSeries(out);
        }
    }

    private void printSeries(PrintStream out) {
        out.println(label());
        String fmt = "  %4s %11s %14s %13s %14s %9s %34s %34s%n";
        out.printf(
                Locale.ROOT,
                fmt,
                "gen",
                "logical MB",
                "phys delta MB",
                "predicted MB",
                "physical MB",
                "cum. EDR",
                "ingest MB/s",
                "restore MB/s");
        for (Generation g : generations) {
            out.printf(
                    Locale.ROOT,
                    fmt,
                    g.number(),
                    Numbers.f2(g.logicalBytes() / 1e6),
                    Numbers.f2(g.physicalDelta().mean() / 1e6),
                    Numbers.f2(g.predictedBytes() / 1e6),
                    Numbers.f2(g.physical().mean() / 1e6),
                    Numbers.f2(g.edr()),
                    g.ingest().text(),
                    g.restore().text());
        }
        out.printf(
                Locale.ROOT,
                "  restore: newest %s MB/s (%s entries/file%s), oldest %s MB/s (%s entries/file%s)%n",
                figure.apply(SeriesMetric.RESTORE_NEWEST).text(),
                Numbers.f2(figure.apply(SeriesMetric.READS_NEWEST).mean()),
                unitsText(SeriesMetric.UNITS_NEWEST),
                figure.apply(SeriesMetric.RESTORE_OLDEST).text(),
                Numbers.f2(figure.apply(SeriesMetric.READS_OLDEST).mean()),
                unitsText(SeriesMetric.UNITS_OLDEST));
        if (expired()) {
            out.printf(
                    Locale.ROOT,
                    "  retention: should come back %s MB; came back %s MB after expiry (%s s, %s requests), %s MB"
                            + " after routine reclamation (%s s), %s MB after full (%s s); the next generation then"
                            + " added %s MB%n",
                    mb(SeriesMetric.EXPECTED_FREED),
                    mb(SeriesMetric.FREED_EXPIRY),
                    Numbers.f2(figure.apply(SeriesMetric.EXPIRY_SECONDS).mean()),
                    Numbers.compact(figure.apply(SeriesMetric.EXPIRY_REQUESTS).mean()),
                    mb(SeriesMetric.FREED_ROUTINE),
                    Numbers.f2(figure.apply(SeriesMetric.ROUTINE_SECONDS).mean()),
                    mb(SeriesMetric.FREED_FULL),
                    Numbers.f2(figure.apply(SeriesMetric.FULL_SECONDS).mean()),
                    mb(SeriesMetric.NEXT_DELTA));
        }
    }

    /** {@code , 41.20 pages/MB}; empty where the system has no count of storage units. */
    private String unitsText(SeriesMetric m) {
        double v = figure.apply(m).mean();
        return units.isEmpty() || Double.isNaN(v) ? "" : ", " + Numbers.f2(v) + " " + units;
    }

    private String mb(SeriesMetric m) {
        return Numbers.f2(figure.apply(m).mean() / 1e6);
    }
}
