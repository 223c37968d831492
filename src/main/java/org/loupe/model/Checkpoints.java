package org.loupe.model;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

import org.loupe.AtomicFiles;
import org.loupe.FormatException;
import org.loupe.OutputException;

/**
 * Checkpoints in {@code DIR/step-NNNNNNNN.zip} (model, Adam state, {@link TrainState}) and a
 * {@code latest} pointer file; both written to temp names and renamed, so a kill at any moment
 * leaves the previous checkpoint usable.
 */
public final class Checkpoints {

    private static final String STATE = "loupe-train-state";

    private final Path dir;

    public Checkpoints(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** Saves {@code graph} with its updater and {@code state}; returns the checkpoint file. */
    public Path save(ComputationGraph graph, TrainState state) {
        return save(graph, null, state);
    }

    /**
     * As above, with the adversarial critic (and its RMSProp state) in {@code step-N.critic.zip}
     * beside the checkpoint, written first, so the {@code latest} pointer never names a checkpoint
     * whose critic is missing.
     */
    public Path save(ComputationGraph graph, MultiLayerNetwork critic, TrainState state) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(String.format(Locale.ROOT, "step-%08d.zip", state.step()));
            if (critic == null) {
                // No stale critic of an earlier run may sit beside this checkpoint.
                Files.deleteIfExists(criticOf(file));
            } else {
                AtomicFiles.write(criticOf(file), tmp -> ModelSerializer.writeModel(critic, tmp.toFile(), true));
            }
            AtomicFiles.write(file, tmp -> {
                ModelSerializer.writeModel(graph, tmp.toFile(), true);
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("step", state.step());
                s.put("epochLossSum", state.epochLossSum());
                s.put("learningRate", state.learningRate());
                s.put("epochGapSum", state.epochGapSum());
                ModelSerializer.addObjectToFile(tmp.toFile(), STATE, s);
            });
            AtomicFiles.writeString(dir.resolve("latest"), file.getFileName().toString() + "\n");
            return file;
        } catch (IOException e) {
            throw new OutputException(dir + ": cannot write checkpoint (" + e.getMessage() + "); check free space", e);
        }
    }

    /** True when a {@code latest} pointer exists. */
    public boolean exists() {
        return Files.isRegularFile(dir.resolve("latest"));
    }

    /** The checkpoint the {@code latest} pointer names. */
    public Path latest() {
        try {
            Path file = dir.resolve(Files.readString(dir.resolve("latest")).trim());
            if (!Files.isRegularFile(file)) {
                throw new FormatException(dir.resolve("latest") + " names " + file.getFileName()
                        + ", which is missing; delete " + dir + " to start over");
            }
            return file;
        } catch (IOException e) {
            throw new FormatException(dir + ": cannot read the latest checkpoint pointer: " + e.getMessage(), e);
        }
    }

    /** Restores the latest graph with its updater state. */
    public ComputationGraph restoreGraph() {
        Path file = latest();
        try {
            return ModelSerializer.restoreComputationGraph(file.toFile(), true);
        } catch (IOException | RuntimeException e) {
            throw new FormatException(file + ": unreadable checkpoint (" + e.getMessage() + "); delete it and the latest"
                    + " pointer to resume from the one before", e);
        }
    }

    /** The critic saved with the latest checkpoint, or null when it has none. */
    public MultiLayerNetwork restoreCritic() {
        Path file = criticOf(latest());
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return ModelSerializer.restoreMultiLayerNetwork(file.toFile(), true);
        } catch (IOException | RuntimeException e) {
            throw new FormatException(file + ": unreadable critic checkpoint (" + e.getMessage() + "); delete it to resume"
                    + " with a fresh critic", e);
        }
    }

    private static Path criticOf(Path checkpoint) {
        return checkpoint.resolveSibling(checkpoint.getFileName().toString().replace(".zip", ".critic.zip"));
    }

    /** The training state stored with the latest checkpoint. */
    public TrainState restoreState() {
        File file = latest().toFile();
        try {
            Map<String, Object> s = ModelSerializer.getObjectFromFile(file, STATE);
            Object gap = s.get("epochGapSum");
            return new TrainState(((Number) s.get("step")).longValue(), ((Number) s.get("epochLossSum")).doubleValue(),
                    ((Number) s.get("learningRate")).doubleValue(), gap == null ? 0 : ((Number) gap).doubleValue());
        } catch (RuntimeException e) {
            throw new FormatException(file + ": checkpoint has no readable training state (" + e.getMessage() + ")", e);
        }
    }
}
