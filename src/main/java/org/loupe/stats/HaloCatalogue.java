package org.loupe.stats;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.loupe.ShapeMismatchException;

/**
 * Friends-of-friends groups, one row per halo, sorted by mass (descending). Masses in 1e10 Msun/h,
 * positions in comoving Mpc/h in [0, L), velocities peculiar km/s.
 *
 * @param meta how the groups were found
 * @param members particles per group
 * @param mass group mass (sum of its particles' masses)
 * @param x centre of mass, x (periodic: the mean of the members' minimum-image offsets)
 * @param y centre of mass, y
 * @param z centre of mass, z
 * @param vx mass-weighted mean velocity, x (NaN when the particles had no velocities)
 * @param vy mean velocity, y
 * @param vz mean velocity, z
 */
public record HaloCatalogue(FofMeta meta, int[] members, double[] mass, double[] x, double[] y, double[] z,
                            double[] vx, double[] vy, double[] vz) {

    public HaloCatalogue {
        Objects.requireNonNull(meta, "meta");
        int n = members.length;
        for (double[] col : new double[][] {mass, x, y, z, vx, vy, vz}) {
            if (col.length != n) {
                throw new ShapeMismatchException("halo catalogue columns differ in length (members has " + n + " rows)");
            }
        }
    }

    /** Number of halos. */
    public int size() {
        return members.length;
    }

    /** Particles in all groups together. */
    public long particlesInGroups() {
        long sum = 0;
        for (int len : members) {
            sum += len;
        }
        return sum;
    }

    /** Writes CSV: `# key: value` metadata lines, then columns members,mass,x,y,z,vx,vy,vz. */
    public void writeCsv(Path path) {
        long[] len = new long[size()];
        for (int i = 0; i < len.length; i++) {
            len[i] = members[i];
        }
        ResultTable.writeCsv(path, header(), new String[] {"members", "mass", "x", "y", "z", "vx", "vy", "vz"},
                new Object[] {len, mass, x, y, z, vx, vy, vz});
    }

    /** Reads a CSV written by {@link #writeCsv(Path)}. */
    public static HaloCatalogue readCsv(Path path) {
        ResultTable.Parsed t = ResultTable.readCsv(path);
        String f = path.toString();
        PowerResult.requireKind(t.header().get("loupe"), "halo catalogue", f);
        long[] len = t.longColumn("members", f);
        int[] members = new int[len.length];
        for (int i = 0; i < len.length; i++) {
            members[i] = (int) len[i];
        }
        return new HaloCatalogue(FofMeta.fromHeader(t.header(), "", f), members, t.column("mass", f), t.column("x", f),
                t.column("y", f), t.column("z", f), t.column("vx", f), t.column("vy", f), t.column("vz", f));
    }

    /** Writes the whole record as JSON. */
    public void writeJson(Path path) {
        ResultTable.writeJson(path, this);
    }

    /** Reads a JSON file written by {@link #writeJson(Path)}. */
    public static HaloCatalogue readJson(Path path) {
        return ResultTable.readJson(path, HaloCatalogue.class);
    }

    private List<String[]> header() {
        List<String[]> h = new ArrayList<>();
        h.add(new String[] {"loupe", "halo catalogue"});
        h.add(new String[] {"finder", "friends-of-friends, periodic, sorted by mass descending"});
        h.add(new String[] {"units", "mass in 1e10 Msun/h, centre of mass x,y,z in Mpc/h, mean velocity in km/s"});
        h.addAll(meta.header(""));
        h.add(new String[] {"halos", Integer.toString(size())});
        return h;
    }
}
