package org.loupe.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.loupe.cosmology.Cosmology;
import org.loupe.snapshot.Snapshot;
import org.loupe.snapshot.SnapshotReader;
import org.loupe.testing.ReferenceData;
import org.loupe.testing.SharedData;

/**
 * Started from GADGET-4's own z = 49 initial conditions with GADGET-4's split, softening and step
 * limits (the P³M defaults), Loupe's P³M reaches GADGET-4's z = 0 snapshot: P(k) and r(k) on the
 * scales the particles resolve, the FoF halo counts, and the momentum-density power.
 */
@ReferenceData
class P3mGadget4Test {

    @Test
    void p3mFromGadget4InitialConditionsMatchesGadget4AtRedshiftZero() {
        Snapshot ics = SnapshotReader.open(SharedData.path("gadget4/A_N032/snapshot_000.hdf5"));
        Snapshot ref = SnapshotReader.open(SharedData.path("gadget4/A_N032/snapshot_004.hdf5"));
        // GADGET-4's settings, as configs/pairs-x2-p3m.yaml: the defaults and a 128³ mesh (PMGRID)
        SimSpec spec = new SimSpec(64.0, 32, 32, 2, 49.0, List.of(0.0), 0, 2, "eh", null, 1, 1, 0, 0,
                Cosmology.referenceRuns(), "p3m", new P3mSpec(null, null, null, null, null, null, 128));
        SimComparison.Result r = SimComparison.run(ics, ref, spec, 2);
        r.rows().forEach(System.out::println);
        assertTrue(r.worstPk() <= 0.03, "max |P_Loupe/P_GADGET - 1| = " + r.worstPk());
        assertTrue(r.minR() >= 0.995, "min r(k) = " + r.minR());
        assertEquals(1.0, r.haloRatio(), 0.05, "FoF groups >= 50 particles: " + r.halos() + " vs " + r.halosReference());
        assertTrue(r.worstBinSigma() <= 2, "worst 0.25-dex bin " + r.worstBinSigma() + " sigma");
        assertTrue(r.worstMomentumPk() <= 0.05, "momentum-density power off by " + r.worstMomentumPk());
    }
}
