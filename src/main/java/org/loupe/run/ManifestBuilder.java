package org.loupe.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.loupe.ConfigException;
import org.loupe.ShapeMismatchException;
import org.loupe.cosmology.Cosmology;
import org.loupe.snapshot.SnapshotHeader;
import org.loupe.snapshot.SnapshotReader;

/**
 * Makes a data manifest from LR/HR file pairs: hashes every file and records what the files hold
 * (box, z rounded to 1e-6, N, cosmology and IC seed from /Parameters), so that {@code verify} and
 * training compare against the data rather than against defaults.
 */
public final class ManifestBuilder {

    /** Redshifts are stored rounded: GADGET-4 writes z = 2.2e-16 for z = 0. */
    private static final double Z_ROUND = 1e6;

    /**
     * One pair as the user names it.
     *
     * @param id pair id
     * @param lr LR snapshot
     * @param hr HR snapshot
     * @param split train, validation or test
     */
    public record Source(String id, Path lr, Path hr, String split) {
    }

    /**
     * Values the files may not hold (snapshots without GADGET-4's /Parameters); null when not given.
     *
     * @param sigma8 σ8
     * @param ns n_s
     * @param omegaB Ω_b
     */
    public record Overrides(Double sigma8, Double ns, Double omegaB) {
    }

    private ManifestBuilder() {
    }

    /**
     * @param name data set name
     * @param manifestFile where the manifest will be written (paths are stored relative to its folder)
     */
    public static DataManifest build(String name, Path manifestFile, List<Source> sources, Overrides given) {
        Path base = manifestFile.toAbsolutePath().normalize().getParent();
        List<DataManifest.Entry> entries = new ArrayList<>();
        FileCosmology first = null;
        Path firstFile = null;
        double box = Double.NaN;
        for (Source s : sources) {
            SnapshotHeader hl = SnapshotReader.open(s.lr()).header();
            SnapshotHeader hh = SnapshotReader.open(s.hr()).header();
            FileCosmology cl = FileCosmology.of(s.lr(), hl);
            FileCosmology ch = FileCosmology.of(s.hr(), hh);
            if (Math.abs(hl.boxMpcH() - hh.boxMpcH()) > 1e-6 * hh.boxMpcH()) {
                throw new ShapeMismatchException(s.lr() + " (box " + hl.boxMpcH() + " Mpc/h) and " + s.hr() + " (box " + hh.boxMpcH()
                        + " Mpc/h) are not one universe; pair " + s.id() + " needs LR and HR of the same box");
            }
            if (Math.abs(hl.redshift() - hh.redshift()) > 1e-4 * Math.max(1, hh.redshift())) {
                throw new ShapeMismatchException(String.format(Locale.ROOT, "%s (z = %.4f) and %s (z = %.4f) are at different redshifts;"
                        + " pair %s needs LR and HR snapshots of the same output", s.lr(), hl.redshift(), s.hr(), hh.redshift(), s.id()));
            }
            requireCoarserLr(s, hl, hh);
            if (cl.seed() >= 0 && ch.seed() >= 0 && cl.seed() != ch.seed()) {
                throw new ShapeMismatchException(s.lr() + " (Seed " + cl.seed() + ") and " + s.hr() + " (Seed " + ch.seed()
                        + ") come from different initial conditions; pair " + s.id() + " needs one universe at two resolutions");
            }
            if (first == null) {
                first = cl;
                firstFile = s.lr();
                box = hl.boxMpcH();
            } else {
                if (Math.abs(hl.boxMpcH() - box) > 1e-6 * box) {
                    throw new ShapeMismatchException(s.lr() + " (box " + hl.boxMpcH() + " Mpc/h) and " + firstFile + " (box " + box
                            + " Mpc/h) differ; one manifest holds one box size");
                }
            }
            for (var pair : List.of(new Object[] {s.lr(), cl}, new Object[] {s.hr(), ch})) {
                List<String> d = sameUniverse(first, (FileCosmology) pair[1]);
                if (!d.isEmpty()) {
                    throw new ShapeMismatchException(pair[0] + " and " + firstFile + " differ in cosmology (" + String.join(", ", d)
                            + "); one manifest holds one cosmology: make one manifest per cosmology");
                }
            }
            double z = Math.round(hl.redshift() * Z_ROUND) / Z_ROUND + 0.0;
            entries.add(new DataManifest.Entry(s.id(), s.split(), Math.max(0, cl.seed()), z,
                    member(base, s.lr(), hl), member(base, s.hr(), hh)));
        }
        if (first == null) {
            throw new ConfigException(manifestFile + ": no pairs given; name them with --pair ID=LR,HR[,SPLIT]");
        }
        List<String> missing = new ArrayList<>();
        double sigma8 = pick(first.sigma8(), given.sigma8(), "Sigma8", "--sigma8 S", firstFile, missing);
        double ns = pick(first.ns(), given.ns(), "PrimordialIndex", "--ns N", firstFile, missing);
        double omegaB = pick(first.omegaB(), given.omegaB(), "OmegaBaryon", "--omega-b B", firstFile, missing);
        if (!missing.isEmpty()) {
            throw new ConfigException(firstFile + " does not record " + String.join(", ", missing.stream().map(m -> m.split(" ")[0]).toList())
                    + " in /Parameters; give " + String.join(" ", missing.stream().map(m -> m.substring(m.indexOf(' ') + 1)).toList()));
        }
        Cosmology c = new Cosmology(first.omegaM(), first.omegaLambda(), omegaB, first.h(), sigma8, ns, 0);
        return new DataManifest(name, box, c, entries);
    }

    /** The file's value; else the option's; an option that contradicts the file is an error; neither: noted in {@code missing}. */
    /**
     * LR must hold fewer particles than HR: the same file twice, or LR and HR swapped, would make
     * a pair the network learns nothing (or the inverse) from, and train then advises scale 0.
     */
    private static void requireCoarserLr(Source s, SnapshotHeader hl, SnapshotHeader hh) {
        long nl = hl.count(1);
        long nh = hh.count(1);
        if (nl < nh) {
            return;
        }
        String what = s.lr().toAbsolutePath().normalize().equals(s.hr().toAbsolutePath().normalize()) ? "are the same file"
                : nl == nh ? "have the same resolution (" + nl + " particles)"
                : "are swapped (LR " + nl + " particles, HR " + nh + ")";
        throw new ShapeMismatchException("pair " + s.id() + ": LR " + s.lr() + " and HR " + s.hr() + " " + what
                + "; a pair is LR first, then an HR run of the same universe with more particles: --pair ID=LR,HR");
    }

    private static double pick(double inFile, Double option, String attribute, String flag, Path file, List<String> missing) {
        if (!Double.isNaN(inFile)) {
            if (option != null && Math.abs(option - inFile) > FileCosmology.TOLERANCE * Math.max(1, Math.abs(inFile))) {
                String name = flag.split(" ")[0];
                throw new ConfigException(name + " " + FileCosmology.num(option) + " contradicts " + file + " (/Parameters/" + attribute
                        + " = " + FileCosmology.num(inFile) + "); leave " + name + " out, the file's value is used");
            }
            return inFile;
        }
        if (option == null) {
            missing.add(attribute + " " + flag);
            return 1;
        }
        return option;
    }

    private static List<String> sameUniverse(FileCosmology a, FileCosmology b) {
        Cosmology ref = new Cosmology(a.omegaM(), a.omegaLambda(), nanTo(a.omegaB(), 0), a.h(), nanTo(a.sigma8(), 1),
                nanTo(a.ns(), 1), 0);
        FileCosmology bb = new FileCosmology(b.omegaM(), b.omegaLambda(), b.h(), Double.isNaN(a.sigma8()) ? Double.NaN : b.sigma8(),
                Double.isNaN(a.ns()) ? Double.NaN : b.ns(), Double.isNaN(a.omegaB()) ? Double.NaN : b.omegaB(), b.seed());
        return bb.differences(ref);
    }

    private static double nanTo(double v, double fallback) {
        return Double.isNaN(v) ? fallback : v;
    }

    private static DataManifest.Member member(Path base, Path f, SnapshotHeader h) {
        Path abs = f.toAbsolutePath().normalize();
        return new DataManifest.Member(base.relativize(abs).toString(), Sha256.of(f), (int) Math.round(Math.cbrt(h.count(1))));
    }
}
