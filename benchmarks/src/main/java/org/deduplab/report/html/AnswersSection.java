package org.deduplab.report.html;

import java.util.Comparator;
import java.util.Optional;
import org.deduplab.report.RunFile;

/**
 * "Smallest configuration for this data": per payload type and grade, the configuration (system
 * with its variant, layout, stage) with the highest EDR in each run, its ingest MB/s, and the
 * reference ratio of the same technique, i.e. how far it is from the physical limit of its design.
 */
final class AnswersSection {
    private AnswersSection() {}

    static void render(ReportModel m, Html html) {
        html.add(
                "<section id=\"answers\"><h2>Smallest configuration for this data</h2>\n<p class=\"note\">Per payload type"
                        + " and grade: the system (and storage variant), layout and stage that kept the fewest bytes; its ingest MB/s; and"
                        + " the limit of the same technique (plain: zstd-3 per file; cas: file dedup then zstd-3; cdc: FastCDC then"
                        + " zstd-3).</p>\n<table class=\"answers\"><thead><tr><th>payload</th><th>grade</th>");
        m.runs.forEach(r -> html.add("<th colspan=\"4\">").text(r.label()).add("</th>"));
        html.add("</tr><tr><th></th><th></th>");
        m.runs.forEach(r -> html.add("<th>configuration</th><th>EDR</th><th>MB/s</th><th>limit</th>"));
        html.add("</tr></thead><tbody>\n");
        for (String p : m.payloads) {
            for (String g : m.grades) {
                html.add("<tr><td>").text(p).add("</td><td>").text(g).add("</td>");
                for (RunFile r : m.runs) {
                    Optional<RunFile.Bench> best = r.inserts().stream()
                            .filter(b -> b.payload().equals(p) && b.grade().equals(g) && !Double.isNaN(b.edr()))
                            .max(Comparator.comparingDouble(RunFile.Bench::edr));
                    cells(m, html, best);
                }
                html.add("</tr>\n");
            }
        }
        html.add("</tbody></table></section>\n");
    }

    private static void cells(ReportModel m, Html html, Optional<RunFile.Bench> best) {
        if (best.isEmpty()) {
            html.add("<td>n/a</td><td></td><td></td><td></td>");
            return;
        }
        RunFile.Bench b = best.get();
        html.add("<td class=\"config\">")
                .text(b.system() + " · " + b.layout() + " · " + b.stage())
                .add(
                        "</td><td><b>",
                        Html.num(b.edr()),
                        "</b></td><td>",
                        Html.num(b.mbps()),
                        "</td><td>",
                        m.sameTechniqueReference(b).map(Html::num).orElse("n/a"),
                        "</td>");
    }
}
