package org.deduplab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import org.deduplab.provision.ContainerServers;
import org.deduplab.store.Picks;
import org.deduplab.store.StoreSystem;
import org.deduplab.store.Systems;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * How the launcher and preflight treat systems that have no endpoint on a machine without Docker
 * (the tests that need Docker's absence are skipped where it runs): named explicitly they fail
 * before any server starts or fork runs; by default they are listed as skipped.
 */
@Tag("slow") // starts servers, a launcher, a JMH run, a browser or a child JVM: left out of mvn -Pfast test
class ProvisioningModesTest {
    static final StoreSystem EMBEDDED = Picks.first(Picks::embedded, "with an embedded server");
    static final StoreSystem NOT_EMBEDDED = Picks.first(s -> !Picks.embedded(s), "without an embedded server");
    static final StoreSystem CONTAINED = Picks.first(Picks::container, "with a container");
    static final StoreSystem NO_CONTAINER = Picks.first(s -> Picks.embedded(s) && !Picks.container(s), "embedded only");

    @AfterEach
    void clear() {
        Systems.ALL.forEach(s -> System.clearProperty(s.variable("MODE")));
    }

    @Test
    void askingForASystemWithoutEndpointFailsBeforeAnyFork() throws Exception {
        assumeFalse(ContainerServers.dockerAvailable(), "Docker runs here: it would get a container");
        for (StoreSystem s : Picks.all(s -> !Picks.embedded(s))) {
            CommandLineTest.Outcome o = CommandLineTest.run("-p", "system=" + s.name(), "-p", "datasetMiB=1");
            assertThat(o.code()).isEqualTo(2);
            assertThat(o.err())
                    .contains(s.name() + " skipped: no endpoint (set " + s.variable("URL") + " or start Docker)");
            assertThat(o.out())
                    .doesNotContain("embedded")
                    .doesNotContain("# Fork")
                    .doesNotContain("EXPERIMENT MATRIX");

            // beside one that has an endpoint: still refused, nothing started
            CommandLineTest.Outcome both =
                    CommandLineTest.run("-p", "system=" + EMBEDDED.name() + "," + s.name(), "-p", "datasetMiB=1");
            assertThat(both.code()).isEqualTo(2);
            assertThat(both.out()).doesNotContain("embedded " + EMBEDDED.name());
        }
    }

    @Test
    void containerModeWithoutDockerNamesTheProblem() throws Exception {
        assumeFalse(ContainerServers.dockerAvailable(), "Docker runs here");
        System.setProperty(CONTAINED.variable("MODE"), "container");
        CommandLineTest.Outcome o = CommandLineTest.run("-p", "system=" + CONTAINED.name(), "-p", "datasetMiB=1");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains(CONTAINED.variable("MODE") + "=container but Docker is not reachable");
        assertThat(o.out()).doesNotContain("embedded");
    }

    @Test
    void modesAreValidatedWithTheValidValues() throws Exception {
        System.setProperty(NO_CONTAINER.variable("MODE"), "container");
        CommandLineTest.Outcome noContainer =
                CommandLineTest.run("-p", "system=" + NO_CONTAINER.name(), "-p", "datasetMiB=1");
        assertThat(noContainer.code()).isEqualTo(2);
        assertThat(noContainer.err())
                .contains(NO_CONTAINER.variable("MODE") + "=container")
                .contains("valid: external, embedded");

        System.setProperty(NOT_EMBEDDED.variable("MODE"), "embedded");
        CommandLineTest.Outcome notEmbedded =
                CommandLineTest.run("-p", "system=" + NOT_EMBEDDED.name(), "-p", "datasetMiB=1");
        assertThat(notEmbedded.code()).isEqualTo(2);
        assertThat(notEmbedded.err())
                .contains(NOT_EMBEDDED.variable("MODE") + "=embedded")
                .contains("no embedded server")
                .contains("valid: external (set " + NOT_EMBEDDED.variable("URL") + ") or container");

        System.setProperty(NOT_EMBEDDED.variable("MODE"), "cloud");
        CommandLineTest.Outcome bad = CommandLineTest.run("-p", "system=" + NOT_EMBEDDED.name(), "-p", "datasetMiB=1");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err())
                .contains(NOT_EMBEDDED.variable("MODE") + "='cloud'")
                .contains("valid: external, container, embedded, auto");
    }

    @Test
    void preflightListsSystemsWithoutEndpointAsSkippedUnlessNamed() throws Exception {
        assumeFalse(ContainerServers.dockerAvailable(), "Docker runs here");
        CommandLineTest.Outcome named =
                CommandLineTest.run("preflight", "--systems", EMBEDDED.name() + "," + NOT_EMBEDDED.name());
        assertThat(named.code()).isEqualTo(1);
        assertThat(named.out())
                .contains("OK " + EMBEDDED.name())
                .contains("FAIL " + NOT_EMBEDDED.name() + " — no endpoint (set " + NOT_EMBEDDED.variable("URL")
                        + " or start Docker)");
    }
}
