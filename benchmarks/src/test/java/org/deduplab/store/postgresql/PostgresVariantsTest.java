package org.deduplab.store.postgresql;

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

/** PostgreSQL's variants on its embedded server: what each keeps of compressible JSON, lz4 refused with what to do where the server lacks it, a variant that did not take effect named. */
@Tag("slow") // starts a server
class PostgresVariantsTest {
    static final String SYSTEM = PostgresSystem.SYSTEM.name();

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
    void uncompressedKeepsJsonAsItIsWhileTheDefaultCompressesIt() throws Exception {
        assertThat(edr(SYSTEM, "4MiB")).isGreaterThan(2.0);
        assertThat(edr(SYSTEM + ":pglz", "4MiB")).isGreaterThan(2.0);
        assertThat(edr(SYSTEM + ":uncompressed", "4MiB")).isLessThanOrEqualTo(1.0);
    }

    @Test
    void lz4OnAServerBuiltWithoutItIsNamedWithWhatToDo() throws Exception {
        try (Store t = open(SYSTEM + ":lz4")) {
            assertThat(t.footprint().variantUnavailable())
                    .get()
                    .asString()
                    .contains(SYSTEM + ":lz4 left out")
                    .contains("built without lz4")
                    .contains(PostgresSystem.SYSTEM.variable("URL"));
        }
        try (Store t = open(SYSTEM + ":uncompressed")) {
            assertThat(t.footprint().variantUnavailable()).isEmpty();
        }
    }

    @Test
    void aVariantThatDidNotTakeEffectFailsNamingTheSetting() throws Exception {
        try (Store t = open(SYSTEM + ":uncompressed")) {
            t.provision();
            ((JdbcStore) t).execute("ALTER TABLE dedup_lab.files ALTER COLUMN data SET STORAGE EXTENDED");
            assertThatThrownBy(() -> t.footprint().checkVariant())
                    .isInstanceOf(VariantNotInEffectException.class)
                    .hasMessageContaining(SYSTEM + ":uncompressed")
                    .hasMessageContaining("column storage");
        }
    }
}
