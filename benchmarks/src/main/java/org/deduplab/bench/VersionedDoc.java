package org.deduplab.bench;

/**
 * Loads {@code versioned_doc}: families of document revisions, each a small edit of the previous one (FastCDC dedup far above 4 KiB block dedup).
 *
 * <p>Measures, per system and grade: seconds per full load (the score), logical bytes, the growth
 * of the system's footprint and EDR = logical / physical, next to the dataset's reference EDR.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar VersionedDoc} (or {@code -p payload=versioned_doc});
 * one system: {@code ... VersionedDoc -p system=postgresql}.
 */
public class VersionedDoc extends StorageBenchmark {}
