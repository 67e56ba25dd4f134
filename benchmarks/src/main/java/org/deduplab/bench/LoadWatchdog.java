package org.deduplab.bench;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Cuts a measured load that hangs: after {@code -Ddedup.loadTimeoutSeconds} (generous: 1 h unless
 * set) it closes the store, which breaks the load's blocked I/O, and the load fails with a
 * {@link TimeoutException} instead of holding the run.
 */
final class LoadWatchdog implements AutoCloseable {
    static final long TIMEOUT_MILLIS =
            Math.round(Double.parseDouble(System.getProperty("dedup.loadTimeoutSeconds", "3600")) * 1000);
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dedup-lab-load-watchdog");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean fired = new AtomicBoolean();
    private final ScheduledFuture<?> timer;

    private LoadWatchdog(AutoCloseable victim) {
        timer = TIMER.schedule(
                () -> {
                    fired.set(true);
                    try {
                        victim.close();
                    } catch (Exception ignored) {
                        // the load fails either way
                    }
                },
                TIMEOUT_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    /** Watches a load on {@code victim}, closed if the load outlives the timeout. */
    static LoadWatchdog watch(AutoCloseable victim) {
        return new LoadWatchdog(victim);
    }

    /** The load's failure as the caller should report it: a timeout, when the watchdog cut it. */
    Exception failure(Throwable thrown, String context) {
        if (!fired.get()) {
            return thrown instanceof Exception e ? e : new IllegalStateException(thrown);
        }
        TimeoutException t = new TimeoutException("load timed out after " + TIMEOUT_MILLIS / 1000.0
                + " s (-Ddedup.loadTimeoutSeconds) (" + context + ")");
        t.initCause(thrown);
        return t;
    }

    /** Throws a timeout when the watchdog fired although the load returned. */
    void check(String context) throws TimeoutException {
        if (fired.get()) {
            throw (TimeoutException) failure(new IllegalStateException("the store was closed mid-load"), context);
        }
    }

    @Override
    public void close() {
        timer.cancel(false);
    }
}
