package org.loupe.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipException;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

import org.loupe.AtomicFiles;
import org.loupe.FormatException;
import org.loupe.tiles.GeneratorGeometry;
import org.loupe.tiles.TileSpec;

/**
 * A trained generator as one file: DL4J's model zip (weights, no optimizer state) plus a
 * {@code loupe-model.json} entry holding what upscaling needs (scale, channels, crop and halo),
 * the provenance of training (config, data manifest hashes, versions, backend) and the sha256 of
 * the network it belongs to, and a {@code loupe-domain.json} entry with the {@link ModelDomain} it
 * was trained on (absent in models made before domains were recorded), whose sha256 the metadata
 * records; {@code loupe-model.sha256} holds the metadata's own. Reading treats the file as
 * untrusted data ({@link ModelZip}). Build one with {@link #of} and {@code with…}.
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

    /**
     * Writes atomically: DL4J's zip of the network, plus the metadata as JSON entries (never Java
     * serialisation: {@link ModelZip}) with the sha256 of the network they belong to.
     */
    public void write(Path file) {
        AtomicFiles.write(file, tmp -> {
            ModelSerializer.writeModel(graph, tmp.toFile(), false);
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("format", "loupe-model-2");
            meta.put("scale", scale);
            meta.put("velocity", velocity);
            meta.put("cropCells", cropCells);
            meta.put("haloCells", haloCells);
            meta.put("provenance", provenanceJson);
            meta.put("noiseChannels", noiseChannels);
            try (java.nio.file.FileSystem zip = java.nio.file.FileSystems.newFileSystem(tmp)) {
                meta.put("networkSha256", ModelZip.networkSha256(Files.readAllBytes(zip.getPath(ModelZip.CONFIG)),
                        Files.readAllBytes(zip.getPath(ModelZip.COEFFICIENTS))));
                if (domain != null) {
                    byte[] d = domain.toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    meta.put("domainSha256", ModelZip.sha256(d));
                    Files.write(zip.getPath(ModelZip.DOMAIN), d);
                }
                byte[] json = ModelZip.Json.write(meta);
                Files.write(zip.getPath(ModelZip.META), json);
                Files.writeString(zip.getPath(ModelZip.META_SHA), ModelZip.sha256(json) + "\n");
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
        ModelZip.Entries entries;
        try {
            entries = ModelZip.read(file);
        } catch (ZipException e) {
            throw new FormatException(file + ": the model file is damaged (not a readable zip: " + e.getMessage()
                    + "); copy it again or retrain it", e);
        } catch (IOException e) {
            throw new FormatException(file + ": cannot read the model file: " + e.getMessage(), e);
        }
        try {
            Map<String, Object> meta = entries.meta();
            ComputationGraph g = network(entries);
            ModelFile m = new ModelFile(g, whole(meta, "scale", 1, 64, file), bool(meta, "velocity", file),
                    whole(meta, "cropCells", 1, 1 << 16, file), whole(meta, "haloCells", 0, 1 << 10, file),
                    String.valueOf(meta.get("provenance")),
                    meta.get("noiseChannels") == null ? 0 : whole(meta, "noiseChannels", 0, 64, file),
                    entries.domainJson() == null ? null : ModelDomain.fromJson(entries.domainJson(), file.toString()));
            return m;
        } catch (FormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new FormatException(file + ": the model file is damaged (" + firstLine(e) + "); copy it again or retrain it", e);
        } catch (StackOverflowError e) {
            // DL4J parses the network description with a recursive reader: nesting thousands deep
            // (a crafted configuration.json) overflows the stack instead of failing as bad JSON.
            throw new FormatException(file + ": the model's network description is nested too deeply to be a network; not a"
                    + " model to load", e);
        }
    }

    /** The network from its checked entries, as DL4J's restore builds it, without reading any other entry. */
    private static ComputationGraph network(ModelZip.Entries e) throws IOException {
        var conf = org.deeplearning4j.nn.conf.ComputationGraphConfiguration.fromJson(
                new String(e.configuration(), java.nio.charset.StandardCharsets.UTF_8));
        org.nd4j.linalg.api.ndarray.INDArray params;
        try (var in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(e.coefficients()))) {
            params = org.nd4j.linalg.factory.Nd4j.read(in);
        }
        ComputationGraph g = new ComputationGraph(conf);
        g.init(params, false);
        return g;
    }

    /** A whole-number setting of the metadata within [lo, hi], else a damaged-file error. */
    private static int whole(Map<String, Object> meta, String key, int lo, int hi, Path file) {
        Object v = meta.get(key);
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.doubleValue() >= lo && n.doubleValue() <= hi) {
            return n.intValue();
        }
        throw new FormatException(file + ": model metadata " + key + " = " + v + " is not a whole number in [" + lo + ", " + hi
                + "]; the model file is damaged: copy it again or retrain it");
    }

    private static boolean bool(Map<String, Object> meta, String key, Path file) {
        if (meta.get(key) instanceof Boolean b) {
            return b;
        }
        throw new FormatException(file + ": model metadata " + key + " = " + meta.get(key) + " is not true or false; the model"
                + " file is damaged: copy it again or retrain it");
    }

    private static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
