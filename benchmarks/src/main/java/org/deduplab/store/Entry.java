package org.deduplab.store;

/** One key and its value, as a layout hands them to a store. */
public record Entry(String key, byte[] value) {}
