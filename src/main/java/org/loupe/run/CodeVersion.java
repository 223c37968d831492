package org.loupe.run;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Loupe's version and git commit, recorded at build time in loupe-version.properties. */
public final class CodeVersion {

    private static final Properties PROPS = load();

    private CodeVersion() {
    }

    public static String version() {
        return PROPS.getProperty("version", "unknown");
    }

    public static String commit() {
        return PROPS.getProperty("git.commit.id", "unknown");
    }

    /** "0.1.0-SNAPSHOT (abc1234)", dirty marked. */
    public static String describe() {
        String c = commit();
        String dirty = "true".equals(PROPS.getProperty("git.dirty")) ? "-dirty" : "";
        return version() + " (" + (c.length() > 12 ? c.substring(0, 12) : c) + dirty + ")";
    }

    private static Properties load() {
        Properties p = new Properties();
        for (String name : new String[] {"/loupe-version.properties", "/loupe-git.properties"}) {
            try (InputStream in = CodeVersion.class.getResourceAsStream(name)) {
                if (in != null) {
                    p.load(in);
                }
            } catch (IOException ignored) {
                // version stays "unknown"; never fatal
            }
        }
        return p;
    }
}
