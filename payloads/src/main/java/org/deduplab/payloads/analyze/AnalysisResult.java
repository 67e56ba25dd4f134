package org.deduplab.payloads.analyze;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

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
    /** The keys of {@link #toMap()}, in order: the counts, then each {@link Technique}'s ratio. */
    public static final List<String> KEYS = Stream.concat(
                    Stream.of("files", "logicalBytes"),
                    Arrays.stream(Technique.values()).map(Technique::key))
            .toList();

    /** Exactly the keys of {@code analyze --json}, in this order. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("files", files);
        m.put("logicalBytes", logicalBytes);
        for (Technique t : Technique.values()) {
            m.put(t.key(), t.ratioOf(this));
        }
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
        StringBuilder out = new StringBuilder(String.format(
                Locale.ROOT,
                "%-18s %d%n%-18s %d (%.2f MB)",
                "files",
                files,
                "logicalBytes",
                logicalBytes,
                logicalBytes / 1e6));
        for (Technique t : Technique.values()) {
            out.append(String.format(Locale.ROOT, "%n%-18s %.3f   (%s)", t.key(), t.ratioOf(this), t.description()));
        }
        return out.toString();
    }
}
