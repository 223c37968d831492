package org.loupe.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.loupe.ConfigException;

class ScheduleSpecTest {

    @Test
    void cosineRunsFromOneToTheFloorAfterTheWarmUp() {
        ScheduleSpec s = new ScheduleSpec("cosine", 10, 0.1);
        assertEquals(0.1, s.factor(0, 110, 10, 1), 1e-12, "warm-up starts at 1/warmupSteps");
        assertEquals(0.5, s.factor(4, 110, 10, 1), 1e-12);
        assertEquals(1.0, s.factor(10, 110, 10, 1), 1e-12, "peak after the warm-up");
        assertEquals(0.1 + 0.9 * 0.5, s.factor(60, 110, 10, 1), 1e-12, "half way: the mean of 1 and the floor");
        assertEquals(0.1, s.factor(110, 110, 10, 1), 1e-12, "the floor at the end");
    }

    @Test
    void exponentialDecaysPerEpochAndStopsAtTheFloor() {
        ScheduleSpec s = new ScheduleSpec("exponential", 0, 0.02);
        assertEquals(1.0, s.factor(99, 10_000, 100, 0.85), 1e-12);
        assertEquals(0.85, s.factor(100, 10_000, 100, 0.85), 1e-12);
        assertEquals(Math.pow(0.85, 23), s.factor(2_300, 10_000, 100, 0.85), 1e-12, "the shipped sr-x2 schedule is unchanged");
        assertEquals(0.02, s.factor(9_999, 10_000, 100, 0.85), 1e-12, "100 epochs end at the floor, not near 1e-7");
    }

    @Test
    void constantIsOneAfterTheWarmUp() {
        ScheduleSpec s = new ScheduleSpec("constant", 4, 0);
        assertEquals(0.25, s.factor(0, 100, 10, 0.5), 1e-12);
        assertEquals(1.0, s.factor(50, 100, 10, 0.5), 1e-12);
    }

    @Test
    void trainSpecGivesTheRateOfEveryStep() {
        TrainSpec t = TrainSpec.of(10, 100, 1).withLearningRate(1e-3).withSchedule(new ScheduleSpec("cosine", 0, 0.05));
        assertEquals(1e-3, t.learningRateAt(0), 1e-15);
        assertEquals(5e-5, t.learningRateAt(1000), 1e-15);
    }

    @Test
    void badSettingsAreRefusedByKey() {
        assertEquals("train.schedule.kind", assertThrows(ConfigException.class, () -> new ScheduleSpec("linear", 0, 0)).key());
        assertEquals("train.schedule.floor", assertThrows(ConfigException.class, () -> new ScheduleSpec("cosine", 0, 2)).key());
        assertEquals("train.schedule.warmupSteps",
                assertThrows(ConfigException.class, () -> new ScheduleSpec("cosine", -1, 0)).key());
    }
}
