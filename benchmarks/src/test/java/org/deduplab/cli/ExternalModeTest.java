package org.deduplab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.deduplab.provision.EmbeddedServers;
import org.deduplab.store.Endpoint;
import org.deduplab.store.StoreSystem;
import org.deduplab.store.Systems;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * External mode for real, for every system with an embedded server: the test starts the servers
 * itself, hands their URLs and credentials to the lab through the {@code DEDUP_<KEY>_*}
 * configuration, and checks that the lab used them (not its own embedded servers), that a wrong
 * password and a dead port fail preflight with what to fix, and that passwords appear nowhere in
 * output or results. That objects outside the lab's namespace survive is checked per system in its
 * package ({@code PostgresForeignObjectsTest} ...).
 */
@Tag("slow") // starts servers, a launcher, a JMH run, a browser or a child JVM: left out of mvn -Pfast test
class ExternalModeTest {
    static EmbeddedServers servers;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        servers = EmbeddedServers.start(Systems.withEmbeddedServer(), new PrintStream(PrintStream.nullOutputStream()));
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    @AfterEach
    void clearConfiguration() {
        System.getProperties().stringPropertyNames().stream()
                .filter(k -> k.startsWith("DEDUP_") || k.equals("dedup.results"))
                .forEach(System::clearProperty);
    }

    /** Points the lab at {@code e} as an external server of its system, with {@code password}. */
    static void external(StoreSystem s, Endpoint e, String password) {
        System.setProperty(s.variable("URL"), e.url());
        System.setProperty(s.variable("USER"), e.user());
        System.setProperty(s.variable("PASSWORD"), password);
        if (e.dataDir() != null) {
            System.setProperty(s.variable("DATA_DIR"), e.dataDir().toString());
        }
    }

    static List<StoreSystem> embedded() {
        return Systems.withEmbeddedServer().stream().map(Systems::get).toList();
    }

    @Test
    void preflightUsesEachExternalServerAndPassesWithTheRightPassword() throws Exception {
        for (StoreSystem s : embedded()) {
            Endpoint e = servers.endpoint(s.name());
            external(s, e, e.password());
            CommandLineTest.Outcome o = CommandLineTest.run("preflight", "--systems", s.name());
            assertThat(o.code()).as(o.out() + o.err()).isZero();
            assertThat(o.out().strip()).startsWith("OK " + s.name() + " ").endsWith("external");
            assertThat(o.out() + o.err()).doesNotContain(e.password());
            clearConfiguration();
        }
    }

    @Test
    void aWrongPasswordFailsPreflightWithWhatToFix() throws Exception {
        String wrong = "Wrong-Pass-93c2";
        for (StoreSystem s : embedded()) {
            Endpoint e = servers.endpoint(s.name());
            external(s, e, wrong);
            CommandLineTest.Outcome o = CommandLineTest.run("preflight", "--systems", s.name());
            assertThat(o.code()).as(s.name()).isEqualTo(1);
            assertThat(o.out())
                    .as(s.name())
                    .contains("FAIL " + s.name() + " external " + e.safeUrl() + " — access denied for user '"
                            + (e.user().isEmpty() ? "(none)" : e.user()) + "': check " + s.variable("PASSWORD"));
            assertThat(o.out() + o.err()).doesNotContain(wrong);
            clearConfiguration();
        }
    }

    @Test
    void anUnreachablePortFailsWithinTheConnectTimeout() throws Exception {
        int dead;
        try (ServerSocket socket = new ServerSocket(0)) {
            dead = socket.getLocalPort();
        }
        List<String> names = new ArrayList<>();
        for (StoreSystem s : embedded()) {
            Endpoint e = servers.endpoint(s.name());
            System.setProperty(s.variable("URL"), e.url().replaceFirst(":\\d+", ":" + dead));
            System.setProperty(s.variable("USER"), e.user());
            System.setProperty(s.variable("PASSWORD"), e.password());
            names.add(s.name());
        }
        long t0 = System.nanoTime();
        CommandLineTest.Outcome o = CommandLineTest.run("preflight", "--systems", String.join(",", names));
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(o.code()).isEqualTo(1);
        for (StoreSystem s : embedded()) {
            assertThat(o.out())
                    .as(s.name())
                    .contains("FAIL " + s.name() + " external ")
                    .contains(":" + dead);
        }
        assertThat(seconds).isLessThan(60);
    }

    @Test
    void aFullRunUsesExternalEndpointsAndLeaksNoPassword() throws Exception {
        List<String> secrets = new ArrayList<>();
        for (StoreSystem s : embedded()) {
            Endpoint e = servers.endpoint(s.name());
            external(s, e, e.password());
            secrets.add(e.password());
        }
        Path results = tmp.resolve("results");
        System.setProperty("dedup.results", results.toString());

        CommandLineTest.Outcome o = CommandLineTest.run(
                "StructuredJson.bulk",
                "-p",
                "system=" + String.join(",", Systems.withEmbeddedServer()),
                "-p",
                "grade=U50",
                "-p",
                "datasetMiB=1",
                "-i",
                "1",
                "-foe",
                "true",
                "-jvmArgsAppend",
                "-Ddedup.datasets=" + tmp.resolve("datasets"));
        String all = o.out() + o.err();
        assertThat(o.code()).as(all).isZero();
        for (StoreSystem s : embedded()) {
            assertThat(o.out()).contains("external " + s.name() + " at ");
            assertThat(o.out()).doesNotContain("embedded " + s.name() + " ready");
            // files, logical MB, physical delta MB and EDR are numbers, not n/a
            assertThat(o.out())
                    .containsPattern(s.name() + " +structured_json +U50 +bulk +\\d+ +[0-9.]+ +[0-9.]+ +[0-9.]+ ");
        }
        String files;
        try (Stream<Path> list = Files.list(results)) {
            List<Path> written = list.toList();
            // run-<ts>.json, run-<ts>.env.json and the trace run-<ts>.trace.jsonl: secrets in none of them
            assertThat(written.stream().map(p -> p.getFileName().toString().replaceAll("run-[0-9TZ]+", "run")))
                    .containsExactlyInAnyOrder("run.json", "run.env.json", "run.trace.jsonl");
            StringBuilder sb = new StringBuilder();
            for (Path p : written) {
                sb.append(Files.readString(p));
            }
            files = sb.toString();
        }
        assertThat(files).contains("\"mode\" : \"external\"");
        for (String secret : secrets) {
            assertThat(all).doesNotContain(secret);
            assertThat(files).doesNotContain(secret);
        }
    }
}
