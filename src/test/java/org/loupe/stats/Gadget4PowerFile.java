package org.loupe.stats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.loupe.FormatException;

/**
 * Reader of GADGET-4's own power spectrum output, {@code powerspec_NNN.txt} (reference tooling for
 * validation; layout in {@code data/README.md}).
 *
 * <p>The file holds blocks (the plain box, then the box folded 16 and 256 times), each with five
 * header lines — scale factor, number of rows, box size, PMGRID, growth factor — and then rows
 * {@code k Δ²(k) P̃(k) Nmodes Δ²_shot(k)}; a short trailer of single numbers follows the last block.
 * k is in h/Mpc and the log-mean |k| of a fine logarithmic bin; P = P̃ L³ in (Mpc/h)³; Nmodes counts
 * k and −k separately (twice the half-space count of docs/conventions.md). The mesh is PMGRID³ with
 * CIC assignment and CIC deconvolution, no interlacing, shot noise not subtracted.
 *
 * @param blocks the blocks in file order (index 0 is the plain box)
 * @param trailer the single numbers after the last block
 */
public record Gadget4PowerFile(List<Block> blocks, double[] trailer) {

    /**
     * One block of rows.
     *
     * @param scaleFactor a of the output
     * @param boxMpcH box side the block refers to
     * @param grid PMGRID
     * @param growth D(a)/D(1)
     * @param k log-mean |k| per row, h/Mpc
     * @param delta2 Δ²(k) = 4π k³ P̃ / k_F³
     * @param pTilde dimensionless P̃; P = P̃ L³
     * @param nmodes modes per row, k and −k counted separately
     * @param delta2Shot Δ² of the shot noise
     */
    public record Block(double scaleFactor, double boxMpcH, int grid, double growth, double[] k, double[] delta2,
                        double[] pTilde, long[] nmodes, double[] delta2Shot) {

        public int size() {
            return k.length;
        }

        /** P(k) of row {@code r} in (Mpc/h)³. */
        public double power(int r) {
            return pTilde[r] * boxMpcH * boxMpcH * boxMpcH;
        }
    }

    /** The plain (unfolded) block. */
    public Block plain() {
        return blocks.get(0);
    }

    /** Reads a GADGET-4 {@code powerspec_NNN.txt}. */
    public static Gadget4PowerFile read(Path path) {
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8).stream().map(String::trim)
                    .filter(l -> !l.isEmpty()).toList();
        } catch (IOException e) {
            throw new FormatException(path + ": cannot read (" + e.getMessage() + ")", e);
        }
        List<Block> blocks = new ArrayList<>();
        int at = 0;
        // A block starts with five single-number lines, the second one the row count.
        while (at + 5 <= lines.size() && isBlockStart(lines, at)) {
            int rows = (int) number(lines.get(at + 1), path, at + 1);
            if (at + 5 + rows > lines.size()) {
                throw new FormatException(path + ": block at line " + (at + 1) + " announces " + rows
                        + " rows but the file ends first; the file is truncated");
            }
            blocks.add(block(lines, at, rows, path));
            at += 5 + rows;
        }
        if (blocks.isEmpty()) {
            throw new FormatException(path + ": no power spectrum block found; is this a GADGET-4 powerspec_NNN.txt?");
        }
        double[] trailer = new double[lines.size() - at];
        for (int i = 0; i < trailer.length; i++) {
            trailer[i] = number(lines.get(at + i), path, at + i);
        }
        return new Gadget4PowerFile(List.copyOf(blocks), trailer);
    }

    private static boolean isBlockStart(List<String> lines, int at) {
        for (int i = 0; i < 5; i++) {
            if (lines.get(at + i).split("\\s+").length != 1) {
                return false;
            }
        }
        return at + 5 < lines.size() && lines.get(at + 5).split("\\s+").length == 5;
    }

    private static Block block(List<String> lines, int at, int rows, Path path) {
        double a = number(lines.get(at), path, at);
        double box = number(lines.get(at + 2), path, at + 2);
        int grid = (int) number(lines.get(at + 3), path, at + 3);
        double growth = number(lines.get(at + 4), path, at + 4);
        double[] k = new double[rows];
        double[] d2 = new double[rows];
        double[] p = new double[rows];
        long[] modes = new long[rows];
        double[] shot = new double[rows];
        for (int r = 0; r < rows; r++) {
            int line = at + 5 + r;
            String[] f = lines.get(line).split("\\s+");
            if (f.length != 5) {
                throw new FormatException(path + ": line " + (line + 1) + " has " + f.length
                        + " columns, expected k Delta2 P Nmodes Delta2_shot");
            }
            k[r] = number(f[0], path, line);
            d2[r] = number(f[1], path, line);
            p[r] = number(f[2], path, line);
            modes[r] = Math.round(number(f[3], path, line));
            shot[r] = number(f[4], path, line);
        }
        return new Block(a, box, grid, growth, k, d2, p, modes, shot);
    }

    private static double number(String s, Path path, int line) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new FormatException(path + ": line " + (line + 1) + ": '" + s + "' is not a number");
        }
    }
}
