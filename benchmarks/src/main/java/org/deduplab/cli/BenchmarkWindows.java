package org.deduplab.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Each benchmark's wall-clock window as the launcher saw it, from JMH's start of the benchmark (before
 * its fork starts) to its end (after the fork exited): what the time budget sets the forks' own
 * trial events against, to find fork start and exit.
 */
final class BenchmarkWindows {
    private final List<TimeBudget.Window> windows = new ArrayList<>();
    private long startedMs;

    void started() {
        startedMs = System.currentTimeMillis();
    }

    void ended() {
        windows.add(new TimeBudget.Window(startedMs, System.currentTimeMillis()));
    }

    List<TimeBudget.Window> all() {
        return windows;
    }
}
