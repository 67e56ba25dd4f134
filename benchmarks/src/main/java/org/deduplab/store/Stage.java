package org.deduplab.store;

/**
 * The two ways a dataset is loaded. Each is a {@code @Benchmark} method of the same name, so the
 * stage of a result is the last part of its benchmark name.
 */
public enum Stage {
    /** One insert / SET / PUT per file, each committed on its own. */
    PER_FILE("perFile"),
    /** The system's fastest bulk path (COPY, batched inserts, pipelining, concurrent PUTs). */
    BULK("bulk");

    private final String method;

    Stage(String method) {
        this.method = method;
    }

    /** The benchmark method's name: {@code perFile} or {@code bulk}. */
    public String method() {
        return method;
    }

    /** The method part of a benchmark name ({@code org.deduplab.bench.TextLog.bulk} -> {@code bulk}). */
    public static String methodOf(String benchmark) {
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    @Override
    public String toString() {
        return method;
    }
}
