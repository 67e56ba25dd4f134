package org.deduplab.store;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A server the lab starts in-process or as a child process, with its data under a directory of the
 * run. It listens on loopback only and requires the credentials generated for it at start.
 */
@FunctionalInterface
public interface EmbeddedServer {
    /**
     * Starts the server with its data under {@code dir} (created if missing) on a free loopback port;
     * its endpoint carries {@code system}, the registry's name of what it serves.
     */
    Running start(String system, Path dir) throws Exception;

    /**
     * A started server: where it is (with the lab's credentials), how to stop it, its own process,
     * and an administrator's endpoint where the lab's user is limited (kept in memory for tests that
     * set up users or foreign objects; never written to a file), and how its own caches are emptied
     * for a cold restore.
     */
    record Running(
            Endpoint endpoint,
            AutoCloseable stop,
            ServerProcess process,
            Optional<Endpoint> admin,
            CacheReset cacheReset) {
        public Running(Endpoint endpoint, AutoCloseable stop, ServerProcess process, CacheReset cacheReset) {
            this(endpoint, stop, process, Optional.empty(), cacheReset);
        }
    }
}
