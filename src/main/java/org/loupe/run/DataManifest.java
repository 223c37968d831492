package org.loupe.run;

import java.nio.file.Path;
import java.util.List;

import org.loupe.ConfigException;
import org.loupe.cosmology.Cosmology;
import org.loupe.AtomicFiles;
import org.loupe.model.ModelDomain;

/**
 * A data set of LR/HR pairs (data-manifests/README.md): one entry per pair and redshift, paths
 * relative to the manifest's folder, each file with its sha256.
 *
 * @param name data set name
 * @param boxMpcH box side shared by every member
 * @param cosmology the cosmology of every member
 * @param pairs the entries
 */
public record DataManifest(String name, double boxMpcH, Cosmology cosmology, List<Entry> pairs) {

    /**
     * @param id pair id (e.g. pair_003)
     * @param split train, validation or test
     * @param seed the IC seed shared by LR and HR
     * @param redshift z of both members
     * @param lr the low-resolution snapshot
     * @param hr the high-resolution snapshot
     */
    public record Entry(String id, String split, long seed, double redshift, Member lr, Member hr) {
    }

    /**
     * @param path snapshot path relative to the manifest's folder
     * @param sha256 content hash
     * @param particlesPerSide N (N³ particles)
     */
    public record Member(String path, String sha256, int particlesPerSide) {
    }

    public DataManifest {
        pairs = List.copyOf(pairs);
        for (Entry e : pairs) {
            if (!List.of("train", "validation", "test").contains(e.split())) {
                throw new ConfigException("data manifest " + name + ": pair " + e.id() + " has split '" + e.split()
                        + "'; use train, validation or test");
            }
        }
    }

    /** Writes the manifest as YAML, atomically. */
    public void write(Path file) {
        AtomicFiles.writeString(file, "# Loupe data manifest: LR/HR pairs (paths relative to this file)\n"
                + ConfigLoader.toYaml(this));
    }

    public static DataManifest read(Path file) {
        // The 8-byte HDF5 signature first: a snapshot given by mistake is never read whole.
        if (java.nio.file.Files.isRegularFile(file) && (isHdf5(file) || !isText(file))) {
            throw new org.loupe.FormatException(file + ": not a YAML data manifest (" + (isHdf5(file) ? "an HDF5 file" : "binary data")
                    + "); give the data-manifest.yaml that loupe simulate or loupe manifest create wrote");
        }
        return ConfigLoader.load(file, DataManifest.class);
    }

    private static boolean isHdf5(Path file) {
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
            byte[] head = in.readNBytes(8);
            return head.length == 8 && (head[0] & 0xff) == 0x89 && head[1] == 'H' && head[2] == 'D' && head[3] == 'F';
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** Whether the file decodes as UTF-8 without NUL bytes (what a YAML manifest is). */
    private static boolean isText(Path file) {
        try {
            byte[] b = java.nio.file.Files.readAllBytes(file);
            for (byte x : b) {
                if (x == 0) {
                    return false;
                }
            }
            java.nio.charset.StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(b));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        } catch (java.io.IOException e) {
            return true;   // ConfigLoader reports the read error
        }
    }

    /**
     * The domain a model trained on the {@code train} split learns: its LR lattice, box, redshift and
     * cosmology; the particle mass is Ω_m ρ_crit L³/N³. Null when the training pairs disagree in
     * lattice or redshift, or the manifest has no cosmology (then no single domain describes them).
     */
    public ModelDomain trainingDomain() {
        List<Entry> train = split("train");
        if (train.isEmpty() || cosmology == null) {
            return null;
        }
        Entry first = train.get(0);
        for (Entry e : train) {
            if (e.lr().particlesPerSide() != first.lr().particlesPerSide() || e.redshift() != first.redshift()) {
                return null;
            }
        }
        int n = first.lr().particlesPerSide();
        double mass = RHO_CRIT * cosmology.omegaM() * Math.pow(boxMpcH / n, 3);
        return new ModelDomain(n, boxMpcH, mass, first.redshift(), cosmology.omegaM(), cosmology.omegaLambda(), cosmology.h());
    }

    /** Critical density today, 1e10 Msun/h per (Mpc/h)³. */
    private static final double RHO_CRIT = 27.7536627;

    /** Entries of one split. */
    public List<Entry> split(String split) {
        return pairs.stream().filter(e -> e.split().equals(split)).toList();
    }
}
