package org.loupe.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class BackendTest {

    @Test
    void cudaBuildCoversComputeCapability37To86Only() {
        assertTrue(Backend.supports(7, 0), "V100");
        assertTrue(Backend.supports(8, 0), "A100");
        assertTrue(Backend.supports(8, 6), "RTX 30xx");
        assertFalse(Backend.supports(8, 9), "Ada");
        assertFalse(Backend.supports(9, 0), "H100 / H200");
        assertFalse(Backend.supports(3, 5), "Kepler below 3.7");
    }

    @Test
    void theDefaultBuildRunsOnCpuWithOneDnn() {
        Map<String, Object> r = Backend.report();
        assertEquals("CPU", r.get("kind"));
        assertEquals(Boolean.TRUE, r.get("oneDNN"), "the onednn-avx2 binary must be the one loaded: " + r);
        assertEquals(Boolean.TRUE, r.get("canRun"));
        assertTrue(Backend.describe().contains("oneDNN"));
    }
}
