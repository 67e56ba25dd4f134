package org.deduplab.report.html;

import java.util.List;
import org.deduplab.report.RunFile;

/**
 * Renders runs as one self-contained HTML page: inline SVG charts and a few lines of inline script,
 * no network access. One class per section: the configurations worth choosing per dataset, with the
 * trade-off charts ({@link ChoicesSection}, {@link TradeOffChart}), an
 * EDR heatmap per grade ({@link HeatmapSection}), EDR next to the analyzer's reference ratios per
 * payload type ({@link ReferenceSection}), ingest MB/s per stage ({@link IngestSection}), what
 * reading it back costs ({@link RestoreSection}), how a store grows, restores and frees space as
 * generations arrive and expire ({@link GenerationsSection}) and each run's environment
 * ({@link EnvironmentSection}).
 *
 * <p>Chart elements carry classes the browser test counts: {@code heat-cell}, {@code ref-bar},
 * {@code edr-bar}, {@code mbps-bar}, {@code tradeoff-point}, {@code restore-row}.
 */
public final class HtmlReport {
    private HtmlReport() {}

    public static String render(List<RunFile> runs) {
        ReportModel m = new ReportModel(runs);
        Html html = new Html();
        html.add(
                "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                        + "<title>dedup-lab report</title><style>",
                CSS,
                "</style></head><body>\n");
        lede(m, html);
        failures(m, html);
        if (m.hasInserts()) {
            filters(m, html);
            ChoicesSection.render(m, html);
            HeatmapSection.render(m, html);
            ReferenceSection.render(m, html);
            IngestSection.render(m, html);
            RestoreSection.render(m, html);
            GenerationsSection.render(m, html);
        } else if (m.runs.stream().anyMatch(r -> !r.generations().isEmpty())) {
            GenerationsSection.render(m, html);
        } else {
            html.add("<p class=\"empty\">These results hold no insert benchmarks (no <code>system</code> parameter):"
                    + " nothing to chart.</p>\n");
        }
        EnvironmentSection.render(m, html);
        html.add("<script>", SCRIPT, "</script>\n</body></html>\n");
        return html.toString();
    }

    private static void lede(ReportModel m, Html html) {
        html.add(
                "<h1>dedup-lab report</h1>\n<p class=\"lede\">",
                m.runs.size() == 1 ? "One run" : m.runs.size() + " runs side by side",
                ": ");
        for (int i = 0; i < m.runs.size(); i++) {
            html.add(
                            i == 0 ? "" : ", ",
                            "<span class=\"swatch\" style=\"background:",
                            ReportModel.color(i),
                            "\"></span><b>")
                    .text(m.runs.get(i).label())
                    .add("</b>");
        }
        html.add(". EDR = logical bytes / physical bytes the system added (&gt; 1 saves space, &lt; 1 costs extra);"
                + " MB = 10<sup>6</sup> bytes.</p>\n");
    }

    /** Benchmarks that failed, per run, with their reason: a failure is never a silently missing cell. */
    private static void failures(ReportModel m, Html html) {
        if (m.runs.stream().allMatch(r -> r.failures().isEmpty())) {
            return;
        }
        html.add(
                "<section id=\"failures\"><h2>Failed benchmarks</h2>\n<table class=\"failures\"><thead><tr><th>run</th>"
                        + "<th>benchmark</th><th>reason</th></tr></thead><tbody>\n");
        for (RunFile r : m.runs) {
            r.failures()
                    .forEach(f -> html.add("<tr class=\"failed\"><td>")
                            .text(r.label())
                            .add("</td><td>")
                            .text(f.key().toString())
                            .add("</td><td>")
                            .text(f.reason())
                            .add("</td></tr>\n"));
        }
        html.add("</tbody></table></section>\n");
    }

    /** A box per system; unticking one hides its rows and bars in every chart. */
    private static void filters(ReportModel m, Html html) {
        html.add("<nav class=\"filters\" aria-label=\"systems\">Show: ");
        for (String s : m.systems) {
            html.add("<label><input type=\"checkbox\" checked data-filter=\"")
                    .text(s)
                    .add("\"> ")
                    .text(s)
                    .add("</label> ");
        }
        html.add("</nav>\n");
    }

    private static final String CSS = """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px 32px;color:#1a202c;max-width:1500px}
            h1{font-size:24px;margin:0 0 6px}h2{font-size:19px;margin:30px 0 6px;border-bottom:1px solid #e2e8f0;padding-bottom:4px}
            h3{font-size:15px;margin:16px 0 4px}.lede,.note{color:#4a5568;max-width:1000px}
            .runs{display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start}
            figure{margin:8px 0}figcaption{font-weight:600;margin-bottom:4px}
            .swatch{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:5px}
            svg text{font-size:12px;fill:#1a202c}svg text.head{font-weight:600;font-size:11px}svg text.cell{font-size:12px}
            svg text.small{font-size:10px}svg text.tick{font-size:10px;fill:#718096}svg text.value{fill:#2d3748}
            svg line.grid{stroke:#cbd5e0;stroke-width:1}rect.ref-bar{fill:#a0aec0}
            svg line.error-bar{stroke:#1a202c;stroke-width:1.5}svg line.error-bar.clipped{stroke-dasharray:3 2}
            table{border-collapse:collapse;font-size:13px}th,td{text-align:left;padding:3px 10px;border-bottom:1px solid #edf2f7;vertical-align:top}
            table.env td{font-family:ui-monospace,Menlo,monospace;font-size:12px;max-width:640px;word-break:break-word}
            table.env caption{text-align:left;font-weight:600;padding:4px 0}
            tr.dominated td{color:#a0aec0;font-size:12px}tr.front td.config{font-weight:600}svg text.axis-label{font-size:11px;fill:#4a5568}
            line.axis{stroke:#a0aec0}figure.tradeoff-chart svg{max-width:780px}
            .filters{margin:14px 0;padding:8px 12px;background:#f7fafc;border-radius:6px}.filters label{margin-right:12px}
            .hidden{display:none}
            """;

    /** Hides a system's rows and bars in every chart when its box is unticked. */
    private static final String SCRIPT = """
            document.querySelectorAll('input[data-filter]').forEach(function (box) {
              box.addEventListener('change', function () {
                var sys = box.getAttribute('data-filter');
                document.querySelectorAll('[data-system]').forEach(function (el) {
                  if (el.getAttribute('data-system') === sys) { el.classList.toggle('hidden', !box.checked); }
                });
              });
            });
            document.body.setAttribute('data-charts', String(document.querySelectorAll('figure.chart').length));
            """;
}
