package org.deduplab.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.deduplab.provision.EmbeddedServersExtension;
import org.deduplab.store.Endpoint;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The embedded Redis requires the run's password (requirepass). */
@Tag("slow") // starts a server
class RedisSecurityTest {
    static final String SYSTEM = RedisSystem.SYSTEM.name();

    @RegisterExtension
    static final EmbeddedServersExtension servers = new EmbeddedServersExtension(List.of(SYSTEM));

    @Test
    void redisRequiresThePasswordOfTheRun() throws Exception {
        Endpoint redis = servers.endpoint(SYSTEM);
        URI uri = URI.create(redis.url());
        assertThat(redisSays(uri, "PING")).startsWith("-NOAUTH");
        assertThat(redisSays(uri, "AUTH wrong")).startsWith("-WRONGPASS");
        assertThat(redisSays(uri, "AUTH " + redis.password())).isEqualTo("+OK");
    }

    /** One inline command on a fresh connection, and the first line of the answer. */
    private static String redisSays(URI uri, String command) throws Exception {
        try (Socket s = new Socket(uri.getHost(), uri.getPort())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
        }
    }
}
