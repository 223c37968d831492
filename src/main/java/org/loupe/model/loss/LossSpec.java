package org.loupe.model.loss;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;

import org.loupe.ConfigException;

/**
 * The config of the loss: an ordered list of (term, weight), written in YAML as
 * {@code loss: [{mse: 1}, {density: 0.0035}, {adversarial: 0.5}]}. A bare {@code loss: mse} or
 * {@code loss: l1} (the form before terms) means that one term with weight 1.
 */
public final class LossSpec {

    /** One entry of the list. */
    public record Term(String name, double weight) {
    }

    static final String EXAMPLE = "loss: [{mse: 1}, {density: 0.0035}]";

    private final List<Term> terms;

    public LossSpec(List<Term> terms) {
        if (terms.isEmpty()) {
            throw ConfigException.forKey("train.loss", "is empty; give at least one term, e.g. " + EXAMPLE);
        }
        List<String> seen = new ArrayList<>();
        for (Term t : terms) {
            if (!LossTerms.known(t.name())) {
                throw ConfigException.forKey("train.loss", "unknown term '" + t.name() + "'; terms: "
                        + String.join(", ", LossTerms.names()) + " (e.g. " + EXAMPLE + ")");
            }
            if (!(t.weight() > 0) || Double.isInfinite(t.weight())) {
                throw ConfigException.forKey("train.loss", "weight of '" + t.name() + "' must be > 0 and finite, got " + t.weight()
                        + " (leave a term out to switch it off)");
            }
            if (seen.contains(t.name())) {
                throw ConfigException.forKey("train.loss", "term '" + t.name() + "' given twice; give each term once");
            }
            seen.add(t.name());
        }
        this.terms = List.copyOf(terms);
    }

    /** One term with weight 1. */
    public static LossSpec of(String name) {
        return new LossSpec(List.of(new Term(name, 1)));
    }

    /** The list with {@code name} set to {@code weight} (appended when absent, removed when 0). */
    public LossSpec with(String name, double weight) {
        List<Term> out = new ArrayList<>();
        boolean done = false;
        for (Term t : terms) {
            if (t.name().equals(name)) {
                if (weight != 0) {
                    out.add(new Term(name, weight));
                }
                done = true;
            } else {
                out.add(t);
            }
        }
        if (!done && weight != 0) {
            out.add(new Term(name, weight));
        }
        return new LossSpec(out);
    }

    public List<Term> terms() {
        return terms;
    }

    /** The weight of {@code name}, 0 when it is not in the list. */
    public double weight(String name) {
        return terms.stream().filter(t -> t.name().equals(name)).mapToDouble(Term::weight).findFirst().orElse(0);
    }

    public boolean has(String name) {
        return weight(name) > 0;
    }

    /** True when a term paints the particles or judges them (needs the lattice scale of HR pairs). */
    public boolean paints() {
        return has("density") || has("density2") || has("density4") || has("spectral") || has("adversarial");
    }

    /** Fresh term objects, in order. */
    public List<LossTerm> create() {
        return terms.stream().map(t -> LossTerms.create(t.name(), t.weight())).toList();
    }

    /** From YAML/JSON: a term name, or a list of one-key maps {name: weight}. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static LossSpec parse(JsonNode node) {
        if (node == null || node.isNull()) {
            throw ConfigException.forKey("train.loss", "is empty; give e.g. " + EXAMPLE);
        }
        if (node.isTextual()) {
            String name = node.asText().trim().toLowerCase(Locale.ROOT);
            if (!name.equals("mse") && !name.equals("l1")) {
                throw ConfigException.forKey("train.loss", "'" + node.asText() + "' is no loss; give mse, l1 or a list of terms, e.g. "
                        + EXAMPLE);
            }
            return of(name);
        }
        if (!node.isArray()) {
            throw ConfigException.forKey("train.loss", "must be a list of terms, e.g. " + EXAMPLE);
        }
        List<Term> out = new ArrayList<>();
        for (JsonNode entry : node) {
            if (!entry.isObject() || entry.size() != 1) {
                throw ConfigException.forKey("train.loss", "each entry is one {term: weight}, e.g. " + EXAMPLE + "; got " + entry);
            }
            Iterator<Map.Entry<String, JsonNode>> it = entry.fields();
            Map.Entry<String, JsonNode> f = it.next();
            if (!f.getValue().isNumber()) {
                throw ConfigException.forKey("train.loss", "the weight of '" + f.getKey() + "' must be a number, got " + f.getValue());
            }
            out.add(new Term(f.getKey(), f.getValue().asDouble()));
        }
        return new LossSpec(out);
    }

    /** The YAML/JSON form: a list of one-key maps. */
    @JsonValue
    public List<Map<String, Double>> toList() {
        List<Map<String, Double>> out = new ArrayList<>();
        for (Term t : terms) {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put(t.name(), t.weight());
            out.add(m);
        }
        return out;
    }

    /** Compact text, e.g. {@code mse:1,density:0.0035} (stored in model files). */
    public String compact() {
        StringBuilder sb = new StringBuilder();
        for (Term t : terms) {
            sb.append(sb.isEmpty() ? "" : ",").append(t.name()).append(':').append(t.weight());
        }
        return sb.toString();
    }

    /** Inverse of {@link #compact}. */
    public static LossSpec fromCompact(String s) {
        List<Term> out = new ArrayList<>();
        for (String part : s.split(",")) {
            int colon = part.indexOf(':');
            out.add(new Term(part.substring(0, colon), Double.parseDouble(part.substring(colon + 1))));
        }
        return new LossSpec(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LossSpec l && l.terms.equals(terms);
    }

    @Override
    public int hashCode() {
        return terms.hashCode();
    }

    @Override
    public String toString() {
        return compact();
    }
}
