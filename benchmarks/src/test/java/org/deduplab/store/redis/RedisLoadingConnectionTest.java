package org.deduplab.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.deduplab.provision.EmbeddedServersExtension;
import org.deduplab.store.Entry;
import org.deduplab.store.Space;
import org.deduplab.store.StoreConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The loading connection is opened before a load ({@code beginLoad}), not inside it: a load, even one
 * of two bulk calls (cas: blobs, then references), writes through it without connecting again, and
 * the end of the load closes it.
 */
@Tag("slow") // starts servers, a launcher, a JMH run, a browser or a child JVM: left out of mvn -Pfast test
class RedisLoadingConnectionTest {
    @RegisterExtension
    static final EmbeddedServersExtension servers = new EmbeddedServersExtension(List.of("redis"));

    private static long loadingConnections(RedisStore store) {
        return store.control()
                .clientList()
                .lines()
                .filter(l -> l.contains(" name=dedup-lab-loading-"))
                .count();
    }

    /** Server-side ids of the loading connections, which change when a connection is replaced. */
    private static Set<String> loadingIds(RedisStore store) {
        return Set.copyOf(store.control()
                .clientList()
                .lines()
                .filter(l -> l.contains(" name=dedup-lab-loading-"))
                .map(l -> l.substring(0, l.indexOf(' ')))
                .toList());
    }

    @Test
    void aLoadWritesThroughTheConnectionOpenedBeforeIt() throws Exception {
        StoreConfig cas = new StoreConfig(Optional.empty(), Set.of(Space.BLOBS, Space.REFS));
        try (RedisStore store = new RedisStore(servers.endpoint("redis"), cas)) {
            store.provision();
            assertThat(loadingConnections(store)).isZero();
            store.beginLoad();
            Set<String> before = loadingIds(store);
            assertThat(before).hasSize(1);

            store.putAll(Space.BLOBS, List.of(new Entry("aa", new byte[] {1}), new Entry("bb", new byte[] {2})));
            store.putAll(Space.REFS, List.of(new Entry("one", new byte[32]), new Entry("two", new byte[32])));
            store.put(Space.REFS, "three", new byte[32]);
            assertThat(loadingIds(store)).isEqualTo(before);
            assertThat(store.count(Space.REFS)).isEqualTo(3);

            store.endLoad();
            assertThat(loadingConnections(store)).isZero();
        }
    }
}
