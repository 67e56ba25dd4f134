package org.deduplab.store;

/**
 * What a cold restore ({@code -p cache=cold}) can empty on a system's embedded server, declared in
 * its {@link StoreSystem}; the started server's {@link CacheReset} does it.
 */
public enum ColdCache {
    /** The server restarts in place (its own caches empty), then the page cache is dropped. */
    RESTART,
    /** The server keeps no cache of its own: only the page cache is dropped. */
    PAGE_CACHE_ONLY,
    /** Nothing below the server to empty (or no embedded server): cold restores are skipped with the reason. */
    UNAVAILABLE;
}
