package org.deduplab.store.mariadb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.deduplab.provision.EmbeddedServersExtension;
import org.deduplab.store.JdbcStore;
import org.deduplab.store.LabWork;
import org.deduplab.store.Store;
import org.deduplab.store.VariantNotInEffectException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** MariaDB's variants on its embedded server: compressed row formats and page compression save space on JSON, a variant that did not take effect is named with its setting. */
@Tag("slow") // starts a server
class MariaDbVariantsTest {
    static final String SYSTEM = MariaDbSystem.SYSTEM.name();

    @RegisterExtension
    static final EmbeddedServersExtension servers = new EmbeddedServersExtension(List.of(SYSTEM));

    @TempDir
    static Path cache;

    static Store open(String systemValue) {
        return LabWork.open(servers.endpoint(SYSTEM), systemValue);
    }

    static double edr(String systemValue, String size) throws Exception {
        return LabWork.variantEdr(servers.endpoint(SYSTEM), systemValue, size, cache);
    }

    @Test
    void compressedRowFormatsAndPageCompressionSaveSpace() throws Exception {
        double plain = edr(SYSTEM, "8MiB");
        assertThat(edr(SYSTEM + ":row_compressed_4k", "8MiB")).isGreaterThan(plain * 2);
        assertThat(edr(SYSTEM + ":page_zlib", "8MiB")).isGreaterThan(plain * 1.5);
        assertThat(edr(SYSTEM + ":column_zlib", "8MiB")).isGreaterThan(plain * 1.5);
    }

    @Test
    void aVariantThatDidNotTakeEffectFailsNamingTheSetting() throws Exception {
        try (Store t = open(SYSTEM + ":row_compressed_4k")) {
            t.provision();
            ((JdbcStore) t).execute("ALTER TABLE dedup_lab.files ROW_FORMAT=DYNAMIC KEY_BLOCK_SIZE=0");
            assertThatThrownBy(() -> t.footprint().checkVariant())
                    .isInstanceOf(VariantNotInEffectException.class)
                    .hasMessageContaining(SYSTEM + ":row_compressed_4k")
                    .hasMessageContaining("ROW_FORMAT=COMPRESSED KEY_BLOCK_SIZE=4");
        }
    }
}
