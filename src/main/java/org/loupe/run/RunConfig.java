package org.loupe.run;

import org.loupe.mesh.PaintSpec;
import org.loupe.model.GeneratorSpec;
import org.loupe.model.TrainSpec;
import org.loupe.report.ValidationSpec;
import org.loupe.sim.SimSpec;
import org.loupe.tiles.TileSpec;

/**
 * A whole run's config: one optional section per step, each the record its step owns. Keys not
 * listed here are rejected when the YAML is loaded.
 *
 * @param name run name (the folder under runs/)
 * @param threads worker threads for plain-Java kernels (default: all available)
 * @param snapshot reader overrides
 * @param paint paint settings
 * @param simulate LR/HR pair generation
 * @param data training data (a data manifest)
 * @param generator generator shape
 * @param tiles how training examples are cut
 * @param train optimizer and schedule
 * @param validate tolerances of the validation report
 */
public record RunConfig(String name, Integer threads, SnapshotSection snapshot, PaintSpec paint, SimSpec simulate,
                        DataSection data, GeneratorSpec generator, TileSpec tiles, TrainSpec train,
                        ValidationSpec validate) {

    /** Longest run name: a folder name every file system takes, with room for the files in it. */
    public static final int MAX_NAME = 100;

    public RunConfig {
        // The name is one folder under runs/: one path segment of plain characters, so that
        // "../../elsewhere" cannot write outside runs/ and a 5 000-character name is a setting
        // error, not a crash (issue #25, item 10).
        if (name != null && !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0," + (MAX_NAME - 1) + "}")) {
            throw org.loupe.ConfigException.forKey("name", "'" + (name.length() > 40 ? name.substring(0, 40) + "..." : name)
                    + "' is not a run name: use 1 to " + MAX_NAME + " letters, digits, '.', '_' or '-' (no '/', not starting"
                    + " with '.'); it names the folder runs/NAME");
        }
        if (threads != null) {
            org.loupe.ConfigException.checkRange("threads", threads, 1, 4096);
        }
    }

    /** A config with no sections (every step uses its record's defaults). */
    public static RunConfig empty() {
        return new RunConfig(null, null, null, null, null, null, null, null, null, null);
    }

    public int threadsOrDefault() {
        return threads == null || threads < 1 ? org.loupe.Parallel.defaultThreads() : threads;
    }
}
