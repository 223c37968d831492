package org.loupe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class SplitMix64Test {

    @Test
    void matchesTheReferenceSequence() {
        // Vigna's splitmix64.c from state 0: the first outputs are these.
        assertEquals(0xE220A8397B1DCDAFL, SplitMix64.finalise(SplitMix64.GOLDEN));
        assertEquals(0x6E789E6AA1B965F4L, SplitMix64.finalise(2 * SplitMix64.GOLDEN));
        assertEquals(SplitMix64.finalise(SplitMix64.GOLDEN + 5), SplitMix64.mix(1, 5));
        assertNotEquals(SplitMix64.mix(1, 5), SplitMix64.mix(1, 6));
    }
}
