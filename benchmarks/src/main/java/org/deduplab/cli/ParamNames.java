package org.deduplab.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.deduplab.bench.BenchmarkCoordinates;
import org.deduplab.payloads.BadInputException;
import org.openjdk.jmh.runner.BenchmarkListEntry;

/**
 * The {@code -p NAME=...} names of a command line, checked against the params the selected
 * benchmarks declare. JMH itself ignores a name no benchmark has, so {@code -p sytem=redis} would
 * quietly measure every system; here it is an error that names the closest valid name.
 */
final class ParamNames {
    private ParamNames() {}

    /** Refuses a {@code -p} name that no selected benchmark declares (nor the lab's own {@code payload}). */
    static void check(List<String> args, BenchmarkSelection selection) {
        TreeSet<String> known = known(selection);
        for (String name : given(args)) {
            if (!known.contains(name)) {
                throw new BadInputException("unknown param '" + name + "'"
                        + closest(name, known)
                                .map(c -> " (did you mean '" + c + "'?)")
                                .orElse("")
                        + declaredElsewhere(name)
                                .map(b -> ": only " + b + " declares it, and it is not selected")
                                .orElse("")
                        + "; the selected benchmarks know: " + String.join(", ", known));
            }
        }
    }

    /** The params the selected benchmarks declare; {@code payload} too where a storage benchmark is selected. */
    static TreeSet<String> known(BenchmarkSelection selection) {
        TreeSet<String> known = new TreeSet<>();
        for (BenchmarkListEntry e : selection.benchmarks()) {
            if (e.getParams().hasValue()) {
                known.addAll(e.getParams().get().keySet());
            }
        }
        if (!selection.storageBenchmarks().isEmpty()) {
            known.add(BenchmarkCoordinates.PAYLOAD); // the lab's own: it picks the payload classes
        }
        return known;
    }

    /** A benchmark outside the selection that declares {@code name}, e.g. {@code PayloadBenchmark.analyze}. */
    private static Optional<String> declaredElsewhere(String name) {
        return BenchmarkSelection.all().stream()
                .filter(e -> e.getParams().hasValue() && e.getParams().get().containsKey(name))
                .map(e -> shortName(e.getUsername()))
                .findFirst();
    }

    /** {@code org.deduplab.bench.PayloadBenchmark.analyze} -> {@code PayloadBenchmark.analyze}. */
    static String shortName(String benchmark) {
        int method = benchmark.lastIndexOf('.');
        return benchmark.substring(benchmark.lastIndexOf('.', method - 1) + 1);
    }

    /** The names of {@code -p name=value} and {@code -pname=value}, in order. */
    static List<String> given(List<String> args) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String pair = null;
            if (a.equals("-p") && i + 1 < args.size()) {
                pair = args.get(++i);
            } else if (a.startsWith("-p") && a.length() > 2 && !a.startsWith("-prof")) {
                pair = a.substring(2);
            }
            if (pair != null) {
                int eq = pair.indexOf('=');
                names.add(eq < 0 ? pair : pair.substring(0, eq));
            }
        }
        return names;
    }

    /** The known name nearest to {@code name} by edit distance, if it is near enough to be a misspelling. */
    static Optional<String> closest(String name, TreeSet<String> known) {
        return known.stream()
                .min(Comparator.comparingInt(k -> distance(name.toLowerCase(), k.toLowerCase())))
                .filter(k -> distance(name.toLowerCase(), k.toLowerCase()) <= Math.max(2, k.length() / 3));
    }

    /** Levenshtein distance: insertions, deletions and substitutions. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int[] cur = new int[b.length() + 1];
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            prev = cur;
        }
        return prev[b.length()];
    }
}
