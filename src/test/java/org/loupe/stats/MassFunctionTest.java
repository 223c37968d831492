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
import org.loupe.ConfigException;
import org.loupe.ShapeMismatchException;

/** Mass functions and their ratios of hand-made catalogues, and the file round trips. */
class MassFunctionTest {

    private static final FofMeta META = new FofMeta(100.0, 0.2, 0.4, 20, 125_000_000L, 0.5);

    /** Halos of the given masses (1e10 Msun/h) in a 100 Mpc/h box (V = 1e6 (Mpc/h)³). */
    static HaloCatalogue catalogue(FofMeta meta, double... masses) {
        int n = masses.length;
        int[] members = new int[n];
        double[] pos = new double[n];
        for (int i = 0; i < n; i++) {
            members[i] = (int) Math.round(masses[i] / 0.5);
            pos[i] = i;
        }
        return new HaloCatalogue(meta, members, masses.clone(), pos, pos, pos, pos, pos, pos);
    }

    @Test
    void countsDensitiesAndPoissonErrors() {
        // log10 M (Msun/h): 12.3 | 12.7, 12.9 | 13.48 | none | 14.2 ×4; one below, one above the range.
        double[] m = {200, 501, 794, 3000, 15849, 15849, 15849, 15849, 5, 1e6};
        MassFunction mf = MassFunction.measure(catalogue(META, m), 12.0, 14.5, 5);
        assertArrayEquals(new double[] {12.0, 12.5, 13.0, 13.5, 14.0, 14.5}, mf.log10MassEdges(), 1e-12);
        assertArrayEquals(new long[] {1, 2, 1, 0, 4}, mf.counts());
        double norm = 1e6 * 0.5;
        assertArrayEquals(new double[] {1 / norm, 2 / norm, 1 / norm, 0, 4 / norm}, mf.dndlog10m(), 1e-20);
        assertArrayEquals(new double[] {1 / norm, Math.sqrt(2) / norm, 1 / norm, 0, 2 / norm}, mf.error(), 1e-20);
        assertArrayEquals(new double[] {12.25, 12.75, 13.25, 13.75, 14.25}, mf.log10MassCentres(), 1e-12);
        assertEquals(META, mf.meta());
    }

    @Test
    void unevenBinsDivideByTheirOwnWidth() {
        MassFunction mf = MassFunction.measure(catalogue(META, 200, 200, 2000), new double[] {12, 12.5, 13.5});
        assertArrayEquals(new long[] {2, 1}, mf.counts());
        assertEquals(2 / (1e6 * 0.5), mf.dndlog10m()[0], 1e-20);
        assertEquals(1 / (1e6 * 1.0), mf.dndlog10m()[1], 1e-20);
    }

    @Test
    void ratioPropagatesPoissonErrors() {
        FofMeta small = new FofMeta(50.0, 0.2, 0.4, 20, 1000, 0.5);
        MassFunction a = MassFunction.measure(catalogue(META, 200, 200, 200, 200, 20000), 12, 14, 4);
        MassFunction b = MassFunction.measure(catalogue(small, 200, 2000, 2000), 12, 14, 4);
        MassFunctionRatio r = a.ratio(b);
        // Bin 0: 4 vs 1 halos; volumes 1e6 vs 1.25e5, so r = (4/1e6) / (1/1.25e5) = 0.5.
        assertEquals(0.5, r.ratio()[0], 1e-12);
        assertEquals(0.5 * Math.sqrt(1 / 4.0 + 1 / 1.0), r.error()[0], 1e-12);
        // Bin 2 (13.0–13.5): 0 vs 2: ratio 0 with the error of one halo.
        assertEquals(0, r.ratio()[2], 0);
        assertEquals((1 / (1e6 * 0.5)) / (2 / (1.25e5 * 0.5)), r.error()[2], 1e-12);
        // Bin 1 (12.5–13.0) holds nothing in b: NaN.
        assertTrue(Double.isNaN(r.ratio()[1]) && Double.isNaN(r.error()[1]));
        assertArrayEquals(new long[] {4, 0, 0, 0}, r.countsNumerator());
        assertArrayEquals(new long[] {1, 0, 2, 0}, r.countsDenominator());
        assertEquals(small, r.denominator());
    }

    @Test
    void ratioNeedsTheSameBins() {
        MassFunction a = MassFunction.measure(catalogue(META, 200), 12, 14, 4);
        assertThrows(ShapeMismatchException.class, () -> a.ratio(MassFunction.measure(catalogue(META, 200), 12, 14, 5)));
        assertThrows(ShapeMismatchException.class, () -> a.ratio(MassFunction.measure(catalogue(META, 200), 12, 14.5, 4)));
        assertThrows(ConfigException.class, () -> MassFunction.measure(catalogue(META, 200), new double[] {13, 12}));
        assertThrows(ConfigException.class, () -> MassFunction.edges(12, 14, 0));
    }

    @Test
    void foundHalosGiveTheirMassFunction() {
        // Masses 20..500 particles of 1e10 Msun/h: log10 M from 11.3 to 12.7, inside 10..16.
        HaloCatalogue cat = FriendsOfFriends.halos(HaloFields.clustered(100_000, 60.0, 0.6, 1L), FofSpec.defaults(), 2);
        MassFunction mf = MassFunction.measure(cat, 10, 16, 24);
        long total = 0;
        for (long c : mf.counts()) {
            total += c;
        }
        assertEquals(cat.size(), total, "every halo falls in one of the wide bins");
    }

    @Test
    void filesRoundTrip(@TempDir Path dir) throws IOException {
        HaloCatalogue cat = FriendsOfFriends.halos(HaloFields.clustered(20_000, 40.0, 0.5, 2L), FofSpec.defaults(), 2);
        assertTrue(cat.size() > 5);
        Path csv = dir.resolve("halos.csv");
        cat.writeCsv(csv);
        List<String> lines = Files.readAllLines(csv);
        assertTrue(lines.contains("# loupe: halo catalogue"));
        assertTrue(lines.contains("# linking_factor: 0.2"));
        assertTrue(lines.contains("# min_members: 20"));
        assertTrue(lines.contains("members,mass,x,y,z,vx,vy,vz"));
        HaloCatalogue back = HaloCatalogue.readCsv(csv);
        assertEquals(cat.meta(), back.meta());
        assertArrayEquals(cat.members(), back.members());
        assertArrayEquals(cat.x(), back.x(), 0);
        assertArrayEquals(cat.vz(), back.vz(), 0);
        HaloCatalogue json = roundTripJson(cat, dir.resolve("halos.json"));
        assertArrayEquals(cat.mass(), json.mass(), 0);
        assertEquals(cat.meta(), json.meta());

        MassFunction mf = MassFunction.measure(cat, 10, 13, 6);
        mf.writeCsv(dir.resolve("hmf.csv"));
        MassFunction mfBack = MassFunction.readCsv(dir.resolve("hmf.csv"));
        assertArrayEquals(mf.log10MassEdges(), mfBack.log10MassEdges(), 0);
        assertArrayEquals(mf.counts(), mfBack.counts());
        assertArrayEquals(mf.error(), mfBack.error(), 0);
        mf.writeJson(dir.resolve("hmf.json"));
        assertArrayEquals(mf.dndlog10m(), MassFunction.readJson(dir.resolve("hmf.json")).dndlog10m(), 0);
        mf.ratio(mf).writeCsv(dir.resolve("ratio.csv"));
        assertTrue(Files.readAllLines(dir.resolve("ratio.csv")).contains("# denominator.min_members: 20"));
    }

    private static HaloCatalogue roundTripJson(HaloCatalogue cat, Path path) {
        cat.writeJson(path);
        return HaloCatalogue.readJson(path);
    }
}
