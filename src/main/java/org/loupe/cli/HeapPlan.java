package org.loupe.cli;

import picocli.CommandLine;

/**
 * {@code java -cp loupe.jar org.loupe.cli.HeapPlan COMMAND ARGS}: prints the Java heap, in MB, that
 * {@code loupe COMMAND ARGS} needs, with headroom, for {@code upscale} (the LR box from the header,
 * the crop from the model and --memory-mb), {@code power} (the mesh) and {@code validate} (the
 * boxes' headers and the mesh), so that bin/loupe can start the real run with a heap of that size
 * instead of a fraction of the machine, which the JVM would fill with garbage before collecting.
 * For {@code validate} it prints a second number, the young generation's size in MB.
 * Prints nothing when it cannot tell (another command, a bad option, an unreadable input): the
 * launcher then keeps its default and the real run reports the problem.
 */
public final class HeapPlan {

    /** Headroom over the planned live peak, so that the collector does not run back to back. */
    static final double HEADROOM = 1.5;

    /**
     * validate: the old generation over its planned live peak. The plan is itself generous (its
     * measured peak on a 512³ box was about 0.8 of it: BENCHMARKS.md, "Scale").
     */
    static final double OLD_MARGIN = 1.05;

    /** validate: the young generation, MB (a few streamed blocks of particles). */
    static final long VALIDATE_YOUNG_MB = 512;

    /** The smallest heap the launcher gives (JVM, picocli, jHDF, DL4J classes). */
    static final long MIN_MB = 768;

    private HeapPlan() {
    }

    public static void main(String[] args) {
        String line = plan(args);
        if (line != null) {
            System.out.println(line);
        }
        System.exit(0);
    }

    /** What {@link #main} prints: "HEAP_MB", or "HEAP_MB YOUNG_MB" for validate; null when it cannot tell. */
    static String plan(String[] args) {
        try {
            String[] rest = args.length > 0 ? java.util.Arrays.copyOfRange(args, 1, args.length) : args;
            long bytes = 0;
            if (args.length > 0 && args[0].equals("upscale")) {
                UpscaleCommand command = new UpscaleCommand();
                new CommandLine(command).parseArgs(rest);
                bytes = command.plannedHeapBytes();
            } else if (args.length > 0 && args[0].equals("power")) {
                PowerCommand command = new PowerCommand();
                new CommandLine(command).parseArgs(rest);
                bytes = command.plannedHeapBytes();
            } else if (args.length > 0 && args[0].equals("validate")) {
                ValidateCommand command = new ValidateCommand();
                new CommandLine(command).parseArgs(rest);
                long plan = command.plannedHeapBytes();
                // validate's peak is a few mesh-sized arrays, which the parallel collector puts
                // straight into the old generation, and streamed blocks, which die young: a young
                // generation of fixed size and an old one of the plan plus a margin, instead of
                // the default 1 : 2 split that needs 1.5 × the plan.
                long heap = Math.max(MIN_MB, (long) Math.ceil(plan * OLD_MARGIN / (1 << 20)) + VALIDATE_YOUNG_MB);
                return heap + " " + VALIDATE_YOUNG_MB;
            }
            return bytes > 0 ? Long.toString(Math.max(MIN_MB, (long) Math.ceil(bytes * HEADROOM / (1 << 20)))) : null;
        } catch (RuntimeException | LinkageError e) {
            // The real run reports it, in one line, with its exit code.
            return null;
        }
    }
}
