package org.loupe.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loupe.FormatException;
import org.loupe.mesh.JTransformsFft3d;
import org.loupe.mesh.SourceFile;
import org.loupe.mesh.Window;
import org.loupe.particles.Particles;

/** Results write and read back their numbers and metadata. */
class PowerResultIoTest {

    private static final List<SourceFile> SOURCES = List.of(new SourceFile("/data/snap 004.hdf5", "ab12cd"),
            new SourceFile("/data/other.hdf5", "ef34"));

    private static PowerResult sample(double redshift) {
        Particles p = TestFields.clumpy(20_000, 10, 1.0, 50.0, 9L);
        return new PowerSpectrum(PowerSpec.defaults(), new JTransformsFft3d(2), 2).auto(p, 16, Window.PCS, redshift, SOURCES);
    }

    @Test
    void csvHasMetadataHeaderAndColumnsInOrder(@TempDir Path dir) throws IOException {
        PowerResult r = sample(0.5);
        Path csv = dir.resolve("pk.csv");
        r.writeCsv(csv);
        List<String> lines = Files.readAllLines(csv);
        assertTrue(lines.contains("# loupe: power spectrum"));
        assertTrue(lines.contains("# window: PCS"));
        assertTrue(lines.contains("# interlaced: true"));
        assertTrue(lines.contains("# grid: 16"));
        assertTrue(lines.contains("# redshift: 0.5"));
        assertTrue(lines.contains("# particles: 20000"));
        assertTrue(lines.contains("# shot_noise_mpch3: 6.25"));
        assertTrue(lines.contains("# shot_noise_subtracted: false"));
        assertTrue(lines.contains("# source: ab12cd /data/snap 004.hdf5"));
        int header = lines.indexOf("k,Pk,Nmodes,P2,P4");
        assertTrue(header > 0, "column header row missing");
        assertEquals(r.size(), lines.size() - header - 1);
        String[] first = lines.get(header + 1).split(",");
        assertEquals(r.k()[0], Double.parseDouble(first[0]), 0.0);
        assertEquals(r.nmodes()[0], Long.parseLong(first[2]));
    }

    @Test
    void csvRoundTripIsExact(@TempDir Path dir) {
        PowerResult r = sample(Double.NaN);
        Path csv = dir.resolve("sub/pk.csv");
        r.writeCsv(csv);
        PowerResult back = PowerResult.readCsv(csv);
        assertEquals(r.meta(), back.meta());
        assertArrayEquals(r.k(), back.k());
        assertArrayEquals(r.pk(), back.pk());
        assertArrayEquals(r.p2(), back.p2());
        assertArrayEquals(r.p4(), back.p4());
        assertArrayEquals(r.nmodes(), back.nmodes());
    }

    @Test
    void jsonRoundTripIsExact(@TempDir Path dir) {
        PowerResult r = sample(Double.NaN);
        Path json = dir.resolve("pk.json");
        r.writeJson(json);
        PowerResult back = PowerResult.readJson(json);
        assertEquals(r.meta(), back.meta());
        assertArrayEquals(r.pk(), back.pk());
        assertArrayEquals(r.nmodes(), back.nmodes());
    }

    @Test
    void crossResultRoundTrips(@TempDir Path dir) throws IOException {
        PowerSpectrum est = new PowerSpectrum(PowerSpec.defaults(), new JTransformsFft3d(2), 2);
        Particles a = TestFields.clumpy(10_000, 10, 1.0, 50.0, 1L);
        Particles b = TestFields.clumpy(10_000, 10, 1.0, 50.0, 2L);
        CrossPowerResult x = est.cross(est.paint(a, 16, Window.CIC, 1.0, SOURCES.subList(0, 1)),
                est.paint(b, 16, Window.CIC, 1.0, SOURCES.subList(1, 2)));
        Path csv = dir.resolve("x.csv");
        x.writeCsv(csv);
        List<String> lines = Files.readAllLines(csv);
        assertTrue(lines.contains("k,Pk1,Pk2,Pk12,r,Nmodes,T"));
        assertTrue(lines.contains("# field2.source: ef34 /data/other.hdf5"));
        CrossPowerResult back = CrossPowerResult.readCsv(csv);
        assertEquals(x.first(), back.first());
        assertEquals(x.second(), back.second());
        assertArrayEquals(x.pk12(), back.pk12());
        assertArrayEquals(x.r(), back.r());
        Path json = dir.resolve("x.json");
        x.writeJson(json);
        CrossPowerResult fromJson = CrossPowerResult.readJson(json);
        assertArrayEquals(x.transfer(), fromJson.transfer());
        assertEquals(x.second(), fromJson.second());
    }

    @Test
    void readingTheWrongKindOfFileSaysSo(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("pk.csv");
        sample(0).writeCsv(csv);
        assertThrows(FormatException.class, () -> CrossPowerResult.readCsv(csv));
        Path junk = dir.resolve("junk.csv");
        Files.writeString(junk, "# loupe: power spectrum\nk,Pk,Nmodes,P2,P4\n1,2,x,4,5\n");
        assertThrows(FormatException.class, () -> PowerResult.readCsv(junk));
    }
}
