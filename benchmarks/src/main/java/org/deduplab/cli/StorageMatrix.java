package org.deduplab.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.deduplab.bench.BenchmarkCoordinates;
import org.deduplab.bench.CacheMode;
import org.deduplab.bench.Operation;
import org.deduplab.bench.StorageBenchmark;
import org.deduplab.layout.Layouts;
import org.deduplab.payloads.BadInputException;
import org.deduplab.payloads.DatasetSpec;
import org.deduplab.payloads.Grade;
import org.deduplab.payloads.generation.GenerationParams;
import org.deduplab.payloads.generation.Generations;
import org.deduplab.store.Systems;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * The storage experiment matrix of one run: systems x payloads x grades x sizes x stages, from the
 * selected storage benchmarks and the {@code -p} options (or the benchmarks' defaults), validated
 * before any fork starts.
 *
 * @param perCombination insert benchmarks (not restores) per (system, grade, size): selected stages summed over payloads
 * @param restoresPerCombination restore benchmarks per (system, grade, size), each run once per cache
 * @param caches the restore benchmarks' {@code cache} values ({@link CacheMode})
 * @param generationsPerCombination generations benchmarks per (system, grade, size), each run once per history
 * @param histories the generations benchmarks' {@code generations} x {@code change} x {@code keep} values
 */
public record StorageMatrix(
        List<String> systems,
        List<String> payloads,
        List<String> grades,
        List<String> sizes,
        List<String> layouts,
        int perCombination,
        int restoresPerCombination,
        List<String> caches,
        int generationsPerCombination,
        List<GenerationParams> histories) {

    static StorageMatrix resolve(CommandLineOptions cmd, BenchmarkSelection selection) {
        List<String> systems = new ArrayList<>();
        for (String v : values(cmd, BenchmarkCoordinates.SYSTEM)) {
            // unknown systems and variants fail here, listing the valid ones; SYSTEM:* stands for every variant
            Systems.expand(v).stream().filter(x -> !systems.contains(x)).forEach(systems::add);
        }
        List<String> layouts = values(cmd, BenchmarkCoordinates.LAYOUT);
        layouts.forEach(Layouts::of);
        List<String> grades = values(cmd, BenchmarkCoordinates.GRADE);
        grades.forEach(Grade::parse);
        List<String> sizes = values(cmd, BenchmarkCoordinates.DATASET_MIB);
        for (String s : sizes) {
            if (!s.matches("[1-9][0-9]{0,6}")) {
                throw new BadInputException(
                        "invalid datasetMiB '" + s + "'; valid: a whole number of MiB from 1, e.g. 32");
            }
        }
        int restores = selection.perSystemGradeSize(Operation.RESTORE);
        List<String> caches = values(cmd, BenchmarkCoordinates.CACHE, StorageBenchmark.Cache.class);
        caches.forEach(CacheMode::of);
        if (restores == 0 && cmd.getParameter(BenchmarkCoordinates.CACHE).hasValue()) {
            throw new BadInputException("-p cache=" + String.join(",", caches)
                    + " applies to the restore benchmarks, and none is selected; select them with 'restore'"
                    + " (java -jar benchmarks.jar restore -p cache=cold)");
        }
        int generations = selection.perSystemGradeSize(Operation.GENERATIONS);
        List<GenerationParams> histories = histories(cmd);
        if (generations > 0) {
            checkGenerationsOf(selection.payloads(), grades, histories);
        }
        return new StorageMatrix(
                systems,
                selection.payloads(),
                grades,
                sizes,
                layouts,
                selection.perSystemGradeSize(Operation.INSERT),
                restores,
                caches,
                generations,
                histories);
    }

    /** Every combination of the generation params, each valid ({@code keep} at most {@code generations}). */
    private static List<GenerationParams> histories(CommandLineOptions cmd) {
        List<GenerationParams> out = new ArrayList<>();
        for (String n : values(cmd, BenchmarkCoordinates.GENERATIONS, StorageBenchmark.History.class)) {
            for (String c : values(cmd, BenchmarkCoordinates.CHANGE, StorageBenchmark.History.class)) {
                for (String k : values(cmd, BenchmarkCoordinates.KEEP, StorageBenchmark.History.class)) {
                    out.add(GenerationParams.parse(n, c, k));
                }
            }
        }
        return out;
    }

    /**
     * Each payload can make the generations asked for: a generated payload any number, a {@code dir:}
     * corpus one per immediate subdirectory (and one more where generations expire), a mimic none yet.
     */
    private static void checkGenerationsOf(
            List<String> payloads, List<String> grades, List<GenerationParams> histories) {
        for (String payload : payloads) {
            for (GenerationParams h : histories) {
                DatasetSpec spec = new DatasetSpec(payload, Grade.parse(grades.get(0)), 1 << 20, 42);
                Generations.of(spec, h.change()).checkEnoughFor(h, payload);
            }
        }
    }

    /** A param's values from {@code -p}, else the default of {@link StorageBenchmark}'s field. */
    private static List<String> values(CommandLineOptions cmd, String name) {
        return values(cmd, name, StorageBenchmark.class);
    }

    /** A param's values from {@code -p}, else the default of the field of the state class {@code in}. */
    private static List<String> values(CommandLineOptions cmd, String name, Class<?> in) {
        Collection<String> given = cmd.getParameter(name).orElse(null);
        if (given != null && !given.isEmpty()) {
            return new ArrayList<>(given);
        }
        return new ArrayList<>(defaults(name, in));
    }

    /** The {@code @Param} defaults of {@link StorageBenchmark}'s field {@code name}. */
    static List<String> defaults(String name) {
        return defaults(name, StorageBenchmark.class);
    }

    private static List<String> defaults(String name, Class<?> in) {
        try {
            return Arrays.asList(in.getField(name).getAnnotation(Param.class).value());
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The matrix without the given system values, or any value of the given systems (left out for want of an endpoint). */
    public StorageMatrix without(Set<String> left) {
        List<String> keep = new ArrayList<>(systems);
        keep.removeIf(v -> left.contains(v) || left.contains(Systems.baseOf(v)));
        return new StorageMatrix(
                keep,
                payloads,
                grades,
                sizes,
                layouts,
                perCombination,
                restoresPerCombination,
                caches,
                generationsPerCombination,
                histories);
    }

    /** The servers the matrix needs: each value's system, or its own server for a server-wide variant; once each. */
    public List<String> servers() {
        return systems.stream().map(Systems::serverOf).distinct().toList();
    }

    public int benchmarks() {
        return perPayloadSet() * grades.size() * sizes.size() * systems.size() * layouts.size();
    }

    /** Benchmarks per (system, grade, size, layout): the inserts, each restore once per cache, each generations benchmark once per history. */
    private int perPayloadSet() {
        return perCombination + restoresPerCombination * caches.size() + generationsPerCombination * histories.size();
    }

    /** Whether {@code cache=cold} restores are in the matrix. */
    public boolean coldRestores() {
        return restoresPerCombination > 0 && caches.contains(CacheMode.COLD.id());
    }

    /** Stages per payload, when every payload runs the same number of them (else 0). */
    private int stages() {
        int n = perPayloadSet();
        return payloads.isEmpty() || n % payloads.size() != 0 ? 0 : n / payloads.size();
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
                (layouts.equals(List.of("plain")) ? "" : " layouts=" + String.join(",", layouts))
                        + (restoresPerCombination == 0 || caches.equals(List.of(CacheMode.WARM.id()))
                                ? ""
                                : " restore caches=" + String.join(",", caches))
                        + (generationsPerCombination == 0
                                ? ""
                                : " generations="
                                        + String.join(
                                                ",",
                                                histories.stream()
                                                        .map(StorageMatrix::describe)
                                                        .toList())));
    }

    /** {@code 10 (change 10%, keep 5)}. */
    private static String describe(GenerationParams h) {
        return h.generations() + " (change " + h.change() + (h.expires() ? ", keep " + h.keep() : "") + ")";
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
