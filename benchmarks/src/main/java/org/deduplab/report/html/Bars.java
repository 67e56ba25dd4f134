package org.deduplab.report.html;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;

/** Horizontal bar charts: typed rows, drawn on a log2 axis from 1 (EDR) or linearly from 0 (MB/s). */
final class Bars {
    private static final int LEFT = 330;
    private static final int WIDTH = 420;

    /** A row of a bar chart. */
    sealed interface Row permits Bar, Gap {}

    /**
     * One bar.
     *
     * @param cssClass {@code ref-bar}, {@code edr-bar} or {@code mbps-bar} (the browser test counts them)
     * @param system   the system the bar belongs to, for the report's system filter; empty for reference bars
     * @param tooltip  the bar's title
     * @param error    the half-width of its error bar (JMH's 99.9 % error), NaN for none
     */
    record Bar(
            String label,
            double value,
            String cssClass,
            String color,
            Optional<String> system,
            String tooltip,
            double error)
            implements Row {
        Bar(String label, double value, String cssClass, String color, Optional<String> system, String tooltip) {
            this(label, value, cssClass, color, system, tooltip, Double.NaN);
        }
    }

    /** Space between groups of bars. */
    record Gap() implements Row {}

    private Bars() {}

    /** Bars from EDR 1 on a log2 axis, with a tick per power of two. */
    static void log2FromOne(Html html, List<Row> rows) {
        double lo = 0.5;
        double hi = 2;
        for (Row r : rows) {
            if (r instanceof Bar b && b.value() > 0) {
                lo = Math.min(lo, b.value());
                hi = Math.max(hi, b.value());
            }
        }
        double l2lo = Math.floor(Html.log2(lo));
        double l2hi = Math.ceil(Html.log2(hi));
        int bh = 16;
        int top = 22;
        int h = top + rows.size() * (bh + 3) + 10;
        DoubleUnaryOperator x = v -> LEFT + (Html.log2(v) - l2lo) / (l2hi - l2lo) * WIDTH;
        html.add(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"",
                LEFT + WIDTH + 70,
                "\" height=\"",
                h,
                "\" role=\"img\">");
        for (double t = l2lo; t <= l2hi; t++) {
            String xv = Html.coord(x.applyAsDouble(Math.pow(2, t)));
            html.add(
                    "<line class=\"grid\" x1=\"",
                    xv,
                    "\" x2=\"",
                    xv,
                    "\" y1=\"",
                    top - 4,
                    "\" y2=\"",
                    h - 8,
                    "\"",
                    t == 0 ? " stroke-width=\"2\"" : "",
                    "/>");
            html.svgText(x.applyAsDouble(Math.pow(2, t)), top - 8, tick(Math.pow(2, t)), "middle", "tick");
        }
        double one = x.applyAsDouble(1.0);
        int y = top;
        for (Row r : rows) {
            if (r instanceof Bar b) {
                logBar(html, b, y, bh, one, x);
                y += bh + 3;
            } else {
                y += 8;
            }
        }
        html.add("</svg>");
    }

    private static void logBar(Html html, Bar b, int y, int bh, double one, DoubleUnaryOperator x) {
        html.add(
                "<g class=\"bar-row\"",
                b.system().map(s -> " data-system=\"" + Html.esc(s) + "\"").orElse(""),
                ">");
        html.svgText(LEFT - 6, y + bh - 4, b.label(), "end", "label");
        if (!(b.value() > 0)) {
            html.add(
                    "<rect class=\"",
                    b.cssClass(),
                    "\" x=\"",
                    Html.coord(one),
                    "\" y=\"",
                    y,
                    "\" width=\"0\" height=\"",
                    bh,
                    "\" data-value=\"NaN\"/>");
            html.svgText(one + 4, y + bh - 4, "n/a (footprint not measured)", "start", "value");
        } else {
            double xv = x.applyAsDouble(b.value());
            rect(html, b, Html.coord(Math.min(one, xv)), y, Math.max(1, Math.abs(xv - one)), bh);
            html.svgText(Math.max(one, xv) + 4, y + bh - 4, Html.num(b.value()), "start", "value");
        }
        html.add("</g>");
    }

    /** A bar's rectangle with its value and its tooltip. */
    private static void rect(Html html, Bar b, String x, int y, double width, int bh) {
        html.add(
                        "<rect class=\"",
                        b.cssClass(),
                        "\" x=\"",
                        x,
                        "\" y=\"",
                        y,
                        "\" width=\"",
                        Html.coord(width),
                        "\" height=\"",
                        bh,
                        "\" fill=\"",
                        b.color(),
                        "\" data-value=\"",
                        Html.num(b.value()),
                        "\"><title>")
                .text(b.tooltip())
                .add("</title></rect>");
    }

    /**
     * The whisker of a bar's error, value ± error, cut at 0 and at the axis' end (the largest value),
     * where it is marked {@code clipped}: with three loads JMH's 99.9 % error can exceed the mean
     * several times, and an axis stretched to fit it would flatten every bar.
     */
    private static void errorBar(Html html, Bar b, double max, double yMid) {
        if (!Double.isFinite(b.error()) || !Double.isFinite(b.value())) {
            return;
        }
        double lo = Math.max(0, b.value() - b.error());
        double hi = Math.min(max, b.value() + b.error());
        boolean clipped = b.value() + b.error() > max;
        html.add(
                "<line class=\"error-bar",
                clipped ? " clipped" : "",
                "\" x1=\"",
                Html.coord(LEFT + lo / max * WIDTH),
                "\" x2=\"",
                Html.coord(LEFT + hi / max * WIDTH),
                "\" y1=\"",
                Html.coord(yMid),
                "\" y2=\"",
                Html.coord(yMid),
                "\" data-error=\"",
                Html.num(b.error()),
                "\"/>");
    }

    /** Bars from 0, scaled to the largest value, each with its error bar where it has one. */
    static void linear(Html html, List<Bar> bars) {
        double max = Math.max(
                1,
                bars.stream()
                        .mapToDouble(Bar::value)
                        .filter(v -> !Double.isNaN(v))
                        .max()
                        .orElse(1));
        int bh = 12;
        int h = 10 + bars.size() * (bh + 2) + 10;
        html.add(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"",
                LEFT + WIDTH + 70,
                "\" height=\"",
                h,
                "\" role=\"img\">");
        int y = 10;
        for (Bar b : bars) {
            double w = Double.isNaN(b.value()) ? 0 : b.value() / max * WIDTH;
            html.add(
                            "<g class=\"bar-row\"",
                            b.system()
                                    .map(s -> " data-system=\"" + Html.esc(s) + "\"")
                                    .orElse(""),
                            ">")
                    .svgText(LEFT - 6, y + bh - 2, b.label(), "end", "label small");
            rect(html, b, String.valueOf(LEFT), y, w, bh);
            errorBar(html, b, max, y + bh / 2.0);
            html.svgText(LEFT + w + 4, y + bh - 2, Html.num(b.value()), "start", "value small")
                    .add("</g>");
            y += bh + 2;
        }
        html.add("</svg>");
    }

    private static String tick(double v) {
        return v >= 1 ? String.format(Locale.ROOT, "%.0f×", v) : (v == 0.5 ? "½" : Html.num(v)) + "×";
    }
}
