package org.deduplab.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deduplab.payloads.BadInputException;
import org.deduplab.provision.SystemConfig;
import org.junit.jupiter.api.Test;

/**
 * The registry is the one place a system is described: names, variables, servers and grants come
 * from it, each system lives in its own package, and the README's table of systems is the one the
 * registry derives.
 */
public class SystemsRegistryTest {
    static final Path README = Path.of("..", "README.md");

    @Test
    void eachSystemIsOnePackageWithOneDescription() {
        assertThat(Systems.names()).doesNotHaveDuplicates().allMatch(n -> n.matches("[a-z][a-z0-9]*"));
        assertThat(Systems.ALL.stream().map(StoreSystem::key)).doesNotHaveDuplicates();
        for (StoreSystem s : Systems.ALL) {
            assertThat(s.embedded().isPresent() || s.container().isPresent())
                    .as(s.name() + " has a server the lab can start")
                    .isTrue();
            assertThat(s.grants().apply("lab")).as(s.name() + " grants").contains("lab");
            assertThat(SystemConfig.load(s.name()).variable("URL")).isEqualTo(s.variable("URL"));
        }
        assertThat(Systems.withEmbeddedServer())
                .containsExactlyElementsOf(Systems.ALL.stream()
                        .filter(s -> s.embedded().isPresent())
                        .map(StoreSystem::name)
                        .toList());
        assertThat(Systems.withContainer())
                .containsExactlyElementsOf(Systems.ALL.stream()
                        .filter(s -> s.container().isPresent())
                        .map(StoreSystem::name)
                        .toList());
        assertThat(Systems.expand(Systems.EVERY)).containsExactlyElementsOf(Systems.names());
    }

    @Test
    void aServerWideVariantGetsAServerOfItsOwnAndOthersShareTheirSystems() {
        for (StoreSystem s : Systems.ALL) {
            assertThat(Systems.serverOf(s.name())).isEqualTo(s.name());
            for (Variant v : s.variants()) {
                String value = s.name() + ":" + v.name();
                assertThat(Systems.serverOf(value)).as(value).isEqualTo(v.ownServer() ? value : s.name());
            }
        }
    }

    @Test
    void anUnknownSystemListsTheValidOnes() {
        assertThatThrownBy(() -> Systems.get("oracle"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("unknown system 'oracle'; valid: " + String.join(", ", Systems.names()));
    }

    @Test
    void theReadmeTableIsTheOneTheRegistryDerives() throws Exception {
        List<String> table = SystemsTable.markdown();
        assertThat(holdsTable(Files.readAllLines(README), table))
                .as("README holds the systems table; it should read:%n%s", String.join("\n", table))
                .isTrue();
    }

    /** Whether {@code readme} holds {@code table}, line for line and in one piece. */
    public static boolean holdsTable(List<String> readme, List<String> table) {
        int at = readme.indexOf(table.get(0));
        return at >= 0
                && readme.subList(at, Math.min(readme.size(), at + table.size()))
                        .equals(table);
    }
}
