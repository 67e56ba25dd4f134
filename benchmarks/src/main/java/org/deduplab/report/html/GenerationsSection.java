package org.deduplab.report.html;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.deduplab.bench.SeriesMetric;
import org.deduplab.layout.Layouts;
import org.deduplab.report.GenerationSeries;
import org.deduplab.report.RunFile;

/**
 * How a store grows and fragments as generations arrive and expire, per payload: cumulative physical
 * bytes against generation and restore MB/s of the newest generation against generation (one line
 * per run, system, layout and stage), then the retention table: what should come back when older
 * generations expire, what came back after the layout's expiry and after each reclamation step, and
 * what the next generation added.
 */
final class GenerationsSection {
    private static final double W = 760;
    private static final double H = 260;
    private static final double LEFT = 64;
    private static final double BOTTOM = 36;
    private static final double TOP = 12;
    private static final double RIGHT = 230;
    private static final String[] COLORS = {
        "#2b6cb0", "#c53030", "#2f855a", "#805ad5", "#dd6b20", "#b7791f", "#319795", "#d53f8c"
    };
    /** A line's dash by its layout's place in the registry: plain solid, cas dashed, cdc dotted. */
    private static final String[] DASHES = {"", "7 4", "2 3", "9 3 2 3"};

    private GenerationsSection() {}

    /** A series with the run it belongs to; its colour is its system's, its dash its layout's. */
    private record Line(String run, GenerationSeries series) {
        String color(List<String> systems) {
            int i = systems.indexOf(series.at().system());
            return COLORS[Math.max(0, i) % COLORS.length];
        }

        String dash() {
            int i = Layouts.names().indexOf(series.at().layout());
            return DASHES[Math.max(0, i) % DASHES.length];
        }

        String label() {
            var at = series.at();
            return at.system() + " · " + at.layout() + " · "
                    + at.method().replace("generations", "").toLowerCase() + (run.isEmpty() ? "" : " · " + run);
        }
    }

    static void render(ReportModel m, Html html) {
        Map<String, List<Line>> byDataset = new LinkedHashMap<>();
        for (RunFile r : m.runs) {
            for (GenerationSeries s : r.generations()) {
                var at = s.at();
                byDataset
                        .computeIfAbsent(
                                at.payload() + " " + at.grade() + " " + at.datasetMiB() + "MiB · " + s.history(),
                                k -> new ArrayList<>())
                        .add(new Line(m.runs.size() > 1 ? r.label() : "", s));
            }
        }
        if (byDataset.isEmpty()) {
            return;
        }
        html.add("<section id=\"generations\"><h2>Generations: growth, restore and retention</h2>\n<p class=\"note\">"
                + "Each generation is loaded on top of the ones before it (no reset); the footprint after each, and the"
                + " newest generation restored right after its load, every file checked by SHA-256. Means over the"
                + " series (samples) of each benchmark. Retention: the older generations expire through the layout"
                + " (plain deletes files; cas and cdc also delete the blobs and chunks no kept file references), then the"
                + " system's routine and full reclamation run, each measured.</p>\n");
        byDataset.forEach((dataset, lines) -> {
            html.add("<h3>").text(dataset).add("</h3>\n");
            List<String> systems =
                    lines.stream().map(l -> l.series().at().system()).distinct().toList();
            chart(
                    html,
                    dataset,
                    "cumulative physical MB",
                    lines,
                    systems,
                    g -> g.physical().mean() / 1e6);
            chart(
                    html,
                    dataset,
                    "restore MB/s of the newest generation",
                    lines,
                    systems,
                    g -> g.restore().mean());
            retention(html, lines);
        });
        html.add("</section>\n");
    }

    private static void chart(
            Html html,
            String dataset,
            String what,
            List<Line> lines,
            List<String> systems,
            Function<GenerationSeries.Generation, Double> y) {
        int maxGen = lines.stream()
                .mapToInt(l -> l.series().generations().size())
                .max()
                .orElse(1);
        double maxY = lines.stream()
                .flatMap(l -> l.series().generations().stream())
                .mapToDouble(y::apply)
                .filter(Double::isFinite)
                .max()
                .orElse(1);
        html.add("<figure class=\"chart generations-chart\"><figcaption>")
                .text(dataset + ": " + what + " against generation")
                .add("</figcaption>\n<svg viewBox=\"0 0 ", Html.coord(W), " ", Html.coord(H), "\" role=\"img\">");
        axes(html, maxGen, maxY, what);
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            String color = l.color(systems);
            StringBuilder points = new StringBuilder();
            for (GenerationSeries.Generation g : l.series().generations()) {
                double v = y.apply(g);
                if (Double.isFinite(v)) {
                    points.append(Html.coord(x(g.number(), maxGen)))
                            .append(',')
                            .append(Html.coord(yOf(v, maxY)))
                            .append(' ');
                }
            }
            html.add(
                    "<polyline class=\"generation-line\" fill=\"none\" stroke=\"",
                    color,
                    "\" stroke-width=\"2\" stroke-dasharray=\"",
                    l.dash(),
                    "\" points=\"",
                    points.toString().strip(),
                    "\"><title>");
            html.text(l.label()).add("</title></polyline>");
            html.svgText(W - RIGHT + 14, TOP + 8 + 16 * i, l.label(), "start", "legend");
            html.add(
                    "<line x1=\"",
                    Html.coord(W - RIGHT),
                    "\" x2=\"",
                    Html.coord(W - RIGHT + 10),
                    "\" y1=\"",
                    Html.coord(TOP + 4 + 16 * i),
                    "\" y2=\"",
                    Html.coord(TOP + 4 + 16 * i),
                    "\" stroke=\"",
                    color,
                    "\" stroke-width=\"2\" stroke-dasharray=\"",
                    l.dash(),
                    "\"/>");
        }
        html.add("</svg></figure>\n");
    }

    private static double x(int generation, int maxGen) {
        return LEFT + (maxGen <= 1 ? 0.5 : (generation - 1.0) / (maxGen - 1)) * (W - LEFT - RIGHT - 10);
    }

    private static double yOf(double v, double maxY) {
        return H - BOTTOM - v / (maxY * 1.05) * (H - BOTTOM - TOP);
    }

    private static void axes(Html html, int maxGen, double maxY, String what) {
        double y0 = H - BOTTOM;
        html.add("<line class=\"axis\" x1=\"", Html.coord(LEFT), "\" y1=\"", Html.coord(y0), "\" x2=\"");
        html.add(Html.coord(W - RIGHT - 10), "\" y2=\"", Html.coord(y0), "\"/>");
        html.add("<line class=\"axis\" x1=\"", Html.coord(LEFT), "\" y1=\"", Html.coord(TOP), "\" x2=\"");
        html.add(Html.coord(LEFT), "\" y2=\"", Html.coord(y0), "\"/>");
        for (int g = 1; g <= maxGen; g++) {
            html.svgText(x(g, maxGen), y0 + 14, String.valueOf(g), "middle", "tick");
        }
        for (int i = 0; i <= 4; i++) {
            double v = maxY * 1.05 * i / 4;
            html.svgText(LEFT - 6, yOf(v, maxY) + 4, Html.num(v), "end", "tick");
        }
        html.svgText((W - RIGHT + LEFT) / 2, H - 4, "generation", "middle", "axis-label");
        html.add(
                "<text class=\"axis-label\" transform=\"translate(12 ",
                Html.coord((H - BOTTOM) / 2),
                ") rotate(-90)\" text-anchor=\"middle\">");
        html.text(what).add("</text>");
    }

    private static void retention(Html html, List<Line> lines) {
        List<Line> expired = lines.stream().filter(l -> l.series().expired()).toList();
        if (expired.isEmpty()) {
            return;
        }
        html.add("<table class=\"retention\"><thead><tr><th>series</th><th>should come back MB</th>"
                + "<th>after expiry MB</th><th>after routine MB</th><th>after full MB</th><th>expiry s</th>"
                + "<th>routine s</th><th>full s</th><th>next generation added MB</th></tr></thead><tbody>\n");
        for (Line l : expired) {
            html.add("<tr class=\"retention-row\"><td>").text(l.label()).add("</td>");
            for (SeriesMetric metric : List.of(
                    SeriesMetric.EXPECTED_FREED,
                    SeriesMetric.FREED_EXPIRY,
                    SeriesMetric.FREED_ROUTINE,
                    SeriesMetric.FREED_FULL)) {
                html.add("<td>", Html.num(l.series().figure().apply(metric).mean() / 1e6), "</td>");
            }
            for (SeriesMetric metric :
                    List.of(SeriesMetric.EXPIRY_SECONDS, SeriesMetric.ROUTINE_SECONDS, SeriesMetric.FULL_SECONDS)) {
                html.add("<td>", Html.num(l.series().figure().apply(metric).mean()), "</td>");
            }
            html.add(
                    "<td>",
                    Html.num(l.series().figure().apply(SeriesMetric.NEXT_DELTA).mean() / 1e6),
                    "</td></tr>\n");
        }
        html.add("</tbody></table>\n");
    }
}
