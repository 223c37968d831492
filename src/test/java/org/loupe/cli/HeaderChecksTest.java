package org.loupe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.loupe.particles.Particles;
import org.loupe.snapshot.SnapshotMeta;
import org.loupe.snapshot.SnapshotReader;
import org.loupe.snapshot.SnapshotWriter;
import org.loupe.snapshot.WriteOptions;
import org.loupe.testing.Cli;
import org.loupe.testing.Python;
import org.loupe.testing.SharedData;

/** Headers that read fine but cannot be true, and members of a multi-file snapshot that do not belong together. */
class HeaderChecksTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void h5py() {
        Python.requireH5py();
    }

    /** Copies {@code src} to {@code dst} (or changes it in place) with one /Header attribute set ({@code index}: one element). */
    private Path set(Path src, Path dst, String key, String value, Integer index) {
        Path scripts = mkdir("py");
        Python.Result r = index == null
                ? Python.script(HeaderChecksTest.class, "set_header.py", scripts, src.toString(), dst.toString(), key, value)
                : Python.script(HeaderChecksTest.class, "set_header.py", scripts, src.toString(), dst.toString(), key, value,
                        index.toString());
        assertEquals(0, r.exitCode(), r.output());
        return dst;
    }

    private Path mkdir(String name) {
        try {
            return Files.createDirectories(dir.resolve(name).resolve(String.valueOf(System.nanoTime())));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void implausibleHeaderValuesAreRefusedNamingTheAttribute() {
        Path src = SharedData.path("gadget4/A_N016/snapshot_004.hdf5");
        String[][] cases = {
            {"Redshift", "-0.5", null, "Redshift"},
            {"Redshift", "nan", null, "Redshift"},
            {"Omega0", "0.0", null, "Omega0"},
            {"Omega0", "nan", null, "Omega0"},
            {"HubbleParam", "-0.7", null, "HubbleParam"},
            {"NumFilesPerSnapshot", "0", null, "NumFilesPerSnapshot"},
            {"NumPart_Total", "-5", "0", "NumPart_Total"},
            {"NumPart_ThisFile", "-5", "0", "NumPart_ThisFile"},
            {"Time", "0.0", null, "Time"},
            {"UnitVelocity_in_cm_per_s", "0.0", null, "UnitVelocity_in_cm_per_s"},
            {"UnitVelocity_in_cm_per_s", "nan", null, "UnitVelocity_in_cm_per_s"},
            {"UnitLength_in_cm", "-1.0", null, "UnitLength_in_cm"},
            {"UnitLength_in_cm", "nan", null, "UnitLength_in_cm"},
        };
        int i = 0;
        for (String[] c : cases) {
            Path f = set(src, dir.resolve("bad" + i++ + ".hdf5"), c[0], c[1], c[2] == null ? null : Integer.valueOf(c[2]));
            Cli.run("info", f.toString()).userError(3, f.getFileName().toString(), c[3]);
        }
        Path f = dir.resolve("bad2.hdf5");
        Cli.run("power", f.toString(), "--grid", "16", "--out", dir.resolve("pk.csv").toString()).userError(3, "bad2.hdf5", "Omega0");
        Cli.run("paint", f.toString(), "--grid", "16", "--out", dir.resolve("d.h5").toString()).userError(3, "bad2.hdf5", "Omega0");
        // The untouched file passes.
        assertEquals(0, Cli.run("info", src.toString()).code());
    }

    @Test
    void membersOfAMultiFileSnapshotMustShareTheirHeader() throws Exception {
        Particles p = SnapshotReader.open(SharedData.path("gadget4/A_N016/snapshot_004.hdf5")).readParticles(1);
        String[][] cases = {
            {"BoxSize", "32.0", null},
            {"Redshift", "1.0", null},
            {"Time", "0.5", null},
            {"MassTable", "1.0", "1"},
            {"NumPart_Total", "9999", "1"},
            {"NumFilesPerSnapshot", "3", null},
        };
        for (String[] c : cases) {
            Path sub = Files.createDirectories(dir.resolve(c[0]));
            List<Path> members = SnapshotWriter.write(sub.resolve("snap.hdf5"), p, new SnapshotMeta(0.0, 0.31, 0.69, 0.68, "{}"),
                    WriteOptions.defaults().withFiles(2));
            assertEquals(0, Cli.run("info", members.get(0).toString()).code(), c[0]);
            set(members.get(1), members.get(1), c[0], c[1], c[2] == null ? null : Integer.valueOf(c[2]));
            Cli.run("info", members.get(0).toString()).userError(3, members.get(0).toString(), members.get(1).toString(), c[0]);
            Cli.run("power", members.get(0).toString(), "--grid", "16", "--out", sub.resolve("pk.csv").toString())
                    .userError(3, members.get(1).toString(), c[0]);
        }
    }

    @Test
    void damagedGridFilesAreRefusedByPower() {
        Path grid = dir.resolve("delta.h5");
        assertEquals(0, Cli.run("paint", SharedData.path("gadget4/A_N016/snapshot_004.hdf5").toString(), "--grid", "16",
                "--out", grid.toString()).code());
        String[][] cases = {
            {"/grid", "nan", "/grid value"},
            {"boxMpcH", "0.0", "boxMpcH"},
            {"boxMpcH", "-64.0", "boxMpcH"},
            {"window", "'xyz'", "window"},
            {"kind", "'xyz'", "kind"},
        };
        int i = 0;
        for (String[] c : cases) {
            Path bad = dir.resolve("badgrid" + i++ + ".h5");
            Python.Result r = Python.script(HeaderChecksTest.class, "set_grid.py", mkdir("py"), grid.toString(), bad.toString(),
                    c[0], c[1]);
            assertEquals(0, r.exitCode(), r.output());
            Cli.run("power", bad.toString(), "--out", dir.resolve("pk" + i + ".csv").toString())
                    .userError(3, bad.getFileName().toString(), c[2]);
        }
        assertEquals(0, Cli.run("power", grid.toString(), "--out", dir.resolve("pk.csv").toString()).code());
    }
}
