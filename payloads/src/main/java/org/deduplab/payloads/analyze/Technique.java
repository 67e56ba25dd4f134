package org.deduplab.payloads.analyze;

import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The techniques the reference analyzer knows, each a ratio of {@link AnalysisResult}: what an ideal
 * store using it would keep of a dataset. Spelled once here: the {@code analyze --json} key, the
 * report's label and the field it reads.
 */
public enum Technique {
    FILE_DEDUP("fileDedupRatio", "file dedup", "exact whole-file dedup", AnalysisResult::fileDedupRatio),
    BLOCK4K_DEDUP("block4kDedupRatio", "4 KiB block dedup", "fixed 4 KiB blocks", AnalysisResult::block4kDedupRatio),
    CDC_DEDUP("cdcDedupRatio", "FastCDC dedup", "FastCDC 2/8/64 KiB, NC level 2", AnalysisResult::cdcDedupRatio),
    ZSTD("zstdRatio", "zstd-3 per file", "zstd level 3, per file", AnalysisResult::zstdRatio),
    FILE_ZSTD(
            "fileZstdRatio",
            "file dedup + zstd-3",
            "whole-file dedup, then zstd-3 per unique file",
            AnalysisResult::fileZstdRatio),
    CDC_ZSTD(
            "cdcZstdRatio",
            "FastCDC + zstd-3",
            "FastCDC dedup, then zstd-3 per unique chunk",
            AnalysisResult::cdcZstdRatio);

    private final String key;
    private final String label;
    private final String description;
    private final ToDoubleFunction<AnalysisResult> ratio;

    Technique(String key, String label, String description, ToDoubleFunction<AnalysisResult> ratio) {
        this.key = key;
        this.label = label;
        this.description = description;
        this.ratio = ratio;
    }

    /** The key of {@code analyze --json} and of a run's environment file. */
    public String key() {
        return key;
    }

    /** How the report names it. */
    public String label() {
        return label;
    }

    /** What it is, for {@code analyze}'s text output. */
    public String description() {
        return description;
    }

    /** This technique's ratio in an analysis. */
    public double ratioOf(AnalysisResult r) {
        return ratio.applyAsDouble(r);
    }

    /** The technique with {@code analyze --json} key {@code key}, if any. */
    public static Optional<Technique> ofKey(String key) {
        for (Technique t : values()) {
            if (t.key.equals(key)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
