package org.loupe.stats;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.loupe.AtomicFiles;
import org.loupe.FormatException;
import org.loupe.OutputException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The file formats of statistics results: CSV with `# key: value` header comment lines, then one
 * header row of column names, then numbers (written with {@link Double#toString}, which reads back
 * exactly); and JSON through Jackson. Files are written to a temporary sibling and moved into
 * place, so a reader never sees half a file.
 */
final class ResultTable {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** A parsed CSV: first value of each header key, every value of each key, and the columns. */
    record Parsed(Map<String, String> header, Map<String, List<String>> repeated, Map<String, double[]> columns) {

        List<String> all(String key) {
            return repeated.getOrDefault(key, List.of());
        }

        double[] column(String name, String file) {
            double[] c = columns.get(name);
            if (c == null) {
                throw new FormatException(file + ": column '" + name + "' is missing");
            }
            return c;
        }

        long[] longColumn(String name, String file) {
            double[] c = column(name, file);
            long[] out = new long[c.length];
            for (int i = 0; i < c.length; i++) {
                out[i] = (long) c[i];
            }
            return out;
        }
    }

    private ResultTable() {
    }

    /** Writes a CSV; each column is a {@code double[]} or a {@code long[]} of the same length. */
    static void writeCsv(Path path, List<String[]> header, String[] names, Object[] columns) {
        int rows = columns.length == 0 ? 0 : length(columns[0]);
        atomically(path, out -> {
            for (String[] kv : header) {
                out.write("# " + kv[0] + ": " + kv[1] + "\n");
            }
            out.write(String.join(",", names) + "\n");
            StringBuilder line = new StringBuilder();
            for (int r = 0; r < rows; r++) {
                line.setLength(0);
                for (int c = 0; c < columns.length; c++) {
                    if (c > 0) {
                        line.append(',');
                    }
                    line.append(columns[c] instanceof long[] l ? Long.toString(l[r]) : Double.toString(((double[]) columns[c])[r]));
                }
                out.write(line.append('\n').toString());
            }
        });
    }

    static Parsed readCsv(Path path) {
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new FormatException(path + ": cannot read (" + e.getMessage() + ")", e);
        }
        Map<String, String> header = new LinkedHashMap<>();
        Map<String, List<String>> repeated = new LinkedHashMap<>();
        int at = 0;
        while (at < lines.size() && lines.get(at).startsWith("#")) {
            String body = lines.get(at++).substring(1).trim();
            int colon = body.indexOf(": ");
            if (colon > 0) {
                String key = body.substring(0, colon);
                String value = body.substring(colon + 2);
                header.putIfAbsent(key, value);
                repeated.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
            }
        }
        if (at >= lines.size()) {
            throw new FormatException(path + ": no column header row after the '#' lines");
        }
        String[] names = lines.get(at++).split(",");
        List<double[]> rows = new ArrayList<>();
        for (; at < lines.size(); at++) {
            String l = lines.get(at).trim();
            if (l.isEmpty()) {
                continue;
            }
            String[] f = l.split(",");
            if (f.length != names.length) {
                throw new FormatException(path + ": line " + (at + 1) + " has " + f.length + " fields, expected " + names.length);
            }
            double[] row = new double[f.length];
            for (int c = 0; c < f.length; c++) {
                try {
                    row[c] = Double.parseDouble(f[c]);
                } catch (NumberFormatException e) {
                    throw new FormatException(path + ": line " + (at + 1) + ": '" + f[c] + "' is not a number");
                }
            }
            rows.add(row);
        }
        Map<String, double[]> columns = new LinkedHashMap<>();
        for (int c = 0; c < names.length; c++) {
            double[] col = new double[rows.size()];
            for (int r = 0; r < rows.size(); r++) {
                col[r] = rows.get(r)[c];
            }
            columns.put(names[c].trim(), col);
        }
        return new Parsed(header, repeated, columns);
    }

    static void writeJson(Path path, Object value) {
        atomically(path, out -> JSON.writeValue(out, value));
    }

    static <T> T readJson(Path path, Class<T> type) {
        try {
            return JSON.readValue(path.toFile(), type);
        } catch (IOException e) {
            throw new FormatException(path + ": not a readable " + type.getSimpleName() + " JSON file ("
                    + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
    }

    private interface WriterBody {
        void write(BufferedWriter out) throws IOException;
    }

    private static void atomically(Path path, WriterBody body) {
        try {
            AtomicFiles.write(path, tmp -> {
                try (BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                    body.write(out);
                }
            });
        } catch (UncheckedIOException e) {
            throw new OutputException(path + ": cannot write (" + e.getCause().getMessage() + ")", e);
        }
    }

    private static int length(Object column) {
        return column instanceof long[] l ? l.length : ((double[]) column).length;
    }
}
