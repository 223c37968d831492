package org.loupe.model.loss;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleFunction;

/** The registry: a term's config name and how to make it from its weight. A new term is one class and one line here. */
public final class LossTerms {

    private static final Map<String, DoubleFunction<LossTerm>> TERMS = new LinkedHashMap<>();

    static {
        TERMS.put("mse", SquaredError::new);
        TERMS.put("l1", AbsoluteError::new);
        TERMS.put("divergence", Divergence::new);
        TERMS.put("density", DensityError::new);
        TERMS.put("density2", w -> new FineDensityError(w, 2));
        TERMS.put("density4", w -> new FineDensityError(w, 4));
        TERMS.put("spectral", SpectralError::new);
        TERMS.put("adversarial", Adversarial::new);
    }

    private LossTerms() {
    }

    /** True when {@code name} is a registered term. */
    public static boolean known(String name) {
        return TERMS.containsKey(name);
    }

    /** The registered names, in order. */
    public static java.util.Set<String> names() {
        return TERMS.keySet();
    }

    /** A fresh term {@code name} with weight {@code weight}. */
    public static LossTerm create(String name, double weight) {
        DoubleFunction<LossTerm> f = TERMS.get(name);
        if (f == null) {
            throw new IllegalArgumentException("unknown loss term " + name);
        }
        return f.apply(weight);
    }
}
