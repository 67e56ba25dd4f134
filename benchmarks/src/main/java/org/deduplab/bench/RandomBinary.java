package org.deduplab.bench;

/**
 * Loads {@code random_binary}: uniformly random bytes, the incompressible worst case (zstd-3 ratio ≤ 1.01).
 *
 * <p>Measures, per system and grade: seconds per full load (the score), logical bytes, the growth
 * of the system's footprint and EDR = logical / physical, next to the dataset's reference EDR.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar RandomBinary} (or {@code -p payload=random_binary});
 * one system: {@code ... RandomBinary -p system=postgresql}.
 */
public class RandomBinary extends StorageBenchmark {}
