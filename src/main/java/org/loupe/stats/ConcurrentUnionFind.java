package org.loupe.stats;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Disjoint sets over 0..n−1 that many threads may join at once, lock-free.
 *
 * <p>A union always hangs the root with the larger index under the one with the smaller index,
 * with a compare-and-set on the larger root, so every set's root is its smallest element. The
 * partition that the unions produce does not depend on their order, hence neither do the roots:
 * results are identical for any thread count. Path halving writes only ancestors of a node that
 * already has a parent (non-roots never become roots again), so its races are benign.
 */
final class ConcurrentUnionFind {

    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(int[].class);

    private final int[] parent;

    ConcurrentUnionFind(int n) {
        parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
    }

    /** The root (smallest element once all unions are done) of {@code x}'s set. */
    int find(int x) {
        while (true) {
            int p = (int) SLOT.getOpaque(parent, x);
            if (p == x) {
                return x;
            }
            int g = (int) SLOT.getOpaque(parent, p);
            if (g != p) {
                SLOT.setOpaque(parent, x, g);
            }
            x = g;
        }
    }

    /** Joins the sets of {@code a} and {@code b}. */
    void union(int a, int b) {
        while (true) {
            int ra = find(a);
            int rb = find(b);
            if (ra == rb) {
                return;
            }
            int hi = Math.max(ra, rb);
            int lo = Math.min(ra, rb);
            if (SLOT.compareAndSet(parent, hi, hi, lo)) {
                return;
            }
            // hi was joined to another set meanwhile: retry from the current roots.
        }
    }
}
