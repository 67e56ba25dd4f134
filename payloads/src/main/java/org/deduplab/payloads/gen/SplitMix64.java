package org.deduplab.payloads.gen;

/**
 * SplitMix64 (Steele, Lea, Flood 2014), written out so that the stream is fixed by this code and not
 * by a JDK version: a dataset must be byte-identical on every JVM and machine. All floating point
 * goes through StrictMath for the same reason.
 */
public final class SplitMix64 {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private long state;

    public SplitMix64(long seed) {
        this.state = seed;
    }

    /** Deterministically combines values into one well-mixed seed. */
    public static long mix(long... parts) {
        long h = 0x243F6A8885A308D3L;
        for (long p : parts) {
            h = finalize(h ^ finalize(p + GOLDEN));
        }
        return h;
    }

    public static long finalize(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public long nextLong() {
        return finalize(state += GOLDEN);
    }

    /** Uniform in [0, bound). */
    public int nextInt(int bound) {
        return (int) (((nextLong() >>> 33) * bound) >>> 31);
    }

    /** Uniform in [lo, hi]. */
    public int between(int lo, int hi) {
        return lo + nextInt(hi - lo + 1);
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    public double nextGaussian() {
        double u1 = 1.0 - nextDouble();
        double u2 = nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
    }

    /** Fills {@code len} bytes with the stream, 8 at a time (little-endian). */
    public void fill(byte[] b, int off, int len) {
        long s = state;
        int i = off;
        int end = off + len;
        for (; i + 8 <= end; i += 8) {
            long v = finalize(s += GOLDEN);
            LongBytes.putLongLE(b, i, v);
        }
        if (i < end) {
            long v = finalize(s += GOLDEN);
            for (; i < end; i++) {
                b[i] = (byte) v;
                v >>>= 8;
            }
        }
        state = s;
    }
}
