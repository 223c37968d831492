package org.loupe.sim;

import org.loupe.mesh.Fft3d;
import org.loupe.particles.Particles;

/**
 * P³M gravity: the long-range force from a Gaussian-filtered mesh plus direct pair sums within
 * the cut, split as in GADGET-4's TreePM ({@link ForceSplit}).
 */
public final class P3mForce implements Gravity {

    private final ForceMesh longRange;
    private final ShortRangeForce shortRange;

    public P3mForce(int mesh, double boxMpcH, double omegaM, ForceSplit split, Fft3d fft, int threads) {
        this.longRange = new ForceMesh(mesh, boxMpcH, omegaM, fft, threads, split);
        this.shortRange = new ShortRangeForce(split, omegaM, threads);
    }

    /**
     * The split of a mesh of {@code mesh}³ cells in a box: r_s = splitCells mesh cells, r_cut =
     * cutSplits · r_s, softening in Mpc/h.
     */
    public static ForceSplit split(int mesh, double boxMpcH, double splitCells, double cutSplits, double softeningMpcH) {
        double rs = splitCells * boxMpcH / mesh;
        return new ForceSplit(rs, cutSplits * rs, softeningMpcH);
    }

    @Override
    public float[] accelerations(Particles particles) {
        float[] f = longRange.accelerations(particles);
        shortRange.addTo(particles, f);
        return f;
    }
}
