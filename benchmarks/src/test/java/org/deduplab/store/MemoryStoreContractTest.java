package org.deduplab.store;

import java.util.List;
import org.deduplab.layout.Layout;
import org.deduplab.store.memory.MemoryStore;

/**
 * The store contract on the in-memory store, in the fast tests: every registered layout's load,
 * read, count, delete and missing-piece cases and the load verifier run on every {@code mvn -Pfast
 * test}, without a server. Two stores share one namespace, like two connections to one server.
 */
class MemoryStoreContractTest extends StoreContract {
    private final MemoryStore.Namespace namespace = new MemoryStore.Namespace();

    static List<String> systemsUnderTest() {
        return List.of(MemoryStore.NAME);
    }

    @Override
    Store open(String system, Layout layout) {
        return new MemoryStore(namespace, new StoreConfig(java.util.Optional.empty(), layout.spaces()));
    }

    @Override
    boolean storesShareANamespace(String system) {
        return true;
    }
}
