package org.loupe.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.loupe.ShapeMismatchException;
import org.loupe.SplitMix64;
import org.loupe.run.Sha256;
import org.loupe.snapshot.Snapshot;

/**
 * Refuses a validation whose boxes are one box twice (issue #25, item 3): an SR box given as HR,
 * one file as LR, SR and HR, or a copy re-packed under another name would "pass every check"
 * against itself. Identical files are found by the sha256 of their members; identical particles
 * in different files (re-packed, re-ordered or re-labelled) by an order-independent fingerprint of
 * the positions of every particle, computed only for boxes of the same particle count.
 */
final class SameBoxes {

    /** One input: its label (LR, SR name, HR), the path given and its opened snapshot. */
    record Input(String label, Path path, Snapshot snapshot) {
    }

    private SameBoxes() {
    }

    static void refuse(List<Input> inputs, int type) {
        Map<Input, List<String>> hashes = new LinkedHashMap<>();
        for (Input in : inputs) {
            List<String> h = new ArrayList<>();
            for (Path f : in.snapshot().header().files()) {
                h.add(Sha256.of(f));
            }
            hashes.put(in, h);
        }
        Map<Input, Long> prints = new LinkedHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            for (int j = i + 1; j < inputs.size(); j++) {
                Input a = inputs.get(i);
                Input b = inputs.get(j);
                if (hashes.get(a).equals(hashes.get(b))) {
                    throw same(a, b, "the same file (sha256 " + hashes.get(a).get(0).substring(0, 12) + ")");
                }
                long n = a.snapshot().header().count(type);
                if (n == b.snapshot().header().count(type)
                        && prints.computeIfAbsent(a, x -> fingerprint(x, type)).equals(prints.computeIfAbsent(b, x -> fingerprint(x, type)))) {
                    throw same(a, b, "the same particles (positions) in another file");
                }
            }
        }
    }

    private static ShapeMismatchException same(Input a, Input b, String what) {
        String hint;
        if (a.label().equals("LR") && !b.label().equals("HR")) {
            hint = "this SR box is the LR box itself, not an upscaled one: pass the file upscale wrote";
        } else if (b.label().equals("HR") && !a.label().equals("LR")) {
            hint = "HR must be the high-resolution run of the same universe, not the SR box";
        } else {
            hint = "validate compares different boxes: pass each box once";
        }
        return new ShapeMismatchException(b.path() + " (" + b.label() + ") and " + a.path() + " (" + a.label() + ") are "
                + what + "; " + hint);
    }

    /**
     * Sum over particles of a mix of the position's bits: equal for the same particles in any
     * order, member split or labelling, and different for boxes that differ in any particle.
     */
    private static long fingerprint(Input in, int type) {
        long[] sum = new long[1];
        in.snapshot().stream(type).forEachBlock(1 << 20, p -> {
            float[] x = p.positionsMpcH();
            long s = 0;
            for (int i = 0; i < p.count(); i++) {
                long h = SplitMix64.mix(SplitMix64.GOLDEN, Float.floatToIntBits(x[3 * i]));
                h = SplitMix64.mix(h, Float.floatToIntBits(x[3 * i + 1]));
                h = SplitMix64.mix(h, Float.floatToIntBits(x[3 * i + 2]));
                s += h;
            }
            sum[0] += s;
        });
        return sum[0];
    }
}
