package org.loupe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.loupe.ConfigException;
import org.loupe.model.ModelFile;
import org.loupe.model.ShippedModels;
import org.loupe.mesh.JTransformsFft3d;
import org.loupe.mesh.Window;
import org.loupe.particles.Particles;
import org.loupe.snapshot.SnapshotReader;
import org.loupe.stats.PowerResult;
import org.loupe.stats.PowerSpec;
import org.loupe.stats.PowerSpectrum;
import org.loupe.testing.FullReferenceData;
import org.loupe.testing.ReferenceData;
import org.loupe.testing.SharedData;

/**
 * The shipped models: names resolve from the jar, and on the GADGET-4 universes they never saw
 * (Loupe's P3M runs trained them; A chose the recipe, D is the report universe) they keep the
 * fidelity BENCHMARKS.md reports — a regression guard for anyone who retrains and replaces them.
 */
class ShippedModelsTest {

    @TempDir
    Path dir;

    @Test
    void namesResolveAndUnknownNamesAreExplained() throws Exception {
        var e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class, () -> ShippedModels.locate("sr-x3"));
        assertTrue(e.getMessage().contains("sr-x2") && e.getMessage().contains("sr-x4"), e.getMessage());
        Path own = Files.writeString(dir.resolve("m.zip"), "x");
        assertEquals(own, ShippedModels.locate(own.toString()), "an existing path is itself");
        for (String name : ShippedModels.NAMES) {
            ModelFile m = ModelFile.read(ShippedModels.locate(name));
            assertEquals(name.equals("sr-x2") ? 2 : 4, m.scale(), name);
            assertTrue(m.provenanceJson().contains("\"config\""), name + " records the config that made it");
            assertEquals(name.equals("sr-x2") ? 32 : 16, m.domain().lrParticlesPerSide(), name + " records its domain");
            assertEquals(1.0, m.domain().spacing() * m.domain().lrParticlesPerSide() / 64.0, 1e-12);
            assertEquals(0.0, m.domain().redshift());
        }
    }

    /**
     * P_SR/P_HR (shot noise subtracted, as the report's ratio columns) within {@code tolerance} for every bin up to
     * k_Nyq(HR)/2 and r_SR ≥ r_LR − {@code rSlack} in every bin, on each GADGET-4 universe. The
     * tolerances are guards just above what BENCHMARKS.md measured ("Fidelity on universes no recipe
     * saw"), not the issue's goals, which these models do not meet. sr-x4 is stochastic: upscale's
     * default noise seed 0 makes this deterministic.
     */
    @ParameterizedTest(name = "{0} on {1}")
    @FullReferenceData
    @CsvSource({"sr-x2, A, 032, 0.12, 0.001", "sr-x2, D, 032, 0.06, 0.001",
            "sr-x4, A, 016, 0.14, 0.002", "sr-x4, D, 016, 0.165, 0.002"})
    void shippedModelsKeepTheirFidelityOnGadget4(String model, String universe, String lrParticles, double tolerance,
            double rSlack) throws Exception {
        Path lr = SharedData.path("gadget4/" + universe + "_N" + lrParticles + "/snapshot_004.hdf5");
        Path hr = SharedData.path("gadget4/" + universe + "_N064/snapshot_004.hdf5");
        Path sr = dir.resolve("sr.hdf5");
        assertEquals(0, run("upscale", "--model", model, "--input", lr.toString(), "--out", sr.toString(), "--threads", "2"));
        int code = run("validate", "--lr", lr.toString(), "--sr", sr.toString(), "--hr", hr.toString(), "--out",
                dir.resolve("report").toString(), "--threads", "2");
        assertTrue(code == 0 || code == 6, "validate exit " + code);
        List<String> lines = Files.readAllLines(dir.resolve("report/power.csv")).stream()
                .filter(l -> !l.startsWith("#")).toList();
        List<String> header = List.of(lines.get(0).split(","));
        // The SR box is the dataset that is neither LR, the trilinear baseline nor HR (shot noise subtracted ratios).
        String srName = header.stream().filter(c -> c.startsWith("ratio_") && !c.equals("ratio_LR")
                && !c.equals("ratio_trilinear")).findFirst().orElseThrow().substring("ratio_".length());
        int ratioColumn = header.indexOf("ratio_" + srName);
        int rLrColumn = header.indexOf("r_LR");
        int rSrColumn = header.indexOf("r_" + srName);
        double kmax = Math.PI * 64 / 64.0 / 2 * 1.0001;
        int bins = 0;
        for (String row : lines.subList(1, lines.size())) {
            String[] f = row.split(",");
            double k = Double.parseDouble(f[0]);
            if (k > kmax) {
                break;
            }
            double ratio = Double.parseDouble(f[ratioColumn]);
            double rLr = Double.parseDouble(f[rLrColumn]);
            double rSr = Double.parseDouble(f[rSrColumn]);
            assertTrue(Math.abs(ratio - 1) <= tolerance, model + ": P_SR/P_HR = " + ratio + " at k = " + k);
            assertTrue(rSr >= rLr - rSlack - 1e-6, model + ": r_SR " + rSr + " < r_LR " + rLr + " at k = " + k);
            bins++;
        }
        assertTrue(bins >= 10, "bins checked: " + bins);
    }

    /**
     * The same P(k) guard without the 64³ runs: P_HR comes from tables measured once on them
     * ({@code gadget4/derived/}, shot noise kept), so this runs in every build; r(k) needs the HR
     * particles and is checked only by the test above.
     */
    @ParameterizedTest(name = "{0} on {1}")
    @ReferenceData
    @CsvSource({"sr-x2, A, 032, 0.12", "sr-x2, D, 032, 0.06", "sr-x4, A, 016, 0.14", "sr-x4, D, 016, 0.165"})
    void shippedModelsKeepTheirPowerSpectrumOnGadget4(String model, String universe, String lrParticles, double tolerance)
            throws Exception {
        Path lr = SharedData.path("gadget4/" + universe + "_N" + lrParticles + "/snapshot_004.hdf5");
        Path sr = dir.resolve("sr.hdf5");
        assertEquals(0, run("upscale", "--model", model, "--input", lr.toString(), "--out", sr.toString(), "--threads", "2"));
        Particles p = SnapshotReader.open(sr).readParticles(1);
        PowerResult srPower = new PowerSpectrum(PowerSpec.defaults(), new JTransformsFft3d(2), 2)
                .auto(p, 128, Window.CIC, 0.0, List.of());
        List<String> hr = Files.readAllLines(SharedData.path("gadget4/derived/" + universe
                + "_N064_power_z0_cic128_interlaced.csv")).stream()
                .filter(l -> !l.startsWith("#") && !l.startsWith("k,")).toList();
        double kmax = Math.PI * 64 / 64.0 / 2 * 1.0001;
        int bins = 0;
        for (int i = 0; i < hr.size(); i++) {
            String[] f = hr.get(i).split(",");
            double k = Double.parseDouble(f[0]);
            if (k > kmax) {
                break;
            }
            assertEquals(k, srPower.k()[i], 1e-6 * k, "same bins");
            double ratio = srPower.pk()[i] / Double.parseDouble(f[1]);
            assertTrue(Math.abs(ratio - 1) <= tolerance, model + ": P_SR/P_HR = " + ratio + " at k = " + k);
            bins++;
        }
        assertTrue(bins >= 10, "bins checked: " + bins);
    }

    private static int run(String... args) {
        return Main.execute(args, new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true));
    }
}
