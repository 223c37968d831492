package org.loupe.stats;

import java.util.List;
import java.util.Objects;

import org.loupe.ShapeMismatchException;
import org.loupe.mesh.Fft3d;
import org.loupe.mesh.Grid;
import org.loupe.mesh.GridInfo;
import org.loupe.mesh.GridKind;
import org.loupe.mesh.Interlacing;
import org.loupe.mesh.MassAssignment;
import org.loupe.mesh.SourceFile;
import org.loupe.mesh.Window;
import org.loupe.particles.ParticleStream;
import org.loupe.particles.Particles;

/**
 * A scalar field in Fourier space, δ_k on the half spectrum, not yet window-compensated, with the
 * metadata of the grid it came from ({@code info.window()} says which compensation applies).
 *
 * @param spectrum unnormalised δ_k = Σ_x δ(x) e^{−ik·x}
 * @param boxMpcH box side L in Mpc/h
 * @param info grid metadata (window, interlacing, particle count, redshift, sources)
 */
public record FourierDensity(Fft3d.Spectrum spectrum, double boxMpcH, GridInfo info) {

    public FourierDensity {
        Objects.requireNonNull(spectrum, "spectrum");
        Objects.requireNonNull(info, "info");
    }

    /** Grid size N. */
    public int size() {
        return spectrum.n();
    }

    /** Transforms a scalar grid (usually δ); its metadata is kept. */
    public static FourierDensity of(Grid grid, Fft3d fft) {
        if (grid.channels() != 1) {
            throw new ShapeMismatchException("power spectrum needs a scalar grid, got " + grid.channels()
                    + " channels: pass one channel (Grid.channel(c))");
        }
        return new FourierDensity(fft.forward(grid.values(), grid.size()), grid.boxMpcH(), grid.info());
    }

    /**
     * Back to real space: the normalised inverse FFT as a scalar grid with this field's metadata
     * (for an interlaced paint, the interlaced δ(x) with {@code info.interlaced() == true}).
     *
     * <p>A real grid can only hold the Hermitian part of a spectrum. The interlacing phase
     * ({@link Interlacing}) breaks Hermitian symmetry for modes with an odd number of Nyquist
     * components; where a mode and its mirror are both stored (the n_z = 0 and n_z = N/2 planes)
     * the inverse FFT keeps only their Hermitian part. All such modes have |k| ≥ k_Nyq: below
     * k_Nyq the grid's transform is this spectrum up to float rounding, above it P(k) of the grid
     * differs from P(k) of the spectrum by several per cent (tested in PowerCommandTest).
     */
    public Grid toGrid(Fft3d fft) {
        return new Grid(size(), 1, boxMpcH, fft.inverse(spectrum), info);
    }

    /**
     * Paints δ of {@code particles} on an N³ mesh with {@code window} and transforms it. With
     * {@code interlace}, a second grid is painted with every particle shifted by H/2 = L/(2N) and
     * combined in Fourier space ({@link Interlacing}).
     */
    public static FourierDensity paint(Particles particles, int n, Window window, boolean interlace,
                                       double redshift, List<SourceFile> sources, Fft3d fft, int threads) {
        return paint(ParticleStream.of(particles), n, window, interlace, redshift, sources, fft, threads);
    }

    /**
     * As above for particles streamed while they are read (one pass per grid painted): memory
     * holds a grid, the spectra and one block of particles, never the particles.
     */
    public static FourierDensity paint(ParticleStream particles, int n, Window window, boolean interlace,
                                       double redshift, List<SourceFile> sources, Fft3d fft, int threads) {
        Fft3d.Spectrum plain = transformPainted(particles, n, window, 0.0, threads, redshift, sources, fft);
        if (interlace) {
            double half = 0.5 * particles.box().sizeMpcH() / n;
            Fft3d.Spectrum shifted = transformPainted(particles, n, window, half, threads, redshift, sources, fft);
            Interlacing.combine(plain, shifted, threads);
        }
        GridInfo info = new GridInfo(GridKind.DENSITY_CONTRAST, window, interlace, redshift,
                particles.count(), sources);
        return new FourierDensity(plain, particles.box().sizeMpcH(), info);
    }

    // A method of its own so the real-space grid is garbage as soon as it is transformed.
    private static Fft3d.Spectrum transformPainted(ParticleStream particles, int n, Window window, double shift,
                                                   int threads, double redshift, List<SourceFile> sources,
                                                   Fft3d fft) {
        Grid delta = MassAssignment.densityContrast(particles, n, window, shift, threads, redshift, sources);
        return fft.forward(delta.values(), n);
    }
}
