package org.deduplab.bench;

/**
 * When a fork's warm-up loads have done their work: two whole loads in a row whose MB/s agree within
 * {@code agree}, or a limit on loads or seconds, so that a system that never settles is still
 * measured (the trace then says which ended it). Profiled on the 2-core VM, the first whole loads of a
 * fork run at 0.1x to 0.5x of steady state, and it is the fork's own client code that warms: a second
 * run against the same, already warm servers ramps the same way; JIT-compiling a Redis fork takes
 * 2.5 s of CPU, an S3 fork 15.6 s. The ramp comes in steps (a method crossing the compiler's threshold),
 * so a load that ran evenly says little: stopping once a per-file load's two halves agreed left the
 * default run at a median 0.79x of steady state, against 0.96x with two whole loads (the default
 * limit, with 3 s). A 2 MiB slice, the earlier warm-up, left it at 0.66x.
 */
final class WarmUp {
    private final double agree;
    private final int minLoads;
    private final int maxLoads;
    private final double maxSeconds;

    private int loads;
    private double previousMbps = Double.NaN;
    private double lastMbps = Double.NaN;
    private double seconds;

    WarmUp(double agree, int minLoads, int maxLoads, double maxSeconds) {
        this.agree = agree;
        this.minLoads = minLoads;
        this.maxLoads = maxLoads;
        this.maxSeconds = maxSeconds;
    }

    /** The defaults, each overridable by a {@code -Ddedup.warmUp*} property of the forks. */
    static WarmUp configured() {
        return new WarmUp(
                Double.parseDouble(System.getProperty("dedup.warmUpAgree", "0.15")),
                Integer.getInteger("dedup.warmUpMinLoads", 1),
                Integer.getInteger("dedup.warmUpMaxLoads", 2),
                Double.parseDouble(System.getProperty("dedup.warmUpSeconds", "3")));
    }

    /** One whole warm-up load of {@code bytes} that took {@code nanos}. */
    void add(long bytes, long nanos) {
        loads++;
        seconds += nanos / 1e9;
        previousMbps = lastMbps;
        lastMbps = bytes / 1e6 / (nanos / 1e9);
    }

    int loads() {
        return loads;
    }

    boolean done() {
        return maxLoads <= 0 || agreed() || (loads >= minLoads && (loads >= maxLoads || seconds >= maxSeconds));
    }

    private boolean agreed() {
        return loads >= Math.max(2, minLoads) && Math.abs(lastMbps / previousMbps - 1) <= agree;
    }

    /** Why warming stopped: "agreed", "max loads", "max seconds" or "off". */
    String why() {
        if (maxLoads <= 0) {
            return "off";
        }
        return agreed() ? "agreed" : loads >= maxLoads ? "max loads" : "max seconds";
    }
}
