package org.deduplab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.deduplab.payloads.BadInputException;
import org.deduplab.provision.Provisioning;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * Variants and layouts on the command line: bad values are one line with the valid ones before any
 * server starts; a variant the server cannot run (lz4 on the embedded PostgreSQL) is left out with a
 * line saying what to do, or, named explicitly, stops the run before any fork.
 */
@Tag("slow") // starts servers, a launcher, a JMH run, a browser or a child JVM: left out of mvn -Pfast test
class VariantCheckTest {
    static Provisioning servers;

    @BeforeAll
    static void start() throws Exception {
        servers = Provisioning.start(List.of("postgresql"), new PrintStream(PrintStream.nullOutputStream()));
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    @Test
    void aVariantTheServerCannotRunIsLeftOutWithWhatToDo() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> kept = VariantCheck.runnable(
                List.of("postgresql", "postgresql:pglz", "postgresql:lz4"),
                List.of("postgresql:*"),
                servers,
                new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(kept).containsExactly("postgresql", "postgresql:pglz");
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("postgresql:lz4 left out")
                .contains("built without lz4")
                .contains("DEDUP_PG_URL");
        assertThatThrownBy(() -> VariantCheck.runnable(
                        List.of("postgresql:lz4"),
                        List.of("postgresql:lz4"),
                        servers,
                        new PrintStream(PrintStream.nullOutputStream())))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("built without lz4")
                .hasMessageContaining("asked for with -p system=postgresql:lz4");
    }

    @Test
    void askedForExplicitlyItStopsTheRunBeforeAnyFork() throws Exception {
        CommandLineTest.Outcome o =
                CommandLineTest.run("StructuredJson.bulk", "-p", "system=postgresql:lz4", "-p", "datasetMiB=1");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("built without lz4").contains("DEDUP_PG_URL");
        assertThat(o.out()).doesNotContain("# Fork");
    }

    @Test
    void unknownVariantsAndLayoutsListTheValidValues() throws Exception {
        CommandLineTest.Outcome redis = CommandLineTest.run("-p", "system=redis:fast", "-p", "datasetMiB=1");
        assertThat(redis.code()).isEqualTo(2);
        assertThat(redis.err()).contains("redis has no storage variants; valid: redis");
        assertThat(redis.out()).doesNotContain("embedded");

        CommandLineTest.Outcome pg = CommandLineTest.run("-p", "system=postgresql:zstd");
        assertThat(pg.code()).isEqualTo(2);
        assertThat(pg.err())
                .contains("unknown variant 'postgresql:zstd'; valid: postgresql, postgresql:pglz,"
                        + " postgresql:uncompressed, postgresql:lz4");

        CommandLineTest.Outcome layout = CommandLineTest.run("-p", "layout=zip", "-p", "system=redis");
        assertThat(layout.code()).isEqualTo(2);
        assertThat(layout.err()).contains("unknown layout 'zip'; valid: plain, cas, cdc");
    }

    @Test
    void everyVariantOfASystemIsOneValue() throws Exception {
        CommandLineOptions cmd =
                new CommandLineOptions("StructuredJson", "-p", "system=mariadb:*,postgresql", "-p", "layout=plain,cas");
        StorageMatrix m = StorageMatrix.resolve(cmd, BenchmarkSelection.of(cmd));
        assertThat(m.systems())
                .containsExactly(
                        "mariadb:page_zlib",
                        "mariadb:row_compressed",
                        "mariadb:row_compressed_4k",
                        "mariadb:column_zlib",
                        "postgresql");
        assertThat(m.servers()).containsExactly("mariadb", "postgresql");
        assertThat(m.describe())
                .startsWith("EXPERIMENT MATRIX: 1 payload type x 3 grades x 2 stages x 5 systems x 2 layouts"
                        + " = 60 benchmarks")
                .contains("layouts=plain,cas");
    }
}
