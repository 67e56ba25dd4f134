package org.deduplab.store;

import java.util.List;
import java.util.Optional;
import org.deduplab.layout.Layout;
import org.deduplab.provision.EmbeddedServersExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The store contract against the embedded servers the launcher uses. */
@Tag("slow") // starts servers, a launcher, a JMH run, a browser or a child JVM: left out of mvn -Pfast test
class EmbeddedStoreContractTest extends StoreContract {
    @RegisterExtension
    static final EmbeddedServersExtension servers = new EmbeddedServersExtension(Systems.withEmbeddedServer());

    static List<String> systemsUnderTest() {
        return Systems.withEmbeddedServer();
    }

    @Override
    Store open(String system, Layout layout) {
        return Systems.open(servers.endpoint(system), new StoreConfig(Optional.empty(), layout.spaces()));
    }

    @Override
    boolean storesShareANamespace(String system) {
        return Systems.get(system).sharedNamespace();
    }
}
