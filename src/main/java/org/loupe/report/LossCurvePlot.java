package org.loupe.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

import org.loupe.AtomicFiles;
import org.loupe.FormatException;

/** The training loss curve (train and validation loss per epoch, log scale) as a PNG. */
public final class LossCurvePlot {

    private LossCurvePlot() {
    }

    /** Reads the trainer's loss-curve CSV and writes {@code png} (temp name, then rename). */
    public static void write(Path csv, Path png) {
        System.setProperty("java.awt.headless", "true");
        List<Double> epoch = new ArrayList<>();
        List<Double> train = new ArrayList<>();
        List<Double> validation = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(csv);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",");
                epoch.add(Double.parseDouble(f[0]));
                train.add(Double.parseDouble(f[2]));
                validation.add(Double.parseDouble(f[3]));
            }
        } catch (IOException | RuntimeException e) {
            throw new FormatException(csv + ": cannot read the loss curve (" + e.getMessage() + ")", e);
        }
        if (epoch.isEmpty()) {
            return;
        }
        XYChart chart = new XYChartBuilder().width(720).height(450).title("Training loss")
                .xAxisTitle("epoch").yAxisTitle("loss per element (normalised)").build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.addSeries("train", epoch, train).setMarker(SeriesMarkers.CIRCLE);
        chart.addSeries("validation", epoch, validation).setMarker(SeriesMarkers.DIAMOND);
        AtomicFiles.write(png, tmp -> {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
            }
        });
    }
}
