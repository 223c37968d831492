package org.loupe.model;

import org.nd4j.linalg.factory.Nd4j;

/** One line naming the ND4J backend in use, for provenance. */
public final class Backend {

    private Backend() {
    }

    public static String describe() {
        try {
            String cls = Nd4j.getBackend().getClass().getSimpleName();
            var env = Nd4j.getExecutioner().getEnvironmentInformation();
            return "ND4J " + cls + " (" + (Nd4j.getEnvironment().isCPU() ? "CPU" : "GPU") + ", " + env.getOrDefault("cores", "?")
                    + " cores, helpers " + (Nd4j.getEnvironment().helpersAllowed() ? "on" : "off") + ")";
        } catch (RuntimeException | LinkageError e) {
            return "ND4J (backend unavailable: " + e.getMessage() + ")";
        }
    }
}
