package org.deduplab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deduplab.store.Systems;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --shard K/N}: N jobs cover one matrix together, each benchmark exactly once, in parts that
 * differ by at most one; report and compare treat the N result files as one run.
 */
@Tag("slow") // starts servers, a launcher, a JMH run, a browser or a child JVM: left out of mvn -Pfast test
class ShardTest {
    /** Any system with an embedded server: which one does not matter here. */
    static final String SYSTEM = Systems.withEmbeddedServer().get(0);

    @TempDir
    Path tmp;

    @Test
    void threeShardsCoverTheMatrixOnceAndReadAsOneRun() throws Exception {
        List<String> seen = new ArrayList<>();
        List<String> files = new ArrayList<>();
        for (int k = 1; k <= 3; k++) {
            Path result = tmp.resolve("shard-" + k + ".json");
            CommandLineTest.Outcome o = CommandLineTest.run(
                    "StructuredJson",
                    "-p",
                    "system=" + SYSTEM,
                    "-p",
                    "grade=U0,U50",
                    "-p",
                    "datasetMiB=1",
                    "-i",
                    "1",
                    "--shard",
                    k + "/3",
                    "-rff",
                    result.toString(),
                    "-jvmArgsAppend",
                    "-Ddedup.datasets=" + tmp.resolve("ds"));
            assertThat(o.code()).as(o.err()).isZero();
            assertThat(o.out()).contains("SHARD " + k + "/3: " + (k == 1 ? 2 : 1) + " of the matrix's 4 benchmarks");
            for (JsonNode b : new ObjectMapper().readTree(result.toFile())) {
                seen.add(b.path("benchmark").asText().replaceAll(".*\\.", "") + " "
                        + b.path("params").path("grade").asText());
            }
            files.add(result.toString());
        }
        assertThat(seen).containsExactlyInAnyOrder("perFile U0", "bulk U0", "perFile U50", "bulk U50");

        Path html = tmp.resolve("r.html");
        List<String> report = new ArrayList<>(List.of("report"));
        report.addAll(files);
        report.addAll(List.of("--out", html.toString()));
        CommandLineTest.Outcome r = CommandLineTest.run(report.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("1 run, 4 insert benchmarks");
        assertThat(Files.readString(html)).contains("(3 of 3 shards)");

        List<String> compare = new ArrayList<>(List.of("compare", files.get(0)));
        compare.addAll(files);
        CommandLineTest.Outcome c = CommandLineTest.run(compare.toArray(String[]::new));
        assertThat(c.out())
                .contains("(3 of 3 shards)")
                .contains("2 compared")
                .contains("0 only in baseline, 2 only in current");
    }

    @Test
    void badShardsAreRefusedWithTheValidForm() throws Exception {
        for (String bad : List.of("4/3", "0/2", "two", "1/0")) {
            CommandLineTest.Outcome o = CommandLineTest.run("StructuredJson", "-p", "system=" + SYSTEM, "--shard", bad);
            assertThat(o.code()).as(bad).isEqualTo(2);
            assertThat(o.err()).contains("invalid --shard '" + bad + "'; valid: K/N with 1 <= K <= N");
        }
        assertThat(new Shard(2, 3).of(List.of(0, 1, 2, 3, 4, 5, 6))).containsExactly(1, 4);
    }
}
