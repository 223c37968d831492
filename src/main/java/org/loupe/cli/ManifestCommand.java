package org.loupe.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.loupe.ConfigException;
import org.loupe.FormatException;
import org.loupe.LoupeException;
import org.loupe.cosmology.Cosmology;
import org.loupe.run.DataManifest;
import org.loupe.run.FileCosmology;
import org.loupe.run.ManifestBuilder;
import org.loupe.run.Sha256;
import org.loupe.snapshot.SnapshotHeader;
import org.loupe.snapshot.SnapshotReader;

/** {@code loupe manifest create|verify}: data manifests of LR/HR pairs (data-manifests/README.md). */
@Command(name = "manifest", description = "Create or verify a data manifest of LR/HR pairs.",
        subcommands = {ManifestCommand.Create.class, ManifestCommand.Verify.class})
final class ManifestCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Verifies existence, hashes and header consistency of every pair. */
    @Command(name = "verify", description = "Check every file's existence and sha256, and that each file holds the manifest's box, redshift, N, cosmology (Omega_m, Omega_L, h; sigma8, n_s, Omega_b and seed where /Parameters has them).")
    static final class Verify implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "FILE")
        Path file;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            DataManifest m = DataManifest.read(file);
            Path base = file.toAbsolutePath().getParent();
            List<String> problems = new ArrayList<>();
            for (DataManifest.Entry e : m.pairs()) {
                SnapshotHeader lr = check(base, e, e.lr(), m, problems);
                SnapshotHeader hr = check(base, e, e.hr(), m, problems);
                if (lr != null && hr != null) {
                    if (Math.abs(lr.boxMpcH() - hr.boxMpcH()) > 1e-6 * hr.boxMpcH()) {
                        problems.add(e.id() + ": LR box " + lr.boxMpcH() + " != HR box " + hr.boxMpcH());
                    }
                    if (e.hr().particlesPerSide() % e.lr().particlesPerSide() != 0) {
                        problems.add(e.id() + ": HR " + e.hr().particlesPerSide() + "^3 is not a multiple of LR " + e.lr().particlesPerSide() + "^3");
                    }
                }
            }
            var out = spec.commandLine().getOut();
            if (problems.isEmpty()) {
                out.printf(Locale.ROOT, "%s: %d entries verified (files present, sha256 match, LR/HR headers consistent)%n", file, m.pairs().size());
                return 0;
            }
            problems.forEach(p -> spec.commandLine().getErr().println("loupe: manifest: " + p));
            throw new FormatException(file + ": " + problems.size() + " problem(s) found (listed above); regenerate the data or the manifest");
        }

        private static SnapshotHeader check(Path base, DataManifest.Entry e, DataManifest.Member member, DataManifest m,
                                            List<String> problems) {
            Path f = base.resolve(member.path());
            if (!Files.isRegularFile(f)) {
                problems.add(e.id() + ": missing file " + f);
                return null;
            }
            String sha = Sha256.of(f);
            if (!sha.equals(member.sha256())) {
                problems.add(e.id() + ": " + f + " sha256 " + sha + " differs from the manifest's " + member.sha256());
            }
            try {
                SnapshotHeader h = SnapshotReader.open(f).header();
                long n3 = (long) member.particlesPerSide() * member.particlesPerSide() * member.particlesPerSide();
                if (h.count(1) != n3) {
                    problems.add(e.id() + ": " + f + " holds " + h.count(1) + " particles, not " + member.particlesPerSide() + "^3");
                }
                if (Math.abs(h.redshift() - e.redshift()) > 1e-6 * Math.max(1, e.redshift())) {
                    problems.add(e.id() + ": " + f + " is at z = " + h.redshift() + ", manifest says " + e.redshift());
                }
                if (Math.abs(h.boxMpcH() - m.boxMpcH()) > 1e-6 * m.boxMpcH()) {
                    problems.add(e.id() + ": " + f + " box " + h.boxMpcH() + " != manifest box " + m.boxMpcH());
                }
                Cosmology c = m.cosmology();
                FileCosmology fc = FileCosmology.of(f, h);
                if (c != null) {
                    for (String d : fc.differences(c)) {
                        problems.add(e.id() + ": " + f + " cosmology differs: " + d);
                    }
                }
                if (fc.seed() >= 0 && fc.seed() != e.seed()) {
                    problems.add(e.id() + ": " + f + " has /Parameters/Seed " + fc.seed() + ", the manifest says seed " + e.seed());
                }
                return h;
            } catch (LoupeException ex) {
                problems.add(e.id() + ": " + ex.getMessage());
                return null;
            }
        }
    }

    /** Makes a manifest from named pairs, or from folders laid out as loupe simulate writes them. */
    @Command(name = "create", description = {
            "Make a data manifest of LR/HR pairs, recording what the files hold (box, z, N, cosmology and seed from /Parameters).",
            "Either name each pair: --pair ID=LR,HR[,train|validation|test] (repeatable; split default train) with --out FILE,",
            "or give DIR laid out as loupe simulate writes it (DIR/<pair>/lr_zZ.hdf5 + hr_zZ.hdf5; splits by sorted folder name:",
            "the last --test pairs are test, the --validation before them validation, the rest train) -> DIR/data-manifest.yaml."})
    static final class Create implements Callable<Integer> {

        private static final Pattern LR = Pattern.compile("lr_z([0-9.]+)\\.hdf5");
        private static final List<String> SPLITS = List.of("train", "validation", "test");

        @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "Folder of <pair>/lr_zZ.hdf5 + hr_zZ.hdf5 (instead of --pair).")
        Path dir;

        @Option(names = "--pair", paramLabel = "ID=LR,HR[,SPLIT]",
                description = "A pair: id, LR and HR snapshot paths, and optionally its split (train, validation or test; default train). Repeatable.")
        List<String> pairs = new ArrayList<>();

        @Option(names = "--out", paramLabel = "FILE", description = "Manifest to write (default DIR/data-manifest.yaml; required with --pair). Paths in it are relative to its folder.")
        Path outFile;

        @Option(names = "--validation", defaultValue = "0", description = "DIR only: pairs (last but test) in the validation split.")
        int validation;

        @Option(names = "--test", defaultValue = "1", description = "DIR only: pairs (last ones) in the test split (default 1).")
        int test;

        @Option(names = "--sigma8", paramLabel = "S", description = "sigma8, for files without /Parameters/Sigma8.")
        Double sigma8;

        @Option(names = "--ns", paramLabel = "N", description = "n_s, for files without /Parameters/PrimordialIndex.")
        Double ns;

        @Option(names = "--omega-b", paramLabel = "B", description = "Omega_b, for files without /Parameters/OmegaBaryon.")
        Double omegaB;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            if (validation < 0 || test < 0) {
                throw new ConfigException((validation < 0 ? "--validation " + validation : "--test " + test)
                        + " is not a number of pairs; give 0 or more");
            }
            if ((dir == null) == pairs.isEmpty()) {
                throw new ConfigException("manifest create: give either DIR or --pair ID=LR,HR[,SPLIT] (one or more), not "
                        + (dir == null ? "neither" : "both"));
            }
            if (outFile == null && dir == null) {
                throw new ConfigException("manifest create --pair needs --out FILE (e.g. --out my-pairs.yaml)");
            }
            List<ManifestBuilder.Source> sources = dir != null ? fromFolder() : fromPairs();
            Path out = outFile != null ? outFile : dir.resolve("data-manifest.yaml");
            List<Path> inputs = new ArrayList<>();
            sources.forEach(s -> inputs.addAll(List.of(s.lr(), s.hr())));
            Outputs.guard(List.of(out), inputs);
            Path parent = out.toAbsolutePath().getParent();
            String name = dir != null ? dir.toAbsolutePath().normalize().getFileName().toString()
                    : out.getFileName().toString().replaceFirst("\\.ya?ml$", "");
            DataManifest m = ManifestBuilder.build(name, out, sources, new ManifestBuilder.Overrides(sigma8, ns, omegaB));
            Files.createDirectories(parent);
            m.write(out);
            var console = spec.commandLine().getOut();
            console.printf(Locale.ROOT, "wrote %s: %d entries (%d train, %d validation, %d test)%n", out, m.pairs().size(),
                    m.split("train").size(), m.split("validation").size(), m.split("test").size());
            Cosmology c = m.cosmology();
            console.printf(Locale.ROOT, "box %s Mpc/h; Omega_m %s, Omega_L %s, h %s, sigma8 %s, n_s %s, Omega_b %s%n",
                    FileCosmology.num(m.boxMpcH()), FileCosmology.num(c.omegaM()), FileCosmology.num(c.omegaLambda()), FileCosmology.num(c.h()), FileCosmology.num(c.sigma8()), FileCosmology.num(c.ns()), FileCosmology.num(c.omegaB()));
            for (DataManifest.Entry e : m.pairs()) {
                console.printf(Locale.ROOT, "  %s %-10s z = %s  %d^3 -> %d^3  seed %d%n", e.id(), e.split(), FileCosmology.num(e.redshift()),
                        e.lr().particlesPerSide(), e.hr().particlesPerSide(), e.seed());
            }
            return 0;
        }

        private List<ManifestBuilder.Source> fromPairs() {
            List<ManifestBuilder.Source> out = new ArrayList<>();
            java.util.Set<String> ids = new java.util.HashSet<>();
            for (String p : pairs) {
                int eq = p.indexOf('=');
                String[] parts = eq < 0 ? new String[0] : p.substring(eq + 1).split(",", -1);
                if (eq <= 0 || parts.length < 2 || parts.length > 3 || parts[0].isBlank() || parts[1].isBlank()) {
                    throw new ConfigException("--pair " + p + ": write ID=LR,HR or ID=LR,HR,SPLIT"
                            + " (e.g. --pair A=run_N032/snapshot_004.hdf5,run_N064/snapshot_004.hdf5,train)");
                }
                String id = p.substring(0, eq);
                String split = parts.length == 3 ? parts[2] : "train";
                if (!SPLITS.contains(split)) {
                    throw new ConfigException("--pair " + p + ": split '" + split + "' is not train, validation or test");
                }
                if (!ids.add(id)) {
                    throw new ConfigException("--pair " + p + ": pair id " + id + " is given twice; ids must be unique");
                }
                out.add(new ManifestBuilder.Source(id, Path.of(parts[0]), Path.of(parts[1]), split));
            }
            return out;
        }

        private List<ManifestBuilder.Source> fromFolder() throws IOException {
            if (!Files.isDirectory(dir)) {
                throw new FormatException(dir + ": not a folder; give a folder of <pair>/lr_zZ.hdf5 + hr_zZ.hdf5, or name pairs with --pair");
            }
            List<Path> pairDirs;
            try (Stream<Path> s = Files.list(dir)) {
                pairDirs = s.filter(Files::isDirectory).sorted().toList();
            }
            if (pairDirs.size() < validation + test + 1) {
                throw new ConfigException(dir + ": found " + pairDirs.size() + " pair folders; need more than --validation + --test");
            }
            List<ManifestBuilder.Source> out = new ArrayList<>();
            for (int i = 0; i < pairDirs.size(); i++) {
                Path pd = pairDirs.get(i);
                String split = i >= pairDirs.size() - test ? "test" : i >= pairDirs.size() - test - validation ? "validation" : "train";
                try (Stream<Path> s = Files.list(pd)) {
                    for (Path lr : s.sorted().toList()) {
                        Matcher mt = LR.matcher(lr.getFileName().toString());
                        if (!mt.matches()) {
                            continue;
                        }
                        Path hr = pd.resolve("hr_z" + mt.group(1) + ".hdf5");
                        if (!Files.isRegularFile(hr)) {
                            throw new FormatException(lr + " has no HR partner " + hr.getFileName() + "; every lr_zZ.hdf5 needs hr_zZ.hdf5");
                        }
                        out.add(new ManifestBuilder.Source(pd.getFileName().toString(), lr, hr, split));
                    }
                }
            }
            if (out.isEmpty()) {
                throw new FormatException(dir + ": no <pair>/lr_zZ.hdf5 files found; name pairs with --pair ID=LR,HR[,SPLIT] instead");
            }
            return out;
        }
    }
}
