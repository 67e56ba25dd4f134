package org.deduplab.bench;

/**
 * Loads {@code text_log}: application log segments with timestamps, templates, trace ids and stack traces.
 *
 * <p>Measures, per system and grade: seconds per full load (the score), logical bytes, the growth
 * of the system's footprint and EDR = logical / physical, next to the dataset's reference EDR.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar TextLog} (or {@code -p payload=text_log});
 * one system: {@code ... TextLog -p system=postgresql}.
 */
public class TextLog extends StorageBenchmark {}
