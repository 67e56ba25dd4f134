package org.deduplab.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.deduplab.payloads.PayloadType;
import org.deduplab.target.Systems;

/**
 * Renders runs as one self-contained HTML page: inline SVG charts and a few lines of inline script,
 * no network access. Sections: the best system per dataset, an EDR heatmap per grade (systems and
 * stages x payload types, runs side by side), EDR next to the analyzer's reference ratios per
 * payload type, ingest MB/s per stage, and each run's environment.
 *
 * <p>Chart elements carry classes the browser test counts: {@code heat-cell}, {@code ref-bar},
 * {@code edr-bar}, {@code mbps-bar}.
 */
public final class HtmlReport {
    private static final String[] RUN_COLORS = {"#2b6cb0", "#dd6b20", "#2f855a", "#805ad5", "#b7791f", "#c53030"};
    private static final Map<String, String> REFERENCE_LABELS = new LinkedHashMap<>();

    static {
        REFERENCE_LABELS.put("fileDedupRatio", "file dedup");
        REFERENCE_LABELS.put("block4kDedupRatio", "4 KiB block dedup");
        REFERENCE_LABELS.put("cdcDedupRatio", "FastCDC dedup");
        REFERENCE_LABELS.put("zstdRatio", "zstd-3 per file");
        REFERENCE_LABELS.put("cdcZstdRatio", "FastCDC + zstd-3");
    }

    private final List<RunFile> runs;
    private final List<String> systems;
    private final List<String> payloads;
    private final List<String> grades;
    private final List<String> stages;
    private final List<String> sizes;
    private final StringBuilder html = new StringBuilder(1 << 16);

    private HtmlReport(List<RunFile> runs) {
        this.runs = runs;
        List<RunFile.Bench> all = runs.stream().flatMap(r -> r.inserts().stream()).toList();
        this.systems = ordered(all, "system", Systems.ALL);
        this.payloads = ordered(all, "payload", java.util.Arrays.stream(PayloadType.values()).map(PayloadType::id).toList());
        this.grades = all.stream().map(b -> b.param("grade")).distinct()
                .sorted(Comparator.comparingInt(g -> Integer.parseInt(g.replaceAll("\\D", "0")))).toList();
        this.stages = ordered(all, "", List.of("bulk", "perFile"));
        this.sizes = all.stream().map(b -> b.param("datasetMiB")).distinct()
                .sorted(Comparator.comparingInt(s -> s.isEmpty() ? 0 : Integer.parseInt(s))).toList();
    }

    /** The values of a param (or the stage, for "") in a known order first, then any others as they appear. */
    private static List<String> ordered(List<RunFile.Bench> all, String param, List<String> known) {
        Set<String> present = new LinkedHashSet<>();
        all.forEach(b -> present.add(param.isEmpty() ? b.stage() : b.param(param)));
        List<String> out = new ArrayList<>(known.stream().filter(present::contains).toList());
        present.stream().filter(v -> !out.contains(v)).forEach(out::add);
        return out;
    }

    public static String render(List<RunFile> runs) {
        HtmlReport r = new HtmlReport(runs);
        return r.build();
    }

    private String build() {
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>dedup-lab report</title><style>").append(CSS).append("</style></head><body>\n");
        html.append("<h1>dedup-lab report</h1>\n<p class=\"lede\">").append(runs.size() == 1 ? "One run" : runs.size() + " runs side by side")
                .append(": ");
        for (int i = 0; i < runs.size(); i++) {
            html.append(i == 0 ? "" : ", ").append("<span class=\"swatch\" style=\"background:").append(color(i))
                    .append("\"></span><b>").append(esc(runs.get(i).label())).append("</b>");
        }
        html.append(". EDR = logical bytes / physical bytes the system added (&gt; 1 saves space, &lt; 1 costs extra);"
                + " MB = 10<sup>6</sup> bytes.</p>\n");
        if (systems.isEmpty()) {
            html.append("<p class=\"empty\">These results hold no insert benchmarks (no <code>system</code> parameter):"
                    + " nothing to chart.</p>\n");
        } else {
            filters();
            answers();
            heatmaps();
            references();
            ingest();
        }
        environment();
        html.append("<script>").append(SCRIPT).append("</script>\n</body></html>\n");
        return html.toString();
    }

    private void filters() {
        html.append("<nav class=\"filters\" aria-label=\"systems\">Show: ");
        for (String s : systems) {
            html.append("<label><input type=\"checkbox\" checked data-filter=\"").append(esc(s)).append("\"> ").append(esc(s))
                    .append("</label> ");
        }
        html.append("</nav>\n");
    }

    /** Which system kept each dataset smallest, per run: the question most readers come with. */
    private void answers() {
        html.append("<section id=\"answers\"><h2>Which system stores this data smallest?</h2>\n<table class=\"answers\"><thead><tr>"
                + "<th>payload</th><th>grade</th>");
        for (RunFile r : runs) {
            html.append("<th>").append(esc(r.label())).append("</th>");
        }
        html.append("</tr></thead><tbody>\n");
        for (String p : payloads) {
            for (String g : grades) {
                html.append("<tr><td>").append(esc(p)).append("</td><td>").append(esc(g)).append("</td>");
                for (RunFile r : runs) {
                    RunFile.Bench best = r.inserts().stream()
                            .filter(b -> b.param("payload").equals(p) && b.param("grade").equals(g) && !Double.isNaN(b.edr()))
                            .max(Comparator.comparingDouble(RunFile.Bench::edr)).orElse(null);
                    html.append("<td>").append(best == null ? "n/a" : esc(best.param("system")) + " " + esc(best.stage())
                            + " <b>" + fmt(best.edr()) + "</b>").append("</td>");
                }
                html.append("</tr>\n");
            }
        }
        html.append("</tbody></table></section>\n");
    }

    private List<String[]> rowsOf(RunFile run) {
        List<String[]> rows = new ArrayList<>();
        for (String s : systems) {
            for (String st : stages) {
                for (String size : sizes) {
                    boolean present = run.inserts().stream().anyMatch(b -> b.param("system").equals(s) && b.stage().equals(st)
                            && b.param("datasetMiB").equals(size));
                    if (present) {
                        rows.add(new String[] {s, st, size});
                    }
                }
            }
        }
        return rows;
    }

    private RunFile.Bench find(RunFile run, String system, String stage, String size, String payload, String grade) {
        for (RunFile.Bench b : run.inserts()) {
            if (b.param("system").equals(system) && b.stage().equals(stage) && b.param("datasetMiB").equals(size)
                    && b.param("payload").equals(payload) && b.param("grade").equals(grade)) {
                return b;
            }
        }
        return null;
    }

    private String rowLabel(String system, String stage, String size) {
        return system + " · " + stage + (sizes.size() > 1 ? " · " + size + " MiB" : "");
    }

    /**
     * One heatmap per grade; with several runs each payload column splits into one sub-column per run
     * (in the run's colour band), so the runs sit side by side cell by cell.
     */
    private void heatmaps() {
        html.append("<section id=\"heatmaps\"><h2>EDR by system and payload type</h2>\n<p class=\"note\">Green: the system kept"
                + " fewer bytes than it was given; red: more. Colour follows log<sub>2</sub> EDR."
                + (runs.size() > 1 ? " Each payload column holds one sub-column per run, in run order." : "") + "</p>\n");
        int n = runs.size();
        int sub = n == 1 ? 124 : Math.max(46, 124 / n + 8);
        int cw = sub * n;
        int ch = 26;
        int left = 200;
        int top = n == 1 ? 34 : 44;
        List<String[]> rows = new ArrayList<>();
        for (RunFile run : runs) {
            for (String[] k : rowsOf(run)) {
                if (rows.stream().noneMatch(r -> java.util.Arrays.equals(r, k))) {
                    rows.add(k);
                }
            }
        }
        rows.sort(Comparator.comparingInt((String[] k) -> systems.indexOf(k[0])).thenComparingInt(k -> stages.indexOf(k[1]))
                .thenComparingInt(k -> sizes.indexOf(k[2])));
        for (String g : grades) {
            int w = left + cw * payloads.size() + 4;
            int h = top + ch * rows.size() + 4;
            html.append("<h3>grade ").append(esc(g)).append("</h3>\n<figure class=\"chart heatmap\" data-grade=\"").append(esc(g))
                    .append("\"><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(w).append("\" height=\"").append(h)
                    .append("\" role=\"img\" aria-label=\"EDR heatmap, grade ").append(esc(g)).append("\">");
            for (int pi = 0; pi < payloads.size(); pi++) {
                html.append(text(left + pi * cw + cw / 2.0, n == 1 ? top - 10 : top - 20, payloads.get(pi), "middle", "head"));
                for (int ri = 0; n > 1 && ri < n; ri++) {
                    html.append("<rect x=\"").append(left + pi * cw + ri * sub + 1).append("\" y=\"").append(top - 10)
                            .append("\" width=\"").append(sub - 2).append("\" height=\"6\" fill=\"").append(color(ri)).append("\"><title>")
                            .append(esc(runs.get(ri).label())).append("</title></rect>");
                }
            }
            for (int row = 0; row < rows.size(); row++) {
                String[] k = rows.get(row);
                int y = top + row * ch;
                html.append("<g class=\"heat-row\" data-system=\"").append(esc(k[0])).append("\">");
                html.append(text(left - 8, y + ch / 2.0 + 4, rowLabel(k[0], k[1], k[2]), "end", "label"));
                for (int pi = 0; pi < payloads.size(); pi++) {
                    for (int ri = 0; ri < n; ri++) {
                        RunFile.Bench b = find(runs.get(ri), k[0], k[1], k[2], payloads.get(pi), g);
                        if (b == null) {
                            continue;
                        }
                        double edr = b.edr();
                        int x = left + pi * cw + ri * sub;
                        html.append("<rect class=\"heat-cell\" x=\"").append(x + 1).append("\" y=\"").append(y + 1)
                                .append("\" width=\"").append(sub - 2).append("\" height=\"").append(ch - 2).append("\" fill=\"")
                                .append(heatColor(edr)).append("\" data-run=\"").append(ri).append("\" data-edr=\"")
                                .append(Double.isNaN(edr) ? "NaN" : fmt(edr)).append("\"><title>")
                                .append(esc((n > 1 ? runs.get(ri).label() + ": " : "") + rowLabel(k[0], k[1], k[2]) + ", "
                                        + payloads.get(pi) + " " + g + ": EDR " + fmt(edr) + ", physical delta "
                                        + mb(b.physicalDeltaBytes()) + " MB"))
                                .append("</title></rect>");
                        html.append(text(x + sub / 2.0, y + ch / 2.0 + 4, fmt(edr), "middle", "cell"));
                    }
                }
                html.append("</g>");
            }
            html.append("</svg></figure>\n");
        }
        html.append("</section>\n");
    }

    private void references() {
        html.append("<section id=\"reference\"><h2>EDR next to the physical limit</h2>\n<p class=\"note\">Grey bars: what an ideal"
                + " store using each technique would keep of the same dataset (the analyzer's reference ratios); coloured bars:"
                + " what each system achieved. Bars grow from EDR = 1 on a log<sub>2</sub> axis.</p>\n");
        for (String p : payloads) {
            List<Object[]> bars = new ArrayList<>(); // label, value, class, color, system
            for (String g : grades) {
                for (String size : sizes) {
                    Map<String, Double> refs = new LinkedHashMap<>();
                    for (RunFile r : runs) {
                        refs = r.referenceRatios(p, g, size);
                        if (!refs.isEmpty()) {
                            break;
                        }
                    }
                    if (refs.isEmpty()) { // no environment file: the results still carry FastCDC + zstd-3
                        RunFile.Bench any = runs.stream().flatMap(r -> r.inserts().stream())
                                .filter(b -> b.param("payload").equals(p) && b.param("grade").equals(g)
                                        && b.param("datasetMiB").equals(size) && !Double.isNaN(b.referenceEdr()))
                                .findFirst().orElse(null);
                        if (any != null) {
                            refs = Map.of("cdcZstdRatio", any.referenceEdr());
                        }
                    }
                    String group = g + (sizes.size() > 1 ? " " + size + " MiB" : "");
                    boolean groupHasBars = false;
                    for (Map.Entry<String, Double> e : refs.entrySet()) {
                        bars.add(new Object[] {group + " · " + REFERENCE_LABELS.get(e.getKey()), e.getValue(), "ref-bar", "#a0aec0", ""});
                        groupHasBars = true;
                    }
                    for (int ri = 0; ri < runs.size(); ri++) {
                        for (String s : systems) {
                            for (String st : stages) {
                                RunFile.Bench b = find(runs.get(ri), s, st, size, p, g);
                                if (b != null) {
                                    bars.add(new Object[] {group + " · " + s + " " + st + (runs.size() > 1 ? " (" + runs.get(ri).label()
                                            + ")" : ""), b.edr(), "edr-bar", color(ri), s});
                                    groupHasBars = true;
                                }
                            }
                        }
                    }
                    if (groupHasBars) {
                        bars.add(null); // gap between groups
                    }
                }
            }
            if (bars.isEmpty()) {
                continue;
            }
            html.append("<figure class=\"chart ref-chart\" data-payload=\"").append(esc(p)).append("\"><figcaption>").append(esc(p))
                    .append("</figcaption>\n");
            logBars(bars);
            html.append("</figure>\n");
        }
        html.append("</section>\n");
    }

    /** Horizontal bars from 1 on a log2 axis; null entries are gaps. */
    private void logBars(List<Object[]> bars) {
        double lo = 0.5;
        double hi = 2;
        for (Object[] b : bars) {
            if (b != null && !Double.isNaN((double) b[1]) && (double) b[1] > 0) {
                lo = Math.min(lo, (double) b[1]);
                hi = Math.max(hi, (double) b[1]);
            }
        }
        double l2lo = Math.floor(log2(lo));
        double l2hi = Math.ceil(log2(hi));
        int left = 330;
        int width = 420;
        int bh = 16;
        int top = 22;
        int h = top + bars.size() * (bh + 3) + 10;
        ToDoubleFunction<Double> x = v -> left + (log2(v) - l2lo) / (l2hi - l2lo) * width;
        html.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(left + width + 70).append("\" height=\"").append(h)
                .append("\" role=\"img\">");
        for (double t = l2lo; t <= l2hi; t++) {
            double xv = x.applyAsDouble(Math.pow(2, t));
            html.append("<line class=\"grid\" x1=\"").append(f1(xv)).append("\" x2=\"").append(f1(xv)).append("\" y1=\"").append(top - 4)
                    .append("\" y2=\"").append(h - 8).append("\"").append(t == 0 ? " stroke-width=\"2\"" : "").append("/>");
            html.append(text(xv, top - 8, fmtTick(Math.pow(2, t)), "middle", "tick"));
        }
        double one = x.applyAsDouble(1.0);
        int y = top;
        for (Object[] b : bars) {
            if (b == null) {
                y += 8;
                continue;
            }
            double v = (double) b[1];
            html.append("<g class=\"bar-row\"").append(((String) b[4]).isEmpty() ? "" : " data-system=\"" + esc((String) b[4]) + "\"")
                    .append(">");
            html.append(text(left - 6, y + bh - 4, (String) b[0], "end", "label"));
            if (Double.isNaN(v) || v <= 0) {
                html.append("<rect class=\"").append(b[2]).append("\" x=\"").append(f1(one)).append("\" y=\"").append(y)
                        .append("\" width=\"0\" height=\"").append(bh).append("\" data-value=\"NaN\"/>");
                html.append(text(one + 4, y + bh - 4, "n/a (footprint not measured)", "start", "value"));
            } else {
                double xv = x.applyAsDouble(v);
                html.append("<rect class=\"").append(b[2]).append("\" x=\"").append(f1(Math.min(one, xv))).append("\" y=\"").append(y)
                        .append("\" width=\"").append(f1(Math.max(1, Math.abs(xv - one)))).append("\" height=\"").append(bh)
                        .append("\" fill=\"").append(b[3]).append("\" data-value=\"").append(fmt(v)).append("\"><title>")
                        .append(esc(b[0] + ": " + fmt(v))).append("</title></rect>");
                html.append(text(Math.max(one, xv) + 4, y + bh - 4, fmt(v), "start", "value"));
            }
            html.append("</g>");
            y += bh + 3;
        }
        html.append("</svg>");
    }

    private void ingest() {
        html.append("<section id=\"ingest\"><h2>Ingest MB/s</h2>\n<p class=\"note\">Logical bytes per second of load time"
                + " (MB = 10<sup>6</sup> bytes), mean over the measured loads.</p>\n");
        for (String st : stages) {
            List<Object[]> bars = new ArrayList<>();
            double max = 1;
            for (String s : systems) {
                for (String p : payloads) {
                    for (String g : grades) {
                        for (String size : sizes) {
                            for (int ri = 0; ri < runs.size(); ri++) {
                                RunFile.Bench b = find(runs.get(ri), s, st, size, p, g);
                                if (b != null) {
                                    bars.add(new Object[] {s + " · " + p + " " + g + (sizes.size() > 1 ? " · " + size + " MiB" : ""),
                                        b.mbps(), color(ri), s, runs.get(ri).label()});
                                    if (!Double.isNaN(b.mbps())) {
                                        max = Math.max(max, b.mbps());
                                    }
                                }
                            }
                        }
                    }
                }
            }
            html.append("<figure class=\"chart mbps-chart\" data-stage=\"").append(esc(st)).append("\"><figcaption>stage ")
                    .append(esc(st)).append("</figcaption>\n");
            int left = 330;
            int width = 420;
            int bh = 12;
            int h = 10 + bars.size() * (bh + 2) + 10;
            html.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(left + width + 70).append("\" height=\"").append(h)
                    .append("\" role=\"img\">");
            int y = 10;
            for (Object[] b : bars) {
                double v = (double) b[1];
                double w = Double.isNaN(v) ? 0 : v / max * width;
                html.append("<g class=\"bar-row\" data-system=\"").append(esc((String) b[3])).append("\">")
                        .append(text(left - 6, y + bh - 2, (String) b[0], "end", "label small"))
                        .append("<rect class=\"mbps-bar\" x=\"").append(left).append("\" y=\"").append(y).append("\" width=\"").append(f1(w))
                        .append("\" height=\"").append(bh).append("\" fill=\"").append(b[2]).append("\" data-value=\"").append(fmt(v))
                        .append("\"><title>").append(esc(b[0] + " (" + b[4] + "): " + fmt(v) + " MB/s")).append("</title></rect>")
                        .append(text(left + w + 4, y + bh - 2, fmt(v), "start", "value small")).append("</g>");
                y += bh + 2;
            }
            html.append("</svg></figure>\n");
        }
        html.append("</section>\n");
    }

    private void environment() {
        html.append("<section id=\"environment\"><h2>Environment</h2>\n<div class=\"runs\">\n");
        for (int ri = 0; ri < runs.size(); ri++) {
            RunFile r = runs.get(ri);
            JsonNode first = r.benches().isEmpty() ? null : r.benches().get(0).raw();
            html.append("<table class=\"env\" data-run=\"").append(ri).append("\"><caption><span class=\"swatch\" style=\"background:")
                    .append(color(ri)).append("\"></span>").append(esc(r.label())).append("</caption><tbody>\n");
            JsonNode env = r.environment();
            row("result file", r.path().toString());
            row("date", env == null ? "unknown (no .env.json beside the result)" : env.path("date").asText());
            if (first != null) {
                row("JMH", first.path("jmhVersion").asText() + ", mode " + first.path("mode").asText() + ", forks "
                        + first.path("forks").asText() + ", warm-up iterations " + first.path("warmupIterations").asText()
                        + ", measured iterations " + first.path("measurementIterations").asText());
                row("JVM", first.path("vmName").asText() + " " + first.path("vmVersion").asText() + " (" + first.path("jdkVersion").asText()
                        + ")");
            }
            Map<String, Set<String>> params = new LinkedHashMap<>();
            for (RunFile.Bench b : r.benches()) {
                b.params().forEach((k, v) -> params.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(v));
            }
            params.forEach((k, v) -> row("-p " + k, String.join(",", v)));
            row("benchmarks", String.valueOf(r.benches().size()));
            if (env != null) {
                row("machine", env.path("os").asText() + "; " + env.path("java").asText());
                row("seed", env.path("seed").asText());
                env.path("systems").fields().forEachRemaining(e -> row(e.getKey(), e.getValue().path("mode").asText() + " "
                        + e.getValue().path("url").asText() + " " + e.getValue().path("settings").toString()));
            }
            html.append("</tbody></table>\n");
        }
        html.append("</div></section>\n");
    }

    private void row(String k, String v) {
        html.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v)).append("</td></tr>\n");
    }

    private static String text(double x, double y, String s, String anchor, String cls) {
        return "<text x=\"" + f1(x) + "\" y=\"" + f1(y) + "\" text-anchor=\"" + anchor + "\" class=\"" + cls + "\">" + esc(s)
                + "</text>";
    }

    /** Diverging colour: red below EDR 1, white at 1, green above; grey for n/a. */
    static String heatColor(double edr) {
        if (Double.isNaN(edr) || edr <= 0) {
            return "#e2e8f0";
        }
        double t = Math.max(-1, Math.min(1, log2(edr) / (edr < 1 ? 1.5 : 4)));
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

    private static double log2(double v) {
        return Math.log(v) / Math.log(2);
    }

    private static String color(int run) {
        return RUN_COLORS[run % RUN_COLORS.length];
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.0f" : "%.2f", v);
    }

    private static String fmtTick(double v) {
        return v >= 1 ? String.format(Locale.ROOT, "%.0f×", v) : String.format(Locale.ROOT, "%s×", v == 0.5 ? "½" : fmt(v));
    }

    private static String mb(double bytes) {
        return Double.isNaN(bytes) ? "n/a" : String.format(Locale.ROOT, "%.2f", bytes / 1e6);
    }

    private static String f1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
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
            table{border-collapse:collapse;font-size:13px}th,td{text-align:left;padding:3px 10px;border-bottom:1px solid #edf2f7;vertical-align:top}
            table.env td{font-family:ui-monospace,Menlo,monospace;font-size:12px;max-width:640px;word-break:break-word}
            table.env caption{text-align:left;font-weight:600;padding:4px 0}
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
