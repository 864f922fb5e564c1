package dev.holdfast.lock.benchmarks.scale;

import java.util.List;
import java.util.Locale;

/**
 * A small grouped bar chart in SVG, drawn from the measured numbers (no charting library): one or more panels side by
 * side, each with its categories on the x axis, one bar per series in each category, the value written above each bar,
 * and a linear or a logarithmic y axis.
 */
final class SvgChart {

    private static final String[] COLORS = {"#c0392b", "#2471a3", "#7d3c98", "#239b56"};

    private static final int PANEL_WIDTH = 380;

    private static final int PANEL_HEIGHT = 300;

    private static final int LEFT = 60;

    private static final int TOP = 70;

    private static final int BOTTOM = 50;

    private SvgChart() {}

    /**
     * One series of bars.
     *
     * @param name the legend's name
     * @param values one value per category; {@code NaN} draws no bar
     */
    record Series(String name, double[] values) {}

    /**
     * One panel.
     *
     * @param title the panel's title (the measure and its unit)
     * @param categories the x axis
     * @param series the bars of each category
     * @param log whether the y axis is logarithmic (values spanning decades)
     */
    record Panel(String title, List<String> categories, List<Series> series, boolean log) {}

    /**
     * Draw panels side by side under one title.
     *
     * @param title the chart's title
     * @param note a line under the title (what was run, where)
     * @param panels the panels
     * @return the SVG document
     */
    static String render(String title, String note, List<Panel> panels) {
        int width = LEFT + panels.size() * (PANEL_WIDTH + LEFT) + 10;
        int height = TOP + PANEL_HEIGHT + BOTTOM + 30;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                        + " font-family=\"sans-serif\" font-size=\"12\">%n",
                width,
                height,
                width,
                height));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        text(svg, 10, 20, 16, "start", "bold", title);
        text(svg, 10, 38, 11, "start", "normal", note);
        for (int p = 0; p < panels.size(); p++) {
            panel(svg, LEFT + p * (PANEL_WIDTH + LEFT), panels.get(p));
        }
        legend(svg, panels.get(0).series(), TOP + PANEL_HEIGHT + BOTTOM + 10);
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void panel(StringBuilder svg, int x0, Panel panel) {
        int bottom = TOP + PANEL_HEIGHT;
        text(svg, x0 + PANEL_WIDTH / 2.0, TOP - 14, 13, "middle", "bold", panel.title());
        Scale scale = Scale.of(panel);
        for (double tick : scale.ticks()) {
            double y = bottom - scale.height(tick) * PANEL_HEIGHT;
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
                    x0,
                    y,
                    x0 + PANEL_WIDTH,
                    y));
            text(svg, x0 - 5, y + 4, 10, "end", "normal", format(tick));
        }
        svg.append(String.format(
                Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n",
                x0,
                bottom,
                x0 + PANEL_WIDTH,
                bottom));
        int categories = panel.categories().size();
        double group = PANEL_WIDTH / (double) categories;
        double bar = group * 0.8 / panel.series().size();
        for (int c = 0; c < categories; c++) {
            double left = x0 + c * group + group * 0.1;
            text(
                    svg,
                    x0 + (c + 0.5) * group,
                    bottom + 16,
                    11,
                    "middle",
                    "normal",
                    panel.categories().get(c));
            for (int s = 0; s < panel.series().size(); s++) {
                double value = panel.series().get(s).values()[c];
                if (Double.isNaN(value)) {
                    continue;
                }
                double h = Math.max(0, scale.height(value)) * PANEL_HEIGHT;
                double x = left + s * bar;
                svg.append(String.format(
                        Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>%n",
                        x + 1,
                        bottom - h,
                        bar - 2,
                        h,
                        COLORS[s % COLORS.length]));
                text(svg, x + bar / 2, bottom - h - 3, 10, "middle", "normal", format(value));
            }
        }
    }

    private static void legend(StringBuilder svg, List<Series> series, int y) {
        int x = LEFT;
        for (int s = 0; s < series.size(); s++) {
            svg.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>%n",
                    x,
                    y - 10,
                    COLORS[s % COLORS.length]));
            text(svg, x + 16, y, 12, "start", "normal", series.get(s).name());
            x += 40 + 8 * series.get(s).name().length();
        }
    }

    private static void text(
            StringBuilder svg, double x, double y, int size, String anchor, String weight, String text) {
        svg.append(String.format(
                Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" text-anchor=\"%s\" font-weight=\"%s\">%s</text>%n",
                x,
                y,
                size,
                anchor,
                weight,
                escape(text)));
    }

    static String format(double value) {
        double abs = Math.abs(value);
        if (abs >= 1_000_000) {
            return String.format(Locale.ROOT, "%.1fM", value / 1_000_000);
        }
        if (abs >= 10_000) {
            return String.format(Locale.ROOT, "%.0fk", value / 1000);
        }
        if (abs >= 100 || value == Math.rint(value)) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, (abs >= 10) ? "%.1f" : "%.2f", value);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** The y axis of a panel: from 0 (or the decade below the smallest value) to a round top. */
    private record Scale(boolean log, double low, double high) {

        static Scale of(Panel panel) {
            double max = 0;
            double min = Double.MAX_VALUE;
            for (Series series : panel.series()) {
                for (double value : series.values()) {
                    if (!Double.isNaN(value)) {
                        max = Math.max(max, value);
                        if (value > 0) {
                            min = Math.min(min, value);
                        }
                    }
                }
            }
            if (panel.log() && max > 0) {
                return new Scale(
                        true,
                        Math.floor(Math.log10(min)),
                        Math.max(Math.ceil(Math.log10(max)), Math.floor(Math.log10(min)) + 1));
            }
            double step = niceStep(Math.max(max, 1e-9) / 5);
            return new Scale(false, 0, Math.max(step, Math.ceil(max / step) * step));
        }

        /** Return where a value sits, from 0 (the axis) to 1 (the top). */
        double height(double value) {
            if (!log) {
                return value / high;
            }
            return (value <= 0) ? 0 : Math.max(0, (Math.log10(value) - low) / (high - low));
        }

        double[] ticks() {
            if (log) {
                int decades = (int) (high - low);
                double[] ticks = new double[decades + 1];
                for (int i = 0; i <= decades; i++) {
                    ticks[i] = Math.pow(10, low + i);
                }
                return ticks;
            }
            double step = niceStep(high / 5);
            int count = (int) Math.round(high / step);
            double[] ticks = new double[count + 1];
            for (int i = 0; i <= count; i++) {
                ticks[i] = i * step;
            }
            return ticks;
        }

        private static double niceStep(double rough) {
            double decade = Math.pow(10, Math.floor(Math.log10(rough)));
            for (double nice : new double[] {1, 2, 2.5, 5, 10}) {
                if (nice * decade >= rough) {
                    return nice * decade;
                }
            }
            return 10 * decade;
        }
    }
}
