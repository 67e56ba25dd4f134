package org.deduplab.store.mariadb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.deduplab.layout.Plain;
import org.deduplab.payloads.DatasetSpec;
import org.deduplab.payloads.StoredDataset;
import org.deduplab.provision.EmbeddedServersExtension;
import org.deduplab.store.JdbcStore;
import org.deduplab.store.Space;
import org.deduplab.store.Store;
import org.deduplab.store.StoreConfig;
import org.deduplab.store.Systems;
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
        return Systems.open(
                servers.endpoint(Systems.baseOf(systemValue)),
                new StoreConfig(Systems.variantOf(systemValue), Set.of(Space.FILES)));
    }

    /** EDR of a bulk load of structured_json U0 through the plain layout, after checking the variant took effect. */
    static double edr(String systemValue, String size) throws Exception {
        StoredDataset ds = StoredDataset.materialize(DatasetSpec.of("structured_json", "U0", size, 42), cache);
        try (Store t = open(systemValue)) {
            t.provision();
            long before = t.footprint().bytes();
            new Plain().writeAll(t, ds);
            t.footprint().settle();
            t.footprint().checkVariant();
            return (double) ds.logicalBytes() / (t.footprint().bytes() - before);
        }
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
