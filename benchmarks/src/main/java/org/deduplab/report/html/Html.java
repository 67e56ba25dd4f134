package org.deduplab.report.html;

import java.util.Locale;
import org.deduplab.report.Numbers;

/** The page being written, with the escaping and SVG text helpers every section uses. */
final class Html {
    private final StringBuilder out = new StringBuilder(1 << 16);

    Html add(Object... parts) {
        for (Object p : parts) {
            out.append(p);
        }
        return this;
    }

    /** Escaped text. */
    Html text(String s) {
        out.append(esc(s));
        return this;
    }

    /** An SVG text element at (x, y). */
    Html svgText(double x, double y, String s, String anchor, String cls) {
        return add(
                "<text x=\"",
                coord(x),
                "\" y=\"",
                coord(y),
                "\" text-anchor=\"",
                anchor,
                "\" class=\"",
                cls,
                "\">",
                esc(s),
                "</text>");
    }

    /** A table row of a heading and a value. */
    Html row(String k, String v) {
        return add("<tr><th>", esc(k), "</th><td>", esc(v), "</td></tr>\n");
    }

    static String coord(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** A number as charts label it: two decimals below 100, n/a for NaN. */
    static String num(double v) {
        return Numbers.compact(v);
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

    static double log2(double v) {
        return Math.log(v) / Math.log(2);
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
