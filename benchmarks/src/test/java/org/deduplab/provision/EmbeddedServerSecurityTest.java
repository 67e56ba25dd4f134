package org.deduplab.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minio.MinioClient;
import io.minio.errors.ErrorResponseException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.deduplab.store.Endpoint;
import org.deduplab.store.Systems;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The embedded servers are not open to anyone: each listens on loopback only and refuses a
 * connection with a wrong password and one with none; only the run's own random credentials get in.
 */
@Tag("slow") // starts servers, a launcher, a JMH run, a browser or a child JVM: left out of mvn -Pfast test
class EmbeddedServerSecurityTest {
    @RegisterExtension
    static final EmbeddedServersExtension servers = new EmbeddedServersExtension(Systems.withEmbeddedServer());

    static List<String> embedded() {
        return Systems.withEmbeddedServer();
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

    @Test
    void postgresqlRequiresThePasswordOfTheRun() throws Exception {
        Endpoint pg = servers.endpoint("postgresql");
        assertThatThrownBy(() -> connect(pg.url(), "postgres", "wrong"))
                .hasMessageContaining("password authentication failed");
        assertThatThrownBy(() -> connect(pg.url(), "postgres", null)).hasMessageContaining("no password");
        assertThatThrownBy(() -> connect(pg.url(), "intruder", null)).isInstanceOf(SQLException.class);
        try (Connection c = connect(pg.url(), pg.user(), pg.password())) {
            assertThat(c.isValid(5)).isTrue();
        }
    }

    @Test
    void mariadbHasGrantTablesAndALimitedLabUser() throws Exception {
        Endpoint maria = servers.endpoint("mariadb");
        for (String user : List.of(maria.user(), "root", "intruder", "")) {
            assertThatThrownBy(() -> connect(maria.url(), user, "wrong"))
                    .as(user)
                    .hasMessageContaining("Access denied");
            assertThatThrownBy(() -> connect(maria.url(), user, null)).as(user).hasMessageContaining("Access denied");
        }
        try (Connection c = connect(maria.url(), maria.user(), maria.password());
                var s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS dedup_lab");
            // limited to what the lab needs: no other database, no user administration
            assertThatThrownBy(() -> s.execute("CREATE DATABASE other")).hasMessageContaining("Access denied");
            assertThatThrownBy(() -> s.execute("CREATE USER x IDENTIFIED BY 'y'"))
                    .hasMessageContaining("Access denied");
            var rs = s.executeQuery("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA");
            List<String> visible = new ArrayList<>();
            while (rs.next()) {
                visible.add(rs.getString(1));
            }
            assertThat(visible).containsExactlyInAnyOrder("information_schema", "dedup_lab");
        }
    }

    @Test
    void redisRequiresThePasswordOfTheRun() throws Exception {
        Endpoint redis = servers.endpoint("redis");
        URI uri = URI.create(redis.url());
        assertThat(redisSays(uri, "PING")).startsWith("-NOAUTH");
        assertThat(redisSays(uri, "AUTH wrong")).startsWith("-WRONGPASS");
        assertThat(redisSays(uri, "AUTH " + redis.password())).isEqualTo("+OK");
    }

    @Test
    void s3RefusesAnonymousAndWrongKeys() throws Exception {
        Endpoint s3 = servers.endpoint("s3");
        HttpURLConnection anonymous =
                (HttpURLConnection) URI.create(s3.url() + "/").toURL().openConnection();
        assertThat(anonymous.getResponseCode()).isEqualTo(403);
        MinioClient wrong = MinioClient.builder()
                .endpoint(s3.url())
                .credentials(s3.user(), "wrong-secret")
                .build();
        assertThatThrownBy(wrong::listBuckets)
                .isInstanceOfSatisfying(
                        ErrorResponseException.class,
                        e -> assertThat(e.response().code()).isEqualTo(403));
        MinioClient right = MinioClient.builder()
                .endpoint(s3.url())
                .credentials(s3.user(), s3.password())
                .build();
        assertThat(right.listBuckets()).isNotNull();
    }

    private static Connection connect(String url, String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null) {
            p.setProperty("password", password);
        }
        return DriverManager.getConnection(url, p);
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
