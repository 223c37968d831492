package org.loupe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.snapshot.Snapshot;
import org.loupe.snapshot.SnapshotReader;
import org.loupe.stats.CrossPowerResult;
import org.loupe.testing.ExternalTools;

/** The whole pipeline end to end on a tiny config: simulate, train, upscale, compare. */
@ExternalTools
class DemoCommandTest {

    @TempDir
    Path dir;

    @Test
    void demoRunsThePipelineOnATinyConfig() throws Exception {
        Path cfg = dir.resolve("tiny.yaml");
        Files.writeString(cfg, """
                name: tiny-demo
                threads: 2
                data:
                  manifest: pairs/data-manifest.yaml
                simulate:
                  boxMpcH: 32.0
                  lrParticlesPerSide: 8
                  hrParticlesPerSide: 16
                  zInit: 20.0
                  steps: 4
                  seed: 3
                  trainPairs: 1
                  testPairs: 1
                generator:
                  scale: 2
                  width: 4
                tiles:
                  cropCells: 4
                  haloCells: 2
                  augment: true
                train:
                  epochs: 2
                  stepsPerEpoch: 2
                  seed: 1
                """);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new String[] {"demo", "--config", cfg.toString(), "--out", dir.toString()},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, code, err.toString());
        assertTrue(out.toString().contains("Held-out pair"), out.toString());
        String end = out.toString().substring(out.toString().lastIndexOf("report.html"));
        assertTrue(end.contains("trained") && end.contains("trilinear baseline") && end.contains("fraction of HR"),
                "the demo ends with plain sentences: " + end);
        Snapshot sr = SnapshotReader.open(dir.resolve("sr/pair_001_sr.hdf5"));
        assertEquals(16L * 16 * 16, sr.header().count(1));
        assertTrue(sr.readParticles(1).velocitiesKmS() != null);
        // The trained model records the domain of its training pairs: 8^3 in 32 Mpc/h at z = 0.
        Path model;
        try (var files = Files.walk(dir)) {
            model = files.filter(f -> f.getFileName().toString().equals("model.zip")).findFirst().orElseThrow();
        }
        var domain = org.loupe.model.ModelFile.read(model).domain();
        assertEquals(8, domain.lrParticlesPerSide());
        assertEquals(32.0, domain.boxMpcH());
        assertEquals(0.0, domain.redshift());
        // The SR snapshot is read unchanged by h5py, the way Pylians' readgadget reads it.
        org.loupe.testing.Python.requireH5py();
        var h5 = org.loupe.testing.Python.run(java.util.List.of("/usr/bin/python3", "-c",
                "import h5py,sys; f=h5py.File(sys.argv[1],'r'); h=f['Header'].attrs; "
                        + "assert int(h['NumPart_Total'][1])==4096 and f['PartType1/Coordinates'].shape==(4096,3); "
                        + "x=f['PartType1/Coordinates'][...]*float(f['Parameters'].attrs['UnitLength_in_cm'])/3.085678e24; "
                        + "assert x.min()>=0 and x.max()<32.0; print('h5py ok', len(set(f['PartType1/ParticleIDs'][...])))",
                dir.resolve("sr/pair_001_sr.hdf5").toString()), 60);
        assertEquals(0, h5.exitCode(), h5.output());
        assertTrue(h5.output().contains("h5py ok 4096"), h5.output());
        CrossPowerResult x = CrossPowerResult.readCsv(dir.resolve("validation/sr_vs_hr.csv"));
        assertTrue(x.r()[0] > 0.9, "the SR box is the HR universe on the largest scale: r = " + x.r()[0]);
        assertTrue(Files.exists(dir.resolve("train/model.zip")));
        assertTrue(Files.exists(dir.resolve("train/manifest.json")));
        assertTrue(Files.size(dir.resolve("train/loss-curve.png")) > 1000, "loss curve plotted");
        String html = Files.readString(dir.resolve("report/report.html"));
        assertTrue(html.contains("data:image/png;base64,") && html.contains("id=\"fig-slices\""), "report embeds its figures");
        String json = Files.readString(dir.resolve("report/report.json"));
        assertTrue(json.contains("\"checks\"") && json.contains("\"seam\""), json.substring(0, Math.min(400, json.length())));
    }
}
