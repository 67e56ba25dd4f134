package org.deduplab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.deduplab.store.Endpoint;
import org.deduplab.store.Picks;
import org.deduplab.store.ServerMode;
import org.deduplab.store.StoreSystem;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve}: a real launcher starts an embedded server, writes where it is to a 0600 env file
 * that a shell can source, keeps it up until SIGTERM, then stops it; a system without an embedded
 * server is refused with the valid ones.
 */
@Tag("slow") // starts servers, a launcher, a JMH run, a browser or a child JVM: left out of mvn -Pfast test
class ServeCommandTest {
    static final StoreSystem SERVED = Picks.first(Picks::embedded, "with an embedded server");
    static final StoreSystem NOT_EMBEDDED = Picks.first(s -> !Picks.embedded(s), "without an embedded server");

    @TempDir
    Path tmp;

    @Test
    void servesUntilStoppedAndWritesTheEndpoints() throws Exception {
        Path env = tmp.resolve("servers.env");
        Process serve = new ProcessBuilder(LauncherProcess.command(
                        List.of(), "serve", "--systems", SERVED.name(), "--env-file", env.toString()))
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("serve.log").toFile())
                .start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(env) && serve.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(env).as(Files.readString(tmp.resolve("serve.log"))).exists();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(env)))
                    .isEqualTo("rw-------");
            Properties p = new Properties();
            try (var r = Files.newBufferedReader(env)) {
                p.load(r);
            }
            String url = p.getProperty(SERVED.variable("URL")).replace("'", "");
            assertThat(p.getProperty(SERVED.variable("MODE"))).isEqualTo("external");
            Endpoint served = new Endpoint(SERVED.name(), ServerMode.EXTERNAL, url, "", "", null, Map.of());
            assertThat(Endpoint.reachable(served)).as(url).isTrue();
            serve.destroy(); // SIGTERM
            assertThat(serve.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(Endpoint.reachable(served))
                    .as("stopped with the command")
                    .isFalse();
        } finally {
            serve.destroyForcibly();
        }
    }

    @Test
    void aSystemWithoutAnEmbeddedServerIsRefused() throws Exception {
        LauncherProcess.Finished run = LauncherProcess.run(
                tmp,
                Map.of(),
                List.of(),
                60,
                "serve",
                "--systems",
                NOT_EMBEDDED.name(),
                "--env-file",
                tmp.resolve("x.env").toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.output()).contains("no embedded server for '" + NOT_EMBEDDED.name() + "'; valid: ");
        assertThat(tmp.resolve("x.env")).doesNotExist();
    }
}
