package org.deduplab.store.memory;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deduplab.store.CacheReset;
import org.deduplab.store.EmbeddedServer;
import org.deduplab.store.Endpoint;
import org.deduplab.store.ServerMode;
import org.deduplab.store.ServerProcess;
import org.deduplab.store.StoreSystem;

/**
 * The in-memory store as a system: no port, no server, no credentials; its "server" is the
 * benchmark's own JVM. Not in the registry: ArchitectureChecklistsTest adds it to a copy of the tree
 * through docs/ARCHITECTURE.md's checklist, to prove the checklist on something that is not a SQL
 * server renamed.
 */
public final class MemorySystem {
    public static final StoreSystem SYSTEM = new StoreSystem(
                    MemoryStore.NAME,
                    "MEMORY",
                    (endpoint, config) -> new MemoryStore(config),
                    List.of(),
                    Optional.of(MemorySystem::start),
                    Optional.empty(),
                    user -> "nothing: the store lives in the benchmark's own JVM (" + user + " needs no grant)",
                    "bytes of the keys and values held in the fork's heap, nothing to settle",
                    t -> Optional.empty())
            .alive(endpoint -> true); // nothing listens: there is nothing that could die apart from the fork

    private MemorySystem() {}

    private static EmbeddedServer.Running start(String system, java.nio.file.Path dir) throws Exception {
        Files.createDirectories(dir);
        Endpoint e = new Endpoint(
                system, ServerMode.EMBEDDED, MemoryStore.NAME + ":", "", "", dir, Map.of("server", "the fork's heap"));
        return new EmbeddedServer.Running(
                e, () -> {}, ServerProcess.inThisJvm(), new CacheReset.Unavailable("the store is the fork's heap"));
    }
}
