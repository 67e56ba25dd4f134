package org.deduplab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deduplab.bench.StorageMetric;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A default run's JSON (the committed baseline: the default matrix, 120 benchmarks) loaded into the
 * real JMH Visualizer app (the built copy in {@code ../shared/jmh-visualizer}, or
 * {@code DEDUP_JMH_VISUALIZER=DIR}) in headless Chromium: one chart per payload type, every bar
 * series with its own fill colour (the app has 18), and EDR, physical delta and MB/s in the main
 * view's metric menu. The app and the JSON are served from one local HTTP server, as the app fetches
 * its source; the charts draw JMH's error bars (a run whose errors are NaN draws none). Skipped with
 * a message where the app copy is absent; Chromium as in {@link ReportBrowserTest}.
 */
@Tag("slow") // starts servers, a launcher, a JMH run, a browser or a child JVM: left out of mvn -Pfast test
class JmhVisualizerBrowserTest {
    static final Path BASELINE = Path.of("..", "results", "baseline", "default-matrix-4MiB.json");
    static final Path LEGACY = Path.of("src", "test", "resources", "legacy-shape", "default-matrix-4MiB.json");
    static final List<String> CLASSES =
            List.of("RandomBinary", "StructuredJson", "TextLog", "VersionedDoc", "CompressedMedia");

    /** The baseline with every error set to NaN, as JMH writes it for a single measured load. */
    static final String NO_ERROR = "no-error.json";

    @TempDir
    static Path tmp;

    static HeadlessChromium chromium;
    static HttpServer server;
    static Path app;

    @BeforeAll
    static void serve() throws IOException {
        String configured = System.getProperty("dedup.jmhVisualizer", System.getenv("DEDUP_JMH_VISUALIZER"));
        app = Path.of(configured != null ? configured : "../../shared/jmh-visualizer")
                .toAbsolutePath()
                .normalize();
        if (!Files.isRegularFile(app.resolve("bundle.js"))) {
            if (configured != null) {
                fail("DEDUP_JMH_VISUALIZER / -Ddedup.jmhVisualizer names " + app
                        + ", which holds no built JMH Visualizer");
            }
            assumeTrue(
                    false,
                    "no JMH Visualizer copy at " + app + " (set DEDUP_JMH_VISUALIZER to a built"
                            + " jzillmann/jmh-visualizer): JmhVisualizerBrowserTest skipped");
        }
        chromium = HeadlessChromium.find();
        if (chromium == null && System.getenv("DEDUP_REQUIRE_BROWSER") != null) {
            fail("DEDUP_REQUIRE_BROWSER is set but no chromium is on PATH (apt-get install -y chromium)");
        }
        assumeTrue(chromium != null, "no headless Chromium on this machine (apt-get install -y chromium)");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            Path file = path.startsWith("/results/")
                    ? Path.of(path.substring("/results/".length()))
                    : app.resolve(path.substring(1).isEmpty() ? "index.html" : path.substring(1))
                            .normalize();
            Path source = path.equals("/results/baseline.json")
                    ? BASELINE
                    : path.equals("/results/legacy.json")
                            ? LEGACY
                            : path.equals("/results/" + NO_ERROR) ? tmp.resolve(NO_ERROR) : file;
            if (!Files.isRegularFile(source) || (!path.startsWith("/results/") && !source.startsWith(app))) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            byte[] body = Files.readAllBytes(source);
            exchange.getResponseHeaders().add("Content-Type", contentType(source));
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    private static String contentType(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith(".html")
                ? "text/html; charset=utf-8"
                : n.endsWith(".js")
                        ? "application/javascript; charset=utf-8"
                        : n.endsWith(".json") ? "application/json; charset=utf-8" : "application/octet-stream";
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    static String dom(String source) throws Exception {
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/index.html?source=/results/" + source;
        HeadlessChromium.Page page =
                chromium.load(url, null, tmp, List.of("--window-size=1600,6000", "--virtual-time-budget=20000"));
        return page.dom();
    }

    /**
     * The fill colour of each legend entry (one per bar series), per chart, in page order; "none"
     * for an entry the app drew without a fill (it ran out of colours). Legends do not animate.
     */
    static List<List<String>> legendFillsPerChart(String dom) {
        List<List<String>> charts = new ArrayList<>();
        String[] parts = dom.split("class=\"recharts-legend-wrapper\"");
        for (int i = 1; i < parts.length; i++) {
            int end = parts[i].indexOf("</ul>");
            charts.add(fills(end < 0 ? parts[i] : parts[i].substring(0, end)));
        }
        return charts;
    }

    private static List<String> fills(String legend) {
        List<String> out = new ArrayList<>();
        Matcher item = Pattern.compile("<li class=\"recharts-legend-item[^\"]*\"(.*?)</li>")
                .matcher(legend);
        while (item.find()) {
            Matcher fill = Pattern.compile("fill=\"([^\"]*)\"").matcher(item.group(1));
            out.add(fill.find() ? fill.group(1) : "none");
        }
        return out;
    }

    @Test
    void aDefaultRunShowsOneChartPerPayloadTypeEveryBarInItsOwnColourAndTheStorageMetrics() throws Exception {
        String dom = dom("baseline.json");
        for (String cls : CLASSES) {
            assertThat(dom).as("a chart titled " + cls).contains(">" + cls + "<");
        }
        // the main view's metric menu: Score and the lab's storage figures
        Set<String> menu = new LinkedHashSet<>();
        Matcher option = Pattern.compile("<option value=\"([^\"]*)\"").matcher(dom);
        while (option.find()) {
            menu.add(option.group(1));
        }
        assertThat(menu)
                .contains(
                        "Score",
                        StorageMetric.EDR.label(),
                        StorageMetric.PHYSICAL_DELTA.label(),
                        StorageMetric.INGEST.label());
        List<List<String>> charts = legendFillsPerChart(dom);
        assertThat(charts).as("one legend per payload chart").hasSize(CLASSES.size());
        for (List<String> legend : charts) {
            assertThat(legend)
                    .isNotEmpty()
                    .hasSizeLessThanOrEqualTo(18)
                    .doesNotHaveDuplicates()
                    .allSatisfy(fill -> assertThat(fill).as("legend fill").matches("#[0-9a-fA-F]{6}|rgb.*"));
        }
    }

    /** The error bars JMH Visualizer drew: one per bar with a finite error, once its animation ended. */
    static int errorBars(String dom) {
        return dom.split("class=\"recharts-layer recharts-errorBar\"", -1).length - 1;
    }

    static String settledDom(String source) throws Exception {
        return chromium.settledDom(
                "http://127.0.0.1:" + server.getAddress().getPort() + "/index.html?source=/results/" + source, tmp, 40);
    }

    @Test
    void aDefaultRunsChartsShowErrorBarsAndARunWithoutErrorsShowsNone() throws Exception {
        String dom = settledDom("baseline.json");
        assertThat(dom).as("the bars' labels, drawn when their animation ended").contains("recharts-label-list");
        assertThat(errorBars(dom))
                .as("error bars in the charts of a run with 3 measured loads per benchmark")
                .isEqualTo(120);
        ArrayNode run = (ArrayNode) new ObjectMapper().readTree(BASELINE.toFile());
        for (JsonNode b : run) {
            ((ObjectNode) b.path("primaryMetric")).put("scoreError", "NaN");
            b.path("secondaryMetrics").forEach(m -> ((ObjectNode) m).put("scoreError", "NaN"));
        }
        new ObjectMapper().writeValue(tmp.resolve(NO_ERROR).toFile(), run);
        assertThat(errorBars(dom(NO_ERROR)))
                .as("the check fails where JMH reported no error")
                .isZero();
    }

    @Test
    void theCheckCatchesTheEarlierShapeWhoseSingleChartRanOutOfColours() throws Exception {
        String dom = dom("legacy.json");
        List<List<String>> charts = legendFillsPerChart(dom);
        assertThat(charts).hasSize(1);
        assertThat(charts.get(0)).hasSizeGreaterThan(18);
        assertThat(charts.get(0).stream()
                        .filter(f -> f.matches("#[0-9a-fA-F]{6}|rgb.*"))
                        .distinct()
                        .count())
                .isLessThan(charts.get(0).size());
    }
}
