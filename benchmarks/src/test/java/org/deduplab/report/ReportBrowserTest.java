package org.deduplab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deduplab.cli.Launcher;
import org.deduplab.store.Systems;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report of a small real run (the first two embedded systems, two payload types, two
 * grades, both stages), opened in headless Chromium: no console message, every chart element
 * present in the number the run implies, the page's script ran, and a screenshot is taken
 * ({@code benchmarks/target/report-screenshot.png}). Without a Chromium the test is skipped, unless
 * {@code DEDUP_REQUIRE_BROWSER} is set (CI sets it, so a missing browser fails there).
 */
@Tag("slow") // starts servers, a launcher, a JMH run, a browser or a child JVM: left out of mvn -Pfast test
class ReportBrowserTest {
    @TempDir
    static Path tmp;

    static Path run;
    static HeadlessChromium chromium;

    @BeforeAll
    static void smallRealRun() throws Exception {
        chromium = HeadlessChromium.find();
        if (chromium == null && System.getenv("DEDUP_REQUIRE_BROWSER") != null) {
            fail("DEDUP_REQUIRE_BROWSER is set but no chromium is on PATH (apt-get install -y chromium)");
        }
        assumeTrue(chromium != null, "no headless Chromium on this machine (apt-get install -y chromium)");
        run = tmp.resolve("run-small.json");
        int code = Launcher.run(
                "-p",
                "system=" + String.join(",", Systems.withEmbeddedServer().subList(0, 2)),
                "-p",
                "payload=text_log,versioned_doc",
                "-p",
                "grade=U0,U50",
                "-p",
                "datasetMiB=1",
                "-i",
                "1",
                "-rff",
                run.toString(),
                "-jvmArgsAppend",
                "-Ddedup.datasets=" + tmp.resolve("ds"));
        assertThat(code).isZero();
        assertThat(tmp.resolve("run-small.env.json")).exists();
    }

    static int count(String dom, String cssClass) {
        Matcher m = Pattern.compile("class=\"" + Pattern.quote(cssClass) + "\"").matcher(dom);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void oneRunRendersEveryChartWithoutConsoleErrors() throws Exception {
        Path html = tmp.resolve("one.html");
        assertThat(Launcher.run("report", run.toString(), "--out", html.toString()))
                .isZero();
        String source = Files.readString(html);
        // self-contained: nothing is fetched from anywhere
        assertThat(source)
                .doesNotContainPattern("(src|href)=\"")
                .doesNotContain("@import")
                .doesNotContain("url(");

        HeadlessChromium.Page page = chromium.load(html, null, tmp);
        assertThat(page.console()).as("console messages").isEmpty();
        String dom = page.dom();
        // 2 systems x 2 stages x 2 payload types x 2 grades = 16 benchmarks
        assertThat(count(dom, "heat-cell")).isEqualTo(16);
        assertThat(count(dom, "edr-bar")).isEqualTo(16);
        assertThat(count(dom, "mbps-bar")).isEqualTo(16);
        // six reference ratios for each of the 4 datasets (payload x grade), from run-small.env.json
        assertThat(count(dom, "ref-bar")).isEqualTo(24);
        // every configuration a point of its payload's trade-off chart
        assertThat(count(dom, "tradeoff-point")).isEqualTo(16);
        // 2 trade-off charts (one per payload) + 2 heatmaps (one per grade) + 2 reference charts + 2 ingest charts
        assertThat(dom).contains("data-charts=\"8\"");
        assertThat(dom)
                .contains("FastCDC + zstd-3")
                .contains(Systems.withEmbeddedServer().get(0) + " · bulk")
                .contains("Environment")
                .contains("JMH");
        // numbers, not blanks: every heat cell carries an EDR
        assertThat(dom).doesNotContain("data-edr=\"NaN\"");

        Path shot = Path.of("target", "report-screenshot.png").toAbsolutePath();
        Files.deleteIfExists(shot);
        HeadlessChromium.Page screenshot = chromium.load(html, shot, tmp);
        assertThat(screenshot.console()).isEmpty();
        byte[] png = Files.readAllBytes(shot);
        assertThat(png.length).isGreaterThan(20_000);
        assertThat(new String(png, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
    }

    @Test
    void severalRunsAppearSideBySide() throws Exception {
        Path second = tmp.resolve("run-again.json");
        Files.copy(run, second, StandardCopyOption.REPLACE_EXISTING);
        Path html = tmp.resolve("two.html");
        assertThat(Launcher.run("report", run.toString(), second.toString(), "--out", html.toString()))
                .isZero();
        HeadlessChromium.Page page = chromium.load(html, null, tmp);
        assertThat(page.console()).isEmpty();
        String dom = page.dom();
        assertThat(count(dom, "heat-cell")).isEqualTo(32);
        assertThat(count(dom, "edr-bar")).isEqualTo(32);
        assertThat(count(dom, "mbps-bar")).isEqualTo(32);
        assertThat(count(dom, "ref-bar")).isEqualTo(24); // the reference ratios belong to the datasets, shown once
        // the runs share each chart: 2 trade-off charts (each configuration once: the first run's figures) + 2 + 2 + 2
        assertThat(dom).contains("data-charts=\"8\"");
        assertThat(count(dom, "tradeoff-point")).isEqualTo(16);
        // the second run's cells stand beside the first run's in the same heatmaps
        assertThat(Pattern.compile("class=\"heat-cell\"[^>]*data-run=\"1\"")
                        .matcher(dom)
                        .results()
                        .count())
                .isEqualTo(16);
        assertThat(dom).contains("run-small").contains("run-again");
    }

    @Test
    void theConsoleCheckCatchesAPageThatFails() throws Exception {
        // the harness itself: a page with an error must not pass as clean
        Path bad = tmp.resolve("bad.html");
        Files.writeString(
                bad,
                "<!DOCTYPE html><html><body><script>console.error('boom'); missingFunction();</script></body></html>");
        HeadlessChromium.Page page = chromium.load(bad, null, tmp);
        assertThat(page.console())
                .anySatisfy(l -> assertThat(l).contains("boom"))
                .anySatisfy(l -> assertThat(l).contains("missingFunction"));
        assertThat(List.of(page.dom())).allSatisfy(d -> assertThat(d).contains("<script>"));
    }
}
