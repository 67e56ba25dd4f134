package org.deduplab.report.html;

import java.util.List;
import org.deduplab.bench.StorageMetric;
import org.deduplab.report.RunFile;

/**
 * What reading the data back costs, per restore benchmark and run: MB/s with its error, the entries
 * fetched per file (the layout's read amplification: 1 plain, 2 cas, 1 + chunks cdc), the requests
 * sent per file (below 1 where the bulk path batches) and the per-file latency of {@code restorePerFile},
 * warm and cold side by side where both ran.
 */
final class RestoreSection {
    private RestoreSection() {}

    static void render(ReportModel m, Html html) {
        if (m.runs.stream().allMatch(r -> r.restores().isEmpty())) {
            return;
        }
        html.add("<section id=\"restore\"><h2>Reading it back</h2>\n<p class=\"note\">Every file read back through its"
                + " layout and checked by SHA-256. reads/file = entries fetched from the system per file (1 plain, 2 cas,"
                + " 1 + its chunks cdc); trips/file = requests sent per file (below 1 where the bulk path batches);"
                + " latency per file for restorePerFile. <code>cold</code>: the server's caches and the OS page cache were"
                + " emptied before each measured restore.</p>\n");
        html.add("<table class=\"restores\"><thead><tr><th>run</th><th>payload</th><th>grade</th><th>system</th>"
                + "<th>layout</th><th>stage</th><th>cache</th><th>MB/s</th><th>reads/file</th><th>trips/file</th>"
                + "<th>p50 ms</th><th>p99 ms</th></tr></thead><tbody>\n");
        for (RunFile r : m.runs) {
            for (RunFile.Bench b : r.restores()) {
                row(html, r, b);
            }
        }
        html.add("</tbody></table></section>\n");
    }

    private static void row(Html html, RunFile r, RunFile.Bench b) {
        var at = b.at().orElseThrow();
        html.add("<tr class=\"restore-row\" data-system=\"").text(at.system()).add("\">");
        for (String cell :
                List.of(r.label(), at.payload(), at.grade(), at.system(), at.layout(), at.method(), at.cache())) {
            html.add("<td>").text(cell).add("</td>");
        }
        html.add("<td>").text(b.speed().text()).add("</td>");
        for (StorageMetric metric : List.of(
                StorageMetric.READ_REQUESTS,
                StorageMetric.ROUND_TRIPS,
                StorageMetric.FILE_LATENCY_P50,
                StorageMetric.FILE_LATENCY_P99)) {
            double v = b.metric(metric);
            html.add("<td>", Double.isNaN(v) ? "–" : Html.num(v), "</td>");
        }
        html.add("</tr>\n");
    }
}
