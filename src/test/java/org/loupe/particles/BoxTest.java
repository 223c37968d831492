package org.loupe.particles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.loupe.ConfigException;

class BoxTest {

    @Test
    void wrapPutsEveryValueInHalfOpenRange() {
        Box b = new Box(10.0);
        assertEquals(3.0, b.wrap(13.0), 1e-12);
        assertEquals(7.0, b.wrap(-3.0), 1e-12);
        assertEquals(0.0, b.wrap(10.0), 0);
        assertEquals(5.0, b.wrap(-45.0), 1e-12);
        double tiny = b.wrap(-1e-17);
        assertTrue(tiny >= 0 && tiny < 10.0);
        float f = b.wrap(-1e-9f);
        assertTrue(f >= 0f && f < 10f);
    }

    @Test
    void minimumImageIsTheNearestPeriodicCopy() {
        Box b = new Box(10.0);
        assertEquals(-2.0, b.minimumImage(8.0), 1e-12);
        assertEquals(2.0, b.minimumImage(-8.0), 1e-12);
        assertEquals(-5.0, b.minimumImage(5.0), 1e-12, "the half-open range is [-L/2, L/2)");
        assertEquals(1.0, b.minimumImage(31.0), 1e-12);
    }

    @Test
    void nonPositiveBoxIsRejected() {
        assertThrows(ConfigException.class, () -> new Box(0));
        assertThrows(ConfigException.class, () -> new Box(Double.NaN));
    }
}
