package org.loupe.tiles;

import java.util.ArrayList;
import java.util.List;

/**
 * One of the 48 symmetries of the cube: a signed permutation R with (R v)_i = s_i v_{π(i)}. A
 * vector field transforms as F'(r) = R F(R⁻¹ r): positions are permuted and reflected about the
 * lattice origin (index i → −i mod N, which keeps LR site i and HR site s·i together), and the
 * components are permuted and negated the same way.
 *
 * @param perm π: output axis i reads input axis perm[i]
 * @param sign s_i = ±1 per output axis
 */
public record Symmetry(int[] perm, int[] sign) {

    private static final List<Symmetry> ALL = build();

    /** All 48 elements; index 0 is the identity. */
    public static List<Symmetry> all() {
        return ALL;
    }

    public static Symmetry identity() {
        return ALL.get(0);
    }

    public boolean isIdentity() {
        return perm[0] == 0 && perm[1] == 1 && perm[2] == 2 && sign[0] == 1 && sign[1] == 1 && sign[2] == 1;
    }

    /**
     * Where to read the source field for output site (x0, x1, x2) on an N³ periodic grid:
     * u = R⁻¹ r, i.e. u_{π(i)} = s_i r_i (mod N). Writes u into {@code out}.
     */
    public void sourceSite(int x0, int x1, int x2, int n, int[] out) {
        int[] r = {x0, x1, x2};
        for (int i = 0; i < 3; i++) {
            out[perm[i]] = Math.floorMod(sign[i] * r[i], n);
        }
    }

    /** Output component i takes input component perm[i] times sign[i]. */
    public int sourceComponent(int i) {
        return perm[i];
    }

    public int componentSign(int i) {
        return sign[i];
    }

    private static List<Symmetry> build() {
        int[][] perms = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
        List<Symmetry> out = new ArrayList<>(48);
        for (int[] p : perms) {
            for (int f = 0; f < 8; f++) {
                out.add(new Symmetry(p.clone(), new int[] {(f & 1) == 0 ? 1 : -1, (f & 2) == 0 ? 1 : -1, (f & 4) == 0 ? 1 : -1}));
            }
        }
        return List.copyOf(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Symmetry s && java.util.Arrays.equals(perm, s.perm) && java.util.Arrays.equals(sign, s.sign);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Arrays.hashCode(perm) + java.util.Arrays.hashCode(sign);
    }

    @Override
    public String toString() {
        return "Symmetry" + java.util.Arrays.toString(perm) + java.util.Arrays.toString(sign);
    }
}
