package org.loupe.snapshot;

import java.nio.file.Path;
import java.util.List;

import io.jhdf.HdfFile;
import io.jhdf.api.Group;
import io.jhdf.api.Node;

import org.loupe.FormatException;

/**
 * Turns the first file's /Header (plus /Parameters for GADGET-4 and AREPO, /Cosmology and /Units
 * for SWIFT) into a {@link SnapshotHeader} in internal units (docs/conventions.md).
 */
final class HeaderParser {

    /** GADGET's default length unit: kpc/h. */
    private static final double KPC_CM = 3.085678e21;

    private HeaderParser() {
    }

    /** Negative redshifts this close to 0 are the round-off of z = 1/a − 1 at a = 1. */
    static final double ROUND_OFF_Z = 1e-9;

    static SnapshotHeader parse(HdfFile hdf, Path file, ReadOptions options) {
        Group header = group(hdf, "Header");
        if (header == null) {
            throw new FormatException(file + ": no /Header group, so this is not a GADGET, AREPO or SWIFT HDF5 snapshot");
        }
        Group params = group(hdf, "Parameters");
        Group cosmology = group(hdf, "Cosmology");
        Group units = group(hdf, "Units");
        SnapshotFormat format = detectFormat(hdf, header, params, cosmology, units);

        double fileCountValue = Attributes.scalarOr(header, "NumFilesPerSnapshot", 1, file);
        if (!(fileCountValue >= 1) || fileCountValue != Math.rint(fileCountValue) || fileCountValue > Integer.MAX_VALUE) {
            throw implausible(file, "NumFilesPerSnapshot", fileCountValue, "must be a whole number of at least 1");
        }
        int fileCount = (int) fileCountValue;
        List<Path> files = SnapshotFiles.members(file, fileCount);

        long[] total = Attributes.longs(header, "NumPart_Total", file);
        requireNonNegative(total, "NumPart_Total", file);
        if (Attributes.has(header, "NumPart_ThisFile")) {
            requireNonNegative(Attributes.longs(header, "NumPart_ThisFile", file), "NumPart_ThisFile", file);
        }
        if (Attributes.has(header, "NumPart_Total_HighWord")) {
            long[] high = Attributes.longs(header, "NumPart_Total_HighWord", file);
            for (int t = 0; t < Math.min(total.length, high.length); t++) {
                total[t] += high[t] << 32;
            }
            requireNonNegative(total, "NumPart_Total_HighWord", file);
        }
        double hubble = first(file, Double.NaN, new Node[] {header, params, cosmology},
                new String[] {"HubbleParam", "HubbleParam", "h"});
        double omegaM = first(file, Double.NaN, new Node[] {header, params, cosmology},
                new String[] {"Omega0", "Omega0", "Omega_m"});
        double omegaL = first(file, Double.NaN, new Node[] {header, params, cosmology},
                new String[] {"OmegaLambda", "OmegaLambda", "Omega_lambda"});

        Node[] cosmoNodes = {header, params, cosmology};
        if (present(cosmoNodes, new String[] {"HubbleParam", "HubbleParam", "h"}) && !(hubble > 0 && hubble < 100)) {
            throw implausible(file, "HubbleParam", hubble, "must be a positive number (h, e.g. 0.68)");
        }
        if (present(cosmoNodes, new String[] {"Omega0", "Omega0", "Omega_m"}) && !(omegaM > 0 && omegaM < 100)) {
            throw implausible(file, "Omega0", omegaM, "must be a positive number (Omega_m, e.g. 0.31)");
        }
        if (!Double.isFinite(omegaL) && present(cosmoNodes, new String[] {"OmegaLambda", "OmegaLambda", "Omega_lambda"})) {
            throw implausible(file, "OmegaLambda", omegaL, "must be a finite number");
        }

        UnitSystem unitSystem = format == SnapshotFormat.SWIFT
                ? swiftUnits(units, hubble, file)
                : gadgetUnits(header, params, file);
        if (Double.isNaN(options.lengthUnitCm()) && !(unitSystem.lengthUnitCm() > 0 && Double.isFinite(unitSystem.lengthUnitCm()))) {
            throw implausible(file, format == SnapshotFormat.SWIFT ? "Units/Unit length in cgs (U_L)" : "UnitLength_in_cm",
                    unitSystem.lengthUnitCm(), "must be a positive length in cm (kpc = 3.085678e21), or set snapshot.lengthUnitCm in a config");
        }
        if (!(unitSystem.velocityUnitCmS() > 0 && Double.isFinite(unitSystem.velocityUnitCmS()))) {
            throw implausible(file, format == SnapshotFormat.SWIFT ? "Units (U_L / U_t)" : "UnitVelocity_in_cm_per_s",
                    unitSystem.velocityUnitCmS(), "must be a positive velocity in cm/s (km/s = 1e5)");
        }
        if (!(unitSystem.massUnitG() > 0 && Double.isFinite(unitSystem.massUnitG()))) {
            throw implausible(file, format == SnapshotFormat.SWIFT ? "Units/Unit mass in cgs (U_M)" : "UnitMass_in_g",
                    unitSystem.massUnitG(), "must be a positive mass in g (1e10 Msun = 1.989e43)");
        }
        if (!Double.isNaN(options.lengthUnitCm())) {
            unitSystem = new UnitSystem(options.lengthUnitCm(), unitSystem.hFree(), hubble, unitSystem.velocityUnitCmS(),
                    unitSystem.massUnitG(), unitSystem.velocityConvention());
        }
        if (options.velocityConvention() != null) {
            unitSystem = new UnitSystem(unitSystem.lengthUnitCm(), unitSystem.hFree(), hubble, unitSystem.velocityUnitCmS(),
                    unitSystem.massUnitG(), options.velocityConvention());
        }
        if (unitSystem.hFree() && Double.isNaN(hubble)) {
            throw new FormatException(file + ": quantities are h-free but the file gives no h (Cosmology/h); "
                    + "set the length unit explicitly in the config");
        }

        double redshift = format == SnapshotFormat.SWIFT
                ? first(file, Double.NaN, new Node[] {cosmology, header}, new String[] {"Redshift", "Redshift"})
                : Attributes.scalar(header, "Redshift", file);
        double a = format == SnapshotFormat.SWIFT
                ? first(file, 1.0 / (1.0 + redshift), new Node[] {cosmology, header}, new String[] {"Scale-factor", "Scale-factor"})
                : Attributes.scalar(header, "Time", file);

        if (redshift < 0 && redshift > -ROUND_OFF_Z) {
            // 1/a - 1 of a = 1 computed in floating point: z = -2.2e-16 is z = 0, not a corrupt header.
            redshift = 0.0;
        }
        if (!(redshift >= 0) || Double.isInfinite(redshift)) {
            throw implausible(file, "Redshift", redshift, "must be a finite number >= 0");
        }
        double expectedA = 1.0 / (1.0 + redshift);
        if (!(Math.abs(a - expectedA) <= 1e-3 * expectedA)) {
            throw new FormatException(String.format(java.util.Locale.ROOT, "%s: Header/%s = %s does not match Redshift = %s"
                    + " (a = 1/(1+z) = %.6g); the header is inconsistent: fix or regenerate the file", file,
                    format == SnapshotFormat.SWIFT ? "Scale-factor" : "Time", a, redshift, expectedA));
        }

        double[] boxArr = Attributes.doubles(header, "BoxSize", file);
        for (double b : boxArr) {
            if (Math.abs(b - boxArr[0]) > 1e-9 * Math.abs(boxArr[0])) {
                throw new FormatException(file + ": BoxSize " + java.util.Arrays.toString(boxArr)
                        + " is not cubic; Loupe needs a periodic cube");
            }
        }
        double box = boxArr[0] * unitSystem.lengthToMpcH();
        if (!(box > 0) || Double.isInfinite(box)) {
            throw new FormatException(file + ": BoxSize " + boxArr[0] + " is not a positive number");
        }
        double[] massTable = Attributes.has(header, "MassTable") ? Attributes.doubles(header, "MassTable", file) : new double[total.length];
        for (int t = 0; t < massTable.length; t++) {
            massTable[t] *= unitSystem.massTo1e10MsunH();
        }
        return new SnapshotHeader(format, files, total, box, redshift, a, omegaM, omegaL, hubble, massTable, unitSystem);
    }

    private static SnapshotFormat detectFormat(HdfFile hdf, Group header, Group params, Group cosmology, Group units) {
        if (cosmology != null || (units != null && Attributes.has(units, "Unit length in cgs (U_L)"))
                || Attributes.has(header, "Dimension") && group(hdf, "SubgridScheme") != null) {
            return SnapshotFormat.SWIFT;
        }
        Group config = group(hdf, "Config");
        // Both GADGET-4 and AREPO write Git_commit, /Config and /Parameters; GADGET-4 alone records
        // NTYPES as a compile option and GravityConstantInternal as a parameter.
        if (Attributes.has(config, "NTYPES") || Attributes.has(params, "GravityConstantInternal")) {
            return SnapshotFormat.GADGET4;
        }
        if (config != null || Attributes.has(header, "Composition_vector_length") || Attributes.has(header, "Git_commit")) {
            return SnapshotFormat.AREPO;
        }
        return SnapshotFormat.GADGET;
    }

    private static UnitSystem gadgetUnits(Group header, Group params, Path file) {
        double length = first(file, KPC_CM, new Node[] {header, params}, new String[] {"UnitLength_in_cm", "UnitLength_in_cm"});
        double vel = first(file, 1e5, new Node[] {header, params}, new String[] {"UnitVelocity_in_cm_per_s", "UnitVelocity_in_cm_per_s"});
        double mass = first(file, UnitSystem.MASS_1E10_MSUN_G, new Node[] {header, params}, new String[] {"UnitMass_in_g", "UnitMass_in_g"});
        return new UnitSystem(length, false, Double.NaN, vel, mass, VelocityConvention.SQRT_A);
    }

    private static UnitSystem swiftUnits(Group units, double hubble, Path file) {
        if (units == null) {
            throw new FormatException(file + ": SWIFT snapshot without a /Units group; cannot tell its units");
        }
        double length = Attributes.scalar(units, "Unit length in cgs (U_L)", file);
        double mass = Attributes.scalar(units, "Unit mass in cgs (U_M)", file);
        double time = Attributes.scalar(units, "Unit time in cgs (U_t)", file);
        return new UnitSystem(length, true, hubble, length / time, mass, VelocityConvention.PECULIAR);
    }

    private static FormatException implausible(Path file, String attribute, double value, String rule) {
        return new FormatException(file + ": header attribute " + attribute + " = " + value + " is implausible (" + rule
                + "); the file is corrupt or not a cosmological snapshot: fix or regenerate it");
    }

    private static void requireNonNegative(long[] values, String attribute, Path file) {
        for (long v : values) {
            if (v < 0) {
                throw new FormatException(file + ": header attribute " + attribute + " = " + java.util.Arrays.toString(values)
                        + " has a negative particle count; the file is corrupt: regenerate it");
            }
        }
    }

    /** Whether any of the named attributes exists on its node. */
    private static boolean present(Node[] nodes, String[] names) {
        for (int i = 0; i < nodes.length; i++) {
            if (nodes[i] != null && Attributes.has(nodes[i], names[i])) {
                return true;
            }
        }
        return false;
    }

    /** Header attributes that every member of a multi-file snapshot must share with the first. */
    private static final String[] SHARED_KEYS = {"BoxSize", "Redshift", "Time", "MassTable", "NumPart_Total",
        "NumPart_Total_HighWord", "NumFilesPerSnapshot", "Omega0", "OmegaLambda", "HubbleParam"};

    /**
     * Stops when a member of a multi-file snapshot has another value than the first member for
     * one of {@link #SHARED_KEYS}: it belongs to another snapshot, and would be read with the first
     * member's header.
     */
    static void requireMembersAgree(List<Path> files) {
        if (files.size() < 2) {
            return;
        }
        Path first = files.get(0);
        java.util.Map<String, double[]> reference = sharedValues(first);
        for (Path member : files.subList(1, files.size())) {
            java.util.Map<String, double[]> values = sharedValues(member);
            for (String key : SHARED_KEYS) {
                double[] r = reference.get(key);
                double[] v = values.get(key);
                if (!agree(r, v)) {
                    throw new FormatException(member + ": header " + key + " = " + describe(v) + " differs from "
                            + describe(r) + " in " + first + "; the members of a multi-file snapshot must come from the"
                            + " same snapshot: replace the member file");
                }
            }
        }
    }

    private static java.util.Map<String, double[]> sharedValues(Path file) {
        try (HdfFile hdf = SnapshotReader.openHdf(file)) {
            Group header = group(hdf, "Header");
            if (header == null) {
                throw new FormatException(file + ": no /Header group; this member file is not a snapshot");
            }
            java.util.Map<String, double[]> out = new java.util.HashMap<>();
            for (String key : SHARED_KEYS) {
                if (Attributes.has(header, key)) {
                    out.put(key, Attributes.doubles(header, key, file));
                }
            }
            return out;
        } catch (io.jhdf.exceptions.HdfException e) {
            throw SnapshotReader.unreadable(file, e);
        }
    }

    private static boolean agree(double[] a, double[] b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (Double.compare(a[i], b[i]) != 0 && !(Math.abs(a[i] - b[i]) <= 1e-9 * Math.max(Math.abs(a[i]), Math.abs(b[i])))) {
                return false;
            }
        }
        return true;
    }

    private static String describe(double[] v) {
        if (v == null) {
            return "(absent)";
        }
        return v.length == 1 ? String.valueOf(v[0]) : java.util.Arrays.toString(v);
    }

    /** The first of the named attributes that exists on its node, else {@code fallback}. */
    private static double first(Path file, double fallback, Node[] nodes, String[] names) {
        for (int i = 0; i < nodes.length; i++) {
            if (nodes[i] != null && Attributes.has(nodes[i], names[i])) {
                return Attributes.scalar(nodes[i], names[i], file);
            }
        }
        return fallback;
    }

    static Group group(Group parent, String name) {
        Node n = parent.getChildren().get(name);
        return n instanceof Group g ? g : null;
    }
}
