package org.deduplab.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.deduplab.layout.Layout;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The same store contract against real servers in containers, built exactly as the launcher's
 * container mode builds them (each system's {@link ContainerServer} in the registry: pinned image,
 * production durability): PostgreSQL, MariaDB, CockroachDB (single node), Redis and MinIO. Where
 * Docker is absent the whole class is reported as skipped. S3 is covered by the embedded S3Proxy.
 */
@Tag("slow") // starts servers, a launcher, a JMH run, a browser or a child JVM: left out of mvn -Pfast test
@Testcontainers(disabledWithoutDocker = true)
class ContainerStoreContractTest extends StoreContract {
    static final String PASSWORD = "dedup-lab-test-password";
    static final Map<String, Endpoint> ENDPOINTS = new ConcurrentHashMap<>();
    static final List<GenericContainer<?>> STARTED = new CopyOnWriteArrayList<>();

    static List<String> systemsUnderTest() {
        return Systems.withContainer();
    }

    @BeforeAll
    static void start() {
        Systems.withContainer().parallelStream()
                .forEach(s ->
                        ENDPOINTS.put(s, start(s, Systems.get(s).container().orElseThrow())));
    }

    private static <C extends GenericContainer<?>> Endpoint start(String system, ContainerServer<C> spec) {
        C c = spec.newContainer(PASSWORD);
        STARTED.add(c);
        c.start();
        return spec.endpoint(system, c, PASSWORD);
    }

    @AfterAll
    static void stop() {
        STARTED.forEach(GenericContainer::stop);
    }

    @Override
    Store open(String system, Layout layout) {
        return Systems.open(ENDPOINTS.get(system), new StoreConfig(Optional.empty(), layout.spaces()));
    }

    @Override
    boolean storesShareANamespace(String system) {
        return Systems.get(system).sharedNamespace();
    }
}
