package org.loupe.run;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.loupe.mesh.SourceFile;
import org.loupe.AtomicFiles;

/**
 * The provenance manifest every output records: inputs with sha256, resolved config, seed, code
 * version, backend, Java, OS, host and SLURM ids.
 *
 * @param command the Loupe command that made the output
 * @param inputs input files with their hashes
 * @param config resolved settings (records or maps; serialised as JSON)
 * @param seed random seed, or null when nothing random happened
 * @param backend compute backend ("plain Java" for physics steps; ND4J backend for network steps)
 */
public record Provenance(String command, List<SourceFile> inputs, Object config, Long seed, String backend) {

    /** The manifest as an ordered map (what manifest.json and HDF5 attributes hold). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", command);
        m.put("createdUtc", Instant.now().toString());
        m.put("loupeVersion", CodeVersion.version());
        m.put("gitCommit", CodeVersion.commit());
        m.put("inputs", inputs);
        m.put("config", config);
        m.put("seed", seed);
        m.put("backend", backend);
        m.put("java", System.getProperty("java.vendor") + " " + System.getProperty("java.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        m.put("host", hostName());
        m.put("threads", Runtime.getRuntime().availableProcessors());
        Map<String, String> slurm = new LinkedHashMap<>();
        for (String key : new String[] {"SLURM_JOB_ID", "SLURM_ARRAY_JOB_ID", "SLURM_ARRAY_TASK_ID", "SLURM_JOB_NODELIST"}) {
            String v = System.getenv(key);
            if (v != null) {
                slurm.put(key, v);
            }
        }
        m.put("slurm", slurm);
        return m;
    }

    public String toJson() {
        return Json.write(toMap());
    }

    /**
     * The manifest without the fields that change from run to run of the same inputs (time,
     * host, thread count): what goes inside data files, so that the same seed and config give
     * byte-identical outputs. manifest.json keeps the full record.
     */
    public String toStableJson() {
        Map<String, Object> m = toMap();
        m.remove("createdUtc");
        m.remove("host");
        m.remove("threads");
        m.remove("slurm");
        return Json.write(m);
    }

    /** Writes {@code manifest.json} (or the given file) atomically. */
    public Path write(Path file) {
        return AtomicFiles.writeString(file, toJson() + "\n");
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
