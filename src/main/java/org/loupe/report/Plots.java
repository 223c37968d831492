package org.loupe.report;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import org.loupe.LoupeException;
import org.loupe.stats.DensitySlice;

/** PNG figures of a validation report (XChart for curves; density maps drawn as images). */
final class Plots {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Plots() {
    }

    /** A line chart of several named curves against k; log axes as asked. */
    static byte[] curves(String title, String yTitle, boolean logY, Map<String, double[][]> series, double[] hLines) {
        return curves(title, yTitle, logY, series, hLines, "k [h/Mpc]");
    }

    static byte[] curves(String title, String yTitle, boolean logY, Map<String, double[][]> series, double[] hLines, String xTitle) {
        return curves(title, yTitle, logY, series, hLines, xTitle, Map.of());
    }

    /** As above; {@code colours} fixes a series' colour by name (one colour per box in every figure). */
    static byte[] curves(String title, String yTitle, boolean logY, Map<String, double[][]> series, double[] hLines, String xTitle,
                         Map<String, Color> colours) {
        XYChart chart = new XYChartBuilder().width(760).height(480).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        for (Map.Entry<String, double[][]> e : series.entrySet()) {
            double[][] xy = clean(e.getValue(), logY);
            if (xy[0].length > 0) {
                XYSeries line = chart.addSeries(e.getKey(), xy[0], xy[1]);
                line.setMarker(SeriesMarkers.NONE);
                Color c = colours.get(e.getKey());
                if (c != null) {
                    line.setLineColor(c);
                }
            }
        }
        if (hLines != null && !series.isEmpty()) {
            double[][] any = clean(series.values().iterator().next(), logY);
            if (any[0].length > 1) {
                for (double h : hLines) {
                    chart.addSeries(String.format(java.util.Locale.ROOT, "%.3g", h), new double[] {any[0][0], any[0][any[0].length - 1]},
                            new double[] {h, h}).setMarker(SeriesMarkers.NONE).setLineColor(Color.LIGHT_GRAY);
                }
            }
        }
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new LoupeException("cannot render the plot '" + title + "': " + e.getMessage(), e);
        }
    }

    /** Density maps side by side: log10(1 + δ) on one shared scale; the residual on its own symmetric scale. */
    static byte[] slices(Map<String, DensitySlice> slices) {
        List<String> names = new ArrayList<>(slices.keySet());
        int n = slices.values().iterator().next().size();
        int cell = Math.max(1, 256 / n);
        int side = n * cell;
        int gap = 8;
        BufferedImage img = new BufferedImage(names.size() * (side + gap), side + 20, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        // Colour ranges from percentiles, not extremes: one collapsed halo must not wash out the map.
        List<Double> logs = new ArrayList<>();
        List<Double> res = new ArrayList<>();
        for (String name : names) {
            for (float v : slices.get(name).values()) {
                if (name.contains("-")) {
                    res.add((double) Math.abs(v));
                } else {
                    logs.add(Math.log10(Math.max(v, 1e-3)));
                }
            }
        }
        java.util.Collections.sort(logs);
        java.util.Collections.sort(res);
        double lo = logs.isEmpty() ? 0 : logs.get((int) (0.01 * (logs.size() - 1)));
        double hi = logs.isEmpty() ? 1 : logs.get((int) (0.995 * (logs.size() - 1)));
        double resMax = res.isEmpty() ? 1 : Math.max(1e-12, res.get((int) (0.99 * (res.size() - 1))));
        for (int s = 0; s < names.size(); s++) {
            DensitySlice d = slices.get(names.get(s));
            boolean residual = names.get(s).contains("-");
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double v = d.values()[i * n + j];
                    double t = residual ? 0.5 + 0.5 * v / resMax : (Math.log10(Math.max(v, 1e-3)) - lo) / Math.max(hi - lo, 1e-9);
                    int rgb = residual ? diverging(t) : sequential(t);
                    for (int a = 0; a < cell; a++) {
                        for (int b = 0; b < cell; b++) {
                            img.setRGB(s * (side + gap) + j * cell + b, 20 + (n - 1 - i) * cell + a, rgb);
                        }
                    }
                }
            }
            g.setColor(Color.BLACK);
            g.drawString(names.get(s) + (residual ? String.format(java.util.Locale.ROOT, " (±%.2g)", resMax) : ""), s * (side + gap) + 4, 14);
        }
        g.dispose();
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new LoupeException("cannot render the density slices: " + e.getMessage(), e);
        }
    }

    private static double[][] clean(double[][] xy, boolean logY) {
        List<double[]> keep = new ArrayList<>();
        for (int i = 0; i < xy[0].length; i++) {
            if (Double.isFinite(xy[1][i]) && (!logY || xy[1][i] > 0)) {
                keep.add(new double[] {xy[0][i], xy[1][i]});
            }
        }
        double[][] out = new double[2][keep.size()];
        for (int i = 0; i < keep.size(); i++) {
            out[0][i] = keep.get(i)[0];
            out[1][i] = keep.get(i)[1];
        }
        return out;
    }

    /** Dark blue → yellow (perceptually ordered enough for density). */
    private static int sequential(double t) {
        t = Math.max(0, Math.min(1, t));
        int r = (int) (255 * Math.min(1, Math.max(0, 1.8 * t - 0.5)));
        int gr = (int) (255 * Math.min(1, Math.max(0, 1.2 * t)));
        int b = (int) (255 * Math.max(0, 0.55 - 0.6 * t + 0.3 * Math.sin(Math.PI * t)));
        return (r << 16) | (gr << 8) | b;
    }

    /** Blue (negative) → white → red (positive). */
    private static int diverging(double t) {
        t = Math.max(0, Math.min(1, t));
        int r = t < 0.5 ? (int) (510 * t) : 255;
        int b = t > 0.5 ? (int) (510 * (1 - t)) : 255;
        int gr = (int) (255 * (1 - 2 * Math.abs(t - 0.5)));
        return (r << 16) | (gr << 8) | b;
    }
}
