package org.deduplab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.deduplab.store.StoreSystem;
import org.deduplab.store.Systems;
import org.junit.jupiter.api.Test;

/**
 * preflight's one sentence per failure comes from each system's own rules in the registry (SQL states
 * and vendor codes, Redis replies, S3 error codes), found anywhere in the cause chain; each system's
 * sentences are checked in its package ({@code PostgresErrorsTest} ...). Here, for every system: a
 * failure its rules do not know is named as it is, and the grants an external server needs name the user.
 */
class PreflightExplainTest {
    @Test
    void aFailureNoRuleKnowsIsNamedAsItIsOnEverySystem() {
        for (StoreSystem s : Systems.ALL) {
            assertThat(PreflightAccess.explain(s.name(), new IllegalStateException("something else")))
                    .as(s.name())
                    .isEqualTo("something else (IllegalStateException)");
            assertThat(s.grants().apply("lab")).as(s.name()).contains("lab");
        }
    }
}
