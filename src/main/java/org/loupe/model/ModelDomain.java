package org.loupe.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.loupe.FormatException;

/**
 * The inputs a model was trained on: LR lattice, box, particle mass, redshift and cosmology. The
 * network sees normalised displacements, but the mapping it learned is that of one particle
 * spacing, mass resolution and epoch; {@code upscale} refuses inputs outside this domain.
 *
 * @param lrParticlesPerSide LR particles per side of the training boxes
 * @param boxMpcH box side of the training boxes
 * @param particleMass LR particle mass (1e10 Msun/h)
 * @param redshift redshift of the training snapshots
 * @param omegaM Ω_m
 * @param omegaLambda Ω_Λ
 * @param hubble h
 */
public record ModelDomain(int lrParticlesPerSide, double boxMpcH, double particleMass, double redshift, double omegaM,
                          double omegaLambda, double hubble) {

    /** Relative tolerance on the mean particle spacing L/N. */
    public static final double SPACING_TOLERANCE = 0.02;
    /** Relative tolerance on the particle mass. */
    public static final double MASS_TOLERANCE = 0.05;
    /** Absolute tolerance on the redshift. */
    public static final double REDSHIFT_TOLERANCE = 0.1;
    /** Absolute tolerance on Ω_m, Ω_Λ and h. */
    public static final double COSMOLOGY_TOLERANCE = 0.02;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Mean LR particle spacing L/N, Mpc/h. */
    public double spacing() {
        return boxMpcH / lrParticlesPerSide;
    }

    /**
     * What {@code input} (described the same way) differs in, one phrase per setting outside the
     * tolerances above; empty when the input lies inside the domain. The box itself may differ: the
     * network is applied tile by tile, so only the spacing counts.
     */
    public List<String> differences(ModelDomain input) {
        List<String> d = new ArrayList<>();
        if (Math.abs(input.spacing() / spacing() - 1) > SPACING_TOLERANCE) {
            d.add(String.format(Locale.ROOT, "particle spacing %.4g Mpc/h (%d^3 in %.4g Mpc/h), model %.4g (%d^3 in %.4g)",
                    input.spacing(), input.lrParticlesPerSide, input.boxMpcH, spacing(), lrParticlesPerSide, boxMpcH));
        }
        if (Double.isFinite(input.particleMass) && Math.abs(input.particleMass / particleMass - 1) > MASS_TOLERANCE) {
            d.add(String.format(Locale.ROOT, "particle mass %.4g, model %.4g (1e10 Msun/h)", input.particleMass, particleMass));
        }
        if (Math.abs(input.redshift - redshift) > REDSHIFT_TOLERANCE) {
            d.add(String.format(Locale.ROOT, "redshift %.3g, model %.3g", input.redshift, redshift));
        }
        if (Math.abs(input.omegaM - omegaM) > COSMOLOGY_TOLERANCE || Math.abs(input.omegaLambda - omegaLambda) > COSMOLOGY_TOLERANCE
                || Math.abs(input.hubble - hubble) > COSMOLOGY_TOLERANCE) {
            d.add(String.format(Locale.ROOT, "cosmology Omega_m %.3g, Omega_L %.3g, h %.3g, model %.3g, %.3g, %.3g", input.omegaM,
                    input.omegaLambda, input.hubble, omegaM, omegaLambda, hubble));
        }
        return d;
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ModelDomain fromJson(String json, String where) {
        try {
            return JSON.readValue(json, ModelDomain.class);
        } catch (JsonProcessingException e) {
            throw new FormatException(where + ": the model's domain record is damaged (" + e.getOriginalMessage()
                    + "); retrain or take the model file again from where it came from", e);
        }
    }
}
