package org.deduplab.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deduplab.bench.SeriesMetric;
import org.deduplab.bench.StorageMetric;
import org.deduplab.cli.Launcher;
import org.deduplab.payloads.analyze.Technique;
import org.deduplab.report.GenerationSeries;
import org.deduplab.report.RunFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of the committed baseline, without a browser (the browser test is {@code ReportBrowserTest}):
 * one heat cell per benchmark, the reference ratios from the environment file, and a result of the
 * earlier shape rendered the same way.
 */
class HtmlReportTest {
    static final Path BASELINE = Path.of("..", "results", "baseline", "default-matrix-4MiB.json");
    /** A real run of versioned_doc U0, 32 MiB, PostgreSQL and S3, plain / cas / cdc, insert and restore (README). */
    static final Path RESTORE_EXAMPLE = Path.of("..", "results", "restore-example", "versioned-doc-32MiB.json");

    static final Path LEGACY = Path.of("src", "test", "resources", "legacy-shape", "default-matrix-4MiB.json");

    @TempDir
    Path tmp;

    @Test
    void reportTakesAShellGlobThatAlsoMatchesTheEnvironmentFiles() throws Exception {
        Path out = tmp.resolve("glob.html");
        // what results/baseline/*.json expands to: the result and its .env.json
        int code = Launcher.run(
                "report",
                BASELINE.toString(),
                BASELINE.resolveSibling("default-matrix-4MiB.env.json").toString(),
                "--out",
                out.toString());
        assertThat(code).isZero();
        String html = Files.readString(out);
        assertThat(html)
                .contains("FastCDC + zstd-3")
                .contains("4 KiB block dedup"); // reference ratios from the .env.json
        assertThat(html.split("class=\"heat-cell\"", -1)).hasSize(121);
        assertThat(html.split("class=\"edr-bar\"", -1)).hasSize(121);
        assertThat(html.split("class=\"mbps-bar\"", -1)).hasSize(121);
        // 6 reference ratios for each of the 15 datasets
        assertThat(html.split("class=\"ref-bar\"", -1)).hasSize(91);
    }

    @Test
    void bothShapesRenderTheSameCharts() throws Exception {
        String now = HtmlReport.render(List.of(RunFile.load(BASELINE)));
        String old = HtmlReport.render(List.of(RunFile.load(LEGACY)));
        for (String cls : List.of("heat-cell", "edr-bar", "mbps-bar")) {
            assertThat(old.split("class=\"" + cls + "\"", -1))
                    .as(cls)
                    .hasSameSizeAs(now.split("class=\"" + cls + "\"", -1));
        }
        // the reference ratios each run's analyzer recorded: 5 per dataset then, 6 since fileZstdRatio
        assertThat(old.split("class=\"ref-bar\"", -1)).hasSize(15 * 5 + 1);
        assertThat(now.split("class=\"ref-bar\"", -1)).hasSize(15 * 6 + 1);
        assertThat(old).contains("structured_json").contains(firstSystem(RunFile.load(LEGACY)) + " · bulk");
    }

    @Test
    void everyIngestBarHasItsErrorBarWhereItsSamplesGiveAnInterval() throws Exception {
        String html = HtmlReport.render(List.of(RunFile.load(BASELINE)));
        assertThat(html.split("class=\"error-bar", -1)).hasSize(121);
        assertThat(html).contains(" ± ").contains("error-bar clipped");
        ArrayNode run = (ArrayNode) new ObjectMapper().readTree(BASELINE.toFile());
        for (JsonNode b : run) {
            ObjectNode m = (ObjectNode) b.path("secondaryMetrics").path(StorageMetric.INGEST.label());
            ArrayNode oneSample = new ObjectMapper().createArrayNode();
            oneSample.addArray().add(m.path("score").asDouble()); // one measured load: no interval
            m.set("rawData", oneSample);
        }
        Path noError = tmp.resolve("no-error.json");
        new ObjectMapper().writeValue(noError.toFile(), run);
        assertThat(HtmlReport.render(List.of(RunFile.load(noError)))).doesNotContain("class=\"error-bar");
    }

    /** A real generations run: PostgreSQL and Redis, versioned_doc U50 8 MiB, 6 generations, 3 kept, plain, cas and cdc. */
    static final Path GENERATIONS =
            Path.of("src", "test", "resources", "generations-run", "versioned_doc-U50-8MiB.json");

    @Test
    void aGenerationsRunDrawsGrowthAndRestoreAgainstGenerationAndItsRetentionTable() throws Exception {
        RunFile run = RunFile.load(GENERATIONS);
        String html = HtmlReport.render(List.of(run));
        assertThat(html).contains("<section id=\"generations\">").doesNotContain("nothing to chart");
        int series = run.generations().size();
        assertThat(series).isEqualTo(6);
        // two charts per dataset, a line per series in each, every line through all 6 generations
        assertThat(html.split("class=\"generation-line\"", -1)).hasSize(2 * series + 1);
        Matcher line = Pattern.compile("class=\"generation-line\"[^>]*points=\"([^\"]*)\"")
                .matcher(html);
        while (line.find()) {
            assertThat(line.group(1).split(" ")).hasSize(6);
        }
        assertThat(html.split("class=\"retention-row\"", -1)).hasSize(series + 1);
        // plain keeps every file whole: expiry and reclamation give back what the expired generations hold, within 10 %
        for (GenerationSeries plain : run.generations()) {
            if (!plain.at().layout().equals("plain")) {
                continue;
            }
            double expected = plain.figure().apply(SeriesMetric.EXPECTED_FREED).mean();
            double freed = Math.max(
                    plain.figure().apply(SeriesMetric.FREED_EXPIRY).mean(),
                    plain.figure().apply(SeriesMetric.FREED_FULL).mean());
            assertThat(freed).as(plain.label()).isBetween(0.9 * expected, 1.1 * expected);
            assertThat(plain.generations().get(5).physical().mean())
                    .isGreaterThan(plain.generations().get(0).physical().mean());
        }
    }

    @Test
    void heatColoursRunFromRedThroughWhiteToGreen() {
        assertThat(HeatmapSection.heatColor(1.0)).isEqualTo("#ffffff");
        assertThat(HeatmapSection.heatColor(0.5)).startsWith("#ff");
        assertThat(HeatmapSection.heatColor(4.0)).doesNotStartWith("#ff");
        assertThat(HeatmapSection.heatColor(Double.NaN)).isEqualTo("#e2e8f0");
    }

    @Test
    void theChoicesTableSplitsTheFrontFromTheDominatedAndChartsEveryConfiguration() throws Exception {
        String html = HtmlReport.render(List.of(RunFile.load(RESTORE_EXAMPLE)));
        // 2 systems x 3 layouts x 2 paths = 12 configurations, each with its restore
        // with 95 % intervals, plain's and cas's faster restores are inside the intervals of three restores
        // each, so cdc (higher EDR, not slower beyond the intervals) beats them all
        assertThat(count(html, "<tr class=\"front\"")).isEqualTo(1);
        assertThat(count(html, "<tr class=\"dominated\"")).isEqualTo(1); // one grey row per group
        assertThat(count(html, "<span class=\"beaten\"")).isEqualTo(11);
        assertThat(count(html, "class=\"tradeoff-point\"")).isEqualTo(12);
        assertThat(html)
                .contains(firstSystem(RunFile.load(RESTORE_EXAMPLE)) + " · cdc · bulk")
                .contains("point area = restore MB/s");
    }

    /** A real run of a mimic (4 MiB of /usr/share/doc's shape, PostgreSQL bulk), with its .env.json. */
    static final Path MIMIC_RUN = Path.of("src", "test", "resources", "mimic-run", "doc-mimic-4MiB.json");

    @Test
    void aMimicIsNamedByItsProfileHashWithTheProfiledCorpusRatiosBesideItsOwn() throws Exception {
        RunFile run = RunFile.load(MIMIC_RUN);
        String payload = run.inserts().get(0).payload();
        assertThat(payload).startsWith("mimic:");
        String hash = run.profileHash(payload, "U0", "4").orElseThrow();
        assertThat(hash).matches("[0-9a-f]{12}");
        assertThat(run.profiledCorpusRatios(payload, "U0", "4")).containsKeys(Technique.CDC_DEDUP, Technique.ZSTD);
        String html = HtmlReport.render(List.of(run));
        assertThat(html).contains("mimic of profile " + hash);
        assertThat(count(html, "class=\"ref-bar profiled\"")).isEqualTo(6); // the corpus's six analyzer ratios
        assertThat(html)
                .contains("profiled corpus · FastCDC + zstd-3: "
                        + Html.num(run.profiledCorpusRatios(payload, "U0", "4").get(Technique.CDC_ZSTD)));
    }

    @Test
    void theRestoreTableShowsEachRestoresReadAmplificationAndLatency() throws Exception {
        RunFile run = RunFile.load(RESTORE_EXAMPLE);
        String html = HtmlReport.render(List.of(run));
        assertThat(count(html, "<tr class=\"restore-row\""))
                .isEqualTo(run.restores().size())
                .isEqualTo(12);
        for (RunFile.Bench b : run.restores()) {
            String reads = Html.num(b.metric(StorageMetric.READ_REQUESTS));
            String layout = b.at().orElseThrow().layout();
            switch (layout) {
                case "plain" ->
                    assertThat(Double.parseDouble(reads)).as(b.key().toString()).isEqualTo(1);
                case "cas" ->
                    assertThat(Double.parseDouble(reads)).as(b.key().toString()).isEqualTo(2);
                default ->
                    assertThat(Double.parseDouble(reads)).as(b.key().toString()).isGreaterThan(2); // 1 + chunks
            }
            assertThat(html).contains("<td>" + reads + "</td>");
        }
        RunFile.Bench perFile = run.restores().stream()
                .filter(b -> b.method().endsWith("restorePerFile"))
                .findFirst()
                .orElseThrow();
        assertThat(html).contains("<td>" + Html.num(perFile.metric(StorageMetric.FILE_LATENCY_P99)) + "</td>");
    }

    @Test
    void insertsAndRestoresFromTwoRunsAreJoinedByTheirParams(@TempDir Path dir) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ArrayNode inserts = json.createArrayNode();
        ArrayNode restores = json.createArrayNode();
        for (JsonNode b : json.readTree(RESTORE_EXAMPLE.toFile())) {
            (b.path("benchmark").asText().contains(".restore") ? restores : inserts).add(b);
        }
        Path i = dir.resolve("inserts.json");
        Path r = dir.resolve("restores.json");
        json.writeValue(i.toFile(), inserts);
        json.writeValue(r.toFile(), restores);

        String joined = HtmlReport.render(List.of(RunFile.load(r), RunFile.load(i)));
        String one = HtmlReport.render(List.of(RunFile.load(RESTORE_EXAMPLE)));

        assertThat(rows(joined)).isEqualTo(rows(one)).hasSize(1);
        assertThat(beaten(joined)).isEqualTo(beaten(one)).hasSize(11);
        String insertsAlone = HtmlReport.render(List.of(RunFile.load(i)));
        assertThat(insertsAlone).contains("<td>n/a</td>"); // no restore MB/s: the front is over EDR and ingest alone
    }

    private static int count(String html, String what) {
        return html.split(Pattern.quote(what), -1).length - 1;
    }

    /** The configuration cells of the choices table's front rows. */
    private static List<String> rows(String html) {
        return all(html, "<tr class=\"front\"[^>]*><td>[^<]*</td><td>[^<]*</td><td class=\"config\">([^<]*)</td>");
    }

    /** The dominated configurations, with their figures. */
    private static List<String> beaten(String html) {
        return all(html, "<span class=\"beaten\"[^>]*>([^<]*)</span>");
    }

    private static List<String> all(String html, String regex) {
        Matcher m = Pattern.compile(regex).matcher(html);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** The system of a result's first insert benchmark (which one the committed file holds). */
    static String firstSystem(RunFile run) {
        return run.inserts().get(0).system();
    }
}
