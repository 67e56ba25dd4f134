package org.deduplab.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.deduplab.report.RunFile;

/** Each run's environment: JMH settings and params, JVM, machine, seed, and each system's mode, URL and settings. */
final class EnvironmentSection {
    private EnvironmentSection() {}

    static void render(ReportModel m, Html html) {
        html.add("<section id=\"environment\"><h2>Environment</h2>\n<div class=\"runs\">\n");
        for (int ri = 0; ri < m.runs.size(); ri++) {
            run(html, m.runs.get(ri), ri);
        }
        html.add("</div></section>\n");
    }

    private static void run(Html html, RunFile r, int index) {
        html.add(
                        "<table class=\"env\" data-run=\"",
                        index,
                        "\"><caption><span class=\"swatch\" style=\"background:",
                        ReportModel.color(index),
                        "\"></span>")
                .text(r.label())
                .add("</caption><tbody>\n");
        html.row("result file", r.path().toString());
        html.row(
                "date",
                r.environment()
                        .map(env -> env.path("date").asText())
                        .orElse("unknown (no .env.json beside the result)"));
        if (!r.benches().isEmpty()) {
            JsonNode first = r.benches().get(0).raw();
            html.row(
                    "JMH",
                    first.path("jmhVersion").asText() + ", mode "
                            + first.path("mode").asText() + ", forks "
                            + first.path("forks").asText() + ", warm-up iterations "
                            + first.path("warmupIterations").asText()
                            + ", measured iterations "
                            + first.path("measurementIterations").asText());
            html.row(
                    "JVM",
                    first.path("vmName").asText() + " "
                            + first.path("vmVersion").asText() + " ("
                            + first.path("jdkVersion").asText() + ")");
        }
        Map<String, Set<String>> params = new LinkedHashMap<>();
        for (RunFile.Bench b : r.benches()) {
            b.params()
                    .forEach((k, v) -> params.computeIfAbsent(k, x -> new LinkedHashSet<>())
                            .add(v));
        }
        params.forEach((k, v) -> html.row("-p " + k, String.join(",", v)));
        html.row("benchmarks", String.valueOf(r.benches().size()));
        r.environment().ifPresent(env -> {
            html.row(
                    "machine", env.path("os").asText() + "; " + env.path("java").asText());
            html.row("seed", env.path(RunFile.ENV_SEED).asText());
            env.path(RunFile.ENV_SYSTEMS)
                    .fields()
                    .forEachRemaining(e -> html.row(
                            e.getKey(),
                            e.getValue().path("mode").asText() + " "
                                    + e.getValue().path("url").asText() + " "
                                    + e.getValue().path(RunFile.ENV_SETTINGS).toString()));
        });
        html.add("</tbody></table>\n");
    }
}
