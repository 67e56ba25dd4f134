package org.deduplab.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.deduplab.layout.Plain;
import org.deduplab.payloads.BadInputException;
import org.deduplab.payloads.DatasetSpec;
import org.deduplab.payloads.StoredDataset;
import org.deduplab.provision.EmbeddedServersExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Storage variants against the embedded servers: each takes effect and moves the footprint the way
 * the server's setting says, a variant the server cannot run is named with what to do, and a variant
 * that did not take effect fails the check naming the setting.
 */
@Tag("slow") // starts servers, a launcher, a JMH run, a browser or a child JVM: left out of mvn -Pfast test
class VariantsTest {
    @RegisterExtension
    static final EmbeddedServersExtension servers = new EmbeddedServersExtension(List.of("postgresql", "mariadb"));

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
    void postgresUncompressedKeepsJsonAsItIsWhileTheDefaultCompressesIt() throws Exception {
        assertThat(edr("postgresql", "4MiB")).isGreaterThan(2.0);
        assertThat(edr("postgresql:pglz", "4MiB")).isGreaterThan(2.0);
        assertThat(edr("postgresql:uncompressed", "4MiB")).isLessThanOrEqualTo(1.0);
    }

    @Test
    void mariadbCompressedRowFormatsAndPageCompressionSaveSpace() throws Exception {
        double plain = edr("mariadb", "8MiB");
        assertThat(edr("mariadb:row_compressed_4k", "8MiB")).isGreaterThan(plain * 2);
        assertThat(edr("mariadb:page_zlib", "8MiB")).isGreaterThan(plain * 1.5);
        assertThat(edr("mariadb:column_zlib", "8MiB")).isGreaterThan(plain * 1.5);
    }

    @Test
    void lz4OnAServerBuiltWithoutItIsNamedWithWhatToDo() throws Exception {
        try (Store t = open("postgresql:lz4")) {
            assertThat(t.footprint().variantUnavailable())
                    .get()
                    .asString()
                    .contains("postgresql:lz4 left out")
                    .contains("built without lz4")
                    .contains("DEDUP_PG_URL");
        }
        try (Store t = open("postgresql:uncompressed")) {
            assertThat(t.footprint().variantUnavailable()).isEmpty();
        }
    }

    @Test
    void aVariantThatDidNotTakeEffectFailsNamingTheSetting() throws Exception {
        try (Store t = open("postgresql:uncompressed")) {
            t.provision();
            ((JdbcStore) t).execute("ALTER TABLE dedup_lab.files ALTER COLUMN data SET STORAGE EXTENDED");
            assertThatThrownBy(() -> t.footprint().checkVariant())
                    .isInstanceOf(VariantNotInEffectException.class)
                    .hasMessageContaining("postgresql:uncompressed")
                    .hasMessageContaining("column storage");
        }
        try (Store t = open("mariadb:row_compressed_4k")) {
            t.provision();
            ((JdbcStore) t).execute("ALTER TABLE dedup_lab.files ROW_FORMAT=DYNAMIC KEY_BLOCK_SIZE=0");
            assertThatThrownBy(() -> t.footprint().checkVariant())
                    .isInstanceOf(VariantNotInEffectException.class)
                    .hasMessageContaining("mariadb:row_compressed_4k")
                    .hasMessageContaining("ROW_FORMAT=COMPRESSED KEY_BLOCK_SIZE=4");
        }
    }

    @Test
    void variantsAreNamedSystemColonVariantAndCheckedAgainstTheRegistry() {
        assertThat(Systems.expand("mariadb:*"))
                .containsExactly(
                        "mariadb:page_zlib",
                        "mariadb:row_compressed",
                        "mariadb:row_compressed_4k",
                        "mariadb:column_zlib");
        assertThat(Systems.expand("postgresql:lz4")).containsExactly("postgresql:lz4");
        assertThatThrownBy(() -> Systems.expand("redis:fast"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("redis has no storage variants; valid: redis");
        assertThatThrownBy(() -> Systems.expand("s3:*")).hasMessageContaining("s3 has no storage variants; valid: s3");
        assertThatThrownBy(() -> Systems.expand("postgresql:zstd"))
                .hasMessage("unknown variant 'postgresql:zstd'; valid:"
                        + " postgresql, postgresql:pglz, postgresql:uncompressed, postgresql:lz4");
        assertThat(Systems.variantOf("cockroachdb:zstd")).isEqualTo(Optional.of("zstd"));
    }
}
