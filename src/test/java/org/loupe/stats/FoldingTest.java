package org.loupe.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.loupe.mesh.Fft3d;
import org.loupe.mesh.GridInfo;
import org.loupe.mesh.GridKind;
import org.loupe.mesh.JTransformsFft3d;
import org.loupe.mesh.Window;
import org.loupe.particles.Box;
import org.loupe.particles.ParticleStream;
import org.loupe.particles.Particles;
import org.loupe.snapshot.SnapshotReader;
import org.loupe.testing.SharedData;

/**
 * P(k) by folding (positions modulo L/F on an N³ mesh) is P(k) of an (F·N)³ mesh on the modes
 * whose wavenumbers are multiples of F: same window, same aliasing images, same interlacing phase.
 */
class FoldingTest {

    private static final PowerSpectrum POWER = new PowerSpectrum(PowerSpec.defaults(), new JTransformsFft3d(2), 2);

    @Test
    void aFoldedMeshGivesTheDirectMeshsPowerOnItsModes() {
        Particles p = SnapshotReader.open(SharedData.path("gadget4/A_N032/snapshot_004.hdf5")).readParticles(1);
        int n = 32;
        int fold = 4;
        FoldedPower folded = POWER.folded(ParticleStream.of(p), n, Window.CIC, 0, List.of(), fold, 2, 0.5);
        // The direct mesh of F·N cells, restricted to the modes F·n' and binned as the folded mesh bins them.
        FourierDensity direct = POWER.paint(p, fold * n, Window.CIC, 0, List.of());
        PowerResult onFoldedModes = POWER.auto(decimate(direct, fold));
        double f3 = Math.pow(fold, 3);
        int compared = 0;
        PowerResult r = folded.power();
        for (int b = 0; b < r.size(); b++) {
            if (folded.foldOfBin()[b] != fold) {
                continue;
            }
            int d = indexOf(onFoldedModes.k(), r.k()[b]);
            assertEquals(onFoldedModes.nmodes()[d], r.nmodes()[b], "same modes in the bin at k = " + r.k()[b]);
            assertEquals(onFoldedModes.pk()[d] * f3, r.pk()[b], 5e-3 * r.pk()[b], "P at k = " + r.k()[b]);
            compared++;
        }
        assertTrue(compared > 20, "folded bins compared: " + compared);
        // Below the switch, the unfolded mesh's own bins are reported as they are.
        PowerResult unfolded = POWER.auto(POWER.paint(p, n, Window.CIC, 0, List.of()));
        assertEquals(unfolded.pk()[0], r.pk()[0], 0.0);
        assertEquals(1, folded.foldOfBin()[0]);
        assertEquals(p.box().sizeMpcH() * Math.pow(p.box().sizeMpcH(), 2) / p.count(), r.meta().shotNoiseMpcH3(), 1e-9,
                "shot noise of the whole box at every level");
    }

    @Test
    void aPlaneWaveBeyondTheMeshsNyquistFrequencyHasItsKnownPower() {
        // Particles on a 1000 × 45 × 45 lattice weighing 1 + A cos(k0 x), k0 = 40 k_F: δ_k0 = A/2
        // exactly, so the bin holding k0 has Nmodes · P = L³ A²/4. A 32³ mesh reaches only
        // √3·16 k_F unfolded, and 40 k_F folded 4 times. (1000 x-sites: the aliasing images of
        // k0 that the lattice also holds are 70 meshes away; 45 y and z sites put no lattice mode in the bin.)
        double box = 100;
        int nx = 1000;
        int ny = 45;
        double a = 0.1;
        double k0 = 2 * Math.PI * 40 / box;
        float[] pos = new float[3 * nx * ny * ny];
        float[] mass = new float[nx * ny * ny];
        int q = 0;
        for (int i = 0; i < nx; i++) {
            for (int j = 0; j < ny; j++) {
                for (int k = 0; k < ny; k++) {
                    double x = i * box / nx;
                    pos[3 * q] = (float) x;
                    pos[3 * q + 1] = (float) (j * box / ny);
                    pos[3 * q + 2] = (float) (k * box / ny);
                    mass[q] = (float) (1 + a * Math.cos(k0 * x));
                    q++;
                }
            }
        }
        Particles p = new Particles(new Box(box), pos, null, null, Double.NaN, mass);
        FoldedPower folded = POWER.folded(ParticleStream.of(p), 32, Window.CIC, 0, List.of(), 4, 2, 0.5);
        PowerResult r = folded.power();
        double kF = 2 * Math.PI / box;
        double expected = box * box * box * a * a / 4;
        boolean found = false;
        for (int i = 0; i < r.size(); i++) {
            // Folded bins are 4 k_F wide: the one holding |n| = 40 also holds modes of no power.
            if (folded.foldOfBin()[i] == 4 && r.k()[i] >= 40 * kF && r.k()[i] < 44 * kF) {
                assertEquals(expected, r.pk()[i] * r.nmodes()[i], 5e-3 * expected);
                found = true;
            }
        }
        assertTrue(found, "a folded bin at k0");
    }

    @Test
    void foldingTheStreamWrapsPositionsIntoTheSmallerBox() {
        Particles p = new Particles(new Box(8), new float[] {7.5f, 0.5f, 4f, 2f, 6f, 3.99f}, null, null, 1.0, null);
        ParticleStream f = ParticleStream.of(p).folded(2);
        assertEquals(4, f.box().sizeMpcH());
        f.forEachBlock(16, block -> assertArrayEquals(new float[] {3.5f, 0.5f, 0f, 2f, 2f, 3.99f}, block.positionsMpcH()));
    }

    /** The modes F·n' of an (F·N)³ spectrum as an N³ spectrum of the box L/F, scaled to the folded mesh's δ. */
    private static FourierDensity decimate(FourierDensity direct, int fold) {
        int big = direct.size();
        int n = big / fold;
        Fft3d.Spectrum s = direct.spectrum();
        Fft3d.Spectrum out = Fft3d.Spectrum.zeros(n);
        double scale = Math.pow((double) n / big, 3);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < out.halfZ(); k++) {
                    int bi = Math.floorMod(fold * Fft3d.Spectrum.wavenumber(i, n), big);
                    int bj = Math.floorMod(fold * Fft3d.Spectrum.wavenumber(j, n), big);
                    int bk = fold * k;
                    int o = out.index(i, j, k);
                    int src = s.index(bi, bj, bk);
                    out.data()[o] = s.data()[src] * scale;
                    out.data()[o + 1] = s.data()[src + 1] * scale;
                }
            }
        }
        GridInfo info = direct.info();
        return new FourierDensity(out, direct.boxMpcH() / fold, new GridInfo(GridKind.DENSITY_CONTRAST, info.window(),
                info.interlaced(), info.redshift(), info.particleCount(), info.sources()));
    }

    private static int indexOf(double[] k, double value) {
        for (int i = 0; i < k.length; i++) {
            if (Math.abs(k[i] - value) < 1e-9 * value) {
                return i;
            }
        }
        throw new AssertionError("no bin at k = " + value);
    }
}
