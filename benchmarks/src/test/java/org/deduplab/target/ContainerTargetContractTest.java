package org.deduplab.target;

import java.util.List;
import java.util.Map;
import org.deduplab.provision.Endpoint;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mariadb.MariaDBContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The same target contract against real servers in containers (pinned image tags), for machines
 * with Docker. Where Docker is absent the whole class is reported as skipped.
 * S3 is covered by the embedded S3Proxy; the MinIO and CockroachDB containers come with their targets.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerTargetContractTest extends TargetContract {
    @Container
    static final PostgreSQLContainer POSTGRES = new PostgreSQLContainer("postgres:17.6");

    @Container
    static final MariaDBContainer MARIADB = new MariaDBContainer("mariadb:11.4.5")
            .withCommand("--max_allowed_packet=256M", "--innodb_flush_log_at_trx_commit=1")
            .withUsername("root").withPassword("dedup-lab-test");

    @Container
    static final GenericContainer<?> REDIS = new GenericContainer<>("redis:6.2.14").withExposedPorts(6379);

    static List<String> systemsUnderTest() {
        return List.of("postgresql", "mariadb", "redis");
    }

    @Override
    Endpoint endpoint(String system) {
        return switch (system) {
            case "postgresql" -> new Endpoint(system, "container", POSTGRES.getJdbcUrl(), POSTGRES.getUsername(),
                    POSTGRES.getPassword(), null, Map.of());
            case "mariadb" -> new Endpoint(system, "container", "jdbc:mariadb://" + MARIADB.getHost() + ":"
                    + MARIADB.getMappedPort(3306) + "/", "root", "dedup-lab-test", null, Map.of());
            case "redis" -> new Endpoint(system, "container", "redis://" + REDIS.getHost() + ":" + REDIS.getMappedPort(6379),
                    "", "", null, Map.of());
            default -> throw new IllegalArgumentException(system + " has no container in this test");
        };
    }
}
