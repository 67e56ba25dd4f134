package org.deduplab.store.postgresql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.deduplab.cli.PreflightAccess;
import org.junit.jupiter.api.Test;

/** preflight's sentences for PostgreSQL's refusals (SQL states), found anywhere in the cause chain. */
class PostgresErrorsTest {
    static final String SYSTEM = PostgresSystem.SYSTEM.name();

    @Test
    void refusalsBecomeTheSentenceThatSaysWhatToFix() {
        assertThat(PreflightAccess.explain(
                        SYSTEM,
                        new RuntimeException(
                                "wrapped", new SQLException("FATAL: password authentication failed", "28P01"))))
                .isEqualTo("access denied for user 'lab': check DEDUP_PG_PASSWORD (and DEDUP_PG_USER)");
        assertThat(PreflightAccess.explain(SYSTEM, new SQLException("refused", "08001")))
                .isEqualTo("cannot connect (refused): check DEDUP_PG_URL and that the server is up");
        // a Redis reply means nothing to a SQL system, and an unknown failure is named as it is
        assertThat(PreflightAccess.explain(SYSTEM, new IllegalStateException("NOPERM x")))
                .isEqualTo("NOPERM x (IllegalStateException)");
    }

    @Test
    void aPerTableVariantChangesNothingOnTheServer() {
        assertThat(PostgresSystem.SYSTEM.variant("lz4").notice()).isEmpty();
    }
}
