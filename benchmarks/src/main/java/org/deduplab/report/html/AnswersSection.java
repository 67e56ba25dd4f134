package org.deduplab.report.html;

import java.util.Comparator;
import java.util.Optional;
import org.deduplab.report.RunFile;

/** "Which system stores this data smallest?": per payload type and grade, the best system and stage of each run. */
final class AnswersSection {
    private AnswersSection() {
    }

    static void render(ReportModel m, Html html) {
        html.add("<section id=\"answers\"><h2>Which system stores this data smallest?</h2>\n<table class=\"answers\"><thead><tr>"
                + "<th>payload</th><th>grade</th>");
        m.runs.forEach(r -> html.add("<th>").text(r.label()).add("</th>"));
        html.add("</tr></thead><tbody>\n");
        for (String p : m.payloads) {
            for (String g : m.grades) {
                html.add("<tr><td>").text(p).add("</td><td>").text(g).add("</td>");
                for (RunFile r : m.runs) {
                    Optional<RunFile.Bench> best = r.inserts().stream()
                            .filter(b -> b.payload().equals(p) && b.grade().equals(g) && !Double.isNaN(b.edr()))
                            .max(Comparator.comparingDouble(RunFile.Bench::edr));
                    html.add("<td>", best.map(b -> Html.esc(b.system()) + " " + Html.esc(b.stage()) + " <b>" + Html.num(b.edr())
                            + "</b>").orElse("n/a"), "</td>");
                }
                html.add("</tr>\n");
            }
        }
        html.add("</tbody></table></section>\n");
    }
}
