package org.deduplab.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.deduplab.layout.Plain;
import org.deduplab.payloads.BadInputException;
import org.deduplab.payloads.DatasetSpec;
import org.deduplab.payloads.StoredDataset;
import org.deduplab.provision.EmbeddedServersExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every storage variant of every system with an embedded server, from the registry: it loads and its
 * setting is in effect afterwards, or the server says why it cannot run it; variants are named
 * {@code SYSTEM:VARIANT} and checked against the registry. What each variant saves is checked in its
 * system's package.
 */
@Tag("slow") // starts servers
class VariantsTest {
    @RegisterExtension
    static final EmbeddedServersExtension servers = new EmbeddedServersExtension(Systems.withEmbeddedServer());

    @TempDir
    static Path cache;

    /** Every variant of every embedded system: {@code postgresql:lz4} ... */
    static List<String> embeddedVariants() {
        List<String> all = new ArrayList<>();
        for (String s : Systems.withEmbeddedServer()) {
            all.addAll(
                    Systems.get(s).values().subList(1, Systems.get(s).values().size()));
        }
        return all;
    }

    @ParameterizedTest
    @MethodSource("embeddedVariants")
    void everyVariantTakesEffectOrTheServerSaysWhyNot(String systemValue) throws Exception {
        StoredDataset ds = StoredDataset.materialize(DatasetSpec.of("structured_json", "U0", "2MiB", 42), cache);
        try (Store t = Systems.open(
                servers.endpoint(Systems.baseOf(systemValue)),
                new StoreConfig(Systems.variantOf(systemValue), Set.of(Space.FILES)))) {
            Optional<String> cannot = t.footprint().variantUnavailable();
            if (cannot.isPresent()) {
                assertThat(cannot.get()).contains(systemValue);
                return;
            }
            t.provision();
            long before = t.footprint().bytes();
            new Plain().writeAll(t, ds);
            t.footprint().settle();
            t.footprint().checkVariant();
            assertThat(t.footprint().bytes() - before)
                    .as(systemValue + " footprint")
                    .isPositive();
        }
    }

    @Test
    void variantsAreNamedSystemColonVariantAndCheckedAgainstTheRegistry() {
        for (StoreSystem s : Systems.ALL) {
            List<String> values = s.values();
            assertThat(values.get(0)).isEqualTo(s.name());
            if (s.variants().isEmpty()) {
                assertThatThrownBy(() -> Systems.expand(s.name() + ":fast"))
                        .isInstanceOf(BadInputException.class)
                        .hasMessageContaining(s.name() + " has no storage variants; valid: " + s.name());
                assertThatThrownBy(() -> Systems.expand(s.name() + ":*"))
                        .hasMessageContaining(s.name() + " has no storage variants; valid: " + s.name());
                continue;
            }
            assertThat(Systems.expand(s.name() + ":*")).containsExactlyElementsOf(values.subList(1, values.size()));
            for (String v : values.subList(1, values.size())) {
                assertThat(Systems.expand(v)).containsExactly(v);
                assertThat(Systems.variantOf(v))
                        .isEqualTo(Optional.of(v.substring(s.name().length() + 1)));
            }
            assertThatThrownBy(() -> Systems.expand(s.name() + ":no_such_variant"))
                    .hasMessage(
                            "unknown variant '" + s.name() + ":no_such_variant'; valid: " + String.join(", ", values));
        }
    }
}
