package org.deduplab.bench;

import org.deduplab.store.Stage;

/**
 * What a benchmark does with its dataset through a {@link Stage}'s path: load it ({@code perFile},
 * {@code bulk}) or read it back ({@code restorePerFile}, {@code restoreBulk}). The benchmark method's
 * name says both, so {@code java -jar benchmarks.jar restore} selects every restore benchmark.
 */
public enum Operation {
    INSERT(""),
    RESTORE("restore");

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
        return Stage.methodOf(benchmark).startsWith(RESTORE.prefix) ? RESTORE : INSERT;
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
        throw new IllegalArgumentException(
                "no stage in benchmark name '" + benchmark + "'; valid: perFile, bulk, restorePerFile, restoreBulk");
    }
}
