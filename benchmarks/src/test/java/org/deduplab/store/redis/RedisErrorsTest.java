package org.deduplab.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import org.deduplab.cli.PreflightAccess;
import org.junit.jupiter.api.Test;

/** preflight's sentences for Redis's replies: WRONGPASS for credentials, NOPERM for an ACL. */
class RedisErrorsTest {
    static final String SYSTEM = RedisSystem.SYSTEM.name();

    @Test
    void repliesBecomeTheSentenceThatSaysWhatToFix() {
        assertThat(PreflightAccess.explain(
                        SYSTEM, new IllegalStateException("WRONGPASS invalid username-password pair")))
                .isEqualTo("access denied for user 'lab': check DEDUP_REDIS_PASSWORD (and DEDUP_REDIS_USER)");
        assertThat(PreflightAccess.explain(SYSTEM, new IllegalStateException("NOPERM this user has no permissions")))
                .startsWith("permission denied (NOPERM this user has no permissions): ACL SETUSER lab");
        // Lettuce wraps a refused AUTH in "Unable to connect": still a wrong password, not a dead server
        assertThat(PreflightAccess.explain(
                        SYSTEM,
                        new IllegalStateException(
                                "Unable to connect to 127.0.0.1/<unresolved>:6379",
                                new IllegalStateException("WRONGPASS invalid username-password pair"))))
                .startsWith("access denied for user 'lab'");
    }
}
