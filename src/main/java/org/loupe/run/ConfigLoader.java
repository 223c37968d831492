package org.loupe.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import org.loupe.ConfigException;
import org.loupe.LoupeException;

/**
 * Loads YAML configs into records. Unknown keys, wrong types and invalid values are errors that
 * name the file, the line, the key path and (for unknown keys) the keys that are allowed.
 */
public final class ConfigLoader {

    private static final ObjectMapper YAML = YAMLMapper.builder(new YAMLFactory()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER))
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ConfigLoader() {
    }

    public static <T> T load(Path file, Class<T> type) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(file + ": config file not found; pass an existing YAML file (see configs/)");
        }
        try {
            T value = YAML.readValue(file.toFile(), type);
            if (value == null) {
                throw new ConfigException(file + ": config file is empty");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(file + keyLine(file, String.valueOf(e.getPropertyName()), where(e)) + ": unknown key '"
                    + e.getPropertyName() + "' in " + parentPath(e)
                    + "; allowed keys: " + known(e.getKnownPropertyIds()), e);
        } catch (InvalidFormatException e) {
            throw new ConfigException(file + where(e) + ": value '" + e.getValue() + "' of " + path(e) + " is not a valid "
                    + e.getTargetType().getSimpleName(), e);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause();
            String msg = cause instanceof LoupeException ? cause.getMessage() : String.valueOf(cause);
            throw new ConfigException(file + where(e) + ": invalid settings in " + path(e) + ": " + msg, e);
        } catch (MismatchedInputException e) {
            throw new ConfigException(file + where(e) + ": " + path(e) + " has the wrong type (" + firstLine(e) + ")", e);
        } catch (JsonProcessingException e) {
            throw new ConfigException(file + where(e) + ": not valid YAML: " + firstLine(e), e);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read config: " + e.getMessage(), e);
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

    private static String where(JsonProcessingException e) {
        // The token's own location: the parser's current location is already past the value.
        JsonLocation loc = e.getProcessor() instanceof JsonParser p ? p.currentTokenLocation() : e.getLocation();
        return loc == null || loc.getLineNr() < 1 ? "" : " line " + loc.getLineNr();
    }

    private static String path(JsonMappingException e) {
        String p = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
        return p.isEmpty() ? "the top level" : "'" + p + "'";
    }

    /**
     * The line of an unknown key. Records are built from buffered properties, so Jackson reports
     * where the object ended; the key's own line is what a user needs.
     */
    private static String keyLine(Path file, String key, String fallback) {
        try {
            var lines = Files.readAllLines(file);
            java.util.regex.Pattern p = java.util.regex.Pattern.compile("^\\s*(- )?['\"]?" + java.util.regex.Pattern.quote(key) + "['\"]?\\s*:");
            for (int i = 0; i < lines.size(); i++) {
                if (p.matcher(lines.get(i)).find()) {
                    return " line " + (i + 1);
                }
            }
        } catch (IOException ignored) {
            // fall back to Jackson's location
        }
        return fallback;
    }

    private static String parentPath(JsonMappingException e) {
        var refs = e.getPath();
        String p = refs.subList(0, Math.max(0, refs.size() - 1)).stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
        return p.isEmpty() ? "the top level" : "'" + p + "'";
    }

    private static String known(Collection<Object> ids) {
        return ids == null ? "?" : ids.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
    }

    private static String firstLine(JsonProcessingException e) {
        String m = e.getOriginalMessage();
        int nl = m == null ? -1 : m.indexOf('\n');
        return nl < 0 ? String.valueOf(m) : m.substring(0, nl);
    }
}
