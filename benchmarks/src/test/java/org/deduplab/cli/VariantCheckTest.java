package org.deduplab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deduplab.layout.Layouts;
import org.deduplab.payloads.BadInputException;
import org.deduplab.provision.Provisioning;
import org.deduplab.store.Picks;
import org.deduplab.store.Store;
import org.deduplab.store.StoreConfig;
import org.deduplab.store.StoreSystem;
import org.deduplab.store.Systems;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * Variants and layouts on the command line, for every system of the registry: bad values are one line
 * with the valid ones before any server starts; a variant the embedded server cannot run (found by
 * asking each server, as the launcher does) is left out with a line saying what to do, or, named
 * explicitly, stops the run before any fork.
 */
@Tag("slow") // starts servers, a launcher, a JMH run, a browser or a child JVM: left out of mvn -Pfast test
class VariantCheckTest {
    static Provisioning servers;
    /** Every variant of the embedded systems -> why its server cannot run it (empty: it can). */
    static final Map<String, Optional<String>> VARIANTS = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        servers = Provisioning.start(Systems.withEmbeddedServer(), new PrintStream(PrintStream.nullOutputStream()));
        for (String system : Systems.withEmbeddedServer()) {
            for (String v : variantsOf(Systems.get(system))) {
                try (Store t = Systems.open(
                        servers.endpoints().get(Systems.serverOf(v)), StoreConfig.plain(Systems.variantOf(v)))) {
                    VARIANTS.put(v, t.footprint().variantUnavailable());
                }
            }
        }
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    static List<String> variantsOf(StoreSystem s) {
        return s.values().subList(1, s.values().size());
    }

    /** A variant an embedded server here cannot run (lz4 on a PostgreSQL built without it). */
    static String unavailable() {
        String v = VARIANTS.entrySet().stream()
                .filter(e -> e.getValue().isPresent())
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(null);
        assumeThat(v).as("every variant runs on the embedded servers here").isNotNull();
        return v;
    }

    @Test
    void aVariantTheServerCannotRunIsLeftOutWithWhatToDo() throws Exception {
        String left = unavailable();
        StoreSystem system = Systems.get(Systems.baseOf(left));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(system.values());
        List<String> kept = VariantCheck.runnable(
                all, List.of(system.name() + ":*"), servers, new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(kept)
                .containsExactlyElementsOf(all.stream()
                        .filter(v -> !VARIANTS.getOrDefault(v, Optional.empty()).isPresent())
                        .toList());
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains(left + " left out")
                .contains(system.variable("URL"));
        assertThatThrownBy(() -> VariantCheck.runnable(
                        List.of(left), List.of(left), servers, new PrintStream(PrintStream.nullOutputStream())))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining(VARIANTS.get(left).get())
                .hasMessageContaining("asked for with -p system=" + left);
    }

    @Test
    void askedForExplicitlyItStopsTheRunBeforeAnyFork() throws Exception {
        String left = unavailable();
        CommandLineTest.Outcome o =
                CommandLineTest.run("StructuredJson.bulk", "-p", "system=" + left, "-p", "datasetMiB=1");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains(VARIANTS.get(left).get());
        assertThat(o.out()).doesNotContain("# Fork");
    }

    @Test
    void unknownVariantsAndLayoutsListTheValidValues() throws Exception {
        StoreSystem plain = Picks.first(s -> s.variants().isEmpty(), "without variants");
        CommandLineTest.Outcome none =
                CommandLineTest.run("-p", "system=" + plain.name() + ":fast", "-p", "datasetMiB=1");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains(plain.name() + " has no storage variants; valid: " + plain.name());
        assertThat(none.out()).doesNotContain("embedded");

        StoreSystem varied = Picks.first(s -> !s.variants().isEmpty(), "with variants");
        CommandLineTest.Outcome unknown = CommandLineTest.run("-p", "system=" + varied.name() + ":no_such");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err())
                .contains("unknown variant '" + varied.name() + ":no_such'; valid: "
                        + String.join(", ", varied.values()));

        CommandLineTest.Outcome layout = CommandLineTest.run("-p", "layout=zip", "-p", "system=" + plain.name());
        assertThat(layout.code()).isEqualTo(2);
        assertThat(layout.err()).contains("unknown layout 'zip'; valid: " + String.join(", ", Layouts.names()));
    }

    @Test
    void everyVariantOfASystemIsOneValue() throws Exception {
        StoreSystem varied = Picks.first(s -> Picks.embedded(s) && s.variants().size() > 1, "embedded, with variants");
        String other = Picks.first(s -> Picks.embedded(s) && s != varied, "another embedded")
                .name();
        CommandLineOptions cmd = new CommandLineOptions(
                "StructuredJson", "-p", "system=" + varied.name() + ":*," + other, "-p", "layout=plain,cas");
        StorageMatrix m = StorageMatrix.resolve(cmd, BenchmarkSelection.of(cmd));
        List<String> expected = new ArrayList<>(variantsOf(varied));
        expected.add(other);
        assertThat(m.systems()).containsExactlyElementsOf(expected);
        assertThat(m.servers()).containsExactly(varied.name(), other);
        int n = expected.size();
        assertThat(m.describe())
                .startsWith("EXPERIMENT MATRIX: 1 payload type x 3 grades x 2 stages x " + n + " systems x 2 layouts = "
                        + 12 * n + " benchmarks")
                .contains("layouts=plain,cas");
    }
}
