package org.deduplab.bench;

/**
 * Loads {@code structured_json}: JSON Lines exports of e-commerce events (zstd-3 ratio 3–12x per file).
 *
 * <p>Measures, per system and grade: seconds per full load (the score), logical bytes, the growth
 * of the system's footprint and EDR = logical / physical, next to the dataset's reference EDR.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar StructuredJson} (or {@code -p payload=structured_json});
 * one system: {@code ... StructuredJson -p system=postgresql}.
 */
public class StructuredJson extends StorageBenchmark {}
