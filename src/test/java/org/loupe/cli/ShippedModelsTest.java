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
 * The shipped models: names resolve from the jar, and on the GADGET-4 pairs they never saw
 * (Loupe's PM runs trained them; GADGET-4 is a TreePM code) they keep the fidelity BENCHMARKS.md
 * reports — a regression guard for anyone who retrains and replaces them.
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
     * P_SR/P_HR within {@code tolerance} (the 5 % goal for sr-x2; for sr-x4 a guard just above the
     * measured 13.3 %, BENCHMARKS.md) for every bin up to k_Nyq(HR)/2 and r_SR ≥ r_LR − 0.002
     * in every bin (sr-x4 is up to 0.0005 below r_LR at k = 0.4–0.5 h/Mpc), on the held-out GADGET-4 universe.
     * sr-x4 is stochastic: upscale's default noise seed 0 makes this deterministic.
     */
    @ParameterizedTest(name = "{0} on {1}")
    @FullReferenceData
    @CsvSource({"sr-x2, A_N032, 0.05", "sr-x4, A_N016, 0.15"})
    void shippedModelsKeepTheirFidelityOnGadget4(String model, String lrRun, double tolerance) throws Exception {
        Path lr = SharedData.path("gadget4/" + lrRun + "/snapshot_004.hdf5");
        Path hr = SharedData.path("gadget4/A_N064/snapshot_004.hdf5");
        Path sr = dir.resolve("sr.hdf5");
        assertEquals(0, run("upscale", "--model", model, "--input", lr.toString(), "--out", sr.toString(), "--threads", "2"));
        int code = run("validate", "--lr", lr.toString(), "--sr", sr.toString(), "--hr", hr.toString(), "--out",
                dir.resolve("report").toString(), "--threads", "2");
        assertTrue(code == 0 || code == 6, "validate exit " + code);
        List<String> rows = Files.readAllLines(dir.resolve("report/power.csv")).stream()
                .filter(l -> !l.startsWith("#") && !l.startsWith("k,")).toList();
        double kmax = Math.PI * 64 / 64.0 / 2 * 1.0001;
        int bins = 0;
        for (String row : rows) {
            String[] f = row.split(",");
            double k = Double.parseDouble(f[0]);
            if (k > kmax) {
                break;
            }
            double ratio = Double.parseDouble(f[6]);
            double rLr = Double.parseDouble(f[7]);
            double rSr = Double.parseDouble(f[8]);
            assertTrue(Math.abs(ratio - 1) <= tolerance, model + ": P_SR/P_HR = " + ratio + " at k = " + k);
            assertTrue(rSr >= rLr - 0.002, model + ": r_SR " + rSr + " < r_LR " + rLr + " at k = " + k);
            bins++;
        }
        assertTrue(bins >= 10, "bins checked: " + bins);
    }

    /**
     * The same P(k) guard without the 64³ run: P_HR comes from a table measured once on it
     * ({@code gadget4/derived/}), so this runs in every build; r(k) needs the HR particles and is
     * checked only by the test above.
     */
    @ParameterizedTest(name = "{0} on {1}")
    @ReferenceData
    @CsvSource({"sr-x2, A_N032, 0.05", "sr-x4, A_N016, 0.15"})
    void shippedModelsKeepTheirPowerSpectrumOnGadget4(String model, String lrRun, double tolerance) throws Exception {
        Path lr = SharedData.path("gadget4/" + lrRun + "/snapshot_004.hdf5");
        Path sr = dir.resolve("sr.hdf5");
        assertEquals(0, run("upscale", "--model", model, "--input", lr.toString(), "--out", sr.toString(), "--threads", "2"));
        Particles p = SnapshotReader.open(sr).readParticles(1);
        PowerResult srPower = new PowerSpectrum(PowerSpec.defaults(), new JTransformsFft3d(2), 2)
                .auto(p, 128, Window.CIC, 0.0, List.of());
        List<String> hr = Files.readAllLines(SharedData.path("gadget4/derived/A_N064_power_z0_cic128_interlaced.csv")).stream()
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
