package org.loupe.sim;

import org.loupe.ConfigException;

/**
 * Settings of the P³M force ({@code simulate.p3m:}); every default is GADGET-4's as used for the
 * reference runs.
 *
 * @param softening Plummer-equivalent softening in units of the mean particle spacing (default 1/32)
 * @param splitCells r_s in long-range mesh cells (GADGET-4's ASMTH, default 1.25)
 * @param cutSplits r_cut in units of r_s (GADGET-4's RCUT, default 4.5)
 * @param maxStepLnA largest step in ln a (GADGET-4's MaxSizeTimestep, default 0.025); top steps are
 *                   uniform in ln a, at least {@code simulate.steps} of them
 * @param timestepAccuracy η of the per-particle sub-step criterion Δ = √(2ηε/|a|) (GADGET-4's
 *                         ErrTolIntAccuracy; default 0.01, as the reference runs)
 * @param maxLevels deepest sub-step level: pair-force sub-steps down to maxStepLnA / 2^maxLevels
 *                  (default 6; 0 = one step size for all particles)
 * @param meshCells long-range mesh cells per side for every resolution, as GADGET-4's PMGRID; null
 *                  (the default) = meshFactor × particles per side
 */
public record P3mSpec(Double softening, Double splitCells, Double cutSplits, Double maxStepLnA, Double timestepAccuracy,
                      Integer maxLevels, Integer meshCells) {

    public P3mSpec {
        softening = softening == null ? 1.0 / 32 : softening;
        splitCells = splitCells == null ? 1.25 : splitCells;
        cutSplits = cutSplits == null ? 4.5 : cutSplits;
        maxStepLnA = maxStepLnA == null ? 0.025 : maxStepLnA;
        timestepAccuracy = timestepAccuracy == null ? 0.01 : timestepAccuracy;
        maxLevels = maxLevels == null ? 6 : maxLevels;
        require(softening > 0 && softening <= 1, "simulate.p3m.softening must be in (0, 1] mean spacings, got " + softening);
        require(splitCells >= 0.5 && splitCells <= 8, "simulate.p3m.splitCells must be 0.5 to 8 mesh cells, got " + splitCells);
        require(cutSplits >= 2 && cutSplits <= 8, "simulate.p3m.cutSplits must be 2 to 8 split scales, got " + cutSplits);
        require(maxStepLnA > 0 && maxStepLnA <= 0.5, "simulate.p3m.maxStepLnA must be in (0, 0.5], got " + maxStepLnA);
        require(timestepAccuracy > 0 && timestepAccuracy <= 1, "simulate.p3m.timestepAccuracy must be in (0, 1], got "
                + timestepAccuracy);
        require(maxLevels >= 0 && maxLevels <= 12, "simulate.p3m.maxLevels must be 0 to 12, got " + maxLevels);
        require(meshCells == null || meshCells >= 8 && meshCells <= 1024, "simulate.p3m.meshCells must be 8 to 1024, got "
                + meshCells);
    }

    /** All defaults. */
    public static P3mSpec defaults() {
        return new P3mSpec(null, null, null, null, null, null, null);
    }

    /** Long-range mesh cells per side of an n³-particle run with mesh factor B. */
    public int mesh(int particlesPerSide, int meshFactor) {
        return meshCells != null ? meshCells : meshFactor * particlesPerSide;
    }

    /** The force split of an n³-particle run on a mesh of {@code mesh}³ cells. */
    public ForceSplit split(int particlesPerSide, int mesh, double boxMpcH) {
        ForceSplit split = P3mForce.split(mesh, boxMpcH, splitCells, cutSplits, softening * boxMpcH / particlesPerSide);
        // The pair sum looks for neighbours in a periodic chaining mesh of at least 3 cells of r_cut.
        require(split.cutMpcH() <= boxMpcH / 3, String.format(java.util.Locale.ROOT,
                "simulate.p3m: r_cut = cutSplits x splitCells x box/mesh = %.3g Mpc/h is more than a third of the %.3g Mpc/h box"
                        + " (mesh %d^3); lower splitCells or cutSplits, or use a finer mesh (meshCells, meshFactor)",
                split.cutMpcH(), boxMpcH, mesh));
        return split;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new ConfigException(message);
        }
    }
}
