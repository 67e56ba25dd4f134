package org.deduplab.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * A long run's answer to a server that died: its server is checked before each benchmark (a dead one
 * comes back first) and after each failure (the benchmark that met a dead server is run once more,
 * on the restarted one).
 */
final class ServerRestarts {
    /** Checks that a benchmark's server is alive; true when it had to be restarted. */
    @FunctionalInterface
    interface Check {
        boolean restartedIfDead(BenchmarkParams benchmark) throws IOException;
    }

    private final Check check;
    private final List<BenchmarkParams> toRetry = new ArrayList<>();

    ServerRestarts(Check check) {
        this.check = check;
    }

    /** Before a benchmark: a server that died since the last one is restarted. */
    void before(BenchmarkParams benchmark) throws IOException {
        check.restartedIfDead(benchmark);
    }

    /** After a failed benchmark: when its server had died, it is run once more. */
    void afterFailure(BenchmarkParams benchmark) throws IOException {
        if (check.restartedIfDead(benchmark)) {
            toRetry.add(benchmark);
        }
    }

    /** The benchmarks to run once more, forgotten here once taken. */
    List<BenchmarkParams> take() {
        List<BenchmarkParams> out = new ArrayList<>(toRetry);
        toRetry.clear();
        return out;
    }
}
