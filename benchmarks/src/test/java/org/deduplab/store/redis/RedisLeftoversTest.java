package org.deduplab.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.deduplab.provision.DeadRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What embedded-redis leaves in {@code $TMPDIR} (its config files, its per-start binary copies) goes
 * at the next launch through Redis's housekeeping in the registry; a directory of the same naming
 * that holds anything else stays.
 */
class RedisLeftoversTest {
    @TempDir
    Path tmp;

    @Test
    void embeddedRedisLeftoversGoAndLookalikesStay() throws Exception {
        Path conf = Files.writeString(tmp.resolve("embedded-redis-server_4242.conf"), "port 1");
        Path copy = Files.createDirectories(tmp.resolve("redis-99"));
        Files.writeString(copy.resolve("redis-server-6.2.6-v5-linux-amd64"), "binary");
        Path lookalike = Files.createDirectories(tmp.resolve("redis-100"));
        Files.writeString(lookalike.resolve("notes.txt"), "mine");

        DeadRuns.reap(tmp);

        assertThat(conf).doesNotExist();
        assertThat(copy).doesNotExist();
        assertThat(lookalike).exists();
    }
}
