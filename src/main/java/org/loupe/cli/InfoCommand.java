package org.loupe.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.loupe.particles.Lattice;
import org.loupe.run.Json;
import org.loupe.run.RunConfig;
import org.loupe.snapshot.ParticleLoad;
import org.loupe.snapshot.ReadOptions;
import org.loupe.snapshot.Snapshot;
import org.loupe.snapshot.SnapshotHeader;
import org.loupe.snapshot.SnapshotReader;
import org.loupe.snapshot.VelocityConvention;

/** {@code loupe info SNAPSHOT}: what a snapshot holds and which conventions were detected. */
@Command(name = "info", description = "Describe a snapshot: format, files, counts, box, redshift, cosmology, units, lattice.")
final class InfoCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SNAPSHOT", description = "Snapshot file, name.0.hdf5 of a multi-file set, or snapdir folder.")
    Path snapshot;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Option(names = "--type", paramLabel = "N", description = "Particle type for the lattice check (default: config, else 1).")
    Integer type;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        RunConfig rc = common.runConfig();
        ReadOptions opts = common.readOptions(rc);
        if (type != null) {
            if (type < 0 || type > 5) {
                throw new org.loupe.ConfigException("--type " + type + " is not a particle type; GADGET types are 0 to 5"
                        + " (1: dark matter)");
            }
            opts = opts.withParticleType(type);
        }
        Snapshot snap = SnapshotReader.open(snapshot, opts.withoutVelocities());
        SnapshotHeader h = snap.header();
        int t = opts.particleType();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", h.format().name());
        m.put("files", h.files().stream().map(Path::toString).toList());
        m.put("numParticles", h.numPartTotal());
        m.put("boxSize", h.boxMpcH());
        m.put("redshift", h.redshift());
        m.put("scaleFactor", h.scaleFactor());
        m.put("omegaM", h.omegaM());
        m.put("omegaLambda", h.omegaLambda());
        m.put("hubble", h.hubble());
        // MassTable 0 means a Masses dataset: its range, not the 0 of the table (issue #25, item 6).
        m.put("particleMass", h.count(t) == 0 ? h.mass(t) : org.loupe.snapshot.ParticleMasses.of(snap, t).describe());
        m.put("lengthUnit", h.units().lengthUnitName());
        m.put("velocityConvention", h.units().velocityConvention() == VelocityConvention.SQRT_A
                ? "gadget (stored u = v/sqrt(a))" : "peculiar");
        Object offset = null;
        long wrapped = 0;
        if (h.count(t) > 0) {
            ParticleLoad load = snap.load(t);
            wrapped = load.wrappedCount();
            Lattice lattice = Lattice.detect(load.particles(), opts.latticeOffsetCells());
            if (lattice != null && lattice.implausibility(load.particles()) != null) {
                // No site offset to report: the IDs are not lattice IDs (see Lattice.requirePlausible).
                spec.commandLine().getErr().println("loupe: warning: " + snapshot + ": the particle IDs fill a "
                        + lattice.sitesPerSide() + "^3 lattice but are not in lattice order (shuffled, or x fastest?): "
                        + lattice.implausibility(load.particles()) + "; no lattice reported");
            } else if (lattice != null) {
                Map<String, Object> l = new LinkedHashMap<>();
                l.put("sitesPerSide", lattice.sitesPerSide());
                l.put("firstId", lattice.firstId());
                l.put("offsetCells", lattice.offsetCells());
                l.put("meanDisplacementMpcH", lattice.meanDisplacementNorm(load.particles()));
                offset = l;
            }
        }
        m.put("latticeOffset", offset);
        m.put("particleType", t);
        m.put("wrappedCoordinates", wrapped);
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(m));
        } else {
            printText(out, m);
        }
        return 0;
    }

    private static void printText(java.io.PrintWriter out, Map<String, Object> m) {
        for (Map.Entry<String, Object> e : m.entrySet()) {
            Object v = e.getValue();
            String s;
            if (v instanceof long[] a) {
                s = java.util.Arrays.toString(a);
            } else if (v instanceof List<?> l) {
                s = l.size() == 1 ? String.valueOf(l.get(0)) : l.size() + " files: " + l.get(0) + " ...";
            } else if (v instanceof Double d) {
                s = String.format(Locale.ROOT, "%.8g", d);
            } else if (v == null) {
                s = "not a lattice (IDs do not fill an N^3 lattice)";
            } else {
                s = String.valueOf(v);
            }
            out.printf(Locale.ROOT, "%-20s %s%n", e.getKey(), s);
        }
    }
}
