package org.loupe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.loupe.particles.Lattice;
import org.loupe.particles.Particles;
import org.loupe.snapshot.SnapshotMeta;
import org.loupe.snapshot.SnapshotReader;
import org.loupe.snapshot.SnapshotWriter;
import org.loupe.snapshot.WriteOptions;
import org.loupe.testing.Cli;
import org.loupe.testing.SharedData;

/** Inputs that read fine but cannot be what they claim: shuffled IDs, coordinates in the wrong unit. */
class ImplausibleInputTest {

    @TempDir
    Path dir;

    private Path shuffled() {
        Particles p = SnapshotReader.open(SharedData.path("gadget4/A_N032/snapshot_004.hdf5")).readParticles(1);
        long[] ids = p.ids().clone();
        Random r = new Random(3);
        for (int i = ids.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            long t = ids[i];
            ids[i] = ids[j];
            ids[j] = t;
        }
        Path f = dir.resolve("shuffled.hdf5");
        SnapshotWriter.write(f, new Particles(p.box(), p.positionsMpcH(), p.velocitiesKmS(), ids, p.massPerParticle(), null),
                new SnapshotMeta(0.0, 0.31, 0.69, 0.68, "{}"), WriteOptions.defaults());
        return f;
    }

    /** The z = 0 A_N032 particles with their IDs rewritten: x fastest (Fortran order), or 5 % of them swapped in pairs. */
    private Path relabelled(String name, boolean fortran) {
        Particles p = SnapshotReader.open(SharedData.path("gadget4/A_N032/snapshot_004.hdf5")).readParticles(1);
        Lattice l = Lattice.detect(p);
        int n = l.sitesPerSide();
        long[] ids = p.ids().clone();
        if (fortran) {
            for (int i = 0; i < ids.length; i++) {
                long s = ids[i] - l.firstId();
                long a = s / ((long) n * n);
                long b = (s / n) % n;
                long c = s % n;
                ids[i] = (c * n + b) * n + a + l.firstId();
            }
        } else {
            Random r = new Random(5);
            for (int k = 0; k < ids.length / 40; k++) {
                int i = r.nextInt(ids.length);
                int j = r.nextInt(ids.length);
                long t = ids[i];
                ids[i] = ids[j];
                ids[j] = t;
            }
        }
        Path f = dir.resolve(name);
        SnapshotWriter.write(f, new Particles(p.box(), p.positionsMpcH(), p.velocitiesKmS(), ids, p.massPerParticle(), null),
                new SnapshotMeta(0.0, 0.31, 0.69, 0.68, "{}"), WriteOptions.defaults());
        return f;
    }

    @Test
    void idsInFortranOrderOrPartlySwappedAreRefused() {
        for (Path in : new Path[] {relabelled("fortran.hdf5", true), relabelled("swapped.hdf5", false)}) {
            String name = in.getFileName().toString();
            Cli.run("paint", in.toString(), "--field", "displacement", "--out", dir.resolve("psi.h5").toString())
                    .userError(3, name, "not in lattice order");
            Cli.run("upscale", "--model", "sr-x2", "--input", in.toString(), "--out", dir.resolve("sr.hdf5").toString())
                    .userError(3, name, "not in lattice order");
            assertFalse(Files.exists(dir.resolve("sr.hdf5")), "no output");
            Cli.Run info = Cli.run("info", in.toString(), "--json");
            assertEquals(0, info.code(), info.err());
            assertTrue(info.err().contains("not in lattice order") && info.out().contains("\"latticeOffset\" : null"),
                    info.out() + info.err());
        }
    }

    @Test
    void realRunsPassTheLatticeCheckAndShuffledIdsDoNot() {
        for (String run : new String[] {"A_N016", "A_N032", "D_N016", "D_N032"}) {
            for (String snap : new String[] {"snapshot_000.hdf5", "snapshot_004.hdf5"}) {
                Particles p = SnapshotReader.open(SharedData.path("gadget4/" + run + "/" + snap)).readParticles(1);
                Lattice l = Lattice.detect(p);
                double spread = l.neighbourSpread(p);
                assertTrue(spread < Lattice.MAX_NEIGHBOUR_SPREAD / 2, run + "/" + snap + ": " + spread);
                double rms = l.rmsDisplacement(p);
                assertTrue(rms < Lattice.MAX_RMS_DISPLACEMENT / 2, run + "/" + snap + ": " + rms);
                assertEquals(null, l.implausibility(p), run + "/" + snap);
            }
        }
        Particles s = SnapshotReader.open(shuffled()).readParticles(1);
        assertTrue(Lattice.detect(s).neighbourSpread(s) > 0.4);
    }

    @Test
    void shuffledIdsStopUpscaleAndPaintAndInfoSaysSo() {
        Path in = shuffled();
        Path out = dir.resolve("sr.hdf5");
        Cli.run("upscale", "--model", "sr-x2", "--input", in.toString(), "--out", out.toString())
                .userError(3, "shuffled.hdf5", "not in lattice order");
        assertFalse(Files.exists(out), "no output");
        Cli.run("paint", in.toString(), "--field", "displacement", "--out", dir.resolve("psi.h5").toString())
                .userError(3, "shuffled.hdf5", "not in lattice order");
        Cli.Run info = Cli.run("info", in.toString(), "--json");
        assertEquals(0, info.code(), info.err());
        assertTrue(info.err().contains("not in lattice order") && info.out().contains("\"latticeOffset\" : null"),
                info.out() + info.err());
    }

    @Test
    void coordinatesInTheWrongUnitAreCalledAUnitMistake() throws Exception {
        // Written in Mpc/h (BoxSize 64); setting the stored BoxSize to 0.064 leaves every
        // coordinate 1000 times too large for its box, as in a file whose writer mixed units.
        Particles p = SnapshotReader.open(SharedData.path("gadget4/A_N016/snapshot_004.hdf5")).readParticles(1);
        Path in = dir.resolve("mixed.hdf5");
        SnapshotWriter.write(in, p, new SnapshotMeta(0.0, 0.31, 0.69, 0.68, "{}"), WriteOptions.defaults().withLengthUnitCm(3.085678e24));
        byte[] b = Files.readAllBytes(in);
        java.nio.ByteBuffer from = java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putDouble(64.0);
        java.nio.ByteBuffer to = java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putDouble(0.064);
        int replaced = 0;
        for (int i = 0; i + 8 <= b.length; i++) {
            if (java.util.Arrays.equals(b, i, i + 8, from.array(), 0, 8)) {
                System.arraycopy(to.array(), 0, b, i, 8);
                replaced++;
            }
        }
        assertTrue(replaced >= 1, "BoxSize found");
        Files.write(in, b);
        Cli.run("info", in.toString()).userError(3, "mixed.hdf5", "% of the coordinates lie outside", "length-unit mistake",
                "lengthUnitCm");
        Cli.run("upscale", "--model", "sr-x4", "--input", in.toString(), "--out", dir.resolve("sr.hdf5").toString(),
                "--allow-domain-mismatch").userError(3, "length-unit mistake");
    }

    @Test
    void aDuplicatedIdNamesTheFile() {
        Particles p = SnapshotReader.open(SharedData.path("gadget4/A_N016/snapshot_004.hdf5")).readParticles(1);
        long[] ids = p.ids().clone();
        long lo = java.util.Arrays.stream(ids).min().orElseThrow();
        long hi = java.util.Arrays.stream(ids).max().orElseThrow();
        int a = 0;
        while (ids[a] == lo || ids[a] == hi) {
            a++;
        }
        int b = a + 1;
        while (ids[b] == lo || ids[b] == hi) {
            b++;
        }
        ids[b] = ids[a];
        Path in = dir.resolve("dup.hdf5");
        SnapshotWriter.write(in, new Particles(p.box(), p.positionsMpcH(), p.velocitiesKmS(), ids, p.massPerParticle(), null),
                new SnapshotMeta(0.0, 0.31, 0.69, 0.68, "{}"), WriteOptions.defaults());
        Cli.run("upscale", "--model", "sr-x4", "--input", in.toString(), "--out", dir.resolve("sr.hdf5").toString())
                .userError(3, "dup.hdf5: particle ID " + ids[a] + " occurs twice");
        Cli.run("paint", in.toString(), "--field", "velocity", "--out", dir.resolve("v.h5").toString())
                .userError(3, "dup.hdf5: particle ID " + ids[a] + " occurs twice");
    }
}
