package org.deduplab.provision;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.deduplab.store.Endpoint;
import org.deduplab.store.ServerProcess;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Embedded servers for one test class, started before its first test and stopped after its last:
 * {@code @RegisterExtension static final EmbeddedServersExtension servers = new EmbeddedServersExtension(List.of("s3"));}
 */
public final class EmbeddedServersExtension implements BeforeAllCallback, AfterAllCallback {
    private final List<String> systems;
    private EmbeddedServers servers;

    public EmbeddedServersExtension(List<String> systems) {
        this.systems = systems;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        servers = EmbeddedServers.start(systems, new PrintStream(PrintStream.nullOutputStream()));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (servers != null) {
            servers.close();
        }
    }

    public Endpoint endpoint(String system) {
        return servers.endpoint(system);
    }

    public Optional<Endpoint> admin(String system) {
        return servers.admin(system);
    }

    /** The endpoints file the forks of a run read, written into the servers' run directory. */
    public Path writeEndpoints() throws IOException {
        return servers.writeEndpoints();
    }

    public ServerProcess process(String system) {
        return servers.process(system);
    }
}
