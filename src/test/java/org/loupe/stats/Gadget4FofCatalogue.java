package org.loupe.stats;

import java.lang.reflect.Array;
import java.nio.file.Path;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Node;

/**
 * Test-only reader of GADGET-4 FoF catalogues ({@code fof_tab_NNN.hdf5}, single file, as shipped in
 * data/gadget4): {@code Header} attributes {@code BoxSize}, {@code Ngroups_Total}; datasets
 * {@code Group/GroupLen}, {@code GroupMass} (1e10 Msun/h), {@code GroupPos} (code length units,
 * Mpc/h for these runs), {@code GroupVel} (GADGET-4 units; equal to km/s only at a = 1).
 */
final class Gadget4FofCatalogue {

    final long groupsTotal;
    final double boxSize;
    final HaloCatalogue catalogue;

    /** Reads the catalogue; {@code meta} describes how GADGET-4 found the groups. */
    Gadget4FofCatalogue(Path file, double linkingFactor, int minMembers, long particles, double particleMass) {
        try (HdfFile hdf = new HdfFile(file)) {
            Node header = hdf.getByPath("/Header");
            groupsTotal = (long) number(header.getAttribute("Ngroups_Total"));
            boxSize = number(header.getAttribute("BoxSize"));
            double[] len = flat(hdf.getDatasetByPath("/Group/GroupLen").getData());
            double[] mass = flat(hdf.getDatasetByPath("/Group/GroupMass").getData());
            double[] pos = flat(hdf.getDatasetByPath("/Group/GroupPos").getData());
            double[] vel = flat(hdf.getDatasetByPath("/Group/GroupVel").getData());
            int n = len.length;
            int[] members = new int[n];
            double[][] p = new double[3][n];
            double[][] v = new double[3][n];
            for (int i = 0; i < n; i++) {
                members[i] = (int) len[i];
                for (int d = 0; d < 3; d++) {
                    p[d][i] = pos[3 * i + d];
                    v[d][i] = vel[3 * i + d];
                }
            }
            FofMeta meta = new FofMeta(boxSize, linkingFactor,
                    FriendsOfFriends.linkingLength(boxSize, particles, linkingFactor), minMembers, particles, particleMass);
            catalogue = new HaloCatalogue(meta, members, mass, p[0], p[1], p[2], v[0], v[1], v[2]);
        }
    }

    private static double number(Attribute a) {
        Object d = a.getData();
        return d.getClass().isArray() ? ((Number) Array.get(d, 0)).doubleValue() : ((Number) d).doubleValue();
    }

    /** Any numeric array (1-D or 2-D, any primitive type) flattened in C order as doubles. */
    private static double[] flat(Object data) {
        int n = Array.getLength(data);
        if (n > 0 && Array.get(data, 0).getClass().isArray()) {
            int cols = Array.getLength(Array.get(data, 0));
            double[] out = new double[n * cols];
            for (int i = 0; i < n; i++) {
                Object row = Array.get(data, i);
                for (int j = 0; j < cols; j++) {
                    out[i * cols + j] = ((Number) Array.get(row, j)).doubleValue();
                }
            }
            return out;
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = ((Number) Array.get(data, i)).doubleValue();
        }
        return out;
    }
}
