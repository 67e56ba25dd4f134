package org.deduplab.report.html;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.deduplab.payloads.PayloadType;
import org.deduplab.report.RunFile;
import org.deduplab.store.Systems;

/**
 * The runs of one report and the dimensions its charts are laid out on: systems (registry order),
 * payload types, grades, stages and sizes present in any run, each in a fixed order.
 */
final class ReportModel {
    private static final String[] RUN_COLORS = {"#2b6cb0", "#dd6b20", "#2f855a", "#805ad5", "#b7791f", "#c53030"};

    /** A row of the heatmaps: one system, stage and size. */
    record RowKey(String system, String stage, String size) {
    }

    final List<RunFile> runs;
    final List<String> systems;
    final List<String> payloads;
    final List<String> grades;
    final List<String> stages;
    final List<String> sizes;

    ReportModel(List<RunFile> runs) {
        this.runs = runs;
        List<RunFile.Bench> all = runs.stream().flatMap(r -> r.inserts().stream()).toList();
        this.systems = ordered(all, RunFile.Bench::system, Systems.names());
        this.payloads = ordered(all, RunFile.Bench::payload, Arrays.stream(PayloadType.values()).map(PayloadType::id).toList());
        this.grades = all.stream().map(RunFile.Bench::grade).distinct()
                .sorted(Comparator.comparingInt(g -> Integer.parseInt(g.replaceAll("\\D", "0")))).toList();
        this.stages = ordered(all, RunFile.Bench::stage, List.of("bulk", "perFile"));
        this.sizes = all.stream().map(RunFile.Bench::datasetMiB).distinct()
                .sorted(Comparator.comparingInt(s -> s.isEmpty() ? 0 : Integer.parseInt(s))).toList();
    }

    /** The values of a dimension in a known order first, then any others as they appear. */
    private static List<String> ordered(List<RunFile.Bench> all, Function<RunFile.Bench, String> dimension, List<String> known) {
        Set<String> present = new LinkedHashSet<>();
        all.forEach(b -> present.add(dimension.apply(b)));
        List<String> out = new ArrayList<>(known.stream().filter(present::contains).toList());
        present.stream().filter(v -> !out.contains(v)).forEach(out::add);
        return out;
    }

    boolean hasInserts() {
        return !systems.isEmpty();
    }

    /** The benchmark of one run at these coordinates, if it ran. */
    Optional<RunFile.Bench> find(int run, String system, String stage, String size, String payload, String grade) {
        return runs.get(run).inserts().stream().filter(b -> b.system().equals(system) && b.stage().equals(stage)
                && b.datasetMiB().equals(size) && b.payload().equals(payload) && b.grade().equals(grade)).findFirst();
    }

    /** Heatmap rows present in any run, in system, stage, size order. */
    List<RowKey> rows() {
        List<RowKey> rows = new ArrayList<>();
        for (String s : systems) {
            for (String st : stages) {
                for (String size : sizes) {
                    RowKey k = new RowKey(s, st, size);
                    boolean present = runs.stream().flatMap(r -> r.inserts().stream())
                            .anyMatch(b -> b.system().equals(s) && b.stage().equals(st) && b.datasetMiB().equals(size));
                    if (present) {
                        rows.add(k);
                    }
                }
            }
        }
        return rows;
    }

    String rowLabel(RowKey k) {
        return k.system() + " · " + k.stage() + (sizes.size() > 1 ? " · " + k.size() + " MiB" : "");
    }

    static String color(int run) {
        return RUN_COLORS[run % RUN_COLORS.length];
    }
}
