package org.deduplab.store.cockroachdb;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A variant that changes the server says so, from its registry entry. */
class CockroachVariantNoticeTest {
    static final String SYSTEM = CockroachSystem.SYSTEM.name();

    @Test
    void aClusterSettingVariantSaysItChangesTheServer() {
        assertThat(CockroachSystem.SYSTEM.variant("zstd").notice())
                .hasValue(SYSTEM + ":zstd sets cluster setting storage.sstable.compression_algorithm = zstd while it"
                        + " runs and restores the previous value afterwards");
    }
}
