package org.loupe.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.loupe.mesh.JTransformsFft3d;
import org.loupe.particles.Particles;
import org.loupe.stats.PowerSpec;
import org.loupe.stats.PowerSpectrum;
import org.loupe.testing.Catalogues;

class ReportFiguresTest {

    private static ValidationReport report(Map<String, Particles> srs, Particles lr, Particles hr) {
        PowerSpectrum ps = new PowerSpectrum(PowerSpec.defaults(), new JTransformsFft3d(2), 2);
        return new Validator(ps, 2).run(ValidationInput.of(lr, srs, hr).withSides(8, 16), 32, ValidationSpec.defaults(), null);
    }

    private static boolean hasColour(byte[] png, int rgb) throws Exception {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xffffff) == rgb) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void everyBoxKeepsItsColourInEveryFigure() throws Exception {
        Particles lr = Catalogues.displacedLattice(8, 32.0, 1.2);
        Particles hr = Catalogues.displacedLattice(16, 32.0, 1.2);
        Map<String, Particles> srs = new LinkedHashMap<>();
        srs.put("a", Catalogues.displacedLattice(16, 32.0, 1.5));
        srs.put("b", Catalogues.displacedLattice(16, 32.0, 0.9));
        ValidationReport r = report(srs, lr, hr);
        Map<String, byte[]> figs = ReportWriter.figures(r);
        int lrBlue = 0x1f77b4;
        int firstSr = 0xff7f0e;
        int secondSr = 0x2ca02c;
        for (String f : new String[] {"power", "power_raw", "ratio", "correlation", "transfer"}) {
            assertTrue(hasColour(figs.get(f), lrBlue), f + ": LR in blue");
            assertTrue(hasColour(figs.get(f), firstSr), f + ": first SR in orange");
            assertTrue(hasColour(figs.get(f), secondSr), f + ": second SR in green");
        }
    }

    @Test
    void massBinsComeFromTheHrBoxAloneAndTheChecksCoverEveryBoxButHr() {
        Particles lr = Catalogues.displacedLattice(8, 32.0, 1.2);
        Particles hr = Catalogues.displacedLattice(16, 32.0, 1.2);
        ValidationReport one = report(Map.of("x", Catalogues.displacedLattice(16, 32.0, 3.0)), lr, hr);
        ValidationReport two = report(Map.of("y", hr), lr, hr);
        assertArrayEquals(one.hr().massFunction().log10MassEdges(), two.hr().massFunction().log10MassEdges());
        double lo = Math.log10(50 * hr.mass(0) * 1e10);
        assertEquals(lo, one.hr().massFunction().log10MassEdges()[0], 1e-12, "bins start at 50 HR particle masses");
        // LR, trilinear, x: four kinds each; only x is judged.
        assertEquals(12, one.checks().size());
        assertEquals(4, one.checks().stream().filter(ValidationReport.Check::judged).count());
        assertTrue(two.passed(), "SR = HR passes: " + two.checks());
    }

    /**
     * With velocities and H(z) the report adds the redshift-space P0 and P2 checks: an SR box
     * equal to HR has no error; the same positions with the velocities of another (colder) box
     * fail them; a box without velocities (the trilinear baseline) gets no such check.
     */
    @Test
    void redshiftSpaceMultipolesJudgeTheVelocities() {
        Particles hr = withVelocities(Catalogues.displacedLattice(16, 32.0, 1.2), 400, 1);
        Particles lr = withVelocities(Catalogues.displacedLattice(8, 32.0, 1.2), 400, 2);
        Particles cold = withVelocities(hr, 40, 3);
        PowerSpectrum ps = new PowerSpectrum(PowerSpec.defaults(), new JTransformsFft3d(2), 2);
        Map<String, Particles> srs = new LinkedHashMap<>();
        srs.put("same", hr);
        srs.put("cold", cold);
        ValidationReport r = new Validator(ps, 2).run(ValidationInput.of(lr, srs, hr).withSides(8, 16).withHubble(0, 100), 32,
                ValidationSpec.defaults(), null);
        assertEquals(0.0, r.check("same", Checks.MONOPOLE).measured(), 1e-9);
        assertEquals(0.0, r.check("same", Checks.QUADRUPOLE).measured(), 1e-9);
        assertTrue(!r.check("cold", Checks.MONOPOLE).passed() && !r.check("cold", Checks.QUADRUPOLE).passed(),
                r.check("cold", Checks.MONOPOLE) + " / " + r.check("cold", Checks.QUADRUPOLE));
        assertEquals(null, r.check(ValidationReport.TRILINEAR, Checks.MONOPOLE), "the trilinear baseline carries no velocities");
        assertTrue(r.check(ValidationReport.LR, Checks.QUADRUPOLE) != null);
    }

    /** The particles of {@code p} with Gaussian velocities of {@code sigma} km/s per component. */
    private static Particles withVelocities(Particles p, double sigma, long seed) {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        float[] v = new float[p.positionsMpcH().length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (sigma * rng.nextGaussian());
        }
        return new Particles(p.box(), p.positionsMpcH(), v, p.ids(), p.massPerParticle(), p.masses());
    }
}
