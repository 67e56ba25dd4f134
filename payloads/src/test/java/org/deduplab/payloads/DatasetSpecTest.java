package org.deduplab.payloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetSpecTest {
    @Test
    void sizesParse() {
        assertThat(ByteSize.parse("64MiB")).isEqualTo(64L << 20);
        assertThat(ByteSize.parse("1GiB")).isEqualTo(1L << 30);
        assertThat(ByteSize.parse("1048576")).isEqualTo(1048576L);
        assertThat(ByteSize.parse("2MB")).isEqualTo(2_000_000L);
        for (String bad : new String[] {"64 parsecs", "-1", "0", "MiB", "1.5GiB", "99999999999999GiB"}) {
            assertThatThrownBy(() -> ByteSize.parse(bad))
                    .isInstanceOf(BadInputException.class)
                    .hasMessageContaining("'" + bad + "'")
                    .hasMessageContaining("64MiB");
        }
    }

    @Test
    void unknownPayloadNamesItAndListsTheValidOnes() {
        assertThatThrownBy(() -> DatasetSpec.of("mp3s", "U0", "1MiB", 1))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("'mp3s'")
                .hasMessageContaining("random_binary")
                .hasMessageContaining("dir:PATH");
    }

    @Test
    void dirPayloadMustBeADirectory(@TempDir Path tmp) {
        assertThatThrownBy(() -> DatasetSpec.of("dir:" + tmp.resolve("nowhere"), "U0", "1MiB", 1))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("nowhere")
                .hasMessageContaining("not a directory");
        assertThat(DatasetSpec.of("dir:" + tmp, "U0", "1MiB", 1).isDirectory()).isTrue();
    }
}
