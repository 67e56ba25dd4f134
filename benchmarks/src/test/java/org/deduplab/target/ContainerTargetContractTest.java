package org.deduplab.target;

import java.util.List;
import org.deduplab.provision.ContainerServers;
import org.deduplab.provision.Endpoint;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The same target contract against real servers in containers, built exactly as the launcher's
 * container mode builds them (pinned images, production durability), for machines with Docker:
 * PostgreSQL, MariaDB, CockroachDB (single node), Redis and MinIO. Where Docker is absent the whole
 * class is reported as skipped. S3 is covered by the embedded S3Proxy.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerTargetContractTest extends TargetContract {
    static final String PASSWORD = "dedup-lab-test-password";

    @Container
    static final GenericContainer<?> POSTGRES = ContainerServers.create("postgresql", PASSWORD);

    @Container
    static final GenericContainer<?> MARIADB = ContainerServers.create("mariadb", PASSWORD);

    @Container
    static final GenericContainer<?> COCKROACH = ContainerServers.create("cockroachdb", PASSWORD);

    @Container
    static final GenericContainer<?> REDIS = ContainerServers.create("redis", PASSWORD);

    @Container
    static final GenericContainer<?> MINIO = ContainerServers.create("minio", PASSWORD);

    static List<String> systemsUnderTest() {
        return List.of("postgresql", "mariadb", "cockroachdb", "redis", "minio");
    }

    @Override
    Endpoint endpoint(String system) {
        GenericContainer<?> c = switch (system) {
            case "postgresql" -> POSTGRES;
            case "mariadb" -> MARIADB;
            case "cockroachdb" -> COCKROACH;
            case "redis" -> REDIS;
            case "minio" -> MINIO;
            default -> throw new IllegalArgumentException(system + " has no container in this test");
        };
        return ContainerServers.endpoint(system, c, PASSWORD);
    }
}
