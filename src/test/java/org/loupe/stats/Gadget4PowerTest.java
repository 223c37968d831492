package org.loupe.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.loupe.mesh.JTransformsFft3d;
import org.loupe.mesh.Window;
import org.loupe.particles.Particles;
import org.loupe.snapshot.SnapshotReader;
import org.loupe.testing.FullReferenceData;
import org.loupe.testing.ReferenceData;
import org.loupe.testing.SharedData;

/**
 * Loupe's P(k) against GADGET-4's own measurement of the same snapshots (data/README.md): 128³
 * CIC mesh, CIC deconvolution, no interlacing, shot noise kept, particles moved by GADGET's random
 * shift vector of that output before painting.
 *
 * <p>GADGET-4 bins in fine logarithmic bins that straddle Loupe's k_F shells, so a shell-by-shell
 * comparison mixes different modes (±1.5 % noise from regrouping alone). Instead Loupe measures
 * in bins so fine that each holds one |n|², these are summed into GADGET-4's rows (their mode
 * counts must agree exactly), and every row must agree to the file's printed precision. That is
 * far inside the 1 % target, everywhere up to the cube corner √3 k_Nyq; a second check ties
 * Loupe's standard k_F shells to the same fine bins.
 */
@ReferenceData
class Gadget4PowerTest {

    private static final int MESH = 128;

    private static Path run(String name) {
        return SharedData.path("gadget4/" + name);
    }

    /** Shift vector of output {@code output} from shift_vectors.txt ("num sx sy sz" rows). */
    static double[] shift(Path runDir, int output) throws IOException {
        for (String line : Files.readAllLines(runDir.resolve("shift_vectors.txt"))) {
            String[] f = line.trim().split("\\s+");
            if (!line.trim().startsWith("#") && f.length == 4 && Integer.parseInt(f[0]) == output) {
                return new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3])};
            }
        }
        throw new AssertionError("no shift vector for output " + output + " in " + runDir);
    }

    /** The particles as GADGET's mesh saw them: (x + shift) mod L. */
    static Particles shifted(Particles p, double[] s) {
        float[] x = p.positionsMpcH().clone();
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) p.box().wrap(x[i] + s[i % 3]);
        }
        return new Particles(p.box(), x, null, null, p.massPerParticle(), p.masses());
    }

    /** Modes with |n|² = {@code n2} that are their own conjugates (every component 0 or N/2). */
    static int selfConjugateModes(long n2, int n) {
        int count = 0;
        for (int a = 1; a < 8; a++) {
            long h = n / 2;
            if (((a & 1) + ((a >> 1) & 1) + ((a >> 2) & 1)) * h * h == n2) {
                count++;
            }
        }
        return count;
    }

    /**
     * Regroups a Loupe spectrum measured in bins so fine that each holds a single |n|² into the
     * rows of a GADGET-4 block: each row gets the whole |n|² shells whose full-space mode count
     * adds up to the row's. Returns {loupe P, GADGET-4 P, k} per row.
     */
    static List<double[]> byRow(PowerResult fine, Gadget4PowerFile.Block g4) {
        double kF = 2 * Math.PI / fine.meta().boxMpcH();
        List<double[]> rows = new ArrayList<>();
        int b = 0;
        for (int r = 0; r < g4.size(); r++) {
            long modes = 0;
            double sum = 0;
            while (modes < g4.nmodes()[r] && b < fine.size()) {
                long n2 = Math.round(Math.pow(fine.k()[b] / kF, 2));
                int sc = selfConjugateModes(n2, MESH);
                // GADGET-4 counts k and −k separately; a self-conjugate mode once. Shells are all
                // self-conjugate or none, so the full-space sum of a shell is (2N − sc)/N times its mean.
                long full = 2 * fine.nmodes()[b] - sc;
                modes += full;
                sum += fine.pk()[b] * full;
                b++;
            }
            assertEquals(g4.nmodes()[r], modes, "modes of GADGET-4 row " + r + " at k = " + g4.k()[r]);
            rows.add(new double[] {sum / modes, g4.power(r), g4.k()[r]});
        }
        assertEquals(fine.size(), b, "Loupe has modes beyond GADGET-4's last row");
        return rows;
    }

    @ParameterizedTest(name = "{0} snapshot {1}")
    @CsvSource({"A_N032, 4", "A_N016, 4"})
    void loupeMatchesGadget4RowByRow(String name, int output) throws IOException {
        matchesRowByRow(name, output);
    }

    /** The same on the 64³ run (not in the repository). */
    @ParameterizedTest(name = "{0} snapshot {1}")
    @CsvSource({"A_N064, 4", "A_N064, 0"})
    @FullReferenceData
    void loupeMatchesGadget4RowByRowAt64Cubed(String name, int output) throws IOException {
        matchesRowByRow(name, output);
    }

    private static void matchesRowByRow(String name, int output) throws IOException {
        Path dir = run(name);
        Particles particles = SnapshotReader.open(dir.resolve(String.format("snapshot_%03d.hdf5", output))).readParticles(1);
        Gadget4PowerFile.Block g4 = Gadget4PowerFile.read(dir.resolve(String.format("powerspecs/powerspec_%03d.txt", output))).plain();
        assertEquals(MESH, g4.grid());
        assertEquals(particles.box().sizeMpcH(), g4.boxMpcH(), 1e-9);
        Particles seen = shifted(particles, shift(dir, output));

        // Bins of k_F/256 hold one |n|² each (neighbouring |n| differ by > 1/(2·√3·64) > 1/256).
        PowerSpec fineSpec = PowerSpec.pylians().withBinWidth(1.0 / 256);
        PowerSpectrum fine = new PowerSpectrum(fineSpec, new JTransformsFft3d(2), 2);
        PowerResult loupeFine = fine.auto(seen, MESH, Window.CIC, Double.NaN, List.of());
        double kNyq = Math.PI * MESH / g4.boxMpcH();
        double worstBelowNyquist = 0;
        double worst = 0;
        double worstK = 0;
        for (double[] row : byRow(loupeFine, g4)) {
            double dev = Math.abs(row[0] / row[1] - 1);
            if (row[2] <= kNyq) {
                worstBelowNyquist = Math.max(worstBelowNyquist, dev);
            }
            if (dev > worst) {
                worst = dev;
                worstK = row[2];
            }
        }
        // Target 1 %. Measured: ≤ 1.4e-5 up to k_Nyq at z = 0 (GADGET-4 prints 6 digits), ≤ 2.1e-4 at
        // z = 49 where the power is 1e-4 of today's (GADGET-4's single-precision mesh), and up to
        // 5e-4 in the sparse corner rows beyond k_Nyq, where the CIC deconvolution amplifies rounding.
        assertTrue(worstBelowNyquist < 5e-4, name + " snapshot " + output + ": a row below k_Nyq differs by " + worstBelowNyquist);
        assertTrue(worst < 1e-3, name + " snapshot " + output + ": worst row differs by " + worst + " at k = " + worstK);

        // Loupe's standard k_F shells are the mode-weighted means of those fine bins.
        PowerResult shells = new PowerSpectrum(PowerSpec.pylians(), new JTransformsFft3d(2), 2)
                .auto(seen, MESH, Window.CIC, Double.NaN, List.of());
        double kF = 2 * Math.PI / g4.boxMpcH();
        double[] sum = new double[shells.size() + 2];
        long[] count = new long[shells.size() + 2];
        for (int b = 0; b < loupeFine.size(); b++) {
            int shell = (int) (loupeFine.k()[b] / kF + 1e-9);
            sum[shell] += loupeFine.pk()[b] * loupeFine.nmodes()[b];
            count[shell] += loupeFine.nmodes()[b];
        }
        for (int s = 0; s < shells.size(); s++) {
            int shell = (int) (shells.k()[s] / kF);
            assertEquals(count[shell], shells.nmodes()[s]);
            assertEquals(sum[shell] / count[shell], shells.pk()[s], 1e-9 * shells.pk()[s]);
        }
    }

    @Test
    void readsTheThreeBlocksOfAPowerspecFile() {
        Path dir = run("A_N032");
        Gadget4PowerFile f = Gadget4PowerFile.read(dir.resolve("powerspecs/powerspec_004.txt"));
        assertEquals(3, f.blocks().size());
        Gadget4PowerFile.Block plain = f.plain();
        assertEquals(991, plain.size());
        assertEquals(1.0, plain.scaleFactor(), 1e-12);
        assertEquals(64.0, plain.boxMpcH(), 0.0);
        assertEquals(128, plain.grid());
        // First row: the fundamental mode, 6 modes counting ±k, Δ² = 4π k³ P̃ / k_F³.
        double kF = 2 * Math.PI / 64;
        assertEquals(kF, plain.k()[0], 1e-6);
        assertEquals(6, plain.nmodes()[0]);
        assertEquals(4 * Math.PI * plain.pTilde()[0], plain.delta2()[0], 1e-5 * plain.delta2()[0]);
        assertEquals(3, f.trailer().length);
        assertEquals(32768, f.trailer()[1], 0.0);
        // Every full-space mode of the 128³ mesh but DC is in the plain block.
        long modes = 0;
        for (long m : plain.nmodes()) {
            modes += m;
        }
        assertEquals(128L * 128 * 128 - 1, modes);
    }
}
