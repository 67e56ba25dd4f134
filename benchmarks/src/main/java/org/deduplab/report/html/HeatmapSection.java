package org.deduplab.report.html;

import java.util.List;
import java.util.Locale;
import org.deduplab.report.Numbers;
import org.deduplab.report.RunFile;

/**
 * One EDR heatmap per grade: rows are system · stage, columns payload types. With several runs each
 * payload column splits into one sub-column per run (under the run's colour band), so the runs sit
 * side by side cell by cell. Cells carry the class {@code heat-cell}.
 */
final class HeatmapSection {
    private static final int CELL_HEIGHT = 26;
    private static final int LEFT = 200;

    private HeatmapSection() {}

    static void render(ReportModel m, Html html) {
        html.add(
                "<section id=\"heatmaps\"><h2>EDR by system and payload type</h2>\n<p class=\"note\">Green: the system kept"
                        + " fewer bytes than it was given; red: more. Colour follows log<sub>2</sub> EDR."
                        + (m.runs.size() > 1 ? " Each payload column holds one sub-column per run, in run order." : "")
                        + "</p>\n");
        List<ReportModel.RowKey> rows = m.rows();
        for (String g : m.grades) {
            grade(m, html, rows, g);
        }
        html.add("</section>\n");
    }

    private static void grade(ReportModel m, Html html, List<ReportModel.RowKey> rows, String grade) {
        int n = m.runs.size();
        int sub = n == 1 ? 124 : Math.max(46, 124 / n + 8);
        int cw = sub * n;
        int top = n == 1 ? 34 : 44;
        int w = LEFT + cw * m.payloads.size() + 4;
        int h = top + CELL_HEIGHT * rows.size() + 4;
        html.add("<h3>grade ")
                .text(grade)
                .add("</h3>\n<figure class=\"chart heatmap\" data-grade=\"")
                .text(grade)
                .add(
                        "\"><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"",
                        w,
                        "\" height=\"",
                        h,
                        "\" role=\"img\" aria-label=\"EDR heatmap, grade ")
                .text(grade)
                .add("\">");
        for (int pi = 0; pi < m.payloads.size(); pi++) {
            html.svgText(LEFT + pi * cw + cw / 2.0, n == 1 ? top - 10 : top - 20, m.payloads.get(pi), "middle", "head");
            for (int ri = 0; n > 1 && ri < n; ri++) {
                html.add(
                                "<rect x=\"",
                                LEFT + pi * cw + ri * sub + 1,
                                "\" y=\"",
                                top - 10,
                                "\" width=\"",
                                sub - 2,
                                "\" height=\"6\" fill=\"",
                                ReportModel.color(ri),
                                "\"><title>")
                        .text(m.runs.get(ri).label())
                        .add("</title></rect>");
            }
        }
        for (int row = 0; row < rows.size(); row++) {
            ReportModel.RowKey k = rows.get(row);
            int y = top + row * CELL_HEIGHT;
            html.add("<g class=\"heat-row\" data-system=\"").text(k.system()).add("\">");
            html.svgText(LEFT - 8, y + CELL_HEIGHT / 2.0 + 4, m.rowLabel(k), "end", "label");
            for (int pi = 0; pi < m.payloads.size(); pi++) {
                for (int ri = 0; ri < n; ri++) {
                    int x = LEFT + pi * cw + ri * sub;
                    String payload = m.payloads.get(pi);
                    int run = ri;
                    m.find(ri, k, payload, grade)
                            .ifPresent(b -> cell(m, html, b, k, run, x, y, sub, payload + " " + grade));
                }
            }
            html.add("</g>");
        }
        html.add("</svg></figure>\n");
    }

    private static void cell(
            ReportModel m,
            Html html,
            RunFile.Bench b,
            ReportModel.RowKey k,
            int run,
            int x,
            int y,
            int width,
            String dataset) {
        double edr = b.edr();
        String title = (m.runs.size() > 1 ? m.runs.get(run).label() + ": " : "") + m.rowLabel(k) + ", " + dataset
                + ": EDR " + Html.num(edr) + ", physical delta " + Numbers.mb(b.physicalDeltaBytes()) + " MB";
        html.add(
                        "<rect class=\"heat-cell\" x=\"",
                        x + 1,
                        "\" y=\"",
                        y + 1,
                        "\" width=\"",
                        width - 2,
                        "\" height=\"",
                        CELL_HEIGHT - 2,
                        "\" fill=\"",
                        heatColor(edr),
                        "\" data-run=\"",
                        run,
                        "\" data-edr=\"",
                        Double.isNaN(edr) ? "NaN" : Html.num(edr),
                        "\"><title>")
                .text(title)
                .add("</title></rect>");
        html.svgText(x + width / 2.0, y + CELL_HEIGHT / 2.0 + 4, Html.num(edr), "middle", "cell");
    }

    /** Diverging colour: red below EDR 1, white at 1, green above; grey for n/a. */
    static String heatColor(double edr) {
        if (Double.isNaN(edr) || edr <= 0) {
            return "#e2e8f0";
        }
        double t = Math.max(-1, Math.min(1, Html.log2(edr) / (edr < 1 ? 1.5 : 4)));
        int r;
        int g;
        int b;
        if (t < 0) {
            r = 255;
            g = (int) Math.round(255 - 140 * -t);
            b = (int) Math.round(255 - 150 * -t);
        } else {
            r = (int) Math.round(255 - 170 * t);
            g = (int) Math.round(255 - 60 * t);
            b = (int) Math.round(255 - 150 * t);
        }
        return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, b);
    }
}
