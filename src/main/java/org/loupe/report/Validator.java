package org.loupe.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.loupe.mesh.Window;
import org.loupe.particles.ParticleStream;
import org.loupe.particles.Particles;
import org.loupe.stats.CrossPowerResult;
import org.loupe.stats.DensitySlice;
import org.loupe.stats.FofSpec;
import org.loupe.stats.FourierDensity;
import org.loupe.stats.HaloCatalogue;
import org.loupe.stats.MassFunction;
import org.loupe.stats.PowerResult;
import org.loupe.stats.PowerSpectrum;
import org.loupe.stats.SeamMetric;
import org.loupe.stats.SlabFriendsOfFriends;

/**
 * Computes a validation report: P(k) of every box on one mesh (CIC, interlaced, compensated), its
 * cross power with HR (r, T), FoF mass functions on bins fixed by the HR particle mass, density
 * slices on one colour scale, the checks of {@link ValidationSpec} for each box, and a verdict per
 * SR input. The LR input and a trilinear interpolation of it, made here, are shown next to every
 * SR input as control and baseline: a number means little without them.
 *
 * <p>Every box is read pass by pass ({@link BoxSource}), one phase after another (halos, slices,
 * spectra), so memory holds a mesh or the halo finder's working memory, never a box.
 */
public final class Validator {

    /** Width of the mass-function bins, dex. */
    static final double MASS_BIN_DEX = 0.2;

    private final PowerSpectrum power;
    private final int threads;
    private final org.loupe.mesh.Fft3d fft;
    private final long fofMemoryBytes;
    private final Progress progress;

    /** Told after each step of a report (a box's halos, slice, spectrum, redshift-space multipoles): minutes each on a large box. */
    public interface Progress {
        void done(int step, int steps, String what);
    }

    /** A report whose halo finder holds each box whole. */
    public Validator(PowerSpectrum power, int threads) {
        this(power, threads, Long.MAX_VALUE, (step, steps, what) -> { });
    }

    /**
     * @param fofMemoryBytes working memory of the halo finder: a box that needs more is linked in
     *        slabs ({@link SlabFriendsOfFriends}), with the same halos
     * @param progress told after each step
     */
    public Validator(PowerSpectrum power, int threads, long fofMemoryBytes, Progress progress) {
        this.power = power;
        this.threads = threads;
        this.fft = new org.loupe.mesh.JTransformsFft3d(threads);
        this.fofMemoryBytes = fofMemoryBytes;
        this.progress = progress;
    }

    /** Slabs the halo finder uses for {@code particles} within the memory given (at most the box allows). */
    public static int fofSlabs(long particles, long fofMemoryBytes) {
        return Math.min(SlabFriendsOfFriends.slabsFor(particles, fofMemoryBytes),
                SlabFriendsOfFriends.maxSlabs(particles, FofSpec.defaults()));
    }

    private String haloStep(String name, long count) {
        int slabs = fofSlabs(count, fofMemoryBytes);
        return "halos of " + name + (slabs > 1 ? " (" + slabs + " slabs)" : "");
    }

    private HaloCatalogue halos(ParticleStream p) {
        return SlabFriendsOfFriends.halos(p, FofSpec.defaults(), fofSlabs(p.count(), fofMemoryBytes), threads);
    }

    /** The mass of the first particle a pass of {@link #stream} saw (NaN before any pass). */
    private static final class FirstMass {
        final ParticleStream stream;
        double mass = Double.NaN;

        FirstMass(ParticleStream inner) {
            stream = inner.mapped(inner.box(), p -> {
                if (Double.isNaN(mass) && p.count() > 0) {
                    mass = p.mass(0);
                }
                return p;
            });
        }
    }

    /** As {@link #run(ValidationInput, int, ValidationSpec, Map, Map)} with one seam metric for every SR box (or none). */
    public ValidationReport run(ValidationInput in, int grid, ValidationSpec spec, SeamMetric seam) {
        Map<String, SeamMetric> seams = new LinkedHashMap<>();
        if (seam != null) {
            in.sr().keySet().forEach(k -> seams.put(k, seam));
        }
        return run(in, grid, spec, seams, Map.of());
    }

    /**
     * @param in the boxes to compare, their lattice sides, redshift and names
     * @param grid mesh for P(k) and slices (e.g. 2 × the HR lattice side)
     * @param seams SR name → seam metric computed by the caller (needs lattice fields)
     * @param seamNotes SR name → why it has no seam metric (e.g. "n/a (one tile)")
     */
    public ValidationReport run(ValidationInput in, int grid, ValidationSpec spec, Map<String, SeamMetric> seams,
                                Map<String, String> seamNotes) {
        BoxSource hr = in.hr();
        double box = in.sr().values().iterator().next().positions().box().sizeMpcH();
        double kNyqLr = Math.PI * in.lrSide() / box;
        double kNyqHr = Math.PI * in.hrSide() / box;
        Map<String, BoxSource> boxes = new LinkedHashMap<>();
        Map<String, Dataset.Role> roles = new LinkedHashMap<>();
        boxes.put(ValidationReport.LR, in.lr());
        roles.put(ValidationReport.LR, Dataset.Role.CONTROL);
        // Halos first, box by box: the finder's memory and the meshes' are never needed at once.
        Map<String, HaloCatalogue> halos = new LinkedHashMap<>();
        Map<String, Double> particleMass = new LinkedHashMap<>();
        FirstMass lrFirst = new FirstMass(in.lr().positions());
        halos.put(ValidationReport.LR, halos(lrFirst.stream));
        particleMass.put(ValidationReport.LR, lrFirst.mass);
        ParticleStream tri = in.hrSide() > in.lrSide() ? TrilinearBaseline.stream(in.lr().full(), in.lr().name(), in.hrSide(),
                lrFirst.mass, threads) : null;
        if (tri != null) {
            boxes.put(ValidationReport.TRILINEAR, new BoxSource(tri, tri, false, "the trilinear baseline"));
            roles.put(ValidationReport.TRILINEAR, Dataset.Role.BASELINE);
        }
        in.sr().forEach((name, p) -> {
            boxes.put(name, p);
            roles.put(name, Dataset.Role.SR);
        });
        in.floors().forEach((name, p) -> {
            boxes.put(name, p);
            roles.put(name, Dataset.Role.FLOOR);
        });
        if (hr != null) {
            boxes.put(ValidationReport.HR, hr);
            roles.put(ValidationReport.HR, Dataset.Role.REFERENCE);
        }
        boolean rsd = !Double.isNaN(in.hubbleKmSPerMpcH());
        int steps = 3 * boxes.size() - (tri != null ? 1 : 0)
                + (int) boxes.values().stream().filter(b -> rsd && b.velocities()).count();
        int[] done = {0};
        java.util.function.Consumer<String> step = what -> progress.done(++done[0], steps, what);
        step.accept(haloStep(ValidationReport.LR, in.lr().count()));
        boxes.forEach((name, p) -> {
            if (!halos.containsKey(name)) {
                FirstMass first = new FirstMass(p.positions());
                halos.put(name, halos(first.stream));
                particleMass.put(name, first.mass);
                step.accept(haloStep(name, p.count()));
            }
        });
        double refMass = particleMass.get(hr != null ? ValidationReport.HR : in.sr().keySet().iterator().next());
        double[] edges = massEdges(refMass, spec.haloMinHrParticles(), hr != null ? List.of(halos.get(ValidationReport.HR)) : halos.values());

        // Slices on the HR particle lattice: finer meshes show the lattice of the particles rather than the structure.
        int sliceMesh = Math.min(grid, in.hrSide());
        Map<String, DensitySlice> slices = new LinkedHashMap<>();
        for (String name : boxes.keySet()) {
            if (!name.equals(ValidationReport.TRILINEAR)) {
                slices.put(name, DensitySlice.of(boxes.get(name).positions(), sliceMesh, 0, spec.sliceThicknessCells(), threads));
                step.accept("slice of " + name);
            }
        }
        if (hr != null) {
            for (String name : in.sr().keySet()) {
                slices.put(name + " - HR", slices.get(name).minus(slices.get(ValidationReport.HR)));
            }
        }

        FourierDensity fHr = hr == null ? null : power.paint(hr.positions(), grid, Window.CIC, in.redshift(), List.of());
        Map<String, Dataset> datasets = new LinkedHashMap<>();
        for (var e : boxes.entrySet()) {
            String name = e.getKey();
            BoxSource p = e.getValue();
            FourierDensity f = name.equals(ValidationReport.HR) ? fHr
                    : power.paint(p.positions(), grid, Window.CIC, in.redshift(), List.of());
            PowerResult auto = power.auto(f);
            CrossPowerResult x = fHr == null || name.equals(ValidationReport.HR) ? null : power.cross(f, fHr);
            f = null;   // the next box's mesh may take its memory
            step.accept("P(k) of " + name);
            double shot = box * box * box / p.count();
            PowerResult multipoles = null;
            if (rsd && p.velocities()) {
                multipoles = redshiftSpace(p.full(), grid, in.redshift(), in.hubbleKmSPerMpcH());
                step.accept("redshift-space P0, P2 of " + name);
            }
            datasets.put(name, new Dataset(name, roles.get(name), auto, shot, x, MassFunction.measure(halos.get(name), edges),
                    seams.get(name), seamNotes.get(name), multipoles));
        }


        List<ValidationReport.Check> checks = new ArrayList<>();
        if (hr != null) {
            double kmax = spec.kFractionOfHrNyquist() * kNyqHr;
            Dataset h = datasets.get(ValidationReport.HR);
            double hrMass = particleMass.get(ValidationReport.HR);
            long hrHalos = count(halos.get(ValidationReport.HR), spec.haloMinHrParticles() * hrMass);
            for (Dataset d : datasets.values()) {
                if (d.role() == Dataset.Role.REFERENCE) {
                    continue;
                }
                checks.add(Checks.power(d, h, kmax, spec.powerTolerance()));
                checks.add(Checks.correlation(d, kNyqLr, spec.minCorrelation()));
                checks.add(Checks.haloCount(d, count(halos.get(d.name()), spec.haloMinHrParticles() * hrMass), hrHalos,
                        spec.haloMinHrParticles(), spec.haloCountTolerance()));
                checks.add(Checks.massFunctionBins(d, h));
                if (d.redshiftSpace() != null && h.redshiftSpace() != null) {
                    checks.add(Checks.monopole(d, h, kmax, spec.monopoleTolerance()));
                    checks.add(Checks.quadrupole(d, h, kmax, spec.quadrupoleTolerance()));
                }
            }
        }
        ValidationReport draft = new ValidationReport(in.names(), spec, kNyqLr, kNyqHr, datasets, slices, checks, Map.of());
        return new ValidationReport(in.names(), spec, kNyqLr, kNyqHr, datasets, slices, checks, Verdicts.of(draft));
    }

    /**
     * Redshift-space P₀ and P₂ of {@code p}, each the mean over the x, y and z axes as lines of
     * sight: three times the modes of one axis, and a box's own real-space anisotropy cancels
     * (Σ_i L₂(k̂_i) = 0 for every mode).
     */
    private PowerResult redshiftSpace(ParticleStream p, int grid, double z, double hubble) {
        double a = 1 / (1 + z);
        PowerResult sum = null;
        double[] p0 = null;
        double[] p2 = null;
        for (int los = 0; los < 3; los++) {
            PowerSpectrum est = new PowerSpectrum(power.spec().withLosAxis(los), fft, threads);
            PowerResult r = est.auto(est.paint(org.loupe.stats.RedshiftSpace.of(p, los, a, hubble), grid, Window.CIC, z, List.of()));
            if (sum == null) {
                sum = r;
                p0 = new double[r.size()];
                p2 = new double[r.size()];
            }
            for (int i = 0; i < r.size(); i++) {
                p0[i] += r.pk()[i] / 3;
                p2[i] += r.p2()[i] / 3;
            }
        }
        return new PowerResult(sum.meta(), sum.k(), p0, p2, new double[p0.length], sum.nmodes());
    }

    /** Halos of at least {@code minMass} (1e10 Msun/h). */
    static long count(HaloCatalogue c, double minMass) {
        long n = 0;
        for (double m : c.mass()) {
            if (m >= minMass * (1 - 1e-9)) {
                n++;
            }
        }
        return n;
    }

    /**
     * Bins of {@link #MASS_BIN_DEX} from {@code minParticles} reference particle masses up to the
     * heaviest halo of {@code sized} (the HR box when there is one), so two reports of one HR box
     * share their bins whatever SR boxes they hold.
     */
    static double[] massEdges(double particleMass, int minParticles, java.util.Collection<HaloCatalogue> sized) {
        double lo = Math.log10(minParticles * particleMass * 1e10);
        double max = minParticles * particleMass * 1e10 * 4;
        for (HaloCatalogue c : sized) {
            for (double m : c.mass()) {
                max = Math.max(max, m * 1e10);
            }
        }
        int bins = Math.max(3, Math.min(20, (int) Math.ceil((Math.log10(max) - lo) / MASS_BIN_DEX + 1e-9)));
        double[] edges = new double[bins + 1];
        for (int b = 0; b <= bins; b++) {
            edges[b] = lo + b * MASS_BIN_DEX;
        }
        // The heaviest halo must fall inside the half-open last bin.
        edges[bins] = Math.max(edges[bins], Math.log10(max) + 1e-6);
        return edges;
    }
}
