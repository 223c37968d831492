package org.loupe.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.loupe.particles.Particles;
import org.loupe.snapshot.SnapshotReader;
import org.loupe.testing.SharedData;
import org.loupe.testing.FullReferenceData;
import org.loupe.testing.ReferenceData;

/**
 * Loupe's FoF on GADGET-4's z = 0 snapshots against GADGET-4's own on-the-fly FoF (data/README.md:
 * b = 0.2, at least 32 particles). For a dark-matter-only run GADGET-4 links at
 * b · (m / (Ω_m ρ_crit))^(1/3), which equals b · L / N^(1/3) because its particle mass is
 * Ω_m ρ_crit L³ / N. Differences remain from float32 positions (GADGET links integer positions)
 * and pairs right at the linking length, which can move a few particles or split/merge a group
 * near the 32-particle threshold.
 */
@ReferenceData
class Gadget4FofTest {

    @ParameterizedTest
    @CsvSource({"A_N016, 2", "A_N032, 62"})
    void groupCountsAndSizesMatchGadget4(String run, long expectedGroups) {
        matches(run, expectedGroups);
    }

    /** The same on the 64³ run (not in the repository). */
    @ParameterizedTest
    @CsvSource({"A_N064, 502"})
    @FullReferenceData
    void groupCountsAndSizesMatchGadget4At64Cubed(String run, long expectedGroups) {
        matches(run, expectedGroups);
    }

    private static void matches(String run, long expectedGroups) {
        Path dir = SharedData.path("gadget4/" + run);
        Particles p = SnapshotReader.open(dir.resolve("snapshot_004.hdf5")).readParticles(1);
        Gadget4FofCatalogue g = new Gadget4FofCatalogue(dir.resolve("fof_tab_004.hdf5"), 0.2, 32, p.count(),
                p.massPerParticle());
        assertEquals(expectedGroups, g.groupsTotal, "Header/Ngroups_Total");
        assertEquals(expectedGroups, g.catalogue.size());
        assertTrue(Arrays.stream(g.catalogue.members()).min().orElse(0) >= 32, "GADGET-4 kept groups of at least 32 particles");
        for (int i = 0; i < g.catalogue.size(); i++) {
            assertEquals(g.catalogue.members()[i] * p.massPerParticle(), g.catalogue.mass()[i],
                    1e-5 * g.catalogue.mass()[i], "GroupMass = GroupLen × particle mass");
        }

        HaloCatalogue loupe = FriendsOfFriends.halos(p, FofSpec.gadget4(), 2);
        int[] ours = loupe.members();
        int[] theirs = sortedDescending(g.catalogue.members());
        double countDiff = Math.abs(ours.length - theirs.length) / (double) theirs.length;
        int common = Math.min(ours.length, theirs.length);
        double maxRel = 0;
        double sumRel = 0;
        int exact = 0;
        for (int i = 0; i < common; i++) {
            double rel = Math.abs(ours[i] - theirs[i]) / (double) theirs[i];
            maxRel = Math.max(maxRel, rel);
            sumRel += rel;
            exact += ours[i] == theirs[i] ? 1 : 0;
        }
        long inOurs = loupe.particlesInGroups();
        long inTheirs = g.catalogue.particlesInGroups();
        System.out.printf(Locale.ROOT, "%s: groups Loupe %d vs GADGET-4 %d (%.2f %%); rank-matched GroupLen: %d/%d"
                        + " identical, mean |Δ|/len %.4f, max %.4f; particles in groups %d vs %d (%.3f %%);"
                        + " largest %d vs %d; linking length %.6f Mpc/h%n",
                run, ours.length, theirs.length, 100 * countDiff, exact, common, sumRel / common, maxRel, inOurs,
                inTheirs, 100.0 * (inOurs - inTheirs) / inTheirs, ours[0], theirs[0], loupe.meta().linkingLengthMpcH());
        assertTrue(countDiff <= 0.02, run + ": group count " + ours.length + " vs GADGET-4 " + theirs.length);
        assertTrue(sumRel / common < 0.02, run + ": mean relative GroupLen difference " + sumRel / common);
        assertTrue(Math.abs(inOurs - inTheirs) <= 0.01 * inTheirs, run + ": particles in groups " + inOurs + " vs " + inTheirs);
        assertTrue(exact >= 0.95 * common, run + ": only " + exact + " of " + common + " group sizes identical");
        double[] worst = matchCentres(loupe, g.catalogue);
        System.out.printf(Locale.ROOT, "%s: matched %d groups by size and position; max |Δ centre| %.2e Mpc/h,"
                + " max |Δ mean velocity| %.2e km/s%n", run, (int) worst[2], worst[0], worst[1]);
        assertTrue(worst[2] >= 0.95 * theirs.length, run + ": matched only " + worst[2] + " groups");
        assertTrue(worst[0] < 1e-3, run + ": centre of mass differs by " + worst[0] + " Mpc/h");
        assertTrue(worst[1] < 1e-2, run + ": mean velocity differs by " + worst[1] + " km/s (a = 1: GADGET units are km/s)");

        // Mass functions in the same bins agree within their Poisson errors.
        MassFunction a = MassFunction.measure(loupe, 12.5, 15.5, 6);
        MassFunction b = MassFunction.measure(g.catalogue, 12.5, 15.5, 6);
        MassFunctionRatio r = a.ratio(b);
        for (int i = 0; i < r.size(); i++) {
            if (r.countsDenominator()[i] >= 10) {
                assertEquals(1.0, r.ratio()[i], Math.max(0.05, 2 * r.error()[i]), run + " mass function bin " + i);
            }
        }
    }

    /**
     * Pairs each GADGET-4 group with the Loupe group of the same size whose centre is nearest;
     * returns {max centre distance, max mean-velocity difference, groups paired}.
     */
    private static double[] matchCentres(HaloCatalogue ours, HaloCatalogue theirs) {
        double box = theirs.meta().boxMpcH();
        double maxD = 0;
        double maxV = 0;
        int paired = 0;
        for (int i = 0; i < theirs.size(); i++) {
            int best = -1;
            double bestD = Double.POSITIVE_INFINITY;
            for (int j = 0; j < ours.size(); j++) {
                if (ours.members()[j] == theirs.members()[i]) {
                    double d = distance(ours, j, theirs, i, box);
                    if (d < bestD) {
                        bestD = d;
                        best = j;
                    }
                }
            }
            if (best >= 0 && bestD < 0.1) {
                paired++;
                maxD = Math.max(maxD, bestD);
                maxV = Math.max(maxV, Math.max(Math.abs(ours.vx()[best] - theirs.vx()[i]),
                        Math.max(Math.abs(ours.vy()[best] - theirs.vy()[i]), Math.abs(ours.vz()[best] - theirs.vz()[i]))));
            }
        }
        return new double[] {maxD, maxV, paired};
    }

    private static double distance(HaloCatalogue a, int i, HaloCatalogue b, int j, double box) {
        double[] d = {a.x()[i] - b.x()[j], a.y()[i] - b.y()[j], a.z()[i] - b.z()[j]};
        double sum = 0;
        for (double v : d) {
            v -= box * Math.floor(v / box + 0.5);
            sum += v * v;
        }
        return Math.sqrt(sum);
    }

    private static int[] sortedDescending(int[] v) {
        int[] s = v.clone();
        Arrays.sort(s);
        for (int i = 0; i < s.length / 2; i++) {
            int t = s[i];
            s[i] = s[s.length - 1 - i];
            s[s.length - 1 - i] = t;
        }
        return s;
    }
}
