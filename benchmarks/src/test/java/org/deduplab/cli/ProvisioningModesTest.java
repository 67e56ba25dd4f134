package org.deduplab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import org.deduplab.provision.ContainerServers;
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
    @AfterEach
    void clear() {
        System.clearProperty("DEDUP_PG_MODE");
        System.clearProperty("DEDUP_S3_MODE");
        System.clearProperty("DEDUP_CRDB_MODE");
    }

    @Test
    void askingForASystemWithoutEndpointFailsBeforeAnyFork() throws Exception {
        assumeFalse(ContainerServers.dockerAvailable(), "Docker runs here: cockroachdb would get a container");
        CommandLineTest.Outcome o = CommandLineTest.run("-p", "system=cockroachdb", "-p", "datasetMiB=1");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("cockroachdb skipped: no endpoint (set DEDUP_CRDB_URL or start Docker)");
        assertThat(o.out()).doesNotContain("embedded").doesNotContain("# Fork").doesNotContain("EXPERIMENT MATRIX");

        CommandLineTest.Outcome minio = CommandLineTest.run("-p", "system=postgresql,minio", "-p", "datasetMiB=1");
        assertThat(minio.code()).isEqualTo(2);
        assertThat(minio.err()).contains("minio skipped: no endpoint (set DEDUP_MINIO_URL or start Docker)");
        assertThat(minio.out()).doesNotContain("embedded postgresql");
    }

    @Test
    void containerModeWithoutDockerNamesTheProblem() throws Exception {
        assumeFalse(ContainerServers.dockerAvailable(), "Docker runs here");
        System.setProperty("DEDUP_PG_MODE", "container");
        CommandLineTest.Outcome o = CommandLineTest.run("-p", "system=postgresql", "-p", "datasetMiB=1");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("DEDUP_PG_MODE=container but Docker is not reachable");
        assertThat(o.out()).doesNotContain("embedded");
    }

    @Test
    void modesAreValidatedWithTheValidValues() throws Exception {
        System.setProperty("DEDUP_S3_MODE", "container");
        CommandLineTest.Outcome s3 = CommandLineTest.run("-p", "system=s3", "-p", "datasetMiB=1");
        assertThat(s3.code()).isEqualTo(2);
        assertThat(s3.err()).contains("DEDUP_S3_MODE=container").contains("valid: external, embedded");

        System.setProperty("DEDUP_CRDB_MODE", "embedded");
        CommandLineTest.Outcome crdb = CommandLineTest.run("-p", "system=cockroachdb", "-p", "datasetMiB=1");
        assertThat(crdb.code()).isEqualTo(2);
        assertThat(crdb.err())
                .contains("DEDUP_CRDB_MODE=embedded")
                .contains("no embedded server")
                .contains("valid: external (set DEDUP_CRDB_URL) or container");

        System.setProperty("DEDUP_CRDB_MODE", "cloud");
        CommandLineTest.Outcome bad = CommandLineTest.run("-p", "system=cockroachdb", "-p", "datasetMiB=1");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err())
                .contains("DEDUP_CRDB_MODE='cloud'")
                .contains("valid: external, container, embedded, auto");
    }

    @Test
    void preflightListsSystemsWithoutEndpointAsSkippedUnlessNamed() throws Exception {
        assumeFalse(ContainerServers.dockerAvailable(), "Docker runs here");
        CommandLineTest.Outcome named = CommandLineTest.run("preflight", "--systems", "redis,minio");
        assertThat(named.code()).isEqualTo(1);
        assertThat(named.out())
                .contains("OK redis")
                .contains("FAIL minio — no endpoint (set DEDUP_MINIO_URL or start Docker)");
    }
}
