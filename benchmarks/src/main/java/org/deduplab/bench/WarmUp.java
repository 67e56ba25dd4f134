package org.deduplab.bench;

/**
 * When a fork's warm-up loads have done their work: whole loads are grouped into windows of at least
 * {@code windowSeconds} of load time (one slow load is a window of its own), and warming stops once two
 * windows in a row agree within {@code agree} on MB/s, or at a limit on loads or seconds, so that a
 * system that never settles is still measured (the trace then says which ended it).
 *
 * <p>Why windows: profiled on the 2-core VM, the first whole loads of a fork run at 0.1x to 0.5x of
 * steady state, and it is the fork's own client code that warms (a second run against the same, already
 * warm servers ramps the same way; JIT-compiling a Redis fork takes 2.5 s of CPU, an S3 fork 15.6 s).
 * A 32 MiB Redis load takes 0.05 s, so two single loads "agreed" while the client was still ramping:
 * stopping there left the measured samples of one fork climbing from 525 to 960 MB/s. Windows of loads
 * compare like with like, the way the measured samples do (docs/PERFORMANCE.md).
 */
final class WarmUp {
    private final double agree;
    private final int maxLoads;
    private final double maxSeconds;
    private final double windowSeconds;

    private int loads;
    private int windows;
    private double seconds;
    private long windowBytes;
    private long windowNanos;
    private double previousMbps = Double.NaN;
    private double lastMbps = Double.NaN;

    WarmUp(double agree, int maxLoads, double maxSeconds, double windowSeconds) {
        this.agree = agree;
        this.maxLoads = maxLoads;
        this.maxSeconds = maxSeconds;
        this.windowSeconds = windowSeconds;
    }

    /** The defaults, each overridable by a {@code -Ddedup.warmUp*} property of the forks. */
    static WarmUp configured() {
        return new WarmUp(
                Double.parseDouble(System.getProperty("dedup.warmUpAgree", "0.10")),
                Integer.getInteger("dedup.warmUpMaxLoads", 1000),
                Double.parseDouble(System.getProperty("dedup.warmUpSeconds", "6")),
                Double.parseDouble(System.getProperty("dedup.warmUpWindowSeconds", "0.5")));
    }

    /** One whole warm-up load of {@code bytes} that took {@code nanos}. */
    void add(long bytes, long nanos) {
        loads++;
        seconds += nanos / 1e9;
        windowBytes += bytes;
        windowNanos += nanos;
        if (windowNanos >= windowSeconds * 1e9) {
            windows++;
            previousMbps = lastMbps;
            lastMbps = windowBytes / 1e6 / (windowNanos / 1e9);
            windowBytes = 0;
            windowNanos = 0;
        }
    }

    int loads() {
        return loads;
    }

    boolean done() {
        return maxLoads <= 0 || agreed() || loads >= maxLoads || seconds >= maxSeconds;
    }

    private boolean agreed() {
        return windows >= 2 && windowNanos == 0 && Math.abs(lastMbps / previousMbps - 1) <= agree;
    }

    /** Why warming stopped: "agreed", "max loads", "max seconds" or "off". */
    String why() {
        if (maxLoads <= 0) {
            return "off";
        }
        return agreed() ? "agreed" : loads >= maxLoads ? "max loads" : "max seconds";
    }
}
