package org.loupe.snapshot;

import java.lang.reflect.Array;
import java.math.BigInteger;

import io.jhdf.api.Attribute;
import io.jhdf.api.Node;

import org.loupe.FormatException;

/** Reads numeric HDF5 attributes whatever their stored type (scalar or array, signed or not). */
final class Attributes {

    private Attributes() {
    }

    static boolean has(Node node, String name) {
        return node != null && node.getAttributes().containsKey(name);
    }

    /** All values of a numeric attribute as doubles. */
    static double[] doubles(Node node, String name, Object file) {
        Attribute a = node.getAttribute(name);
        if (a == null) {
            throw new FormatException(file + ": attribute " + node.getPath() + "/" + name + " is missing; "
                    + "the file is not a complete snapshot of a supported format");
        }
        Object data = a.getData();
        if (data != null && data.getClass().isArray()) {
            int n = Array.getLength(data);
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                out[i] = toDouble(Array.get(data, i), file, name);
            }
            return out;
        }
        return new double[] {toDouble(data, file, name)};
    }

    /** All values of an integer attribute as longs (uint64 above 2^63 is rejected). */
    static long[] longs(Node node, String name, Object file) {
        double[] d = doubles(node, name, file);
        long[] out = new long[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = Math.round(d[i]);
        }
        return out;
    }

    /** First value of a numeric attribute. */
    static double scalar(Node node, String name, Object file) {
        double[] d = doubles(node, name, file);
        if (d.length == 0) {
            throw new FormatException(file + ": attribute " + name + " is empty");
        }
        return d[0];
    }

    /** First value, or {@code fallback} when the attribute is absent. */
    static double scalarOr(Node node, String name, double fallback, Object file) {
        return has(node, name) ? scalar(node, name, file) : fallback;
    }

    private static double toDouble(Object v, Object file, String name) {
        if (v instanceof Number n) {
            if (v instanceof BigInteger b && b.bitLength() > 63) {
                throw new FormatException(file + ": attribute " + name + " value " + b + " does not fit a signed 64-bit integer");
            }
            return n.doubleValue();
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        throw new FormatException(file + ": attribute " + name + " is not numeric (" + (v == null ? "null" : v.getClass().getSimpleName()) + ")");
    }
}
