package org.deduplab.report.html;

import java.util.List;
import org.deduplab.report.TradeOffs;

/**
 * One payload type's trade-off as a scatter: ingest MB/s across (linear, from 0), EDR up (log2), a
 * point per configuration and grade, its area proportional to restore MB/s (a small hollow point
 * where no restore ran), one colour per system.
 */
final class TradeOffChart {
    private static final String[] SYSTEM_COLORS = {
        "#2b6cb0", "#c53030", "#2f855a", "#805ad5", "#dd6b20", "#b7791f", "#319795", "#d53f8c"
    };
    private static final double W = 760;
    private static final double H = 300;
    private static final double LEFT = 56;
    private static final double BOTTOM = 36;
    private static final double TOP = 12;
    /** The legend's margin, right of the plot. */
    private static final double RIGHT = 140;

    private static final double MAX_RADIUS = 14;

    private TradeOffChart() {}

    static void render(Html html, String payload, List<TradeOffs.Choice> choices, List<String> systems) {
        if (choices.isEmpty()) {
            return;
        }
        double maxX = choices.stream()
                .mapToDouble(c -> c.ingest().mean())
                .filter(Double::isFinite)
                .max()
                .orElse(1);
        double lo = Math.floor(Html.log2(Math.min(
                1, choices.stream().mapToDouble(TradeOffs.Choice::edr).min().orElse(1))));
        double hi = Math.ceil(Html.log2(Math.max(
                2, choices.stream().mapToDouble(TradeOffs.Choice::edr).max().orElse(2))));
        double maxRestore = choices.stream()
                .mapToDouble(c -> c.restore().mean())
                .filter(Double::isFinite)
                .max()
                .orElse(Double.NaN);
        html.add("<figure class=\"chart tradeoff-chart\" data-payload=\"")
                .text(payload)
                .add("\"><figcaption>")
                .text(payload)
                .add(
                        ": EDR against ingest MB/s; point area = restore MB/s</figcaption>\n<svg viewBox=\"0 0 ",
                        Html.coord(W),
                        " ",
                        Html.coord(H),
                        "\" role=\"img\">");
        axes(html, maxX, lo, hi);
        for (TradeOffs.Choice c : choices) {
            if (!Double.isFinite(c.ingest().mean()) || !(c.edr() > 0)) {
                continue;
            }
            double x = LEFT + c.ingest().mean() / (maxX * 1.05) * (W - LEFT - RIGHT);
            double y = H - BOTTOM - (Html.log2(c.edr()) - lo) / (hi - lo) * (H - BOTTOM - TOP);
            boolean restored = Double.isFinite(c.restore().mean()) && Double.isFinite(maxRestore) && maxRestore > 0;
            double r =
                    restored ? Math.max(2.5, MAX_RADIUS * Math.sqrt(c.restore().mean() / maxRestore)) : 3;
            String color = SYSTEM_COLORS[Math.max(0, systems.indexOf(c.system())) % SYSTEM_COLORS.length];
            html.add("<circle class=\"tradeoff-point\" data-system=\"")
                    .text(c.system())
                    .add(
                            "\" cx=\"",
                            Html.coord(x),
                            "\" cy=\"",
                            Html.coord(y),
                            "\" r=\"",
                            Html.coord(r),
                            "\" fill=\"",
                            restored ? color : "none",
                            "\" fill-opacity=\"0.55\" stroke=\"",
                            color,
                            "\"><title>")
                    .text(c.label() + " · " + c.grade() + ": EDR " + Html.num(c.edr()) + ", ingest "
                            + c.ingest().text() + " MB/s, restore "
                            + c.restore().text() + " MB/s")
                    .add("</title></circle>");
        }
        legend(html, choices, systems);
        html.add("</svg></figure>\n");
    }

    private static void axes(Html html, double maxX, double lo, double hi) {
        double x0 = LEFT;
        double y0 = H - BOTTOM;
        html.add(
                "<line class=\"axis\" x1=\"",
                Html.coord(x0),
                "\" y1=\"",
                Html.coord(y0),
                "\" x2=\"",
                Html.coord(W - RIGHT),
                "\" y2=\"",
                Html.coord(y0),
                "\"/>");
        html.add(
                "<line class=\"axis\" x1=\"",
                Html.coord(x0),
                "\" y1=\"",
                Html.coord(TOP),
                "\" x2=\"",
                Html.coord(x0),
                "\" y2=\"",
                Html.coord(y0),
                "\"/>");
        for (int i = 0; i <= 4; i++) {
            double v = maxX * 1.05 * i / 4;
            html.svgText(x0 + (W - LEFT - RIGHT) * i / 4, y0 + 14, Html.num(v), "middle", "tick");
        }
        for (double e = lo; e <= hi; e++) {
            double y = y0 - (e - lo) / (hi - lo) * (H - BOTTOM - TOP);
            html.svgText(x0 - 6, y + 4, Html.num(Math.pow(2, e)), "end", "tick");
        }
        html.svgText((W + LEFT) / 2, H - 4, "ingest MB/s", "middle", "axis-label");
        html.add(
                "<text class=\"axis-label\" transform=\"translate(12 ",
                Html.coord((H - BOTTOM) / 2),
                ") rotate(-90)\" text-anchor=\"middle\">EDR (log2)</text>");
    }

    private static void legend(Html html, List<TradeOffs.Choice> choices, List<String> systems) {
        double y = TOP + 4;
        for (String s : systems) {
            if (choices.stream().noneMatch(c -> c.system().equals(s))) {
                continue;
            }
            String color = SYSTEM_COLORS[systems.indexOf(s) % SYSTEM_COLORS.length];
            html.add(
                    "<circle cx=\"",
                    Html.coord(W - 130),
                    "\" cy=\"",
                    Html.coord(y),
                    "\" r=\"4\" fill=\"",
                    color,
                    "\"/>");
            html.svgText(W - 120, y + 4, s, "start", "tick");
            y += 14;
        }
    }
}
