package org.deduplab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.minio.errors.ErrorResponseException;
import io.minio.messages.ErrorResponse;
import java.sql.SQLException;
import java.util.Map;
import org.deduplab.store.Endpoint;
import org.deduplab.store.ServerMode;
import org.deduplab.store.Systems;
import org.junit.jupiter.api.Test;

/**
 * preflight's one sentence per failure comes from each system's own rules in the registry (SQL states
 * and vendor codes, Redis replies, S3 error codes), found anywhere in the cause chain.
 */
class PreflightExplainTest {
    static Endpoint endpoint(String system) {
        return new Endpoint(system, ServerMode.EXTERNAL, "x://h:1", "lab", "secret", null, Map.of());
    }

    @Test
    void eachSystemsRefusalsBecomeTheSentenceThatSaysWhatToFix() {
        assertThat(PreflightCommand.explain(
                        endpoint("postgresql"),
                        new RuntimeException(
                                "wrapped", new SQLException("FATAL: password authentication failed", "28P01"))))
                .isEqualTo("access denied for user 'lab': check DEDUP_PG_PASSWORD (and DEDUP_PG_USER)");
        assertThat(PreflightCommand.explain(endpoint("mariadb"), new SQLException("denied to database", "42000", 1044)))
                .startsWith("permission denied (denied to database): GRANT ALL PRIVILEGES ON dedup_lab.* TO 'lab'");
        assertThat(PreflightCommand.explain(endpoint("postgresql"), new SQLException("refused", "08001")))
                .isEqualTo("cannot connect (refused): check DEDUP_PG_URL and that the server is up");
        assertThat(PreflightCommand.explain(
                        endpoint("redis"), new IllegalStateException("WRONGPASS invalid username-password pair")))
                .isEqualTo("access denied for user 'lab': check DEDUP_REDIS_PASSWORD (and DEDUP_REDIS_USER)");
        assertThat(PreflightCommand.explain(
                        endpoint("redis"), new IllegalStateException("NOPERM this user has no permissions")))
                .startsWith("permission denied (NOPERM this user has no permissions): ACL SETUSER lab");
        assertThat(PreflightCommand.explain(endpoint("s3"), s3("SignatureDoesNotMatch")))
                .isEqualTo("access denied for user 'lab': check DEDUP_S3_PASSWORD (and DEDUP_S3_USER)");
        assertThat(PreflightCommand.explain(endpoint("minio"), s3("AccessDenied")))
                .startsWith("permission denied (AccessDenied): allow s3:CreateBucket");
        // a Redis reply means nothing to a SQL system, and an unknown failure is named as it is
        assertThat(PreflightCommand.explain(endpoint("postgresql"), new IllegalStateException("NOPERM x")))
                .isEqualTo("NOPERM x (IllegalStateException)");
    }

    @Test
    void aVariantThatChangesTheServerSaysSoFromItsRegistryEntry() {
        assertThat(Systems.get("cockroachdb").variant("zstd").notice())
                .hasValue(
                        "cockroachdb:zstd sets cluster"
                                + " setting storage.sstable.compression_algorithm = zstd while it runs and restores the previous value afterwards");
        assertThat(Systems.get("postgresql").variant("lz4").notice()).isEmpty();
    }

    private static ErrorResponseException s3(String code) {
        return new ErrorResponseException(new ErrorResponse(code, "msg", "b", "o", "/b", "r", "h"), null, null);
    }
}
