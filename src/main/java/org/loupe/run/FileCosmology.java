package org.loupe.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.loupe.cosmology.Cosmology;
import org.loupe.snapshot.RunParameters;
import org.loupe.snapshot.SnapshotHeader;

/**
 * What one snapshot says about its universe: Ω_m, Ω_Λ, h from the header; σ8, n_s, Ω_b and the IC
 * seed from /Parameters when the code wrote them there (GADGET-4 and loupe simulate do; other files may not).
 * Absent values are NaN (seed: -1).
 *
 * @param omegaM Ω_m
 * @param omegaLambda Ω_Λ
 * @param h h
 * @param sigma8 σ8, or NaN
 * @param ns n_s, or NaN
 * @param omegaB Ω_b, or NaN
 * @param seed IC seed, or -1
 */
public record FileCosmology(double omegaM, double omegaLambda, double h, double sigma8, double ns, double omegaB, long seed) {

    /** GADGET-4 writes parameters in single-precision text; values agree to this. */
    static final double TOLERANCE = 1e-6;

    public static FileCosmology of(Path file, SnapshotHeader header) {
        Map<String, Double> p = RunParameters.read(file);
        return new FileCosmology(header.omegaM(), header.omegaLambda(), header.hubble(),
                p.getOrDefault("Sigma8", Double.NaN), p.getOrDefault("PrimordialIndex", Double.NaN),
                p.getOrDefault("OmegaBaryon", Double.NaN), p.containsKey("Seed") ? Math.round(p.get("Seed")) : -1);
    }

    /** "sigma8 0.81 != 0.8"-style differences from {@code c} for every value the file holds (none: empty). */
    public List<String> differences(Cosmology c) {
        List<String> out = new ArrayList<>();
        differ(out, "omegaM", omegaM, c.omegaM());
        differ(out, "omegaLambda", omegaLambda, c.omegaLambda());
        differ(out, "h", h, c.h());
        differ(out, "sigma8", sigma8, c.sigma8());
        differ(out, "ns", ns, c.ns());
        differ(out, "omegaB", omegaB, c.omegaB());
        return out;
    }

    private static void differ(List<String> out, String name, double file, double manifest) {
        if (!Double.isNaN(file) && Math.abs(file - manifest) > TOLERANCE * Math.max(1, Math.abs(manifest))) {
            out.add(String.format(Locale.ROOT, "%s %s in the file, %s in the manifest", name, num(file), num(manifest)));
        }
    }

    /** v to six significant digits, without trailing zeros (for messages). */
    public static String num(double v) {
        return java.math.BigDecimal.valueOf(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
