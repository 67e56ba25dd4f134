package org.deduplab.provision;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerPort;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import org.deduplab.store.Endpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * A container server killed mid-run is replaced before the next benchmark: a fresh container (new
 * data, new port), the endpoints rewritten, a line saying so. Needs Docker; where it is absent the
 * class is reported as skipped (the embedded case is {@code ServerDeathTest}).
 */
@Tag("slow") // starts servers, a launcher, a JMH run, a browser or a child JVM: left out of mvn -Pfast test
@Testcontainers(disabledWithoutDocker = true)
class ContainerRestartTest {
    @AfterEach
    void clear() {
        System.clearProperty("DEDUP_REDIS_MODE");
    }

    @Test
    void aContainerThatDiesIsReplacedWithAFreshOne() throws Exception {
        System.setProperty("DEDUP_REDIS_MODE", "container");
        try (Provisioning p = Provisioning.start(List.of("redis"), new PrintStream(PrintStream.nullOutputStream()))) {
            Endpoint before = p.endpoints().get("redis");
            assertThat(p.restartIfDead("redis")).isEmpty(); // alive: left alone
            kill(before);
            Optional<String> said = p.restartIfDead("redis");
            assertThat(said)
                    .hasValueSatisfying(line -> assertThat(line)
                            .startsWith("container redis at " + before.safeUrl()
                                    + " died; restarted with a fresh data directory on "));
            Endpoint after = p.endpoints().get("redis");
            assertThat(after.url()).isNotEqualTo(before.url());
            assertThat(Endpoint.reachable(after)).isTrue();
        }
    }

    /** Kills the container that publishes the endpoint's port. */
    private static void kill(Endpoint e) {
        int port = Integer.parseInt(e.url().replaceAll(".*:(\\d+).*", "$1"));
        DockerClient docker = DockerClientFactory.instance().client();
        for (Container c : docker.listContainersCmd().exec()) {
            for (ContainerPort cp : c.getPorts()) {
                if (cp.getPublicPort() != null && cp.getPublicPort() == port) {
                    docker.killContainerCmd(c.getId()).exec();
                    return;
                }
            }
        }
        throw new AssertionError("no container publishes port " + port);
    }
}
