package org.loupe.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** Every config the repository ships loads, and the P³M pair configs say what their names promise. */
class ShippedConfigsTest {

    @Test
    void everyShippedConfigLoads() throws IOException {
        List<Path> configs;
        try (Stream<Path> s = Files.list(Path.of("configs"))) {
            configs = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertFalse(configs.isEmpty(), "configs/ holds the shipped configs");
        for (Path p : configs) {
            assertNotNull(ConfigLoader.load(p, RunConfig.class), p.toString());
        }
    }

    @Test
    void p3mPairConfigsUseTheShortRangeForceAtGadget4Settings() {
        for (String name : List.of("pairs-x2-p3m", "pairs-x4-p3m")) {
            var sim = ConfigLoader.load(Path.of("configs/" + name + ".yaml"), RunConfig.class).simulate();
            assertEquals("p3m", sim.force(), name);
            assertEquals(128, sim.p3m().meshCells(), name);
            assertEquals(1.0 / 32, sim.p3m().softening(), 1e-15, name);
            assertEquals(64, sim.hrParticlesPerSide(), name);
            assertEquals(64.0, sim.boxMpcH(), 0, name);
        }
    }
}
