package org.loupe.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.loupe.FormatException;
import org.loupe.ShapeMismatchException;
import org.loupe.mesh.Grid;
import org.loupe.mesh.GridInfo;
import org.loupe.mesh.GridKind;
import org.loupe.mesh.LagrangianFields;
import org.loupe.mesh.SourceFile;
import org.loupe.particles.Lattice;
import org.loupe.particles.Particles;
import org.loupe.snapshot.Snapshot;
import org.loupe.snapshot.SnapshotReader;
import org.loupe.tiles.Normalization;
import org.loupe.tiles.PairFields;

/**
 * Turns the entries of a data manifest into lattice fields for training: reads both snapshots,
 * refuses files whose sha256 disagrees with the manifest, maps IDs to lattice sites and builds
 * displacement (and velocity) fields, normalised with the manifest's cosmology at each redshift.
 */
public final class PairLoader {

    private PairLoader() {
    }

    public static List<PairFields> load(Path manifestFile, DataManifest manifest, String split, int scale, boolean velocity) {
        return load(manifestFile, manifest, split, scale, velocity, org.loupe.snapshot.ReadOptions.defaults());
    }

    /** As above, reading every snapshot with {@code options} (the config's {@code snapshot:} overrides). */
    public static List<PairFields> load(Path manifestFile, DataManifest manifest, String split, int scale, boolean velocity,
                                        org.loupe.snapshot.ReadOptions options) {
        return load(manifestFile, manifest, split, scale, velocity, options, false, 1);
    }

    /**
     * As above; with {@code icModes} each pair also carries its initial conditions' modes above the
     * LR Nyquist frequency ({@link org.loupe.sim.SmallScaleModes}), redrawn from the pair's seed with
     * the manifest's cosmology and the no-wiggle Eisenstein–Hu shape of Loupe's pair configs: valid
     * for pairs that {@code loupe simulate} made, whose modes are a function of the seed alone.
     */
    public static List<PairFields> load(Path manifestFile, DataManifest manifest, String split, int scale, boolean velocity,
                                        org.loupe.snapshot.ReadOptions options, boolean icModes, int threads) {
        Path base = manifestFile.toAbsolutePath().getParent();
        List<PairFields> out = new ArrayList<>();
        for (DataManifest.Entry e : manifest.split(split)) {
            if (e.hr().particlesPerSide() != scale * e.lr().particlesPerSide()) {
                throw new ShapeMismatchException(manifestFile + ": pair " + e.id() + " is " + e.lr().particlesPerSide() + "^3 -> "
                        + e.hr().particlesPerSide() + "^3, not a x" + scale + " pair; set generator.scale to "
                        + e.hr().particlesPerSide() / Math.max(1, e.lr().particlesPerSide()));
            }
            Grid lr = field(base.resolve(e.lr().path()), e.lr().sha256(), velocity, manifestFile, options);
            Grid hr = field(base.resolve(e.hr().path()), e.hr().sha256(), velocity, manifestFile, options);
            if (Math.abs(lr.boxMpcH() - hr.boxMpcH()) > 1e-6 * lr.boxMpcH()) {
                throw new ShapeMismatchException(manifestFile + ": pair " + e.id() + " has LR box " + lr.boxMpcH()
                        + " and HR box " + hr.boxMpcH() + " Mpc/h; a pair must share its box");
            }
            PairFields pf = new PairFields(e.id() + "@z" + e.redshift(), lr, hr, Normalization.of(manifest.cosmology(), e.redshift()));
            if (icModes) {
                int nh = e.hr().particlesPerSide();
                float[] psi = org.loupe.sim.SmallScaleModes.displacement(nh, e.lr().particlesPerSide(), hr.boxMpcH(), e.seed(),
                        org.loupe.cosmology.LinearPower.parse(manifest.cosmology(), "eh-nowiggle"),
                        new org.loupe.mesh.JTransformsFft3d(threads), threads);
                pf = pf.withIcs(new Grid(nh, 3, hr.boxMpcH(), psi, hr.info()));
            }
            out.add(pf);
        }
        return out;
    }

    /** Lattice field (displacement, plus velocity when asked) of one snapshot, hash checked, read with {@code options}. */
    public static Grid field(Path file, String expectedSha256, boolean velocity, Path manifestFile,
                             org.loupe.snapshot.ReadOptions options) {
        String sha = Sha256.of(file);
        if (expectedSha256 != null && !expectedSha256.equals(sha)) {
            throw new FormatException(file + ": sha256 " + sha + " differs from " + expectedSha256 + " in " + manifestFile
                    + "; the file changed since the manifest was made: regenerate it or fix the manifest");
        }
        Snapshot snap = SnapshotReader.open(file, options);
        return latticeField(snap.readParticles(options.particleType()), snap.header().redshift(),
                List.of(new SourceFile(file.toString(), sha)), velocity, file, options.latticeOffsetCells());
    }

    /**
     * Lattice field of particles already in memory: displacement (3 channels), plus velocity
     * (channels 3–5) when asked.
     */
    public static Grid latticeField(Particles p, double z, List<SourceFile> src, boolean velocity, Path file) {
        return latticeField(p, z, src, velocity, file, Double.NaN);
    }

    /** As above with the lattice site offset given (0 or ½ cell) or NaN to detect it. */
    public static Grid latticeField(Particles p, double z, List<SourceFile> src, boolean velocity, Path file,
                                    double latticeOffsetCells) {
        Lattice lattice = Lattice.detect(p, latticeOffsetCells);
        if (lattice == null) {
            throw new FormatException(file + ": particle IDs do not fill an N^3 lattice, so no lattice field can be made");
        }
        lattice.requirePlausible(p, String.valueOf(file));
        Grid psi;
        Grid vel;
        try {
            psi = LagrangianFields.displacement(p, lattice, z, src);
            if (!velocity) {
                return psi;
            }
            vel = LagrangianFields.velocity(p, lattice, z, src);
        } catch (FormatException e) {
            // The field builders know particles, not files: name the file here.
            throw new FormatException(file + ": " + e.getMessage(), e);
        }
        float[] both = new float[psi.values().length * 2];
        System.arraycopy(psi.values(), 0, both, 0, psi.values().length);
        System.arraycopy(vel.values(), 0, both, psi.values().length, vel.values().length);
        return new Grid(psi.size(), 6, psi.boxMpcH(), both, GridInfo.lattice(GridKind.OTHER, z, src));
    }
}
