package org.loupe.run;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import org.loupe.ConfigException;
import org.loupe.LoupeException;
import org.loupe.model.AdversarialSpec;
import org.loupe.model.GeneratorSpec;
import org.loupe.model.TrainSpec;
import org.loupe.report.ValidationSpec;
import org.loupe.tiles.TileSpec;

/**
 * Loads YAML configs into records, in this order: duplicate keys, then unknown keys (anywhere in
 * the file, before any value is checked), then missing required keys, then the defaults of the
 * keys a section leaves out (taken from the section's record: {@code TileSpec.defaults()} and
 * the like, the only place defaults live), then the records' own range checks. Every error names
 * the file and the line of the key at fault.
 */
public final class ConfigLoader {

    private static final ObjectMapper YAML = YAMLMapper.builder(new YAMLFactory()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER))
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // 8.5 for a whole-number key is a mistake, not 8 (issue #25).
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

    /** Defaults of the sections of a {@link RunConfig}, by dotted path, from their records. */
    private static final Map<String, Object> DEFAULTS = new LinkedHashMap<>();

    /** Keys a section must give, by dotted path. */
    private static final Map<String, List<String>> REQUIRED = Map.of("train", TrainSpec.REQUIRED);

    static {
        DEFAULTS.put("generator", GeneratorSpec.defaults());
        DEFAULTS.put("tiles", TileSpec.defaults());
        DEFAULTS.put("train", TrainSpec.of(1, 1, 0));
        DEFAULTS.put("train.adversarial", AdversarialSpec.defaults());
        DEFAULTS.put("train.schedule", org.loupe.model.ScheduleSpec.defaults());
        DEFAULTS.put("validate", ValidationSpec.defaults());
        // A partial simulate.cosmology takes the reference runs' values for the keys it leaves out.
        DEFAULTS.put("simulate.cosmology", org.loupe.cosmology.Cosmology.referenceRuns());
    }

    private ConfigLoader() {
    }

    public static <T> T load(Path file, Class<T> type) {
        if (Files.isDirectory(file)) {
            throw new ConfigException(file + ": is a folder, not a YAML file; pass the file itself (e.g. " + file.resolve(
                    "data-manifest.yaml") + ")");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new ConfigException(file + ": is not a regular file (a device, FIFO or socket); pass a YAML file");
        }
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(file + ": config file not found; pass an existing YAML file (see configs/)");
        }
        List<String> lines;
        JsonNode tree;
        try {
            lines = Files.readAllLines(file);
            tree = YAML.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            String msg = firstLine(e);
            if (msg.startsWith("Duplicate field")) {
                String key = msg.replaceAll("Duplicate field '([^']*)'.*", "$1");
                throw new ConfigException(file + where(e) + ": duplicate key '" + key + "'; give each key once", e);
            }
            throw new ConfigException(file + where(e) + ": not valid YAML: " + msg, e);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read config: " + e.getMessage(), e);
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new ConfigException(file + ": config file is empty");
        }
        checkKeys(file, lines, tree, type, new ArrayList<>());
        if (type == RunConfig.class && tree instanceof ObjectNode root) {
            applyDefaults(file, lines, root);
        }
        try {
            T value = YAML.treeToValue(tree, type);
            if (value == null) {
                throw new ConfigException(file + ": config file is empty");
            }
            return value;
        } catch (InvalidFormatException e) {
            throw new ConfigException(file + at(lines, e) + ": value '" + e.getValue() + "' of " + path(e) + " is not a valid "
                    + e.getTargetType().getSimpleName(), e);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ConfigException ce && ce.key() != null) {
                throw new ConfigException(file + YamlLines.line(lines, Arrays.asList(ce.key().split("\\."))) + ": " + ce.getMessage(), e);
            }
            String msg = cause instanceof LoupeException ? cause.getMessage() : String.valueOf(cause);
            throw new ConfigException(file + at(lines, e) + ": invalid settings in " + path(e) + ": " + msg, e);
        } catch (MismatchedInputException e) {
            throw new ConfigException(file + at(lines, e) + ": " + path(e) + " has the wrong type (" + firstLine(e) + ")", e);
        } catch (JsonProcessingException e) {
            throw new ConfigException(file + ": " + firstLine(e), e);
        }
    }

    /** The resolved config as YAML (written next to outputs). */
    public static String toYaml(Object config) {
        try {
            return YAML.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new LoupeException("cannot write config as YAML: " + e.getMessage(), e);
        }
    }

    /** Rejects keys that are no component of the record they would fill, anywhere in the tree. */
    private static void checkKeys(Path file, List<String> lines, JsonNode node, Type type, List<String> path) {
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : type instanceof Class<?> c ? c : null;
        if (raw == null) {
            return;
        }
        if (List.class.isAssignableFrom(raw) && type instanceof ParameterizedType p && node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                path.add("[" + i + "]");
                checkKeys(file, lines, node.get(i), p.getActualTypeArguments()[0], path);
                path.remove(path.size() - 1);
            }
            return;
        }
        if (!raw.isRecord() || !node.isObject()) {
            return;
        }
        Map<String, RecordComponent> components = new LinkedHashMap<>();
        for (RecordComponent c : raw.getRecordComponents()) {
            components.put(c.getName(), c);
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            path.add(key);
            RecordComponent c = components.get(key);
            if (c == null && TrainSpec.MOVED.containsKey(dotted(path))) {
                throw new ConfigException(file + YamlLines.line(lines, path) + ": '" + dotted(path) + "' is now a term of the"
                        + " loss list: write " + TrainSpec.MOVED.get(dotted(path)) + ", with W its weight");
            }
            if (c == null) {
                String parent = path.size() == 1 ? "the top level" : "'" + dotted(path.subList(0, path.size() - 1)) + "'";
                throw new ConfigException(file + YamlLines.line(lines, path) + ": unknown key '" + key + "' in " + parent
                        + "; allowed keys: " + components.keySet().stream().sorted().collect(Collectors.joining(", ")));
            }
            checkKeys(file, lines, node.get(key), c.getGenericType(), path);
            path.remove(path.size() - 1);
        }
    }

    /** Fills the keys each section leaves out from its record's defaults; a missing required key is an error. */
    private static void applyDefaults(Path file, List<String> lines, ObjectNode root) {
        for (Map.Entry<String, Object> d : DEFAULTS.entrySet()) {
            List<String> path = Arrays.asList(d.getKey().split("\\."));
            JsonNode section = root;
            for (String p : path) {
                section = section == null ? null : section.get(p);
            }
            if (!(section instanceof ObjectNode user)) {
                continue;
            }
            for (String key : REQUIRED.getOrDefault(d.getKey(), List.of())) {
                if (!user.has(key)) {
                    throw new ConfigException(file + YamlLines.line(lines, path) + ": " + d.getKey() + "." + key + " is required"
                            + " (docs/config-reference.md)");
                }
            }
            JsonNode defaults = YAML.valueToTree(d.getValue());
            for (Iterator<Map.Entry<String, JsonNode>> it = defaults.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (!user.has(f.getKey())) {
                    user.set(f.getKey(), f.getValue());
                }
            }
        }
    }

    /** " line N" of the dotted config key {@code key} (e.g. tiles.cropCells) in {@code file}, or "" when not found. */
    public static String keyLine(Path file, String key) {
        try {
            return YamlLines.line(Files.readAllLines(file), Arrays.asList(key.split("\\.")));
        } catch (IOException e) {
            return "";
        }
    }

    private static String at(List<String> lines, JsonMappingException e) {
        List<String> p = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]").toList();
        return YamlLines.line(lines, p);
    }

    private static String where(JsonProcessingException e) {
        // The token's own location: the parser's current location is already past the value.
        JsonLocation loc = e.getProcessor() instanceof JsonParser p ? p.currentTokenLocation() : e.getLocation();
        return loc == null || loc.getLineNr() < 1 ? "" : " line " + loc.getLineNr();
    }

    private static String dotted(List<String> path) {
        return String.join(".", path).replace(".[", "[");
    }

    private static String path(JsonMappingException e) {
        String p = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
        return p.isEmpty() ? "the top level" : "'" + p.replace(".[", "[") + "'";
    }

    private static String firstLine(JsonProcessingException e) {
        String m = e.getOriginalMessage();
        int nl = m == null ? -1 : m.indexOf('\n');
        return nl < 0 ? String.valueOf(m) : m.substring(0, nl);
    }
}
