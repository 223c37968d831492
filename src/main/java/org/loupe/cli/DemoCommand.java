package org.loupe.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.loupe.LoupeException;
import org.loupe.ConfigException;
import org.loupe.model.GeneratorFactory;
import org.loupe.model.GeneratorSpec;
import org.loupe.model.ModelFile;
import org.loupe.model.TrainSpec;
import org.loupe.run.DataManifest;
import org.loupe.stats.CrossPowerResult;
import org.loupe.tiles.GeneratorGeometry;

/**
 * {@code loupe demo}: the whole pipeline on the embedded default, no external data: simulate
 * LR/HR pairs, train the generator, upscale the held-out LR box, and compare LR, trilinear and SR
 * with the HR run (P(k) ratios and r(k)).
 */
@Command(name = "demo", description = "Run the whole pipeline on the embedded default (simulate, train, upscale, compare). ~5 min on 2 cores.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--out", defaultValue = "runs/demo", paramLabel = "DIR", description = "Run folder (default runs/demo).")
    Path out;

    @Option(names = "--config", paramLabel = "FILE", description = "Use this config instead of the embedded one.")
    Path config;

    @Option(names = "--threads", converter = Ranges.Threads.class, paramLabel = "T", description = "Worker threads, 1 to 4096.")
    Integer threads;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter console = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Files.createDirectories(out);
        Path cfg = config != null ? config : out.resolve("demo.yaml");
        if (config == null) {
            try (InputStream in = DemoCommand.class.getResourceAsStream("demo.yaml")) {
                Files.write(cfg, in.readAllBytes());
            }
        }
        String t = threads == null ? null : String.valueOf(threads);
        console.println("[1/4] simulate LR/HR pairs -> " + out.resolve("pairs"));
        step(err, console, withThreads(t, "simulate", "--config", cfg.toString(), "--out", out.resolve("pairs").toString()));
        console.println("[2/4] train the generator -> " + out.resolve("train"));
        step(err, console, withThreads(t, "train", "--config", cfg.toString(), "--out", out.resolve("train").toString()));
        DataManifest manifest = DataManifest.read(out.resolve("pairs/data-manifest.yaml"));
        List<DataManifest.Entry> test = manifest.split("test");
        if (test.isEmpty()) {
            throw new ConfigException(cfg + ": the demo needs a test pair (simulate.testPairs >= 1)");
        }
        DataManifest.Entry pair = test.get(0);
        Path lr = out.resolve("pairs").resolve(pair.lr().path());
        Path hr = out.resolve("pairs").resolve(pair.hr().path());
        Path model = out.resolve("train/model.zip");
        Path sr = out.resolve("sr/" + pair.id() + "_sr.hdf5");
        Path tri = out.resolve("sr/" + pair.id() + "_trilinear.hdf5");
        console.println("[3/4] upscale the held-out LR box " + pair.id() + " -> " + sr);
        step(err, console, withThreads(t, "upscale", "--model", model.toString(), "--input", lr.toString(), "--out", sr.toString()));
        ModelFile trained = ModelFile.read(model);
        Path zero = out.resolve("sr/trilinear-model.zip");
        writeTrilinearModel(trained, zero);
        step(err, console, withThreads(t, "upscale", "--model", zero.toString(), "--input", lr.toString(), "--out", tri.toString()));
        // The shipped sr-x2 model (trained on P³M pairs of this box and cosmology) on the same
        // held-out box, when the pairs are the ×2 32³ → 64³ kind it knows.
        Path shipped = out.resolve("sr/" + pair.id() + "_sr-x2.hdf5");
        boolean useShipped = config == null && pair.lr().particlesPerSide() == 32 && pair.hr().particlesPerSide() == 64
                && DemoCommand.class.getResource("/org/loupe/models/sr-x2.zip") != null;
        if (useShipped) {
            console.println("      and with the shipped model sr-x2 -> " + shipped);
            step(err, console, withThreads(t, "upscale", "--model", "sr-x2", "--input", lr.toString(), "--out", shipped.toString()));
        }
        console.println("[4/4] compare with the HR run (CIC on 2N^3, interlaced) -> " + out.resolve("validation") + ", "
                + out.resolve("report"));
        Path val = out.resolve("validation");
        int grid = 2 * pair.hr().particlesPerSide();
        List<String[]> boxes = new java.util.ArrayList<>(List.of(new String[] {"lr", lr.toString()},
                new String[] {"trilinear", tri.toString()}, new String[] {"sr", sr.toString()}));
        if (useShipped) {
            boxes.add(new String[] {"sr-x2", shipped.toString()});
        }
        for (String[] c : boxes) {
            step(err, console, withThreads(t, "power", c[1], "--cross", hr.toString(), "--grid", String.valueOf(grid), "--out",
                    val.resolve(c[0] + "_vs_hr.csv").toString()));
        }
        headline(console, val, manifest.boxMpcH(), pair.hr().particlesPerSide(), useShipped);
        Path report = out.resolve("report");
        List<String> validate = new java.util.ArrayList<>(List.of("validate", "--lr", lr.toString(), "--sr", "trained=" + sr));
        if (useShipped) {
            validate.addAll(List.of("--sr", "sr-x2=" + shipped));
        }
        validate.addAll(List.of("--hr", hr.toString(), "--out", report.toString()));
        int code = Main.execute(withThreads(t, validate.toArray(String[]::new)), console, err);
        if (code != 0 && code != 6) {
            throw new StepFailed("demo step `loupe validate` failed with exit code " + code, code);
        }
        console.println("validation report of the model just trained" + (useShipped ? " and sr-x2" : "") + ": "
                + report.resolve("report.html"));
        console.println();
        try {
            DemoSummary.sentences(new com.fasterxml.jackson.databind.ObjectMapper().readTree(report.resolve("report.json").toFile()))
                    .forEach(console::println);
        } catch (java.io.IOException e) {
            throw new org.loupe.OutputException(report.resolve("report.json") + ": cannot read it back: " + e.getMessage(), e);
        }
        return 0;
    }

    private void headline(PrintWriter console, Path val, double box, int hrSide, boolean shipped) {
        CrossPowerResult lr = CrossPowerResult.readCsv(val.resolve("lr_vs_hr.csv"));
        CrossPowerResult tri = CrossPowerResult.readCsv(val.resolve("trilinear_vs_hr.csv"));
        CrossPowerResult sr = CrossPowerResult.readCsv(val.resolve("sr_vs_hr.csv"));
        CrossPowerResult x2 = shipped ? CrossPowerResult.readCsv(val.resolve("sr-x2_vs_hr.csv")) : null;
        double kmax = Math.PI * hrSide / box / 2;
        console.println();
        console.println("Held-out pair, against the HR run (k <= k_Nyq(HR)/2); SR = the model just trained"
                + (shipped ? ", x2 = shipped sr-x2" : "") + ":");
        console.println("  k [h/Mpc]  P_LR/P_HR  P_tri/P_HR  P_SR/P_HR" + (shipped ? "  P_x2/P_HR" : "")
                + "    r_LR    r_tri    r_SR" + (shipped ? "    r_x2" : ""));
        double worstSr = 0;
        double worstLr = 0;
        double worstX2 = 0;
        for (int i = 0; i < sr.size() && sr.k()[i] <= kmax * 1.0001; i++) {
            double rs = sr.pk1()[i] / sr.pk2()[i];
            double rl = lr.pk1()[i] / lr.pk2()[i];
            double rx = shipped ? x2.pk1()[i] / x2.pk2()[i] : Double.NaN;
            worstSr = Math.max(worstSr, Math.abs(rs - 1));
            worstLr = Math.max(worstLr, Math.abs(rl - 1));
            worstX2 = shipped ? Math.max(worstX2, Math.abs(rx - 1)) : 0;
            if (i < 4 || i % 3 == 0) {
                console.printf(Locale.ROOT, "  %8.3f  %9.3f  %10.3f  %9.3f%s  %7.4f  %7.4f  %7.4f%s%n", sr.k()[i], rl,
                        tri.pk1()[i] / tri.pk2()[i], rs, shipped ? String.format(Locale.ROOT, "  %9.3f", rx) : "",
                        lr.r()[i], tri.r()[i], sr.r()[i], shipped ? String.format(Locale.ROOT, "  %7.4f", x2.r()[i]) : "");
            }
        }
        console.printf(Locale.ROOT, "max |P/P_HR - 1| up to k_Nyq(HR)/2: SR %.1f %%, %sLR %.1f %%%n", 100 * worstSr,
                shipped ? String.format(Locale.ROOT, "sr-x2 %.1f %%, ", 100 * worstX2) : "", 100 * worstLr);
        if (shipped) {
            console.println("note: sr-x2 learned from P3M pairs, whose HR runs have TreePM's small scales, which the demo's PM"
                    + " HR runs lack; on GADGET-4 universes it never saw it is 5.5-12 % off; see BENCHMARKS.md, Fidelity");
        }
        console.println("tables: " + val + "  (k, P1, P2, P12, r, Nmodes, T per bin)");
    }

    private static void writeTrilinearModel(ModelFile trained, Path file) {
        // An untrained generator outputs exactly the trilinear baseline (its projection starts at 0).
        GeneratorGeometry geo = new GeneratorGeometry(trained.scale(), trained.cropCells(), trained.haloCells());
        GeneratorSpec spec = GeneratorSpec.defaults().withScale(trained.scale()).withWidth(4).withVelocity(trained.velocity());
        var g = GeneratorFactory.build(spec, geo,
                TrainSpec.of(1, 1, 1).withValidationTiles(1));
        trained.withGraph(g).withNoiseChannels(0)
                .withProvenance("{\"note\":\"untrained generator with zero projection: the trilinear baseline\"}").write(file);
    }

    private static String[] withThreads(String threads, String... args) {
        if (threads == null) {
            return args;
        }
        String[] a = java.util.Arrays.copyOf(args, args.length + 2);
        a[args.length] = "--threads";
        a[args.length + 1] = threads;
        return a;
    }

    private static void step(PrintWriter err, PrintWriter console, String[] args) {
        int code = Main.execute(args, console, err);
        if (code != 0) {
            throw new StepFailed("demo step `loupe " + String.join(" ", args) + "` failed with exit code " + code, code);
        }
    }

    /** A step of the demo failed: the demo exits with that step's code (its message is already printed). */
    private static final class StepFailed extends LoupeException {
        private static final long serialVersionUID = 1L;
        private final int code;

        StepFailed(String message, int code) {
            super(message);
            this.code = code;
        }

        @Override
        public int exitCode() {
            return code;
        }
    }
}
