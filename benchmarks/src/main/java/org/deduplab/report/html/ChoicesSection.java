package org.deduplab.report.html;

import java.util.List;
import org.deduplab.report.TradeOffs;

/**
 * "Configurations worth choosing": per payload type, grade and size, the configurations (system with
 * its variant, layout, path) that no other beats on EDR, ingest MB/s and restore MB/s at once
 * ({@link TradeOffs}), each with the limit of its technique; the dominated ones below them in grey.
 * Then, per payload type, a scatter of EDR against ingest MB/s with restore MB/s as the point's size
 * ({@link TradeOffChart}).
 */
final class ChoicesSection {
    private ChoicesSection() {}

    static void render(ReportModel m, Html html) {
        List<TradeOffs.Choice> choices = TradeOffs.choices(m.runs);
        html.add(
                "<section id=\"choices\"><h2>Configurations worth choosing</h2>\n<p class=\"note\">Per payload type and"
                        + " grade: every configuration (system and storage variant · layout · path) that no other beats on bytes kept"
                        + " (EDR), ingest MB/s and restore MB/s (better beyond the 95 % intervals on one figure and worse beyond them on"
                        + " none; EDR is exact), highest EDR first; the beaten ones are listed below in grey, and a lead"
                        + " inside the intervals is shown as a tie. Restore MB/s comes from the restore benchmark of the same path (bulk with"
                        + " restoreBulk, perFile with restorePerFile; <code>java -jar benchmarks.jar restore</code>) and takes part"
                        + " where every configuration of the group has one. With several runs, each figure is the first run's that"
                        + " has it. Limit: the same technique on the analyzer (plain: zstd-3 per file; cas: file dedup then zstd-3;"
                        + " cdc: FastCDC then zstd-3).</p>\n");
        html.add("<table class=\"answers\"><thead><tr><th>payload</th><th>grade</th><th>configuration</th><th>EDR</th>"
                + "<th>ingest MB/s</th><th>restore MB/s</th><th>limit</th></tr></thead><tbody>\n");
        for (TradeOffs.Group g : TradeOffs.groups(choices)) {
            for (TradeOffs.Choice c : g.front()) {
                row(m, html, g, c);
            }
            dominated(html, g);
        }
        html.add("</tbody></table>\n");
        for (String payload : m.payloads) {
            TradeOffChart.render(
                    html,
                    payload,
                    choices.stream().filter(c -> c.payload().equals(payload)).toList(),
                    m.systems);
        }
        html.add("</section>\n");
    }

    /** One grey row under a group's front: the configurations another one beats on every figure. */
    private static void dominated(Html html, TradeOffs.Group g) {
        if (g.dominated().isEmpty()) {
            return;
        }
        html.add(
                "<tr class=\"dominated\"><td></td><td></td><td colspan=\"5\">beaten (better beyond the intervals on one figure, worse on none): ");
        for (int i = 0; i < g.dominated().size(); i++) {
            TradeOffs.Choice c = g.dominated().get(i);
            html.add(i == 0 ? "" : "; ", "<span class=\"beaten\" data-system=\"")
                    .text(c.system())
                    .add("\">")
                    .text(c.label() + " (EDR " + Html.num(c.edr()) + ", "
                            + c.ingest().text() + " MB/s in"
                            + (c.restore().known() ? ", " + c.restore().text() + " MB/s out" : "")
                            + ")")
                    .add("</span>");
        }
        html.add("</td></tr>\n");
    }

    private static void row(ReportModel m, Html html, TradeOffs.Group g, TradeOffs.Choice c) {
        String size = m.sizes.size() > 1 ? " · " + g.datasetMiB() + " MiB" : "";
        html.add("<tr class=\"front\" data-system=\"")
                .text(c.system())
                .add("\"><td>")
                .text(g.payload())
                .add("</td><td>")
                .text(g.grade() + size)
                .add("</td><td class=\"config\">")
                .text(c.label())
                .add("</td><td>", "<b>" + Html.num(c.edr()) + "</b>", "</td><td>")
                .text(c.ingest().text())
                .add("</td><td>")
                .text(c.restore().text())
                .add(
                        "</td><td>",
                        m.referenceOf(c.layout(), c.payload(), c.grade(), c.datasetMiB())
                                .map(Html::num)
                                .orElse("n/a"),
                        "</td></tr>\n");
        List<TradeOffs.Choice> ties = g.tiedWith(c);
        if (!ties.isEmpty()) {
            html.add("<tr class=\"tie\"><td></td><td></td><td colspan=\"5\">tie: ")
                    .text(String.join(
                                    ", ",
                                    ties.stream().map(TradeOffs.Choice::label).toList())
                            + " leads on the means, but only inside the 95 % intervals")
                    .add("</td></tr>\n");
        }
    }
}
