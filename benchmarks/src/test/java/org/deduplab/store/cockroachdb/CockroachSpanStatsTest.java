package org.deduplab.store.cockroachdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * Reading {@code approximate_disk_bytes} out of the span stats that {@code SHOW RANGES ... WITH
 * DETAILS} returns (protobuf JSON: 64-bit integers arrive as strings). The target itself runs
 * against a real CockroachDB in {@code ContainerStoreContractTest} where Docker exists.
 */
class CockroachSpanStatsTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void readsTheFieldAsProtobufJsonWritesIt() throws Exception {
        String stats = "{\"approximate_disk_bytes\": \"3145728\", \"remote_file_bytes\": \"0\","
                + " \"total_stats\": {\"key_bytes\": \"4096\", \"val_bytes\": \"3200000\"}}";
        assertThat(CockroachFootprint.approximateDiskBytes(json.readTree(stats)))
                .isEqualTo(3_145_728L);
        assertThat(CockroachFootprint.approximateDiskBytes(json.readTree("{\"approximateDiskBytes\": 77}")))
                .isEqualTo(77L);
    }

    @Test
    void aMissingFieldIsAnErrorNotAZero() {
        assertThatThrownBy(() -> CockroachFootprint.approximateDiskBytes(json.readTree("{\"key_count\": \"12\"}")))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("no approximate_disk_bytes")
                .hasMessageContaining("key_count");
        assertThatThrownBy(() -> CockroachFootprint.approximateDiskBytes(null)).isInstanceOf(SQLException.class);
    }
}
