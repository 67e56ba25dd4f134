package org.deduplab.store;

/**
 * What the lab does to a server it started so that the next read finds nothing of the data in the
 * server's own caches (a cold restore, {@code -p cache=cold}). The OS page cache is emptied on top of
 * it, by the launcher ({@code org.deduplab.provision.PageCache}).
 */
public sealed interface CacheReset {
    /** Stops the server and starts it again on the same directory, port and credentials; returns its new process. */
    @FunctionalInterface
    interface InPlace {
        ServerProcess restart() throws Exception;
    }

    /** A restart in place: the server's buffer pool (shared_buffers, InnoDB's) starts empty. */
    record Restart(InPlace how) implements CacheReset {}

    /** The server keeps no cache of its own: its reads go through the OS page cache only. */
    record PageCacheOnly(String why) implements CacheReset {}

    /** Cold cannot be had for this server, and why: it is skipped, never measured warm instead. */
    record Unavailable(String why) implements CacheReset {}
}
