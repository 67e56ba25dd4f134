package org.deduplab.payloads.analyze;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reference ratios of a set of files: logical bytes divided by the bytes an ideal store using one
 * technique would keep. These are the "physical limits" a real system is held to.
 */
public record AnalysisResult(
        long files,
        long logicalBytes,
        double fileDedupRatio,
        double block4kDedupRatio,
        double cdcDedupRatio,
        double zstdRatio,
        double fileZstdRatio,
        double cdcZstdRatio) {
    /** The keys of {@link #toMap()}, in order. */
    public static final List<String> KEYS = List.of(
            "files",
            "logicalBytes",
            "fileDedupRatio",
            "block4kDedupRatio",
            "cdcDedupRatio",
            "zstdRatio",
            "fileZstdRatio",
            "cdcZstdRatio");

    /** Exactly the keys of {@code analyze --json}, in this order. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("files", files);
        m.put("logicalBytes", logicalBytes);
        m.put("fileDedupRatio", fileDedupRatio);
        m.put("block4kDedupRatio", block4kDedupRatio);
        m.put("cdcDedupRatio", cdcDedupRatio);
        m.put("zstdRatio", zstdRatio);
        m.put("fileZstdRatio", fileZstdRatio);
        m.put("cdcZstdRatio", cdcZstdRatio);
        return m;
    }

    /** The inverse of {@link #toMap()} (e.g. for a result read back from JSON); empty when a key is missing (an older analysis). */
    public static Optional<AnalysisResult> fromMap(Map<?, ?> m) {
        if (!m.keySet().containsAll(KEYS)) {
            return Optional.empty();
        }
        return Optional.of(new AnalysisResult(
                ((Number) m.get("files")).longValue(),
                ((Number) m.get("logicalBytes")).longValue(),
                ((Number) m.get("fileDedupRatio")).doubleValue(),
                ((Number) m.get("block4kDedupRatio")).doubleValue(),
                ((Number) m.get("cdcDedupRatio")).doubleValue(),
                ((Number) m.get("zstdRatio")).doubleValue(),
                ((Number) m.get("fileZstdRatio")).doubleValue(),
                ((Number) m.get("cdcZstdRatio")).doubleValue()));
    }

    public String toText() {
        return String.format(
                Locale.ROOT,
                """
                files              %d
                logicalBytes       %d (%.2f MB)
                fileDedupRatio     %.3f   (exact whole-file dedup)
                block4kDedupRatio  %.3f   (fixed 4 KiB blocks)
                cdcDedupRatio      %.3f   (FastCDC 2/8/64 KiB, NC level 2)
                zstdRatio          %.3f   (zstd level 3, per file)
                fileZstdRatio      %.3f   (whole-file dedup, then zstd-3 per unique file)
                cdcZstdRatio       %.3f   (FastCDC dedup, then zstd-3 per unique chunk)""",
                files,
                logicalBytes,
                logicalBytes / 1e6,
                fileDedupRatio,
                block4kDedupRatio,
                cdcDedupRatio,
                zstdRatio,
                fileZstdRatio,
                cdcZstdRatio);
    }
}
