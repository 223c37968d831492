package org.loupe.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

import org.loupe.AtomicFiles;
import org.loupe.FormatException;
import org.loupe.tiles.GeneratorGeometry;
import org.loupe.tiles.TileSpec;

/**
 * A trained generator as one file: DL4J's model zip (weights, no optimizer state) plus a
 * {@code loupe-model} entry holding what upscaling needs (scale, channels, crop and halo) and the
 * provenance of training (config, data manifest hashes, versions, backend) as JSON, and a
 * {@code loupe-domain} entry with the {@link ModelDomain} it was trained on (absent in models
 * made before domains were recorded). Build one with {@link #of} and {@code with…}.
 *
 * @param graph the network
 * @param scale s
 * @param velocity whether velocity channels are used
 * @param cropCells LR crop c used in training
 * @param haloCells LR halo p
 * @param provenanceJson training provenance
 * @param noiseChannels Gaussian noise channels the generator takes next to the LR field
 * @param domain the training domain, or null when the file records none
 */
public record ModelFile(ComputationGraph graph, int scale, boolean velocity, int cropCells, int haloCells,
                        String provenanceJson, int noiseChannels, ModelDomain domain) {

    private static final String ENTRY = "loupe-model";
    private static final String DOMAIN = "loupe-domain";

    /** The model of {@code graph} built from {@code gen} and trained on {@code tiles}; no provenance or domain yet. */
    public static ModelFile of(ComputationGraph graph, GeneratorSpec gen, TileSpec tiles) {
        return new ModelFile(graph, gen.scale(), gen.velocity(), tiles.cropCells(), tiles.haloCells(), "{}",
                gen.noiseChannels(), null);
    }

    public ModelFile withGraph(ComputationGraph g) {
        return new ModelFile(g, scale, velocity, cropCells, haloCells, provenanceJson, noiseChannels, domain);
    }

    public ModelFile withProvenance(String json) {
        return new ModelFile(graph, scale, velocity, cropCells, haloCells, json, noiseChannels, domain);
    }

    public ModelFile withNoiseChannels(int n) {
        return new ModelFile(graph, scale, velocity, cropCells, haloCells, provenanceJson, n, domain);
    }

    public ModelFile withDomain(ModelDomain d) {
        return new ModelFile(graph, scale, velocity, cropCells, haloCells, provenanceJson, noiseChannels, d);
    }

    public GeneratorGeometry geometry(int cropCells) {
        return new GeneratorGeometry(scale, cropCells, haloCells, GeneratorFactory.lrConvs(graph));
    }

    /** True when the output depends on a noise seed: noise channels at the input or noise in every block. */
    public boolean stochastic() {
        return noiseChannels > 0 || graph.getConfiguration().getNetworkInputs().size() > 2;
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
            if (domain != null) {
                ModelSerializer.addObjectToFile(tmp.toFile(), DOMAIN, domain.toJson());
            }
        });
    }

    /** Adds (or replaces) the domain record of an existing model file, keeping everything else. */
    public static void recordDomain(Path file, ModelDomain d) {
        read(file).withDomain(d).write(file);
    }

    public static ModelFile read(Path file) {
        if (!Files.exists(file)) {
            throw new FormatException(file + ": model file not found; train one with `loupe train` or pass its path");
        }
        if (!Files.isReadable(file) || Files.isDirectory(file)) {
            throw new FormatException(file + ": cannot read the model file (permission denied or a folder); check its"
                    + " permissions");
        }
        Map<String, Object> meta;
        String domainJson;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.getEntry("objects/" + ENTRY) == null || zip.getEntry("configuration.json") == null) {
                throw new FormatException(file + ": a zip file but not a Loupe model (no loupe-model entry); models come"
                        + " from `loupe train`");
            }
            domainJson = zip.getEntry("objects/" + DOMAIN) == null ? null : "";
        } catch (ZipException e) {
            throw new FormatException(file + ": the model file is damaged (not a readable zip: " + e.getMessage()
                    + "); copy it again or retrain it", e);
        } catch (IOException e) {
            throw new FormatException(file + ": cannot read the model file: " + e.getMessage(), e);
        }
        try {
            meta = ModelSerializer.getObjectFromFile(file.toFile(), ENTRY);
            if (domainJson != null) {
                domainJson = ModelSerializer.getObjectFromFile(file.toFile(), DOMAIN);
            }
            ComputationGraph g = ModelSerializer.restoreComputationGraph(file.toFile(), false);
            return new ModelFile(g, ((Number) meta.get("scale")).intValue(), (Boolean) meta.get("velocity"),
                    ((Number) meta.get("cropCells")).intValue(), ((Number) meta.get("haloCells")).intValue(),
                    String.valueOf(meta.get("provenance")),
                    meta.get("noiseChannels") == null ? 0 : ((Number) meta.get("noiseChannels")).intValue(),
                    domainJson == null ? null : ModelDomain.fromJson(domainJson, file.toString()));
        } catch (FormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new FormatException(file + ": the model file is damaged (" + firstLine(e) + "); copy it again or retrain it", e);
        }
    }

    private static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
