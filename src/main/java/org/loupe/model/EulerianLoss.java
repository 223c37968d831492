package org.loupe.model;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.loupe.model.loss.CompositeLoss;
import org.loupe.model.loss.LossSpec;

/**
 * Reads model files written before the loss became a list of terms: their graph configuration
 * names this class with its weights. It maps them onto the terms (base MSE or L1, divergence,
 * density, spectral); new models store {@link CompositeLoss}.
 */
public class EulerianLoss extends CompositeLoss {

    private static final long serialVersionUID = 1L;

    /** λ of the divergence term. */
    @JsonProperty
    public double weight;
    @JsonProperty
    public boolean l1;
    @JsonProperty
    public double densityWeight;
    @JsonProperty
    public double spectralWeight;

    /** For Jackson. */
    public EulerianLoss() {
    }

    @Override
    public LossSpec spec() {
        return LossSpec.of(l1 ? "l1" : "mse").with("divergence", weight).with("density", densityWeight)
                .with("spectral", spectralWeight);
    }
}
