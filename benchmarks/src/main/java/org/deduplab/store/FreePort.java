package org.deduplab.store;

import java.io.IOException;
import java.net.ServerSocket;

/** A free TCP port for an embedded server, chosen at start. */
public final class FreePort {
    private FreePort() {}

    public static int pick() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }
}
