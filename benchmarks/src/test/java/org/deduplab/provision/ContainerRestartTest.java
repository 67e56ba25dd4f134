package org.deduplab.provision;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerPort;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import org.deduplab.store.Endpoint;
import org.deduplab.store.Picks;
import org.deduplab.store.StoreSystem;
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
    static final StoreSystem SYSTEM = Picks.first(Picks::container, "with a container");

    @AfterEach
    void clear() {
        System.clearProperty(SYSTEM.variable("MODE"));
    }

    @Test
    void aContainerThatDiesIsReplacedWithAFreshOne() throws Exception {
        System.setProperty(SYSTEM.variable("MODE"), "container");
        try (Provisioning p =
                Provisioning.start(List.of(SYSTEM.name()), new PrintStream(PrintStream.nullOutputStream()))) {
            Endpoint before = p.endpoints().get(SYSTEM.name());
            assertThat(p.restartIfDead(SYSTEM.name())).isEmpty(); // alive: left alone
            kill(before);
            Optional<String> said = p.restartIfDead(SYSTEM.name());
            assertThat(said)
                    .hasValueSatisfying(line -> assertThat(line)
                            .startsWith("container " + SYSTEM.name() + " at " + before.safeUrl()
                                    + " died; restarted with a fresh data directory on "));
            Endpoint after = p.endpoints().get(SYSTEM.name());
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
