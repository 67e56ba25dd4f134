package org.deduplab.store.mariadb;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.deduplab.cli.PreflightAccess;
import org.junit.jupiter.api.Test;

/** preflight's sentence for MariaDB's missing grant (vendor code 1044): the GRANT to run. */
class MariaDbErrorsTest {
    static final String SYSTEM = MariaDbSystem.SYSTEM.name();

    @Test
    void aMissingGrantBecomesTheGrantToRun() {
        assertThat(PreflightAccess.explain(SYSTEM, new SQLException("denied to database", "42000", 1044)))
                .startsWith("permission denied (denied to database): GRANT ALL PRIVILEGES ON dedup_lab.* TO 'lab'");
    }
}
