package org.loupe.sim;

import java.util.List;

import org.loupe.ConfigException;
import org.loupe.cosmology.Cosmology;

/**
 * Settings of {@code loupe simulate}: the LR/HR pair generator and its PM runs.
 *
 * @param boxMpcH box side (Mpc/h)
 * @param lrParticlesPerSide LR particles per side
 * @param hrParticlesPerSide HR particles per side (a multiple of LR's)
 * @param meshFactor B: force mesh cells per side = B × particles per side (default 2)
 * @param zInit starting redshift of the ICs
 * @param zOutputs redshifts at which snapshots are written
 * @param steps PM steps from zInit to the last output (linear in a; outputs are added as steps)
 * @param lptOrder 1 (Zel'dovich) or 2 (2LPT) initial conditions
 * @param powerSpectrum "eh" (Eisenstein–Hu with BAO) or "eh-nowiggle"; ignored with a file
 * @param powerSpectrumFile tabulated "k P" file (h/Mpc, (Mpc/h)³), renormalised to σ8; or null
 * @param seed seed of pair 0; pair i uses seed + i
 * @param trainPairs pairs in the training split
 * @param validationPairs pairs in the validation split
 * @param testPairs pairs in the test split
 * @param cosmology the cosmology (Ω_m, Ω_Λ, Ω_b, h, σ8, n_s, Ω_r)
 * @param force "pm" (mesh only, FastPM steps linear in a; the default) or "p3m" (mesh plus
 *              short-range pair force, steps in ln a; see {@link P3mSpec})
 * @param p3m the P³M settings (defaults when absent; only with force p3m)
 */
public record SimSpec(double boxMpcH, int lrParticlesPerSide, int hrParticlesPerSide, Integer meshFactor, double zInit,
                      List<Double> zOutputs, int steps, Integer lptOrder, String powerSpectrum, String powerSpectrumFile,
                      long seed, int trainPairs, int validationPairs, int testPairs, Cosmology cosmology,
                      String force, P3mSpec p3m) {

    public SimSpec {
        // Absent keys take their defaults; a value given is checked, never replaced.
        meshFactor = meshFactor == null ? 2 : meshFactor;
        lptOrder = lptOrder == null ? 2 : lptOrder;
        if (powerSpectrum == null) {
            powerSpectrum = "eh";
        }
        if (zOutputs == null) {
            zOutputs = List.of(0.0);
        }
        require(!zOutputs.isEmpty(), "simulate.zOutputs is empty; list at least one output redshift (e.g. [0.0]) or leave the key out");
        require(zOutputs.stream().distinct().count() == zOutputs.size(), "simulate.zOutputs lists a redshift twice: " + zOutputs);
        zOutputs = zOutputs.stream().sorted((a, b) -> Double.compare(b, a)).toList();
        if (cosmology == null) {
            cosmology = Cosmology.referenceRuns();
        }
        force = force == null ? "pm" : force;
        require(force.equals("pm") || force.equals("p3m"), "simulate.force must be pm or p3m, got '" + force + "'");
        require(p3m == null || force.equals("p3m"), "simulate.p3m: settings need force: p3m");
        if (force.equals("p3m") && p3m == null) {
            p3m = P3mSpec.defaults();
        }
        require(boxMpcH > 0, "simulate.boxMpcH must be positive, got " + boxMpcH);
        require(lrParticlesPerSide >= 2, "simulate.lrParticlesPerSide must be at least 2, got " + lrParticlesPerSide);
        require(hrParticlesPerSide >= lrParticlesPerSide && hrParticlesPerSide % lrParticlesPerSide == 0,
                "simulate.hrParticlesPerSide (" + hrParticlesPerSide + ") must be a multiple of lrParticlesPerSide ("
                        + lrParticlesPerSide + ")");
        require(meshFactor >= 1 && meshFactor <= 4, "simulate.meshFactor must be 1 to 4 (mesh >= particle grid), got " + meshFactor);
        require(hrParticlesPerSide * meshFactor <= 1024, "the HR force mesh (" + hrParticlesPerSide * meshFactor
                + "^3) is larger than 1024^3; lower meshFactor or hrParticlesPerSide");
        require(zInit > zOutputs.get(0), "simulate.zInit (" + zInit + ") must be above every output redshift " + zOutputs);
        require(zOutputs.get(zOutputs.size() - 1) >= 0, "output redshifts must be >= 0, got " + zOutputs);
        require(steps >= (p3m != null ? 0 : 1) && steps <= 10000, "simulate.steps must be 1 to 10000"
                + (p3m != null ? " (or absent with force p3m)" : "") + ", got " + steps);
        require(lptOrder == 1 || lptOrder == 2, "simulate.lptOrder must be 1 (Zel'dovich) or 2 (2LPT), got " + lptOrder);
        if (p3m != null) {
            for (int n : new int[] {lrParticlesPerSide, hrParticlesPerSide}) {
                p3m.split(n, p3m.mesh(n, meshFactor), boxMpcH);   // r_cut must fit the box at both resolutions
            }
        }
        require(trainPairs >= 0 && validationPairs >= 0 && testPairs >= 0 && trainPairs + validationPairs + testPairs >= 1,
                "simulate needs at least one pair (trainPairs + validationPairs + testPairs >= 1)");
    }

    /** Pure PM with the given settings (the constructor before P³M existed). */
    public SimSpec(double boxMpcH, int lrParticlesPerSide, int hrParticlesPerSide, Integer meshFactor, double zInit,
                   List<Double> zOutputs, int steps, Integer lptOrder, String powerSpectrum, String powerSpectrumFile,
                   long seed, int trainPairs, int validationPairs, int testPairs, Cosmology cosmology) {
        this(boxMpcH, lrParticlesPerSide, hrParticlesPerSide, meshFactor, zInit, zOutputs, steps, lptOrder, powerSpectrum,
                powerSpectrumFile, seed, trainPairs, validationPairs, testPairs, cosmology, null, null);
    }

    /** Whether the short-range force is on. */
    public boolean hasShortRangeForce() {
        return p3m != null;
    }

    /** Total number of pairs. */
    public int pairs() {
        return trainPairs + validationPairs + testPairs;
    }

    /** The split of pair {@code i}: train pairs first, then validation, then test. */
    public String split(int i) {
        return i < trainPairs ? "train" : i < trainPairs + validationPairs ? "validation" : "test";
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new ConfigException(message);
        }
    }
}
