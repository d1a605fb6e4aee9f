package net.rudp.demo.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.rudp.demo.compare.Sample;
import net.rudp.demo.compare.TransferResult;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Draws each transport's goodput over time (as the receiver saw it) into one PNG line chart. */
public final class ThroughputChart {
    private static final int WIDTH = 1000;
    private static final int HEIGHT = 500;

    private ThroughputChart() {}

    /**
     * Goodput over the interval ending at {@code seconds}.
     *
     * @param seconds       end of the interval, since the receiver accepted
     * @param bytes         verified bytes received by then
     * @param mbitPerSecond goodput over the interval since the previous sample
     */
    public record Point(double seconds, long bytes, double mbitPerSecond) {}

    /** One point per sample after the first: the rate between it and the previous one. */
    public static List<Point> points(List<Sample> samples) {
        List<Point> points = new ArrayList<>();
        Sample previous = new Sample(0, 0);
        for (Sample s : samples) {
            long nanos = s.elapsedNanos() - previous.elapsedNanos();
            if (nanos > 0) {
                double mbit = (s.bytes() - previous.bytes()) * 8.0 / nanos * 1e3;
                points.add(new Point(s.elapsedNanos() / 1e9, s.bytes(), mbit));
                previous = s;
            }
        }
        return points;
    }

    static void write(Path png, String pathDescription, List<TransferResult> results) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        for (TransferResult r : results) {
            XYSeries series = new XYSeries(r.transport());
            for (Point p : points(r.samples())) {
                series.add(p.seconds(), p.mbitPerSecond());
            }
            data.addSeries(series);
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Goodput over time: " + pathDescription,
            "seconds since the receiver accepted", "Mbit/s", data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        for (int i = 0; i < results.size(); i++) {
            plot.getRenderer().setSeriesStroke(i, new BasicStroke(2f));
        }
        ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
    }
}
