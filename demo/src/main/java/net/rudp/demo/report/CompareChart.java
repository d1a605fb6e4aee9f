package net.rudp.demo.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import net.rudp.demo.compare.Comparison;
import net.rudp.demo.compare.EndpointEvent;
import net.rudp.demo.compare.Fairness;
import net.rudp.demo.compare.Sample;
import net.rudp.demo.compare.TransferResult;
import net.rudp.demo.transport.TransportStats;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Draws a comparison into one PNG of three panels over a shared time axis: each flow's goodput
 * (as the receiver saw it), then its sender's congestion window and smoothed RTT. Flows that ran
 * one after another each start at 0; flows together are drawn on their run's timeline, with the
 * window in which all of them ran shaded and labelled with Jain's index.
 */
public final class CompareChart {
    private static final int WIDTH = 1000;
    private static final int HEIGHT = 800;
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd)};

    private CompareChart() {}

    /**
     * Goodput over the interval ending at {@code seconds}.
     *
     * @param seconds       end of the interval, since the receiver accepted
     * @param bytes         verified bytes received by then
     * @param mbitPerSecond goodput over the interval since the previous sample
     */
    public record Point(double seconds, long bytes, double mbitPerSecond) {}

    /**
     * Rates over intervals shorter than this are not drawn: the receiver's final sample often
     * comes a millisecond after a regular one, and one read over a millisecond is no rate.
     */
    static final long MIN_INTERVAL_NANOS = 50_000_000;

    /**
     * One point per sample at least {@link #MIN_INTERVAL_NANOS} after the previous point: the
     * rate between the two. A last sample closer than that is folded into the last point.
     */
    public static List<Point> points(TransferResult r) {
        return points(r.samples()).stream()
            .map(p -> new Point(p.seconds() + r.startNanos() / 1e9, p.bytes(), p.mbitPerSecond())).toList();
    }

    /** {@link #points(TransferResult)} of a flow that started at 0. */
    static List<Point> points(List<Sample> samples) {
        List<Point> points = new ArrayList<>();
        Sample from = new Sample(0, 0);
        Sample beforeFrom = from;
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            long nanos = s.elapsedNanos() - from.elapsedNanos();
            boolean last = i == samples.size() - 1;
            if (nanos >= MIN_INTERVAL_NANOS || (last && nanos > 0 && points.isEmpty())) {
                points.add(point(from, s));
                beforeFrom = from;
                from = s;
            } else if (last && nanos > 0) {
                points.set(points.size() - 1, point(beforeFrom, s));
            }
        }
        return points;
    }

    private static Point point(Sample from, Sample to) {
        double mbit = (to.bytes() - from.bytes()) * 8.0 / (to.elapsedNanos() - from.elapsedNanos()) * 1e3;
        return new Point(to.elapsedNanos() / 1e9, to.bytes(), mbit);
    }

    static void write(Path png, Comparison comparison) throws IOException {
        List<TransferResult> results = comparison.flows();
        XYSeriesCollection goodput = new XYSeriesCollection();
        for (TransferResult r : results) {
            XYSeries series = new XYSeries(r.flow());
            for (Point p : points(r)) {
                series.add(p.seconds(), p.mbitPerSecond());
            }
            goodput.addSeries(series);
        }
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new NumberAxis(comparison.together()
            ? "seconds since the first flow started" : "seconds since the connection opened"));
        plot.setGap(12);
        XYPlot goodputPanel = panel(goodput, "goodput (Mbit/s)", true);
        comparison.runs().forEach(run -> run.fairness().ifPresent(f -> goodputPanel.addDomainMarker(allFlowsRan(f))));
        plot.add(goodputPanel, 2);
        plot.add(panel(windows(results, s -> s.congestionWindowBytes() / 1024.0), "congestion window (KiB)", false), 1);
        plot.add(panel(windows(results, s -> s.smoothedRttNanos() / 1e6), "smoothed RTT (ms)", false), 1);
        String title = comparison.path() + (comparison.together() ? ", flows together" : "");
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 14), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
    }

    /** The window in which all flows of a run ran, shaded, with their Jain index. */
    private static IntervalMarker allFlowsRan(Fairness f) {
        IntervalMarker marker = new IntervalMarker(f.fromNanos() / 1e9, f.toNanos() / 1e9, new Color(0, 0, 0, 18));
        marker.setLabel(String.format(Locale.ROOT, "all flows: Jain's index %.3f", f.jainIndex()));
        marker.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        marker.setLabelAnchor(RectangleAnchor.TOP_LEFT);
        marker.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        return marker;
    }

    /** One series per flow: {@code value} of each sample of its sender's connection. */
    private static XYSeriesCollection windows(List<TransferResult> results, ToDoubleFunction<TransportStats> value) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (TransferResult r : results) {
            XYSeries series = new XYSeries(r.flow());
            for (EndpointEvent.Window w : r.windows()) {
                series.add((r.startNanos() + w.elapsedNanos()) / 1e9, value.applyAsDouble(w.stats()));
            }
            data.addSeries(series);
        }
        return data;
    }

    /** A panel; the legend (one entry per flow) comes from the panel with {@code inLegend}. */
    private static XYPlot panel(XYSeriesCollection data, String label, boolean inLegend) {
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesStroke(i, new BasicStroke(2f));
            renderer.setSeriesPaint(i, COLORS[i % COLORS.length]);
            renderer.setSeriesVisibleInLegend(i, inLegend);
        }
        NumberAxis axis = new NumberAxis(label);
        axis.setAutoRangeIncludesZero(true);
        XYPlot plot = new XYPlot(data, null, axis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return plot;
    }
}
