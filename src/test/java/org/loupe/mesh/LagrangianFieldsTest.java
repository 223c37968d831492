package org.loupe.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.loupe.FormatException;
import org.loupe.particles.Lattice;
import org.loupe.particles.Particles;
import org.loupe.testing.Catalogues;

class LagrangianFieldsTest {

    @Test
    void displacementRecoversTheImposedFieldAcrossTheBoxEdge() {
        double box = 20.0;
        double amp = 1.7;
        Particles p = Catalogues.displacedLattice(8, box, amp);
        Lattice lattice = Lattice.detect(p);
        assertEquals(0.0, lattice.offsetCells());
        Grid psi = LagrangianFields.displacement(p, lattice, 0.0, List.of());
        double w = 2 * Math.PI / box;
        double h = box / 8;
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 8; j++) {
                for (int k = 0; k < 8; k++) {
                    assertEquals(amp * Math.sin(w * j * h + 0.3), psi.values()[psi.index(0, i, j, k)], 1e-5);
                    assertEquals(amp * Math.cos(w * k * h), psi.values()[psi.index(1, i, j, k)], 1e-5);
                    assertEquals(amp * 0.5 * Math.sin(w * i * h), psi.values()[psi.index(2, i, j, k)], 1e-5);
                }
            }
        }
    }

    @Test
    void particlesFromDisplacementRoundTrip() {
        Particles p = Catalogues.displacedLattice(6, 12.0, 2.5);
        Lattice lattice = Lattice.detect(p);
        Grid psi = LagrangianFields.displacement(p, lattice, 0.0, List.of());
        Grid vel = LagrangianFields.velocity(p, lattice, 0.0, List.of());
        Particles back = LagrangianFields.toParticles(psi, vel, lattice, p.massPerParticle());
        // displacedLattice stores particles in site order with IDs from 1, so indices line up.
        for (int c = 0; c < p.positionsMpcH().length; c++) {
            double d = p.box().minimumImage(back.positionsMpcH()[c] - p.positionsMpcH()[c]);
            assertEquals(0.0, d, 1e-5);
            assertEquals(p.velocitiesKmS()[c], back.velocitiesKmS()[c], 1e-4);
            assertTrue(back.positionsMpcH()[c] >= 0 && back.positionsMpcH()[c] < 12.0);
        }
        assertEquals(p.ids()[7], back.ids()[7]);
    }

    @Test
    void duplicateIdsAreRejected() {
        Particles p = Catalogues.displacedLattice(4, 8.0, 0.1);
        p.ids()[3] = p.ids()[4];
        Lattice lattice = new Lattice(4, 1, 0.0, p.box());
        FormatException e = assertThrows(FormatException.class, () -> LagrangianFields.displacement(p, lattice, 0, List.of()));
        assertTrue(e.getMessage().contains("occurs twice"), e.getMessage());
    }

    @Test
    void centreLatticeIsDetectedWhenSitesAreAtCellCentres() {
        Particles p = Catalogues.displacedLattice(8, 16.0, 0.0);
        float[] x = p.positionsMpcH();
        for (int c = 0; c < x.length; c++) {
            x[c] += 1.0f;   // half of the 2 Mpc/h spacing
        }
        assertEquals(0.5, Lattice.detect(p).offsetCells());
    }
}
