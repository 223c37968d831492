package org.loupe.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.loupe.ConfigException;
import org.loupe.mesh.Fft3d;
import org.loupe.mesh.Grid;
import org.loupe.mesh.JTransformsFft3d;
import org.loupe.mesh.LagrangianFields;
import org.loupe.mesh.MassAssignment;
import org.loupe.mesh.PaintSpec;
import org.loupe.mesh.SourceFile;
import org.loupe.mesh.Window;
import org.loupe.particles.Lattice;
import org.loupe.particles.Particles;
import org.loupe.run.Provenance;
import org.loupe.run.RunConfig;
import org.loupe.run.Sha256;
import org.loupe.snapshot.GridFile;
import org.loupe.snapshot.ParticleLoad;
import org.loupe.snapshot.Snapshot;
import org.loupe.snapshot.SnapshotReader;
import org.loupe.stats.FourierDensity;

/**
 * {@code loupe paint}: density (NGP/CIC/TSC/PCS, optionally interlaced) or lattice
 * displacement/velocity to a grid file.
 */
@Command(name = "paint", description = "Paint a snapshot onto a grid: density contrast, or displacement / velocity on the particle lattice.")
final class PaintCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SNAPSHOT")
    Path snapshot;

    @Option(names = "--grid", converter = Ranges.Positive.class, paramLabel = "N", description = "Cells per side (density); must equal the lattice side for lattice fields.")
    Integer grid;

    @Option(names = "--field", paramLabel = "F", description = "density | displacement | velocity (default density).")
    String field;

    @Option(names = "--window", paramLabel = "W", description = "ngp | cic | tsc | pcs (default cic).")
    String window;

    @Option(names = "--interlace", negatable = true, description = "Density only: average with a paint shifted by half a cell"
            + " (combined in Fourier space, written back in real space); suppresses aliasing. Default: config, else off.")
    Boolean interlace;

    @Option(names = "--out", required = true, paramLabel = "FILE.h5", description = "Grid file to write (HDF5).")
    Path out;

    @Option(names = "--gzip", paramLabel = "LEVEL", defaultValue = "0", description = "Compress the grid with gzip 1-9 (default 0: none).")
    int gzip;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (gzip < 0 || gzip > 9) {
            throw new org.loupe.ConfigException("--gzip " + gzip + " is not a gzip level; use 1 to 9, or 0 for none");
        }
        RunConfig rc = common.runConfig();
        PaintSpec base = rc.paint() == null ? new PaintSpec(0, Window.CIC, PaintSpec.Field.DENSITY, false) : rc.paint();
        PaintSpec ps = new PaintSpec(grid != null ? grid : base.grid(),
                window != null ? Window.parse(window) : base.window(),
                field != null ? parseField(field) : base.field(), interlace != null ? interlace : base.interlace());
        int threads = common.threads(rc);
        Snapshot snap = SnapshotReader.open(snapshot, common.readOptions(rc));
        Outputs.guard(Outputs.withManifest(out), snap.header().files());
        long cells = ps.field() == PaintSpec.Field.DENSITY ? (long) ps.grid() * ps.grid() * ps.grid()
                : 3 * snap.header().count(common.readOptions(rc).particleType());
        Outputs.checkFreeSpace(out, 4 * cells + (1 << 16));
        ParticleLoad load = snap.load(common.readOptions(rc).particleType());
        Particles p = load.particles();
        List<SourceFile> sources = Sha256.sources(snap.header().files());
        double z = snap.header().redshift();
        Grid g;
        if (ps.field() == PaintSpec.Field.DENSITY) {
            if (ps.grid() < 1) {
                throw new ConfigException("paint needs --grid N (cells per side) for a density field");
            }
            if (ps.interlace()) {
                // δ(x) whose transform is the interlaced field (docs/conventions.md, "Interlacing").
                Fft3d fft = new JTransformsFft3d(threads);
                g = FourierDensity.paint(p, ps.grid(), ps.window(), true, z, sources, fft, threads).toGrid(fft);
            } else {
                g = MassAssignment.densityContrast(p, ps.grid(), ps.window(), 0.0, threads, z, sources);
            }
        } else {
            Lattice lattice = Lattice.detect(p, common.readOptions(rc).latticeOffsetCells());
            if (lattice != null) {
                lattice.requirePlausible(p, snapshot.toString());
            }
            if (lattice == null) {
                throw new ConfigException(snapshot + ": particle IDs do not fill an N^3 lattice, so no "
                        + ps.field().name().toLowerCase(Locale.ROOT) + " field can be made; paint the density instead");
            }
            if (ps.grid() > 0 && ps.grid() != lattice.sitesPerSide()) {
                throw new ConfigException("--grid " + ps.grid() + " differs from the particle lattice (" + lattice.sitesPerSide()
                        + "^3); lattice fields live on the lattice: drop --grid or set it to " + lattice.sitesPerSide());
            }
            try {
                g = ps.field() == PaintSpec.Field.DISPLACEMENT
                        ? LagrangianFields.displacement(p, lattice, z, sources)
                        : LagrangianFields.velocity(p, lattice, z, sources);
            } catch (org.loupe.FormatException e) {
                throw new org.loupe.FormatException(snapshot + ": " + e.getMessage(), e);
            }
        }
        Provenance prov = new Provenance("paint", sources, ps, null, "plain Java (no ND4J)");
        GridFile.write(out, g, prov.toJson(), gzip);
        prov.write(out.resolveSibling(out.getFileName() + ".manifest.json"));
        spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s: %s %dx%d^3 in %.4g Mpc/h%s%s%n", out,
                g.info().kind(), g.channels(), g.size(), g.boxMpcH(), g.info().interlaced() ? " (interlaced)" : "",
                load.wrappedCount() > 0 ? " (" + load.wrappedCount() + " coordinates wrapped into the box)" : "");
        return 0;
    }

    private static PaintSpec.Field parseField(String s) {
        try {
            return PaintSpec.Field.valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("unknown --field '" + s + "': use density, displacement or velocity");
        }
    }
}
