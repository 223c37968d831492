package org.loupe.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

import org.loupe.AtomicFiles;
import org.loupe.FormatException;
import org.loupe.tiles.GeneratorGeometry;

/**
 * A trained generator as one file: DL4J's model zip (weights, no optimizer state) plus a
 * {@code loupe-model} entry holding what upscaling needs (scale, channels, crop and halo) and the
 * provenance of training (config, data manifest hashes, versions, backend) as JSON.
 *
 * @param graph the network
 * @param scale s
 * @param velocity whether velocity channels are used
 * @param cropCells LR crop c used in training
 * @param haloCells LR halo p
 * @param provenanceJson training provenance
 * @param noiseChannels Gaussian noise channels the generator takes next to the LR field
 */
public record ModelFile(ComputationGraph graph, int scale, boolean velocity, int cropCells, int haloCells,
                        String provenanceJson, int noiseChannels) {

    /** A deterministic model. */
    public ModelFile(ComputationGraph graph, int scale, boolean velocity, int cropCells, int haloCells, String provenanceJson) {
        this(graph, scale, velocity, cropCells, haloCells, provenanceJson, 0);
    }

    private static final String ENTRY = "loupe-model";

    public GeneratorGeometry geometry(int cropCells) {
        return new GeneratorGeometry(scale, cropCells, haloCells);
    }

    public int channels() {
        return velocity ? 6 : 3;
    }

    /** Writes atomically. */
    public void write(Path file) {
        AtomicFiles.write(file, tmp -> {
            ModelSerializer.writeModel(graph, tmp.toFile(), false);
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("format", "loupe-model-1");
            meta.put("scale", scale);
            meta.put("velocity", velocity);
            meta.put("cropCells", cropCells);
            meta.put("haloCells", haloCells);
            meta.put("provenance", provenanceJson);
            meta.put("noiseChannels", noiseChannels);
            ModelSerializer.addObjectToFile(tmp.toFile(), ENTRY, meta);
        });
    }

    public static ModelFile read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new FormatException(file + ": model file not found; train one with `loupe train` or pass its path");
        }
        try {
            Map<String, Object> meta = ModelSerializer.getObjectFromFile(file.toFile(), ENTRY);
            ComputationGraph g = ModelSerializer.restoreComputationGraph(file.toFile(), false);
            return new ModelFile(g, ((Number) meta.get("scale")).intValue(), (Boolean) meta.get("velocity"),
                    ((Number) meta.get("cropCells")).intValue(), ((Number) meta.get("haloCells")).intValue(),
                    String.valueOf(meta.get("provenance")),
                    meta.get("noiseChannels") == null ? 0 : ((Number) meta.get("noiseChannels")).intValue());
        } catch (IOException | RuntimeException e) {
            throw new FormatException(file + ": not a Loupe model (" + e.getMessage() + "); models come from `loupe train`", e);
        }
    }
}
