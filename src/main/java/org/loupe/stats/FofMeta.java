package org.loupe.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.loupe.FormatException;

/**
 * How a halo catalogue was found; written next to the numbers.
 *
 * @param boxMpcH box side L, Mpc/h
 * @param linkingFactor b, in mean interparticle spacings
 * @param linkingLengthMpcH b · L / N^(1/3), comoving Mpc/h
 * @param minMembers smallest group kept
 * @param particleCount particles searched
 * @param particleMass mass per particle in 1e10 Msun/h, NaN when the masses differ
 */
public record FofMeta(double boxMpcH, double linkingFactor, double linkingLengthMpcH, int minMembers,
                      long particleCount, double particleMass) {

    /** Box volume L³ in (Mpc/h)³. */
    public double volumeMpcH3() {
        return boxMpcH * boxMpcH * boxMpcH;
    }

    /** `key: value` header entries; keys get {@code prefix} (e.g. "numerator."). */
    List<String[]> header(String prefix) {
        List<String[]> out = new ArrayList<>();
        out.add(new String[] {prefix + "box_mpch", Double.toString(boxMpcH)});
        out.add(new String[] {prefix + "linking_factor", Double.toString(linkingFactor)});
        out.add(new String[] {prefix + "linking_length_mpch", Double.toString(linkingLengthMpcH)});
        out.add(new String[] {prefix + "min_members", Integer.toString(minMembers)});
        out.add(new String[] {prefix + "particles", Long.toString(particleCount)});
        out.add(new String[] {prefix + "particle_mass_1e10msunh", Double.toString(particleMass)});
        return out;
    }

    /** Inverse of {@link #header(String)}. */
    static FofMeta fromHeader(Map<String, String> h, String prefix, String file) {
        try {
            return new FofMeta(Double.parseDouble(get(h, prefix + "box_mpch", file)),
                    Double.parseDouble(get(h, prefix + "linking_factor", file)),
                    Double.parseDouble(get(h, prefix + "linking_length_mpch", file)),
                    Integer.parseInt(get(h, prefix + "min_members", file)),
                    Long.parseLong(get(h, prefix + "particles", file)),
                    Double.parseDouble(get(h, prefix + "particle_mass_1e10msunh", file)));
        } catch (NumberFormatException e) {
            throw new FormatException(file + ": bad number in the header (" + e.getMessage() + "): rewrite it with Loupe");
        }
    }

    private static String get(Map<String, String> h, String key, String file) {
        String v = h.get(key);
        if (v == null) {
            throw new FormatException(file + ": header line '# " + key + ": ...' is missing; was it written by Loupe's halo finder?");
        }
        return v;
    }
}
