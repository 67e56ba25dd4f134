package org.deduplab.bench;

/**
 * Loads {@code compressed_media}: JPEG / PNG / MP4 files, real container headers around high-entropy payload (zstd-3 ratio ≤ 1.05).
 *
 * <p>Measures, per system and grade: seconds per full load (the score), logical bytes, the growth
 * of the system's footprint and EDR = logical / physical, next to the dataset's reference EDR.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar CompressedMedia} (or {@code -p payload=compressed_media});
 * one system: {@code ... CompressedMedia -p system=postgresql}.
 */
public class CompressedMedia extends StorageBenchmark {}
