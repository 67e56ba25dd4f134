package org.deduplab.bench;

import java.util.ArrayList;
import java.util.List;
import org.deduplab.store.Stage;

/**
 * What a benchmark does with its dataset through a {@link Stage}'s path: load it ({@code perFile},
 * {@code bulk}), read it back ({@code restorePerFile}, {@code restoreBulk}), or load it as generations
 * on top of each other, then restore and expire them ({@code generationsPerFile},
 * {@code generationsBulk}). The benchmark method's name says both, so {@code java -jar
 * benchmarks.jar restore} selects every restore benchmark.
 */
public enum Operation {
    INSERT(""),
    RESTORE("restore"),
    GENERATIONS("generations");

    private final String prefix;

    Operation(String prefix) {
        this.prefix = prefix;
    }

    /** The benchmark method of this operation through {@code stage}: {@code bulk}, {@code restoreBulk}. */
    public String method(Stage stage) {
        String m = stage.method();
        return prefix.isEmpty() ? m : prefix + Character.toUpperCase(m.charAt(0)) + m.substring(1);
    }

    /** The operation of a benchmark name ({@code org.deduplab.bench.TextLog.restoreBulk} -> RESTORE). */
    public static Operation ofBenchmark(String benchmark) {
        String m = Stage.methodOf(benchmark);
        for (Operation op : List.of(RESTORE, GENERATIONS)) {
            if (m.startsWith(op.prefix)) {
                return op;
            }
        }
        return INSERT;
    }

    /** The stage of a benchmark name of either operation ({@code restorePerFile} -> PER_FILE). */
    public static Stage stageOf(String benchmark) {
        String m = Stage.methodOf(benchmark);
        for (Operation op : values()) {
            for (Stage s : Stage.values()) {
                if (op.method(s).equals(m)) {
                    return s;
                }
            }
        }
        throw new IllegalArgumentException("no stage in benchmark name '" + benchmark + "'; valid: " + methods());
    }

    /** Every benchmark method name, for messages. */
    static String methods() {
        List<String> all = new ArrayList<>();
        for (Operation op : values()) {
            for (Stage s : Stage.values()) {
                all.add(op.method(s));
            }
        }
        return String.join(", ", all);
    }
}
