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
    @Command(name = "verify", description = "Check every file's existence and sha256, and that LR and HR agree (box, redshift, cosmology, N).")
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
                if (c != null && (Math.abs(h.omegaM() - c.omegaM()) > 1e-6 || Math.abs(h.hubble() - c.h()) > 1e-6)) {
                    problems.add(e.id() + ": " + f + " cosmology (Om " + h.omegaM() + ", h " + h.hubble() + ") differs from the manifest's");
                }
                return h;
            } catch (LoupeException ex) {
                problems.add(e.id() + ": " + ex.getMessage());
                return null;
            }
        }
    }

    /** Discovers pairs laid out as loupe simulate writes them and hashes them. */
    @Command(name = "create", description = "Make DIR/data-manifest.yaml from DIR/<pair>/lr_z*.hdf5 + hr_z*.hdf5 (the layout loupe simulate writes).")
    static final class Create implements Callable<Integer> {

        private static final Pattern LR = Pattern.compile("lr_z([0-9.]+)\\.hdf5");

        @Parameters(index = "0", paramLabel = "DIR")
        Path dir;

        @Option(names = "--validation", defaultValue = "0", description = "Pairs (last but test) in the validation split.")
        int validation;

        @Option(names = "--test", defaultValue = "1", description = "Pairs (last ones) in the test split (default 1).")
        int test;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            List<Path> pairDirs;
            try (Stream<Path> s = Files.list(dir)) {
                pairDirs = s.filter(Files::isDirectory).sorted().toList();
            }
            if (pairDirs.size() < validation + test + 1) {
                throw new ConfigException(dir + ": found " + pairDirs.size() + " pair folders; need more than --validation + --test");
            }
            List<DataManifest.Entry> entries = new ArrayList<>();
            SnapshotHeader first = null;
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
                        SnapshotHeader hl = SnapshotReader.open(lr).header();
                        SnapshotHeader hh = SnapshotReader.open(hr).header();
                        first = first == null ? hl : first;
                        entries.add(new DataManifest.Entry(pd.getFileName().toString(), split, 0, hl.redshift(),
                                member(dir, lr, hl), member(dir, hr, hh)));
                    }
                }
            }
            if (first == null) {
                throw new FormatException(dir + ": no <pair>/lr_zZ.hdf5 files found");
            }
            Cosmology c = new Cosmology(first.omegaM(), first.omegaLambda(), 0.0, first.hubble(), 0.8, 0.96, 0);
            Path out = dir.resolve("data-manifest.yaml");
            new DataManifest(dir.getFileName().toString(), first.boxMpcH(), c, entries).write(out);
            spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s: %d entries%n", out, entries.size());
            return 0;
        }

        private static DataManifest.Member member(Path dir, Path f, SnapshotHeader h) {
            return new DataManifest.Member(dir.relativize(f).toString(), Sha256.of(f), (int) Math.round(Math.cbrt(h.count(1))));
        }
    }
}
