package org.deduplab.report.html;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.deduplab.layout.Layouts;
import org.deduplab.payloads.PayloadType;
import org.deduplab.payloads.analyze.Technique;
import org.deduplab.report.RunFile;
import org.deduplab.store.Systems;

/**
 * The runs of one report and the dimensions its charts are laid out on: systems (registry order),
 * payload types, grades, stages and sizes present in any run, each in a fixed order.
 */
final class ReportModel {
    private static final String[] RUN_COLORS = {"#2b6cb0", "#dd6b20", "#2f855a", "#805ad5", "#b7791f", "#c53030"};

    /** A row of the heatmaps: one system (with its variant), layout, stage and size. */
    record RowKey(String system, String layout, String stage, String size) {}

    final List<RunFile> runs;
    final List<String> systems;
    final List<String> payloads;
    final List<String> grades;
    final List<String> stages;
    final List<String> sizes;
    final List<String> layouts;

    ReportModel(List<RunFile> runs) {
        this.runs = runs;
        List<RunFile.Bench> all =
                runs.stream().flatMap(r -> r.inserts().stream()).toList();
        this.systems = ordered(
                all,
                RunFile.Bench::system,
                Systems.ALL.stream().flatMap(s -> s.values().stream()).toList());
        this.layouts = ordered(all, RunFile.Bench::layout, Layouts.names());
        this.payloads = ordered(
                all,
                RunFile.Bench::payload,
                Arrays.stream(PayloadType.values()).map(PayloadType::id).toList());
        this.grades = all.stream()
                .map(RunFile.Bench::grade)
                .distinct()
                .sorted(Comparator.comparingInt(g -> Integer.parseInt(g.replaceAll("\\D", "0"))))
                .toList();
        this.stages = ordered(all, RunFile.Bench::stage, List.of("bulk", "perFile"));
        this.sizes = all.stream()
                .map(RunFile.Bench::datasetMiB)
                .distinct()
                .sorted(Comparator.comparingInt(s -> s.isEmpty() ? 0 : Integer.parseInt(s)))
                .toList();
    }

    /** The values of a dimension in a known order first, then any others as they appear. */
    private static List<String> ordered(
            List<RunFile.Bench> all, Function<RunFile.Bench, String> dimension, List<String> known) {
        Set<String> present = new LinkedHashSet<>();
        all.forEach(b -> present.add(dimension.apply(b)));
        List<String> out =
                new ArrayList<>(known.stream().filter(present::contains).toList());
        present.stream().filter(v -> !out.contains(v)).forEach(out::add);
        return out;
    }

    boolean hasInserts() {
        return !systems.isEmpty();
    }

    /** The benchmark of one run at these coordinates, if it ran. */
    Optional<RunFile.Bench> find(int run, RowKey k, String payload, String grade) {
        return runs.get(run).inserts().stream()
                .filter(b -> b.system().equals(k.system())
                        && b.layout().equals(k.layout())
                        && b.stage().equals(k.stage())
                        && b.datasetMiB().equals(k.size())
                        && b.payload().equals(payload)
                        && b.grade().equals(grade))
                .findFirst();
    }

    /** Configurations present in any run, in system, layout, stage, size order. */
    List<RowKey> rows() {
        List<RowKey> rows = new ArrayList<>();
        for (String s : systems) {
            for (String l : layouts) {
                for (String st : stages) {
                    for (String size : sizes) {
                        RowKey k = new RowKey(s, l, st, size);
                        boolean present = runs.stream()
                                .flatMap(r -> r.inserts().stream())
                                .anyMatch(b -> b.system().equals(s)
                                        && b.layout().equals(l)
                                        && b.stage().equals(st)
                                        && b.datasetMiB().equals(size));
                        if (present) {
                            rows.add(k);
                        }
                    }
                }
            }
        }
        return rows;
    }

    /** "postgresql:lz4 · cas · bulk": the layout only where the report has more than one. */
    String rowLabel(RowKey k) {
        return k.system() + (layouts.size() > 1 ? " · " + k.layout() : "") + " · " + k.stage()
                + (sizes.size() > 1 ? " · " + k.size() + " MiB" : "");
    }

    /** The layout's own reference technique; FastCDC + zstd-3 for a layout this version does not know. */
    static Technique referenceOf(String layout) {
        return Layouts.names().contains(layout) ? Layouts.of(layout).reference() : Technique.CDC_ZSTD;
    }

    /** The reference ratio of the same technique as a benchmark's layout, from the first run that has it. */
    Optional<Double> sameTechniqueReference(RunFile.Bench b) {
        Optional<Double> fromEnvironment = referenceOf(b.layout(), b.payload(), b.grade(), b.datasetMiB());
        return fromEnvironment.isEmpty()
                        && referenceOf(b.layout()) == Technique.CDC_ZSTD
                        && !Double.isNaN(b.referenceEdr())
                ? Optional.of(b.referenceEdr())
                : fromEnvironment;
    }

    /** The reference ratio of a layout's technique for a dataset, from the first run's environment that has it. */
    Optional<Double> referenceOf(String layout, String payload, String grade, String datasetMiB) {
        Technique key = referenceOf(layout);
        for (RunFile r : runs) {
            Double v = r.referenceRatios(payload, grade, datasetMiB).get(key);
            if (v != null) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    static String color(int run) {
        return RUN_COLORS[run % RUN_COLORS.length];
    }
}
