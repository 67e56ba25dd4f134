package org.deduplab.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.deduplab.bench.InsertBenchmark;
import org.deduplab.payloads.DatasetSpec;
import org.deduplab.payloads.Grade;
import org.deduplab.payloads.InvalidSpecException;
import org.deduplab.target.Systems;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * The insert experiment matrix of one run: systems x payloads x grades x sizes x stages, taken from
 * {@code -p} options or the benchmark's defaults and validated before any fork starts.
 */
public record InsertMatrix(List<String> systems, List<String> payloads, List<String> grades, List<String> sizes,
                           int stages) {

    static InsertMatrix resolve(CommandLineOptions cmd, int stages) {
        List<String> systems = values(cmd, "system");
        for (String s : systems) {
            if (!Systems.ALL.contains(s)) {
                throw new InvalidSpecException("unknown system '" + s + "'; valid: " + Systems.validValues());
            }
        }
        List<String> payloads = values(cmd, "payload");
        for (String p : payloads) {
            new DatasetSpec(p, new Grade(0), 1, 0); // throws with the valid values
        }
        List<String> grades = values(cmd, "grade");
        grades.forEach(Grade::parse);
        List<String> sizes = values(cmd, "datasetMiB");
        for (String s : sizes) {
            if (!s.matches("[1-9][0-9]{0,6}")) {
                throw new InvalidSpecException("invalid datasetMiB '" + s + "'; valid: a whole number of MiB from 1, e.g. 32");
            }
        }
        return new InsertMatrix(systems, payloads, grades, sizes, stages);
    }

    private static List<String> values(CommandLineOptions cmd, String name) {
        Collection<String> given = cmd.getParameter(name).orElse(null);
        if (given != null && !given.isEmpty()) {
            return new ArrayList<>(given);
        }
        try {
            Param p = InsertBenchmark.Matrix.class.getField(name).getAnnotation(Param.class);
            return new ArrayList<>(Arrays.asList(p.value()));
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The matrix without the given systems (left out for want of an endpoint). */
    public InsertMatrix without(java.util.Set<String> left) {
        List<String> keep = new ArrayList<>(systems);
        keep.removeAll(left);
        return new InsertMatrix(keep, payloads, grades, sizes, stages);
    }

    public int benchmarks() {
        return payloads.size() * grades.size() * sizes.size() * stages * systems.size();
    }

    public String describe() {
        String payloadWord = payloads.size() == 1 ? "payload type" : "payload types";
        String sizePart = sizes.size() > 1 ? " x " + sizes.size() + " sizes" : "";
        return String.format("EXPERIMENT MATRIX: %d %s x %d grade%s x %d stage%s x %d system%s%s = %d benchmark%s"
                        + "%n  systems=%s payloads=%s grades=%s datasetMiB=%s",
                payloads.size(), payloadWord, grades.size(), grades.size() == 1 ? "" : "s", stages, stages == 1 ? "" : "s",
                systems.size(), systems.size() == 1 ? "" : "s", sizePart, benchmarks(), benchmarks() == 1 ? "" : "s",
                String.join(",", systems), String.join(",", payloads), String.join(",", grades), String.join(",", sizes));
    }
}
