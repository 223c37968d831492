package org.loupe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.particles.Particles;
import org.loupe.snapshot.SnapshotMeta;
import org.loupe.snapshot.SnapshotReader;
import org.loupe.snapshot.SnapshotWriter;
import org.loupe.snapshot.WriteOptions;
import org.loupe.testing.Catalogues;
import org.loupe.testing.Cli;
import org.loupe.testing.ExternalTools;
import org.loupe.testing.Python;
import org.loupe.testing.SharedData;

/** Issue #25, "Smaller": settings and inputs that were accepted silently or named badly. */
class SmallRefusalsTest {

    @TempDir
    Path dir;

    private final Path lr16 = SharedData.path("gadget4/A_N016/snapshot_004.hdf5");
    private final Path lr32 = SharedData.path("gadget4/A_N032/snapshot_004.hdf5");

    @Test
    void manifestCreateRefusesLrEqualToHrOrSwappedAndNegativeSplits() {
        String out = dir.resolve("m.yaml").toString();
        Cli.run("manifest", "create", "--pair", "a=" + lr32 + "," + lr32, "--out", out).userError(4, "same file");
        Cli.run("manifest", "create", "--pair", "a=" + lr32 + "," + lr16, "--out", out).userError(4, "swapped");
        Cli.run("manifest", "create", dir.toString(), "--validation", "-1").userError(2, "--validation -1");
        Cli.run("manifest", "create", dir.toString(), "--test", "-1").userError(2, "--test -1");
        assertFalse(Files.exists(dir.resolve("m.yaml")));
    }

    @Test
    void optionValuesOutsideTheirRangeAreSettingErrors() throws Exception {
        Cli.run("paint", lr16.toString(), "--grid", "8", "--gzip", "10", "--out", dir.resolve("d.hdf5").toString())
                .userError(2, "--gzip 10");
        Cli.run("info", lr16.toString(), "--type", "7").userError(2, "--type 7", "0 to 5");
        Path cfg = Files.writeString(dir.resolve("sim.yaml"), """
                name: frac
                simulate:
                  boxMpcH: 64.0
                  lrParticlesPerSide: 8.5
                  hrParticlesPerSide: 16
                  zInit: 49.0
                  steps: 2
                  seed: 1
                  trainPairs: 1
                """);
        Cli.run("simulate", "--config", cfg.toString(), "--out", dir.resolve("run").toString())
                .userError(2, "sim.yaml line 4", "8.5", "lrParticlesPerSide");
        Cli.run("manifest", "verify", dir.toString()).userError(2, "is a folder");
    }

    @Test
    void zRoundOffBelowZeroIsZero() throws Exception {
        Path f = dir.resolve("zneg.hdf5");
        SnapshotWriter.write(f, Catalogues.displacedLattice(8, 32.0, 0.5), new SnapshotMeta(-2.220446049250313e-16, 0.31, 0.69,
                0.68, "{}"), WriteOptions.defaults());
        assertEquals(0.0, SnapshotReader.open(f).header().redshift());
        Path g = dir.resolve("zneg2.hdf5");
        SnapshotWriter.write(g, Catalogues.displacedLattice(8, 32.0, 0.5), new SnapshotMeta(-0.01, 0.31, 0.69, 0.68, "{}"),
                WriteOptions.defaults());
        Cli.run("info", g.toString()).userError(3, "Redshift");
    }

    @Test
    void anHrBoxOfAnotherUniverseIsRefusedNamingTheSeeds() {
        Path hrOther = SharedData.path("gadget4/D_N032/snapshot_004.hdf5");
        Cli.run("validate", "--lr", lr16.toString(), "--sr", lr32.toString(), "--hr", hrOther.toString(), "--out",
                dir.resolve("rep").toString()).userError(4, "D_N032", "Seed 8675309", "Seed 181170");
    }

    @Test
    void aHugeBatchKeepsTheCropAndATightHeapSuggestsASmallerBatch() throws Exception {
        var r = Cli.run("upscale", "--model", "sr-x2", "--input", lr32.toString(), "--out", dir.resolve("sr.hdf5").toString(),
                "--batch", "100000");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("1 tiles of 32^3 LR cells"), r.out());
        var model = org.loupe.model.ModelFile.read(org.loupe.model.ShippedModels.locate("sr-x2"));
        var h = SnapshotReader.open(lr32).header();
        var s = new org.loupe.infer.SnapshotUpscaler.Settings(4, 1024L << 20, 100000, 0, 1, 0, 1, Double.NaN);
        var e = org.junit.jupiter.api.Assertions.assertThrows(org.loupe.MemoryException.class,
                () -> org.loupe.infer.SnapshotUpscaler.plan(model, h, s, 400L << 20));
        assertTrue(e.getMessage().contains("lower --batch to "), e.getMessage());
    }

    @Test
    void srKeepsTheLrLengthUnit() throws Exception {
        Path mpc = SharedData.path("samples/gadget4_N016_z0.hdf5");
        var r = Cli.run("upscale", "--model", "sr-x4", "--input", mpc.toString(), "--out", dir.resolve("sr.hdf5").toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("Mpc/h", SnapshotReader.open(dir.resolve("sr.hdf5")).header().units().lengthUnitName());
        Particles p = SnapshotReader.open(dir.resolve("sr.hdf5")).readParticles(1);
        assertTrue(p.box().sizeMpcH() == 64.0);
    }

    @Test
    @ExternalTools
    void floatIdsAreNamedWithTheirFile() throws Exception {
        Python.requireH5py();
        Path f = Files.copy(lr16, dir.resolve("fid.hdf5"));
        var py = Python.run(List.of("/usr/bin/python3", "-c", "import h5py,sys\nwith h5py.File(sys.argv[1],'r+') as f:\n"
                + "    i=f['PartType1/ParticleIDs'][:]\n    del f['PartType1/ParticleIDs']\n"
                + "    f['PartType1/ParticleIDs']=i.astype('f4')\n", f.toString()), 60);
        assertEquals(0, py.exitCode(), py.output());
        Cli.run("info", f.toString()).userError(3, "fid.hdf5", "ParticleIDs", "floating point");
        Cli.run("upscale", "--model", "sr-x4", "--input", f.toString(), "--out", dir.resolve("sr.hdf5").toString())
                .userError(3, "fid.hdf5", "floating point");
    }
}
