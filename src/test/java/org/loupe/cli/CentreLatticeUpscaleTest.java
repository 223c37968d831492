package org.loupe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.particles.Lattice;
import org.loupe.particles.Particles;
import org.loupe.snapshot.Snapshot;
import org.loupe.snapshot.SnapshotMeta;
import org.loupe.snapshot.SnapshotReader;
import org.loupe.snapshot.SnapshotWriter;
import org.loupe.snapshot.WriteOptions;
import org.loupe.testing.Cli;
import org.loupe.testing.SharedData;
import org.loupe.testing.Slow;

/**
 * Issue #25, item 5: an LR box on a cell-centre lattice (every particle half an LR cell further
 * along each axis than on the corner lattice) gives an SR box half an LR cell further too, not
 * the SR box of the unshifted input; and the SR box is again a corner lattice.
 */
@Slow
class CentreLatticeUpscaleTest {

    @TempDir
    Path dir;

    @Test
    void theSrBoxOfAShiftedLrBoxIsShiftedWithIt() {
        Snapshot g = SnapshotReader.open(SharedData.path("gadget4/A_N032/snapshot_004.hdf5"));
        Particles p = g.readParticles(1);
        float half = (float) (p.box().sizeMpcH() / 32 / 2);
        float[] shifted = p.positionsMpcH().clone();
        for (int c = 0; c < shifted.length; c++) {
            shifted[c] = (float) p.box().wrap(shifted[c] + half);
        }
        var h = g.header();
        SnapshotMeta meta = new SnapshotMeta(h.redshift(), h.omegaM(), h.omegaLambda(), h.hubble(), "{}");
        Path lr = dir.resolve("lr.hdf5");
        Path lrCentre = dir.resolve("lr_centre.hdf5");
        SnapshotWriter.write(lr, p, meta, WriteOptions.defaults());
        SnapshotWriter.write(lrCentre, new Particles(p.box(), shifted, p.velocitiesKmS(), p.ids(), p.massPerParticle(), null), meta,
                WriteOptions.defaults());
        for (Path in : new Path[] {lr, lrCentre}) {
            var r = Cli.run("upscale", "--model", "sr-x2", "--input", in.toString(), "--out", in.toString().replace(".hdf5", "_sr.hdf5"));
            assertEquals(0, r.code(), r.err());
        }
        Particles a = SnapshotReader.open(dir.resolve("lr_sr.hdf5")).readParticles(1);
        Particles b = SnapshotReader.open(dir.resolve("lr_centre_sr.hdf5")).readParticles(1);
        Lattice la = Lattice.detect(a);
        Lattice lb = Lattice.detect(b);
        assertEquals(0.0, la.offsetCells());
        assertEquals(0.0, lb.offsetCells(), "an even scale of a centre lattice is a corner lattice (IDs relabelled)");
        int n = la.sitesPerSide();
        float[] xa = byId(a);
        float[] xb = byId(b);
        double[] mean = new double[3];
        double maxDev = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    int sa = (i * n + j) * n + k;
                    int sb = (((i + 1) % n) * n + (j + 1) % n) * n + (k + 1) % n;
                    for (int c = 0; c < 3; c++) {
                        double d = p.box().minimumImage(xb[3 * sb + c] - xa[3 * sa + c]);
                        mean[c] += d / ((double) n * n * n);
                        maxDev = Math.max(maxDev, Math.abs(d - half));
                    }
                }
            }
        }
        for (int c = 0; c < 3; c++) {
            assertEquals(half, mean[c], 1e-4, "SR moves with its LR box, axis " + c);
        }
        assertEquals(0, maxDev, 2e-3, "particle by particle (the network sees the same displacements up to rounding)");
    }

    private static float[] byId(Particles p) {
        float[] out = new float[p.positionsMpcH().length];
        for (int q = 0; q < p.count(); q++) {
            System.arraycopy(p.positionsMpcH(), 3 * q, out, (int) (3 * (p.ids()[q] - 1)), 3);
        }
        return out;
    }
}
