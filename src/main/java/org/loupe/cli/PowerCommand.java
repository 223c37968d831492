package org.loupe.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.loupe.ConfigException;
import org.loupe.FormatException;
import org.loupe.MemoryException;
import org.loupe.ShapeMismatchException;
import org.loupe.mesh.Grid;
import org.loupe.mesh.GridInfo;
import org.loupe.mesh.GridKind;
import org.loupe.mesh.JTransformsFft3d;
import org.loupe.mesh.SourceFile;
import org.loupe.mesh.Window;
import org.loupe.run.Provenance;
import org.loupe.run.RunConfig;
import org.loupe.run.Sha256;
import org.loupe.snapshot.GridFile;
import org.loupe.snapshot.ReadOptions;
import org.loupe.snapshot.ParticleMasses;
import org.loupe.snapshot.Snapshot;
import org.loupe.snapshot.SnapshotReader;
import org.loupe.stats.CrossPowerResult;
import org.loupe.stats.FoldedPower;
import org.loupe.stats.FourierDensity;
import org.loupe.stats.PowerMeta;
import org.loupe.stats.PowerResult;
import org.loupe.stats.PowerSpec;
import org.loupe.stats.PowerSpectrum;

/**
 * {@code loupe power}: P(k), P2(k), P4(k) of a snapshot or density grid file; with {@code --cross},
 * P1, P2, P12, r(k) and T(k) of two (docs/conventions.md, "Power spectrum"). Writes FILE.csv, FILE.json
 * and FILE.csv.manifest.json.
 */
@Command(name = "power", description = "Power spectrum and multipoles of a snapshot or density grid; with --cross,"
        + " cross power, r(k) and T(k) of two inputs.")
final class PowerCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "INPUT", description = "Snapshot (file, name.0.hdf5 or snapdir) or a density grid file from `loupe paint`.")
    Path input;

    @Option(names = "--cross", paramLabel = "INPUT2", description = "Second snapshot or grid: cross power, r = P12/sqrt(P1 P2), T = sqrt(P1/P2) (INPUT is field 1, the prediction).")
    Path second;

    @Option(names = "--grid", converter = Ranges.Positive.class, paramLabel = "N", description = "Mesh cells per side for painting snapshots (default: the grid file's size).")
    Integer grid;

    @Option(names = "--window", paramLabel = "W", description = "ngp | cic | tsc | pcs for painting snapshots (default: the grid file's, else cic).")
    String window;

    @Option(names = "--interlace", negatable = true, description = "Interlace painted snapshots (default on; --no-interlace reproduces Pylians' Pk_library.Pk). Grid files are used as painted.")
    Boolean interlace;

    @Option(names = "--axis", paramLabel = "x|y|z", defaultValue = "z", description = "Line of sight of the multipoles P2, P4 (default z).")
    String axis;

    @Option(names = "--bin-width", paramLabel = "W", defaultValue = "1", description = "Bin width in units of k_F = 2pi/L (default 1, as Pylians).")
    double binWidth;

    @Option(names = "--kmin", paramLabel = "K", defaultValue = "0", description = "Smallest reported bin (mean k), h/Mpc.")
    double kmin;

    @Option(names = "--kmax", paramLabel = "K", description = "Largest reported bin (mean k), h/Mpc (default: none, up to sqrt(3) k_Nyq).")
    Double kmax;

    @Option(names = "--nyquist-only", description = "Report bins only up to k_Nyq = pi N/L.")
    boolean nyquistOnly;

    @Option(names = "--fold", paramLabel = "F", converter = Ranges.Positive.class,
            description = "Also measure on meshes folded F, F^2, ... times (positions modulo L/F^j) to reach k beyond the mesh's"
                    + " Nyquist frequency with the same memory; the bins come from the unfolded mesh at low k (see README).")
    Integer fold;

    @Option(names = "--fold-levels", paramLabel = "J", defaultValue = "2", converter = Ranges.Positive.class,
            description = "Meshes measured with --fold: folded F^0 ... F^(J-1) times (default 2).")
    int foldLevels;

    /** A folded level's bins end at this fraction of its Nyquist frequency, where the next level takes over. */
    static final double FOLD_SWITCH = 0.5;

    @Option(names = "--subtract-shot-noise", description = "Subtract 1/nbar = L^3/N_particles from auto powers (it is always reported).")
    boolean subtractShotNoise;

    @Option(names = "--out", required = true, paramLabel = "FILE.csv", description = "CSV to write; FILE.json and FILE.csv.manifest.json go next to it.")
    Path out;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    /** One input: a snapshot to paint, or a density grid painted before. */
    private record Input(Path path, Snapshot snapshot, Grid grid) {

        double boxMpcH() {
            return grid != null ? grid.boxMpcH() : snapshot.header().boxMpcH();
        }
    }

    @Override
    public Integer call() {
        RunConfig rc = common.runConfig();
        ReadOptions opts = common.readOptions(rc).withoutVelocities();
        int threads = common.threads(rc);
        PowerSpec ps = powerSpec();
        List<Input> inputs = new ArrayList<>();
        inputs.add(open(input, opts));
        if (second != null) {
            inputs.add(open(second, opts));
            requireSameBox(inputs.get(0), inputs.get(1));
        }
        List<Path> read = new ArrayList<>();
        for (Input in : inputs) {
            read.addAll(in.snapshot() != null ? in.snapshot().header().files() : List.of(in.path()));
        }
        List<Path> written = new ArrayList<>(Outputs.withManifest(out));
        written.add(jsonPath(out));
        Outputs.guard(written, read);
        Grid first = inputs.stream().map(Input::grid).filter(Objects::nonNull).findFirst().orElse(null);
        int n = meshSize(inputs);
        if (fold != null && (fold < 2 || second != null || first != null || foldLevels < 2)) {
            throw new ConfigException(fold < 2 || foldLevels < 2 ? "--fold needs F >= 2 and --fold-levels >= 2 (got " + fold + ", "
                    + foldLevels + ")" : "--fold measures the auto power of a snapshot: drop --cross, and pass the snapshot,"
                    + " not a grid file");
        }
        if (fold != null && Math.pow(fold, foldLevels - 1) * n > 1e7) {
            throw new ConfigException("--fold " + fold + " --fold-levels " + foldLevels + " on a " + n + "^3 mesh reaches a mesh of "
                    + String.format(Locale.ROOT, "%.3g", Math.pow(fold, foldLevels - 1) * n) + " cells per side, far past any"
                    + " particle's resolution; use fewer levels or a smaller F");
        }
        long need = PowerSpectrum.heapBytes(n, inputs.size(), interlace == null || interlace);
        if (need > Runtime.getRuntime().maxMemory()) {
            throw new MemoryException(String.format(Locale.ROOT, "power on a %d^3 mesh needs about %.1f GB of Java heap (%.1f GB"
                    + " given): lower --grid (--fold F reaches the same k with a mesh F times smaller) or raise LOUPE_HEAP to %dg",
                    n, need / 1e9, Runtime.getRuntime().maxMemory() / 1e9, (need >> 30) + 1));
        }
        Input in0 = inputs.get(0);
        double box = in0.grid() != null ? in0.grid().boxMpcH() : in0.snapshot().header().boxMpcH();
        double kLow = 2 * Math.PI / box;
        double kHigh = (nyquistOnly ? 1 : Math.sqrt(3)) * Math.PI * n / box;
        if (kmin > kHigh || (kmax != null && kmax < kLow)) {
            throw new ConfigException(String.format(Locale.ROOT, "--kmin %s / --kmax %s leave no bins: on a %d^3 mesh of this"
                    + " %.4g Mpc/h box the bins span k = %.4g to %.4g h/Mpc", kmin, kmax, n, box, kLow, kHigh));
        }
        Window w = window != null ? Window.parse(window) : first != null && first.info().window() != null
                ? first.info().window() : Window.CIC;
        boolean inter = interlace != null ? interlace : first == null || first.info().interlaced();
        for (Input in : inputs) {
            if (in.grid() != null) {
                requireAsPainted(in, w, inter);
            }
        }
        ps = ps.withInterlace(inter);
        PowerSpectrum estimator = new PowerSpectrum(ps, new JTransformsFft3d(threads), threads);
        List<SourceFile> direct = new ArrayList<>();
        List<FourierDensity> fields = new ArrayList<>();
        FoldedPower folded = null;
        long wrapped = 0;
        for (Input in : inputs) {
            if (in.grid() != null) {
                List<SourceFile> self = Sha256.sources(List.of(in.path()));
                direct.addAll(self);
                fields.add(transform(estimator, in.grid(), self));
            } else if (fold != null) {
                // Painted while read, once per level and interlacing shift (docs: README "Power spectra").
                List<SourceFile> files = Sha256.sources(in.snapshot().header().files());
                direct.addAll(files);
                folded = estimator.folded(in.snapshot().stream(opts.particleType()), n, w, in.snapshot().header().redshift(),
                        files, fold, foldLevels, FOLD_SWITCH);
                wrapped += in.snapshot().wrappedCount();
            } else {
                List<SourceFile> files = Sha256.sources(in.snapshot().header().files());
                direct.addAll(files);
                // Painted while it is read: memory holds the mesh and a block of particles.
                fields.add(estimator.paint(in.snapshot().stream(opts.particleType()), n, w, in.snapshot().header().redshift(),
                        files));
                wrapped += in.snapshot().wrappedCount();
            }
        }
        Path json = jsonPath(out);
        String summary;
        if (folded != null) {
            folded.writeCsv(out);
            folded.writeJson(json);
            PowerResult r = folded.power();
            summary = describe(r.size(), r.k(), r.meta()) + String.format(Locale.ROOT, "; folded x%d over %d levels"
                    + " (meshes equivalent to %d^3)", fold, foldLevels, (long) (n * Math.pow(fold, foldLevels - 1)));
        } else if (fields.size() == 1) {
            PowerResult r = estimator.auto(fields.get(0));
            r.writeCsv(out);
            r.writeJson(json);
            summary = describe(r.size(), r.k(), r.meta());
        } else {
            CrossPowerResult r = estimator.cross(fields.get(0), fields.get(1));
            r.writeCsv(out);
            r.writeJson(json);
            summary = describe(r.size(), r.k(), r.first()) + "; cross with " + second;
        }
        Provenance prov = new Provenance("power", direct,
                settings(ps, n, w), null, "plain Java (no ND4J)");
        prov.write(out.resolveSibling(out.getFileName() + ".manifest.json"));
        spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s and %s: %s%s%n", out, json.getFileName(), summary,
                wrapped > 0 ? " (" + wrapped + " coordinates wrapped into the box)" : "");
        return 0;
    }

    /** The heap this command line needs (0 when a grid file sets the mesh), for {@link HeapPlan}. */
    long plannedHeapBytes() {
        return grid == null ? 0 : PowerSpectrum.heapBytes(grid, second == null ? 1 : 2, interlace == null || interlace);
    }

    private PowerSpec powerSpec() {
        return PowerSpec.defaults()
                .withBinWidth(binWidth)
                .withKRange(kmin, kmax != null ? kmax : Double.POSITIVE_INFINITY)
                .withNyquistOnly(nyquistOnly)
                .withSubtractShotNoise(subtractShotNoise)
                .withLosAxis(parseAxis(axis));
    }

    /** A grid file (recognised by its format attribute) or a snapshot; only headers are read here. */
    private static Input open(Path path, ReadOptions opts) {
        if (Files.isRegularFile(path) && GridFile.isGridFile(path)) {
            Grid g = GridFile.read(path);
            if (g.channels() != 1 || g.info().kind() != GridKind.DENSITY_CONTRAST) {
                throw new FormatException(path + ": is a " + g.info().kind().name().toLowerCase(Locale.ROOT) + " grid ("
                        + g.channels() + " channel(s)); power needs a density contrast: make one with"
                        + " `loupe paint SNAPSHOT --field density`");
            }
            return new Input(path, null, g);
        }
        Snapshot snap = SnapshotReader.open(path, opts);
        // Shot noise is reported as L^3/N: true for particles of one mass only.
        ParticleMasses.requireEqual(snap, opts.particleType(), "power", "its shot noise is L^3/N");
        return new Input(path, snap, null);
    }

    private static void requireSameBox(Input a, Input b) {
        double la = a.boxMpcH();
        double lb = b.boxMpcH();
        if (Math.abs(la - lb) > 1e-9 * Math.max(la, lb)) {
            throw new ShapeMismatchException(String.format(Locale.ROOT, "boxes differ: %s is %.6g Mpc/h, %s is %.6g Mpc/h;"
                    + " cross power needs two fields in the same box", a.path(), la, b.path(), lb));
        }
        if (a.grid() != null && b.grid() != null && a.grid().size() != b.grid().size()) {
            throw new ShapeMismatchException("grid sizes differ: " + a.path() + " is " + a.grid().size() + "^3, " + b.path()
                    + " is " + b.grid().size() + "^3; repaint one, or pass its snapshot with --grid");
        }
    }

    /** --grid, or the grid files' size (which --grid must then equal). */
    private int meshSize(List<Input> inputs) {
        Integer n = grid;
        for (Input in : inputs) {
            if (in.grid() == null) {
                continue;
            }
            if (n != null && n != in.grid().size()) {
                throw new ConfigException("--grid " + n + " but " + in.path() + " is a " + in.grid().size()
                        + "^3 grid; drop --grid or set it to " + in.grid().size());
            }
            n = in.grid().size();
        }
        if (n == null) {
            throw new ConfigException("power needs --grid N (cells per side) to paint " + input);
        }
        if (n < 2 || n > 1289) {
            throw new ConfigException("--grid must be between 2 and 1289 cells per side, got " + n);
        }
        return n;
    }

    /** A grid cannot be repainted: explicit settings that contradict how it was painted are errors. */
    private void requireAsPainted(Input in, Window w, boolean inter) {
        GridInfo info = in.grid().info();
        if (window != null && info.window() != w) {
            throw new ConfigException("--window " + window + " but " + in.path() + " was painted with "
                    + (info.window() == null ? "no window" : info.window().name()) + "; a grid cannot be repainted: drop"
                    + " --window or pass the snapshot");
        }
        if (interlace != null && info.interlaced() != inter) {
            throw new ConfigException((inter ? "--interlace" : "--no-interlace") + " but " + in.path() + " was painted "
                    + (info.interlaced() ? "with" : "without") + " interlacing; drop the option, repaint with `loupe paint"
                    + (inter ? " --interlace" : "") + "`, or pass the snapshot");
        }
    }

    /** The grid's transform; its sources become the grid file followed by what it was painted from. */
    private static FourierDensity transform(PowerSpectrum estimator, Grid g, List<SourceFile> self) {
        GridInfo i = g.info();
        List<SourceFile> sources = new ArrayList<>(self);
        sources.addAll(i.sources());
        Grid relabelled = new Grid(g.size(), 1, g.boxMpcH(), g.values(),
                new GridInfo(i.kind(), i.window(), i.interlaced(), i.redshift(), i.particleCount(), sources));
        return estimator.fourier(relabelled);
    }

    private static int parseAxis(String s) {
        switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "x":
            case "0":
                return 0;
            case "y":
            case "1":
                return 1;
            case "z":
            case "2":
                return 2;
            default:
                throw new ConfigException("unknown --axis '" + s + "': use x, y or z");
        }
    }

    /** FILE.csv → FILE.json; any other name gets .json appended. */
    static Path jsonPath(Path csv) {
        String name = csv.getFileName().toString();
        String base = name.toLowerCase(Locale.ROOT).endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        return csv.resolveSibling(base + ".json");
    }

    private Map<String, Object> settings(PowerSpec ps, int n, Window w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("input", input.toString());
        m.put("cross", second == null ? null : second.toString());
        m.put("grid", n);
        m.put("window", w.name());
        m.put("power", ps);
        if (fold != null) {
            m.put("fold", fold);
            m.put("foldLevels", foldLevels);
            m.put("foldSwitchFractionOfNyquist", FOLD_SWITCH);
        }
        return m;
    }

    private static String describe(int bins, double[] k, PowerMeta m) {
        String range = bins == 0 ? "no bins in range" : String.format(Locale.ROOT, "%d bins, k = %.4g to %.4g h/Mpc",
                bins, k[0], k[bins - 1]);
        String shot = m.particleCount() > 0 ? String.format(Locale.ROOT, ", shot noise 1/nbar = %.4g (Mpc/h)^3 (%s)",
                m.shotNoiseMpcH3(), m.shotNoiseSubtracted() ? "subtracted" : "not subtracted") : "";
        return String.format(Locale.ROOT, "%s; %d^3 %s%s%s", range, m.gridSize(),
                m.window() == null ? "unpainted" : m.window().name(), m.interlaced() ? " interlaced" : "", shot);
    }
}
