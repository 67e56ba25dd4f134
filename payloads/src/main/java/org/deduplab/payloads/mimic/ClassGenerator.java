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
    private final long distanceTotal;
    private final double meanLength;

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
        this.distanceTotal = Log2Histogram.total(model.matchDistances());
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
            long literals = Double.isInfinite(meanLiterals)
                    ? n - pos
                    : Math.round(-meanLiterals * StrictMath.log(1 - rng.nextDouble()));
            if (literals == 0 && pos < LzParse.MIN_MATCH) {
                literals = 1;
            }
            pos = literals(out, pos, (int) Math.min(n - pos, literals), rng);
            if (pos >= n || pos < LzParse.MIN_MATCH) {
                continue;
            }
            long length = Math.max(
                    LzParse.MIN_MATCH,
                    Log2Histogram.sample(model.matchLengths(), lengthTotal, rng.nextDouble(), rng.nextDouble()));
            int distance = lastDistance > 0 && lastDistance <= pos && rng.nextDouble() < model.repeatShare()
                    ? lastDistance
                    : (int) Math.max(
                            1,
                            Math.min(
                                    pos,
                                    Log2Histogram.sample(
                                            model.matchDistances(),
                                            distanceTotal,
                                            rng.nextDouble(),
                                            rng.nextDouble())));
            lastDistance = distance;
            int end = (int) Math.min(n, pos + length);
            for (int k = pos; k < end; k++) { // overlapping copies repeat, as in LZ77
                out[k] = out[k - distance];
            }
            pos = end;
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
