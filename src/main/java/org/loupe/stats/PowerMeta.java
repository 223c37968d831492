package org.loupe.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.loupe.FormatException;
import org.loupe.mesh.GridInfo;
import org.loupe.mesh.SourceFile;
import org.loupe.mesh.Window;

/**
 * What a power spectrum was measured from and how; written next to the numbers.
 *
 * @param boxMpcH box side L, Mpc/h
 * @param gridSize mesh size N
 * @param window mass-assignment window of the mesh, null for a field that was not painted
 * @param compensated whether δ_k was divided by the window's Π sinc^p
 * @param interlaced whether the Fourier field was interlaced
 * @param redshift redshift of the source, NaN if unknown
 * @param particleCount particles painted, 0 if not painted
 * @param shotNoiseMpcH3 1/n̄ = L³/N_particles in (Mpc/h)³, NaN without particles
 * @param shotNoiseSubtracted whether it was subtracted from the auto power
 * @param binWidthKf bin width in units of k_F
 * @param losAxis line-of-sight axis of the multipoles (0 = x, 1 = y, 2 = z)
 * @param sources input files with their sha256
 */
public record PowerMeta(double boxMpcH, int gridSize, Window window, boolean compensated, boolean interlaced,
                        double redshift, long particleCount, double shotNoiseMpcH3, boolean shotNoiseSubtracted,
                        double binWidthKf, int losAxis, List<SourceFile> sources) {

    public PowerMeta {
        sources = List.copyOf(sources);
    }

    /** Metadata of a field measured with {@code spec}. */
    static PowerMeta of(FourierDensity field, PowerSpec spec) {
        GridInfo info = field.info();
        double box = field.boxMpcH();
        double shot = info.particleCount() > 0 ? box * box * box / info.particleCount() : Double.NaN;
        boolean compensated = spec.compensate() && info.window() != null;
        return new PowerMeta(box, field.size(), info.window(), compensated, info.interlaced(), info.redshift(),
                info.particleCount(), shot, spec.subtractShotNoise(), spec.binWidthKf(), spec.losAxis(),
                info.sources());
    }

    /** `key: value` header entries; keys get {@code prefix} (e.g. "field1."). Sources repeat the key. */
    List<String[]> header(String prefix) {
        List<String[]> out = new ArrayList<>();
        out.add(new String[] {prefix + "box_mpch", Double.toString(boxMpcH)});
        out.add(new String[] {prefix + "grid", Integer.toString(gridSize)});
        out.add(new String[] {prefix + "window", window == null ? "none" : window.name()});
        out.add(new String[] {prefix + "compensated", Boolean.toString(compensated)});
        out.add(new String[] {prefix + "interlaced", Boolean.toString(interlaced)});
        out.add(new String[] {prefix + "redshift", Double.toString(redshift)});
        out.add(new String[] {prefix + "particles", Long.toString(particleCount)});
        out.add(new String[] {prefix + "shot_noise_mpch3", Double.toString(shotNoiseMpcH3)});
        out.add(new String[] {prefix + "shot_noise_subtracted", Boolean.toString(shotNoiseSubtracted)});
        out.add(new String[] {prefix + "bin_width_kf", Double.toString(binWidthKf)});
        out.add(new String[] {prefix + "los_axis", Integer.toString(losAxis)});
        for (SourceFile s : sources) {
            out.add(new String[] {prefix + "source", s.sha256() + " " + s.path()});
        }
        return out;
    }

    /** Inverse of {@link #header(String)}; {@code sources} holds the values of the repeated source key. */
    static PowerMeta fromHeader(Map<String, String> h, List<String> sources, String prefix, String file) {
        try {
            String w = get(h, prefix + "window", file);
            List<SourceFile> files = new ArrayList<>();
            for (String s : sources) {
                int space = s.indexOf(' ');
                files.add(space < 0 ? new SourceFile(s, "") : new SourceFile(s.substring(space + 1), s.substring(0, space)));
            }
            return new PowerMeta(Double.parseDouble(get(h, prefix + "box_mpch", file)),
                    Integer.parseInt(get(h, prefix + "grid", file)),
                    w.equals("none") ? null : Window.parse(w),
                    Boolean.parseBoolean(get(h, prefix + "compensated", file)),
                    Boolean.parseBoolean(get(h, prefix + "interlaced", file)),
                    Double.parseDouble(get(h, prefix + "redshift", file)),
                    Long.parseLong(get(h, prefix + "particles", file)),
                    Double.parseDouble(get(h, prefix + "shot_noise_mpch3", file)),
                    Boolean.parseBoolean(get(h, prefix + "shot_noise_subtracted", file)),
                    Double.parseDouble(get(h, prefix + "bin_width_kf", file)),
                    Integer.parseInt(get(h, prefix + "los_axis", file)),
                    files);
        } catch (NumberFormatException e) {
            throw new FormatException(file + ": bad number in the header (" + e.getMessage() + "): rewrite it with Loupe");
        }
    }

    private static String get(Map<String, String> h, String key, String file) {
        String v = h.get(key);
        if (v == null) {
            throw new FormatException(file + ": header line '# " + key + ": ...' is missing; is this a Loupe power spectrum?");
        }
        return v;
    }
}
