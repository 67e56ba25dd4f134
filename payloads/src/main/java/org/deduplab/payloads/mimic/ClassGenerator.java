package org.deduplab.payloads.mimic;

import org.deduplab.payloads.gen.SplitMix64;

/**
 * Writes fresh bytes the way one content class of a profile parses: a block draws its match
 * coverage from the class's quantiles, then alternates literal runs (bytes drawn from the class's
 * literal frequencies) and matches (length and distance from its histograms, copied from earlier in
 * the block), literal runs long enough on average for that coverage. A synthetic LZ77 parse, so
 * every LZ compressor finds about the matches and literal statistics the corpus gave it.
 */
final class ClassGenerator {
    private static final int TABLE_BITS = 16;

    private final CorpusProfile.ClassModel model;
    private final byte[] literalTable = new byte[1 << TABLE_BITS];
    private final long lengthTotal;
    private final double meanLength;
    private final byte[] lengthBins;
    private final byte[] distanceBins;

    ClassGenerator(CorpusProfile.ClassModel model) {
        this.model = model;
        double[] f = model.literalFrequencies();
        double sum = 0;
        for (double v : f) {
            sum += v;
        }
        double cumulative = 0;
        int at = 0;
        for (int b = 0; b < 256; b++) {
            cumulative += sum == 0 ? 1.0 / 256 : f[b] / sum;
            int upto = b == 255 ? literalTable.length : (int) Math.round(cumulative * literalTable.length);
            while (at < upto) {
                literalTable[at++] = (byte) b;
            }
        }
        this.lengthTotal = Log2Histogram.total(model.matchLengths());
        this.lengthBins = binTable(model.matchLengths());
        this.distanceBins = binTable(model.matchDistances());
        this.meanLength = Math.max(LzParse.MIN_MATCH, Log2Histogram.mean(model.matchLengths()));
    }

    /**
     * Fills {@code out[0, n)} from {@code rng}. The decisions never depend on {@code n} (a literal run
     * or a match that reaches past it is cut, not shortened beforehand), so a shorter fill is a prefix
     * of a longer one: a small file costs only its own bytes.
     */
    void fill(byte[] out, int n, SplitMix64 rng) {
        double parsed = lengthTotal == 0 ? 0 : Quantiles.sample(model.coverageQuantiles(), rng.nextDouble());
        double coverage = Math.max(0, Math.min(0.999, 1 - (1 - parsed) * model.coverageScale()));
        double meanLiterals = coverage <= 0.001 ? Double.POSITIVE_INFINITY : meanLength * (1 - coverage) / coverage;
        int pos = 0;
        int lastDistance = 0;
        while (pos < n) {
            // one draw for the literal run, one for the match (12 bits pick a length bin and 20 place
            // the length in it, the same for the distance), one for a repeated distance
            long literals = Double.isInfinite(meanLiterals)
                    ? n - pos
                    : Math.round(meanLiterals * EXPONENTIAL[(int) (rng.nextLong() >>> (64 - EXP_BITS))]);
            if (literals == 0 && pos < LzParse.MIN_MATCH) {
                literals = 1;
            }
            pos = literals(out, pos, (int) Math.min(n - pos, literals), rng);
            if (pos >= n || pos < LzParse.MIN_MATCH) {
                continue;
            }
            long m = rng.nextLong();
            long length = Math.max(LzParse.MIN_MATCH, draw(lengthBins, m));
            boolean repeat =
                    lastDistance > 0 && lastDistance <= pos && unit(rng.nextLong(), 0, 20) < model.repeatShare();
            int distance = repeat ? lastDistance : (int) Math.max(1, Math.min(pos, draw(distanceBins, m >>> 32)));
            lastDistance = distance;
            int end = (int) Math.min(n, pos + length);
            if (distance >= end - pos) {
                System.arraycopy(out, pos - distance, out, pos, end - pos);
            } else {
                for (int k = pos; k < end; k++) { // an overlapping copy repeats, as in LZ77
                    out[k] = out[k - distance];
                }
            }
            pos = end;
        }
    }

    /**
     * A value from a histogram's bin table: the low 12 bits of {@code r} pick the bin (each table entry
     * is 1/4096 of the counts), the next 20 the place in it; 0 for an empty histogram.
     */
    private static long draw(byte[] bins, long r) {
        int b = bins[(int) (r & (BIN_TABLE - 1))];
        if (b < 0) {
            return 0;
        }
        long from = 1L << b;
        return from + (long) (unit(r, 12, 20) * from);
    }

    /** Bin of each 1/4096 of a histogram's counts (-1 throughout for an empty one), for O(1) draws. */
    private static byte[] binTable(long[] counts) {
        byte[] t = new byte[BIN_TABLE];
        long total = Log2Histogram.total(counts);
        if (total == 0) {
            java.util.Arrays.fill(t, (byte) -1);
            return t;
        }
        long[] sums = Log2Histogram.cumulative(counts);
        int b = 0;
        for (int k = 0; k < BIN_TABLE; k++) {
            long target = (long) ((k + 0.5) / BIN_TABLE * total);
            while (b < sums.length - 1 && target >= sums[b]) {
                b++;
            }
            t[k] = (byte) b;
        }
        return t;
    }

    private static final int BIN_TABLE = 4096;

    /** {@code bits} bits of {@code r} from bit {@code from}, as a fraction in [0, 1). */
    private static double unit(long r, int from, int bits) {
        return ((r >>> from) & ((1L << bits) - 1)) / (double) (1L << bits);
    }

    private static final int EXP_BITS = 12;
    /** -ln(1 - u) at the middles of 4096 slices of [0, 1): exponential draws without a logarithm each. */
    private static final double[] EXPONENTIAL = new double[1 << EXP_BITS];

    static {
        for (int k = 0; k < EXPONENTIAL.length; k++) {
            EXPONENTIAL[k] = -StrictMath.log(1 - (k + 0.5) / EXPONENTIAL.length);
        }
    }

    private int literals(byte[] out, int pos, int count, SplitMix64 rng) {
        int end = pos + count;
        while (pos < end) {
            long r = rng.nextLong();
            for (int k = 0; k < 4 && pos < end; k++) {
                out[pos++] = literalTable[(int) (r >>> (16 * k)) & ((1 << TABLE_BITS) - 1)];
            }
        }
        return pos;
    }
}
