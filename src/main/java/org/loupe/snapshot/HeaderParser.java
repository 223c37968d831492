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

    static SnapshotHeader parse(HdfFile hdf, Path file, ReadOptions options) {
        Group header = group(hdf, "Header");
        if (header == null) {
            throw new FormatException(file + ": no /Header group, so this is not a GADGET, AREPO or SWIFT HDF5 snapshot");
        }
        Group params = group(hdf, "Parameters");
        Group cosmology = group(hdf, "Cosmology");
        Group units = group(hdf, "Units");
        SnapshotFormat format = detectFormat(hdf, header, params, cosmology, units);

        int fileCount = (int) Attributes.scalarOr(header, "NumFilesPerSnapshot", 1, file);
        List<Path> files = SnapshotFiles.members(file, fileCount);

        long[] total = Attributes.longs(header, "NumPart_Total", file);
        if (Attributes.has(header, "NumPart_Total_HighWord")) {
            long[] high = Attributes.longs(header, "NumPart_Total_HighWord", file);
            for (int t = 0; t < Math.min(total.length, high.length); t++) {
                total[t] += high[t] << 32;
            }
        }
        double hubble = first(file, Double.NaN, new Node[] {header, params, cosmology},
                new String[] {"HubbleParam", "HubbleParam", "h"});
        double omegaM = first(file, Double.NaN, new Node[] {header, params, cosmology},
                new String[] {"Omega0", "Omega0", "Omega_m"});
        double omegaL = first(file, Double.NaN, new Node[] {header, params, cosmology},
                new String[] {"OmegaLambda", "OmegaLambda", "Omega_lambda"});

        UnitSystem unitSystem = format == SnapshotFormat.SWIFT
                ? swiftUnits(units, hubble, file)
                : gadgetUnits(header, params, file);
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
