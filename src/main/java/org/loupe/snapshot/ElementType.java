package org.loupe.snapshot;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;

import org.loupe.FormatException;

/** The stored element type of a numeric dataset and how to decode raw bytes of it. */
record ElementType(boolean floating, int bytes, boolean signed, ByteOrder order) {

    static ElementType of(DataType type, Object where) {
        if (type instanceof FloatingPoint fp && (fp.getSize() == 4 || fp.getSize() == 8)) {
            return new ElementType(true, fp.getSize(), true, fp.getByteOrder());
        }
        if (type instanceof FixedPoint fx && (fx.getSize() == 1 || fx.getSize() == 2 || fx.getSize() == 4 || fx.getSize() == 8)) {
            return new ElementType(false, fx.getSize(), fx.isSigned(), fx.getByteOrder());
        }
        throw new FormatException(where + ": unsupported element type " + type.getClass().getSimpleName() + " of "
                + type.getSize() + " bytes; expected float32/64 or an integer type");
    }

    /** Decodes {@code count} elements starting at {@code buf}'s position into floats. */
    void toFloats(ByteBuffer buf, float[] dest, int destOffset, int count) {
        ByteBuffer b = buf.slice().order(order);
        if (floating && bytes == 4) {
            b.asFloatBuffer().get(dest, destOffset, count);
        } else if (floating) {
            var d = b.asDoubleBuffer();
            for (int i = 0; i < count; i++) {
                dest[destOffset + i] = (float) d.get(i);
            }
        } else {
            for (int i = 0; i < count; i++) {
                dest[destOffset + i] = (float) integerAt(b, i);
            }
        }
    }

    /** Decodes {@code count} integer elements into longs (unsigned 32-bit widened). */
    void toLongs(ByteBuffer buf, long[] dest, int destOffset, int count) {
        if (floating) {
            throw new FormatException("particle IDs are stored as floating point; expected an integer type");
        }
        ByteBuffer b = buf.slice().order(order);
        if (bytes == 8) {
            b.asLongBuffer().get(dest, destOffset, count);
        } else {
            for (int i = 0; i < count; i++) {
                dest[destOffset + i] = integerAt(b, i);
            }
        }
    }

    private long integerAt(ByteBuffer b, int i) {
        switch (bytes) {
            case 1: {
                byte v = b.get(i);
                return signed ? v : v & 0xFFL;
            }
            case 2: {
                short v = b.getShort(2 * i);
                return signed ? v : v & 0xFFFFL;
            }
            case 4: {
                int v = b.getInt(4 * i);
                return signed ? v : v & 0xFFFFFFFFL;
            }
            default:
                return b.getLong(8 * i);
        }
    }
}
