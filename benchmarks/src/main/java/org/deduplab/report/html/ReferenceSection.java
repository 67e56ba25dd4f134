package org.deduplab.report.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deduplab.payloads.analyze.Technique;
import org.deduplab.report.RunFile;

/**
 * EDR next to the physical limit, per payload type: grey bars are the analyzer's reference ratios
 * (what an ideal store using each technique would keep), coloured bars what each system achieved.
 */
final class ReferenceSection {
    private static final String REFERENCE_GREY = "#a0aec0";
    /** The profiled corpus's own ratios, beside a mimic's: a lighter grey. */
    private static final String PROFILED_GREY = "#cbd5e0";

    private ReferenceSection() {}

    static void render(ReportModel m, Html html) {
        html.add(
                "<section id=\"reference\"><h2>EDR next to the physical limit</h2>\n<p class=\"note\">Grey bars: what an ideal"
                        + " store using each technique would keep of the same dataset (the analyzer's reference ratios); coloured bars:"
                        + " what each system achieved. Bars grow from EDR = 1 on a log<sub>2</sub> axis.</p>\n");
        for (String p : m.payloads) {
            List<Bars.Row> rows = new ArrayList<>();
            for (String g : m.grades) {
                for (String size : m.sizes) {
                    List<Bars.Row> group = group(m, p, g, size);
                    rows.addAll(group);
                    if (!group.isEmpty()) {
                        rows.add(new Bars.Gap());
                    }
                }
            }
            if (rows.isEmpty()) {
                continue;
            }
            html.add("<figure class=\"chart ref-chart\" data-payload=\"")
                    .text(p)
                    .add("\"><figcaption>")
                    .text(caption(m, p))
                    .add("</figcaption>\n");
            Bars.log2FromOne(html, rows);
            html.add("</figure>\n");
        }
        html.add("</section>\n");
    }

    /** One dataset's bars: its reference ratios, then every system and stage of every run. */
    private static List<Bars.Row> group(ReportModel m, String payload, String grade, String size) {
        String name = grade + (m.sizes.size() > 1 ? " " + size + " MiB" : "");
        List<Bars.Row> bars = new ArrayList<>();
        references(m, payload, grade, size)
                .forEach((k, v) -> bars.add(new Bars.Bar(
                        name + " · " + k.label(),
                        v,
                        "ref-bar",
                        REFERENCE_GREY,
                        Optional.empty(),
                        name + " · " + k.label() + ": " + Html.num(v))));
        profiled(m, payload, grade, size).forEach((k, v) -> {
            String label = name + " · profiled corpus · " + k.label();
            bars.add(new Bars.Bar(
                    label, v, "ref-bar profiled", PROFILED_GREY, Optional.empty(), label + ": " + Html.num(v)));
        });
        for (int ri = 0; ri < m.runs.size(); ri++) {
            for (ReportModel.RowKey k : m.rows()) {
                if (!k.size().equals(size)) {
                    continue;
                }
                Optional<RunFile.Bench> b = m.find(ri, k, payload, grade);
                if (b.isPresent()) {
                    String label = name + " · " + m.rowLabel(k).replace(" · " + size + " MiB", "")
                            + (m.runs.size() > 1 ? " (" + m.runs.get(ri).label() + ")" : "");
                    double edr = b.get().edr();
                    String limit = m.sameTechniqueReference(b.get())
                            .map(v -> "; limit of the same technique ("
                                    + ReportModel.referenceOf(b.get().layout()).label() + "): " + Html.num(v))
                            .orElse("");
                    bars.add(new Bars.Bar(
                            label,
                            edr,
                            "edr-bar",
                            ReportModel.color(ri),
                            Optional.of(k.system()),
                            label + ": " + Html.num(edr) + limit));
                }
            }
        }
        return bars;
    }

    /** For a mimic: the ratios of the corpus its profile describes, from the first environment file that has them. */
    private static Map<Technique, Double> profiled(ReportModel m, String payload, String grade, String size) {
        return m.runs.stream()
                .map(r -> r.profiledCorpusRatios(payload, grade, size))
                .filter(r -> !r.isEmpty())
                .findFirst()
                .orElse(Map.of());
    }

    /** The name of a payload in a caption: a mimic by its profile's hash. */
    private static String caption(ReportModel m, String payload) {
        if (!payload.startsWith("mimic:")) {
            return payload;
        }
        for (RunFile r : m.runs) {
            for (String g : m.grades) {
                for (String size : m.sizes) {
                    Optional<String> h = r.profileHash(payload, g, size);
                    if (h.isPresent()) {
                        return "mimic of profile " + h.get() + " (" + payload + ")";
                    }
                }
            }
        }
        return payload;
    }

    /** The dataset's reference ratios from the first run's environment file that has them, else FastCDC + zstd-3 from the results. */
    private static Map<Technique, Double> references(ReportModel m, String payload, String grade, String size) {
        for (RunFile r : m.runs) {
            Map<Technique, Double> refs = r.referenceRatios(payload, grade, size);
            if (!refs.isEmpty()) {
                return refs;
            }
        }
        return m.runs.stream()
                .flatMap(r -> r.inserts().stream())
                .filter(b -> b.payload().equals(payload)
                        && b.grade().equals(grade)
                        && b.datasetMiB().equals(size)
                        && !Double.isNaN(b.referenceEdr()))
                .findFirst()
                .map(b -> Map.of(Technique.CDC_ZSTD, b.referenceEdr()))
                .orElse(Map.of());
    }
}
