package org.deduplab.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.URI;
import java.util.List;
import org.deduplab.cli.PreflightAccess;
import org.deduplab.store.Endpoint;
import org.deduplab.store.Space;
import org.deduplab.store.Store;
import org.deduplab.store.StoreConfig;
import org.deduplab.store.Systems;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The embedded servers are not open to anyone: each listens on loopback only and refuses the lab's
 * store with a wrong password; only the run's own random credentials get in. How each refuses other
 * users and anonymous requests is checked in its package ({@code PostgresSecurityTest} ...).
 */
@Tag("slow") // starts servers, a launcher, a JMH run, a browser or a child JVM: left out of mvn -Pfast test
class EmbeddedServerSecurityTest {
    @RegisterExtension
    static final EmbeddedServersExtension servers = new EmbeddedServersExtension(Systems.withEmbeddedServer());

    static List<String> embedded() {
        return Systems.withEmbeddedServer();
    }

    /** Every embedded server refuses the lab's own store with a wrong password, and its system reads that as access denied. */
    @ParameterizedTest
    @MethodSource("embedded")
    void refusesAWrongPassword(String system) throws Exception {
        Endpoint e = servers.endpoint(system);
        Endpoint wrong = new Endpoint(
                e.system(), e.mode(), e.url(), e.user(), "wrong-" + e.password(), e.dataDir(), e.settings());
        Throwable refused = catchThrowable(() -> {
            try (Store t = Systems.open(wrong, StoreConfig.plain())) {
                t.provision();
                t.put(Space.FILES, "probe", new byte[] {1});
            }
        });
        assertThat(refused).as(system).isNotNull();
        assertThat(PreflightAccess.explain(system, refused))
                .as(system + ": " + refused)
                .startsWith("access denied");
    }

    @ParameterizedTest
    @MethodSource("embedded")
    void listensOnLoopbackOnly(String system) throws Exception {
        long pid = servers.process(system).pid();
        int port = URI.create(servers.endpoint(system).url().replaceFirst("^jdbc:", ""))
                .getPort();
        List<ListeningSockets.Socket> sockets = ListeningSockets.of(pid);
        if (pid
                == ProcessHandle.current()
                        .pid()) { // a server in this JVM (S3Proxy): its own socket, not the test JVM's others
            sockets = sockets.stream().filter(s -> s.port() == port).toList();
        }
        assertThat(sockets)
                .as(system + " listens")
                .isNotEmpty()
                .extracting(ListeningSockets.Socket::port)
                .contains(port);
        assertThat(sockets).as(system + " listening sockets").allMatch(ListeningSockets.Socket::loopback);
    }
}
