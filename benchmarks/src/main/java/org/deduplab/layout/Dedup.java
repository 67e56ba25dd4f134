package org.deduplab.layout;

/**
 * What a layout promises to keep once: the dedup it does itself, before the system stores anything.
 * {@code StoreContract} holds every registered layout to its own promise on every system.
 */
public enum Dedup {
    /** Nothing: every file is an entry of its own, a duplicate costs its full size again. */
    NONE,
    /** Whole files: each distinct file content is one entry of the layout's content-addressed space. */
    WHOLE_FILE,
    /** FastCDC chunks: each distinct chunk is one entry of the layout's content-addressed space. */
    CHUNKS
}
