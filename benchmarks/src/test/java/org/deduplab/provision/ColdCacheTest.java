package org.deduplab.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.deduplab.store.ColdCache;
import org.deduplab.store.Endpoint;
import org.deduplab.store.Systems;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What {@code cache=cold} does to every embedded server, as its system declares it ({@code ColdCache}):
 * after {@link Provisioning#emptyCaches} the page cache holds no page of a file ({@code fincore}) and
 * the server answers on the same port, or the system is refused with its reason; a machine without a
 * writable drop_caches refuses them all. What each server's own caches do is checked in its package
 * ({@code PostgresColdCacheTest}: {@code EXPLAIN (BUFFERS)}; {@code MariaDbColdCacheTest}:
 * {@code Innodb_pages_read}).
 */
@Tag("slow") // starts servers
class ColdCacheTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static Provisioning servers;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        servers = Provisioning.start(Systems.withEmbeddedServer(), new PrintStream(PrintStream.nullOutputStream()));
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    @Test
    void withoutAWritableDropCachesEverySystemIsRefused() throws Exception {
        System.setProperty(
                "dedup.dropCaches", tmp.resolve("no-such-dir/drop_caches").toString());
        try {
            for (String system : embedded()) {
                assertThat(servers.coldUnavailable(system)).as(system).isPresent();
                if (Systems.get(system).coldCache() != ColdCache.UNAVAILABLE) {
                    assertThat(servers.coldUnavailable(system))
                            .hasValueSatisfying(why -> assertThat(why).contains("is not writable (root only)"));
                    assertThatThrownBy(() -> servers.emptyCaches(system))
                            .hasMessageContaining("is not writable (root only)");
                }
            }
        } finally {
            System.clearProperty("dedup.dropCaches");
        }
    }

    static List<String> embedded() {
        return Systems.withEmbeddedServer();
    }

    /**
     * Every system with an embedded server, a new one included, does what its {@code StoreSystem}
     * declares ({@link ColdCache}): restarts in place, drops only the page cache, or is refused with its reason.
     */
    @ParameterizedTest
    @MethodSource("embedded")
    void everyEmbeddedServerEmptiesItsCachesAsItsSystemDeclares(String system) throws Exception {
        assumeThat(PageCache.unavailable()).as("needs root for drop_caches").isEmpty();
        ColdCache declared = Systems.get(system).coldCache();
        Optional<String> why = servers.coldUnavailable(system);
        assertThat(why.isPresent()).as(system + " refuses cold restores").isEqualTo(declared == ColdCache.UNAVAILABLE);
        if (why.isPresent()) {
            assertThat(why.get()).isNotBlank();
            assertThatThrownBy(() -> servers.emptyCaches(system))
                    .hasMessageContaining("no cold restore on " + system + ": " + why.get());
            return;
        }
        Path file = tmp.resolve(system + "-some-file");
        byte[] bytes = new byte[4 << 20];
        new Random(1).nextBytes(bytes);
        Files.write(file, bytes);
        Files.readAllBytes(file);
        assertThat(ColdChecks.residentBytes(file)).isPositive();
        String done = servers.emptyCaches(system);
        assertThat(ColdChecks.residentBytes(file))
                .as("no page of a file is cached after the drop")
                .isZero();
        assertThat(done)
                .contains(declared == ColdCache.RESTART ? "restarted in place" : "no cache of its own")
                .contains("page cache dropped");
        assertThat(Endpoint.reachable(servers.endpoints().get(system)))
                .as(system + " answers after its caches were emptied")
                .isTrue();
    }
}
