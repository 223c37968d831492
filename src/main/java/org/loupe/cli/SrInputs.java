package org.loupe.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.loupe.ConfigException;

/** Parses {@code validate --sr [NAME=]PATH} (repeatable) into names and paths, in the order given. */
final class SrInputs {

    private SrInputs() {
    }

    /**
     * NAME=PATH keeps NAME; a plain PATH is "SR" when it is the only one, else the file name
     * without .hdf5. A whole argument that is an existing file is a path even with '=' in it.
     */
    static Map<String, Path> parse(List<String> args) {
        Map<String, Path> out = new LinkedHashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            boolean named = eq > 0 && !Files.exists(Path.of(a)) && !a.substring(0, eq).contains("/");
            String name = named ? a.substring(0, eq) : args.size() == 1 ? "SR" : Path.of(a).getFileName().toString().replaceFirst("\\.hdf5$", "");
            Path path = Path.of(named ? a.substring(eq + 1) : a);
            if (name.isBlank() || path.toString().isBlank()) {
                throw new ConfigException("--sr " + a + ": write --sr PATH or --sr NAME=PATH (e.g. --sr mine=sr.hdf5)");
            }
            if (List.of("LR", "HR", "trilinear").contains(name)) {
                throw new ConfigException("--sr " + a + ": the name " + name + " is taken by the report's own boxes; choose another");
            }
            if (out.put(name, path) != null) {
                throw new ConfigException("--sr " + a + ": the name " + name + " is given twice; name each SR box differently (--sr NAME=PATH)");
            }
        }
        return out;
    }
}
