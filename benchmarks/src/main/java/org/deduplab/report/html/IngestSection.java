package org.deduplab.report.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.deduplab.bench.Speed;
import org.deduplab.report.RunFile;

/** Ingest MB/s per stage: one bar per benchmark and run. */
final class IngestSection {
    private IngestSection() {}

    static void render(ReportModel m, Html html) {
        html.add("<section id=\"ingest\"><h2>Ingest MB/s</h2>\n<p class=\"note\">Logical bytes per second of load time"
                + " (MB = 10<sup>6</sup> bytes), mean over the measured loads; the line through a bar is JMH's 99.9 %"
                + " error, cut at the axis' end where it runs past it.</p>\n");
        for (String st : m.stages) {
            html.add("<figure class=\"chart mbps-chart\" data-stage=\"")
                    .text(st)
                    .add("\"><figcaption>stage ")
                    .text(st)
                    .add("</figcaption>\n");
            Bars.linear(html, bars(m, st));
            html.add("</figure>\n");
        }
        html.add("</section>\n");
    }

    private static List<Bars.Bar> bars(ReportModel m, String stage) {
        List<Bars.Bar> bars = new ArrayList<>();
        for (ReportModel.RowKey k : m.rows()) {
            if (!k.stage().equals(stage)) {
                continue;
            }
            for (String p : m.payloads) {
                for (String g : m.grades) {
                    for (int ri = 0; ri < m.runs.size(); ri++) {
                        Optional<RunFile.Bench> b = m.find(ri, k, p, g);
                        if (b.isPresent()) {
                            String label = m.rowLabel(k).replace(" · " + stage, "") + " · " + p + " " + g;
                            Speed speed = b.get().speed();
                            double mbps = speed.mean();
                            double error = speed.halfWidth();
                            bars.add(new Bars.Bar(
                                    label,
                                    mbps,
                                    "mbps-bar",
                                    ReportModel.color(ri),
                                    Optional.of(k.system()),
                                    label + " (" + m.runs.get(ri).label() + "): " + speed.text()
                                            + " MB/s (95 % interval)",
                                    error));
                        }
                    }
                }
            }
        }
        return bars;
    }
}
