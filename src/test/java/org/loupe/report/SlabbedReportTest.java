package org.loupe.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.loupe.mesh.JTransformsFft3d;
import org.loupe.particles.ParticleStream;
import org.loupe.particles.Particles;
import org.loupe.snapshot.SnapshotReader;
import org.loupe.stats.PowerSpec;
import org.loupe.stats.PowerSpectrum;
import org.loupe.stats.SeamMetric;
import org.loupe.testing.Catalogues;
import org.loupe.testing.ReferenceData;
import org.loupe.testing.SharedData;

/** A report whose boxes are read in slabs (too little working memory for a whole box) holds the same numbers. */
@ReferenceData
class SlabbedReportTest {

    @Test
    void haloCountsAndMassFunctionsDoNotDependOnTheWorkingMemory() {
        Particles lr = SnapshotReader.open(SharedData.path("gadget4/A_N016").resolve("snapshot_004.hdf5")).readParticles(1);
        Particles hr = SnapshotReader.open(SharedData.path("gadget4/A_N032").resolve("snapshot_004.hdf5")).readParticles(1);
        ValidationInput in = ValidationInput.of(lr, Map.of("SR", hr), hr);
        PowerSpectrum ps = new PowerSpectrum(PowerSpec.defaults(), new JTransformsFft3d(2), 2);
        ValidationReport whole = new Validator(ps, 2).run(in, 32, ValidationSpec.defaults(), null);
        // One byte: every box is linked in as many slabs as it allows.
        java.util.List<String> told = new java.util.ArrayList<>();
        ValidationReport slabbed = new Validator(ps, 2, 1, (step, steps, what) -> told.add(step + "/" + steps + " " + what))
                .run(in, 32, ValidationSpec.defaults(), null);
        // Halos of LR, trilinear, SR and HR; slices of all but trilinear; P(k) of all four.
        assertEquals(11, told.size(), told.toString());
        assertEquals("11/11 P(k) of HR", told.get(10));
        assertTrue(told.get(2).startsWith("3/11 halos of SR (") && told.get(2).endsWith(" slabs)"), told.get(2));
        assertTrue(Validator.fofSlabs(hr.count(), 1) > 8, "the HR box is cut into many slabs");
        for (String name : whole.datasets().keySet()) {
            Dataset a = whole.datasets().get(name);
            Dataset b = slabbed.datasets().get(name);
            assertArrayEquals(a.massFunction().counts(), b.massFunction().counts(), name + " mass function");
            assertArrayEquals(a.power().pk(), b.power().pk(), 0, name + " P(k)");
        }
        long halos = java.util.Arrays.stream(whole.datasets().get("HR").massFunction().counts()).sum();
        assertTrue(halos > 5, "the HR box has halos to count: " + halos);
        for (int i = 0; i < whole.checks().size(); i++) {
            assertEquals(whole.checks().get(i).measured(), slabbed.checks().get(i).measured(), 0, whole.checks().get(i).toString());
        }
    }

    @Test
    void seamMetricSummedOverSlabsOfPlanesEqualsTheWholeBox() {
        int n = 16;
        Particles sr = Catalogues.displacedLattice(n, 32.0, 1.5);
        Particles hr = Catalogues.displacedLattice(n, 32.0, 0.7);
        int planes = SlabSeams.planesPerSlab(n, 3 * 2 * SlabSeams.BYTES_PER_SITE * n * n);
        assertEquals(3, planes, "slabs of 3 planes (the last one shorter)");
        Map<String, SeamMetric> slabbed = SlabSeams.measure(ParticleStream.of(hr), Map.of("SR", ParticleStream.of(sr)),
                Map.of("SR", 4), Double.NaN, 3 * 2 * SlabSeams.BYTES_PER_SITE * n * n, Map.of("HR", "hr", "SR", "sr"));
        Map<String, SeamMetric> whole = SlabSeams.measure(ParticleStream.of(hr), Map.of("SR", ParticleStream.of(sr)),
                Map.of("SR", 4), Double.NaN, Long.MAX_VALUE, Map.of("HR", "hr", "SR", "sr"));
        SeamMetric a = whole.get("SR");
        SeamMetric b = slabbed.get("SR");
        assertTrue(a.interiorError() > 0 && a.boundaryError() > 0, "the boxes differ: " + a);
        assertEquals(a.boundaryError(), b.boundaryError(), 1e-12 * a.boundaryError());
        assertEquals(a.interiorError(), b.interiorError(), 1e-12 * a.interiorError());
        assertEquals(a.ratio(), b.ratio(), 1e-12 * a.ratio());
    }
}
