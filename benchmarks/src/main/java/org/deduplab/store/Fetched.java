package org.deduplab.store;

import java.util.Map;

/**
 * What one {@link Store#getAll} returned: the values found (a missing key is absent) and how many
 * requests went on the wire for them (one per batch where the system batches reads, one per key
 * where it does not).
 *
 * @param values key -> stored value, for the keys that exist
 * @param requests requests sent to the system
 */
public record Fetched(Map<String, byte[]> values, int requests) {}
