package org.deduplab.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.deduplab.bench.InsertBenchmark;
import org.deduplab.bench.InsertCoordinates;
import org.deduplab.layout.Layout;
import org.deduplab.payloads.BadInputException;
import org.deduplab.payloads.Grade;
import org.deduplab.store.Systems;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * The insert experiment matrix of one run: systems x payloads x grades x sizes x stages, from the
 * selected insert benchmarks and the {@code -p} options (or the benchmarks' defaults), validated
 * before any fork starts.
 *
 * @param perCombination insert benchmarks per (system, grade, size): selected stages summed over payloads
 */
public record InsertMatrix(
        List<String> systems,
        List<String> payloads,
        List<String> grades,
        List<String> sizes,
        List<String> layouts,
        int perCombination) {

    static InsertMatrix resolve(CommandLineOptions cmd, InsertSelection selection) {
        List<String> systems = new ArrayList<>();
        for (String v : values(cmd, InsertCoordinates.SYSTEM)) {
            // unknown systems and variants fail here, listing the valid ones; SYSTEM:* stands for every variant
            Systems.expand(v).stream().filter(x -> !systems.contains(x)).forEach(systems::add);
        }
        List<String> layouts = values(cmd, InsertCoordinates.LAYOUT);
        layouts.forEach(Layout::of);
        List<String> grades = values(cmd, InsertCoordinates.GRADE);
        grades.forEach(Grade::parse);
        List<String> sizes = values(cmd, InsertCoordinates.DATASET_MIB);
        for (String s : sizes) {
            if (!s.matches("[1-9][0-9]{0,6}")) {
                throw new BadInputException(
                        "invalid datasetMiB '" + s + "'; valid: a whole number of MiB from 1, e.g. 32");
            }
        }
        return new InsertMatrix(
                systems, selection.payloads(), grades, sizes, layouts, selection.insertBenchmarksPerSystemGradeSize());
    }

    /** A param's values from {@code -p}, else the default of {@link InsertBenchmark}'s field. */
    private static List<String> values(CommandLineOptions cmd, String name) {
        Collection<String> given = cmd.getParameter(name).orElse(null);
        if (given != null && !given.isEmpty()) {
            return new ArrayList<>(given);
        }
        return new ArrayList<>(defaults(name));
    }

    /** The {@code @Param} defaults of {@link InsertBenchmark}'s field {@code name}. */
    static List<String> defaults(String name) {
        try {
            return Arrays.asList(InsertBenchmark.class
                    .getField(name)
                    .getAnnotation(Param.class)
                    .value());
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The matrix without the given system values, or any value of the given systems (left out for want of an endpoint). */
    public InsertMatrix without(Set<String> left) {
        List<String> keep = new ArrayList<>(systems);
        keep.removeIf(v -> left.contains(v) || left.contains(Systems.baseOf(v)));
        return new InsertMatrix(keep, payloads, grades, sizes, layouts, perCombination);
    }

    /** The servers the matrix needs: each value's system, or its own server for a server-wide variant; once each. */
    public List<String> servers() {
        return systems.stream().map(Systems::serverOf).distinct().toList();
    }

    public int benchmarks() {
        return perCombination * grades.size() * sizes.size() * systems.size() * layouts.size();
    }

    /** Stages per payload, when every payload runs the same number of them (else 0). */
    private int stages() {
        return payloads.isEmpty() || perCombination % payloads.size() != 0 ? 0 : perCombination / payloads.size();
    }

    public String describe() {
        String sizePart = (sizes.size() > 1 ? " x " + sizes.size() + " sizes" : "")
                + (layouts.size() > 1 ? " x " + layouts.size() + " layouts" : "");
        String stagePart = stages() > 0 ? " x " + plural(stages(), "stage") : "";
        return String.format(
                "EXPERIMENT MATRIX: %s x %s%s x %s%s = %s%n  systems=%s payloads=%s grades=%s datasetMiB=%s%s",
                plural(payloads.size(), "payload type"),
                plural(grades.size(), "grade"),
                stagePart,
                plural(systems.size(), "system"),
                sizePart,
                plural(benchmarks(), "benchmark"),
                String.join(",", systems),
                String.join(",", payloads),
                String.join(",", grades),
                String.join(",", sizes),
                layouts.equals(List.of("plain")) ? "" : " layouts=" + String.join(",", layouts));
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
