package org.deduplab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deduplab.report.RunFile;
import org.deduplab.store.ColdCache;
import org.deduplab.store.Systems;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -p cache=warm,cold} through the launcher, in real forks: every cold iteration of PostgreSQL
 * follows a restart in place (a new pid each time, the one before it gone), S3's follows a page cache
 * drop, every cold restore is verified, and Redis, which cannot be had cold, is left out and named
 * under SKIPPED in the summary with the reason, never measured warm in its place.
 */
@Tag("slow") // starts servers and forks JMH
class ColdRestoreRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** One embedded system of each kind of cold cache, from the registry. */
    static final String RESTART = firstWith(ColdCache.RESTART);

    static final String NONE = firstWith(ColdCache.UNAVAILABLE);
    static final String PAGE_CACHE = firstWith(ColdCache.PAGE_CACHE_ONLY);

    private static final Pattern RESTARTED = Pattern.compile("restarted in place \\(pid (\\d+) -> (\\d+)\\)");

    @TempDir
    Path tmp;

    @Test
    void coldRestoresFollowARestartEachAndAServerWithoutACacheBelowIsSkippedWithTheReason() throws Exception {
        assumeThat(Files.isWritable(Path.of("/proc/sys/vm/drop_caches")))
                .as("cold needs root")
                .isTrue();
        Path result = tmp.resolve("cold.json");
        LauncherProcess.Finished run = LauncherProcess.run(
                tmp,
                Map.of(),
                List.of("-Ddedup.cds=false", "-Ddedup.topUpForks=0"), // two restores per benchmark, no top-up fork
                300,
                "TextLog.restorePerFile",
                "-p",
                "system=" + String.join(",", RESTART, NONE, PAGE_CACHE),
                "-p",
                "cache=warm,cold",
                "-p",
                "grade=U0",
                "-p",
                "datasetMiB=1",
                "-i",
                "2",
                "-r",
                "1ms", // one load (restore) per sample: one trace event per iteration
                "-rff",
                result.toString(),
                "-jvmArgsAppend",
                "-Ddedup.datasets=" + tmp.resolve("ds") + " -Ddedup.warmUpMaxLoads=1");
        assertThat(run.exit()).as(run.output()).isZero();
        String skipped = "cache=cold restores of " + NONE + ": ";
        assertThat(run.output().substring(run.output().indexOf("SKIPPED (not run, and why)")))
                .as(run.output())
                .contains(skipped);

        List<String> ran = new ArrayList<>();
        for (JsonNode b : JSON.readTree(result.toFile())) {
            ran.add(b.path("params").path("system").asText() + " "
                    + b.path("params").path("cache").asText());
        }
        assertThat(ran)
                .containsExactlyInAnyOrder(
                        RESTART + " warm",
                        NONE + " warm",
                        PAGE_CACHE + " warm",
                        RESTART + " cold",
                        PAGE_CACHE + " cold");

        List<JsonNode> cold = new ArrayList<>();
        for (String line : Files.readAllLines(RunFile.beside(result, RunFile.TRACE_SUFFIX))) {
            JsonNode e = JSON.readTree(line);
            if (e.path("event").asText().equals("restore")
                    && e.path("cache").asText().equals("cold")
                    && e.path("iteration").asText().startsWith("measurement")) {
                cold.add(e);
            }
        }
        assertThat(cold)
                .hasSize(4)
                .allSatisfy(e -> assertThat(e.path("verified").asBoolean()).isTrue());
        List<Long> pids = new ArrayList<>();
        for (JsonNode e : cold) {
            String emptied = e.path("cacheEmptied").asText();
            assertThat(emptied).contains("page cache dropped");
            if (e.path("system").asText().equals(RESTART)) {
                Matcher m = RESTARTED.matcher(emptied);
                assertThat(m.find()).as(emptied).isTrue();
                if (!pids.isEmpty()) {
                    assertThat(Long.parseLong(m.group(1)))
                            .as("each restart starts from the server the last one left")
                            .isEqualTo(pids.get(pids.size() - 1));
                }
                pids.add(Long.parseLong(m.group(2)));
            } else {
                assertThat(emptied).contains(PAGE_CACHE + ": no cache of its own");
            }
        }
        assertThat(pids).hasSize(2).doesNotHaveDuplicates();
        for (long pid :
                pids) { // stopped at the end: pg_ctl stop returns once the pid file is gone, the process a moment later
            ProcessHandle.of(pid)
                    .ifPresent(h -> h.onExit().orTimeout(10, TimeUnit.SECONDS).join());
        }
    }

    private static String firstWith(ColdCache kind) {
        return Systems.withEmbeddedServer().stream()
                .filter(n -> Systems.get(n).coldCache() == kind)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no embedded system whose cold cache is " + kind));
    }
}
