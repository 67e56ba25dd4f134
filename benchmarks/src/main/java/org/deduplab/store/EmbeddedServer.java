package org.deduplab.store;

import java.nio.file.Path;

/** A server the lab starts in-process or as a child process, with its data under a directory of the run. */
@FunctionalInterface
public interface EmbeddedServer {
    /** Starts the server with its data under {@code dir} (created if missing) on a free port. */
    Running start(Path dir) throws Exception;

    /** A started server: where it is, and how to stop it. */
    record Running(Endpoint endpoint, AutoCloseable stop) {
    }
}
