package org.deduplab.payloads.mimic;

import com.github.luben.zstd.ZstdCompressCtx;
import org.deduplab.payloads.analyze.ReferenceAnalyzer;
import org.deduplab.payloads.gen.SplitMix64;

/**
 * Fits one number per content model at profile time: how much of a block the mimic leaves uncovered
 * by matches, relative to the profile's parse, so that zstd-3 compresses the mimic's blocks as much
 * as it compressed the corpus's files. A bisection over {@link #SAMPLE_BLOCKS} generated blocks with
 * a fixed seed: the profile stays a pure function of the corpus.
 */
final class Calibration {
    static final int SAMPLE_BLOCKS = 24;
    private static final int STEPS = 12;

    private Calibration() {}

    static CorpusProfile.ClassModel calibrate(CorpusProfile.ClassModel m) {
        if (m.zstdRatio() <= 1.0 || Log2Histogram.total(m.matchLengths()) == 0) {
            return with(m, 1.0);
        }
        double lo = 0;
        double hi = 1.5;
        for (int i = 0; i < STEPS; i++) {
            double mid = (lo + hi) / 2;
            if (ratio(with(m, mid)) > m.zstdRatio()) {
                lo = mid; // too compressible: leave more uncovered
            } else {
                hi = mid;
            }
        }
        return with(m, Quantiles.round((lo + hi) / 2));
    }

    /** zstd-3 of {@link #SAMPLE_BLOCKS} blocks the model makes, each compressed on its own. */
    static double ratio(CorpusProfile.ClassModel m) {
        ClassGenerator g = new ClassGenerator(m);
        byte[] block = new byte[Math.max(1, Math.min(Profiler.BLOCK, m.blockBytes()))];
        long compressed = 0;
        try (ZstdCompressCtx zstd = new ZstdCompressCtx().setLevel(ReferenceAnalyzer.ZSTD_LEVEL)) {
            for (int b = 0; b < SAMPLE_BLOCKS; b++) {
                g.fill(block, block.length, new SplitMix64(SplitMix64.mix(0xCA11B, b)));
                compressed += zstd.compress(block).length;
            }
        }
        return (double) SAMPLE_BLOCKS * block.length / compressed;
    }

    private static CorpusProfile.ClassModel with(CorpusProfile.ClassModel m, double scale) {
        return new CorpusProfile.ClassModel(
                m.name(),
                m.entropyBand(),
                m.sizeBand(),
                m.blockBytes(),
                m.fileShare(),
                m.byteShare(),
                m.literalFrequencies(),
                m.coverageQuantiles(),
                m.matchLengths(),
                m.matchDistances(),
                m.repeatShare(),
                m.zstdRatio(),
                scale);
    }
}
