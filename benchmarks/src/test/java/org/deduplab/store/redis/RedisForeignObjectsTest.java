package org.deduplab.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Path;
import java.util.List;
import org.deduplab.provision.EmbeddedServersExtension;
import org.deduplab.store.Endpoint;
import org.deduplab.store.LabWork;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The lab's key prefix and nothing else: another key survives provisioning, loads and resets. */
@Tag("slow") // starts a server
class RedisForeignObjectsTest {
    static final String SYSTEM = RedisSystem.SYSTEM.name();

    @RegisterExtension
    static final EmbeddedServersExtension servers = new EmbeddedServersExtension(List.of(SYSTEM));

    @TempDir
    static Path tmp;

    @Test
    void whatTheLabDoesLeavesObjectsOutsideItsNamespaceAlone() throws Exception {
        Endpoint e = servers.endpoint(SYSTEM);
        plant(e);
        LabWork.loadAndReset(e, tmp);
        assertThat(survived(e)).isTrue();
    }

    static RedisClient client(Endpoint e) {
        RedisURI uri = RedisURI.create(e.url());
        uri.setPassword(e.password().toCharArray());
        return RedisClient.create(uri);
    }

    static void plant(Endpoint e) {
        RedisClient redis = client(e);
        try (StatefulRedisConnection<String, String> c = redis.connect()) {
            c.sync().set("other:key", "keep");
        } finally {
            redis.shutdown();
        }
    }

    static boolean survived(Endpoint e) {
        RedisClient redis = client(e);
        try (StatefulRedisConnection<String, String> c = redis.connect()) {
            return "keep".equals(c.sync().get("other:key"));
        } finally {
            redis.shutdown();
        }
    }
}
