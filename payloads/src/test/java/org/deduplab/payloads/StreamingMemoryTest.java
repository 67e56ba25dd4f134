package org.deduplab.payloads;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generation streams: a JVM with a 64 MiB heap writes datasets 8 times its heap to disk. A
 * dataset held in memory would die with OutOfMemoryError.
 */
@Tag("slow") // starts servers, a launcher, a JMH run, a browser or a child JVM: left out of mvn -Pfast test
class StreamingMemoryTest {
    /** Run in the child JVM: generates every type, {@code args[1]} bytes each, into {@code args[0]}. */
    public static void main(String[] args) throws Exception {
        for (PayloadType t : PayloadType.values()) {
            Dataset d = Dataset.open(new DatasetSpec(t.id(), Grade.parse("U50"), Long.parseLong(args[1]), 3));
            DatasetWriter.write(d, Path.of(args[0]).resolve(t.id()), false, null);
            System.out.println(t.id() + " " + d.totalBytes());
        }
    }

    @Test
    void generatesEightTimesTheHeapToDisk(@TempDir Path tmp) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        long size = 512L << 20;
        Process p = new ProcessBuilder(List.of(
                        java,
                        "-Xmx64m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        StreamingMemoryTest.class.getName(),
                        tmp.toString(),
                        Long.toString(size)))
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).doesNotContain("OutOfMemoryError");
        assertThat(out.lines().count()).as(out).isEqualTo(PayloadType.values().length);
        out.lines().forEach(l -> assertThat(Long.parseLong(l.split(" ")[1])).isGreaterThanOrEqualTo(size));
    }
}
