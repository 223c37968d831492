package org.loupe.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.loupe.LoupeException;
import org.loupe.run.CodeVersion;

/** {@code loupe}: entry point. Errors print one line; {@code --debug} adds the stack trace. */
@Command(name = "loupe", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Super-resolution of cosmological N-body simulations, and the statistics that validate it.",
        subcommands = {DemoCommand.class, InfoCommand.class, PaintCommand.class, PowerCommand.class, SimulateCommand.class, TrainCommand.class, UpscaleCommand.class, ValidateCommand.class, ManifestCommand.class, DoctorCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT, description = "Print stack traces on errors.")
    boolean debug;

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Exit code when the Java heap or ND4J's native memory runs out. */
    public static final int OUT_OF_MEMORY = 7;

    /** Runs a command line and returns the exit code (for tests and the launcher). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        // -h / --help after any subcommand prints that subcommand's help.
        for (CommandLine sub : cli.getSubcommands().values()) {
            sub.getCommandSpec().mixinStandardHelpOptions(true);
            for (CommandLine subsub : sub.getSubcommands().values()) {
                subsub.getCommandSpec().mixinStandardHelpOptions(true);
            }
        }
        cli.setParameterExceptionHandler((e, a) -> {
            // One line, as for every other user error; the usage is one --help away.
            String name = e.getCommandLine().getCommandName();
            err.println("loupe: error: " + e.getMessage() + " (see loupe " + ("loupe".equals(name) ? "" : name + " ") + "--help)");
            return 2;
        });
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            boolean debug = parsed.matchedOptionValue("--debug", false) || hasDebug(args);
            if (debug) {
                e.printStackTrace(err);
            }
            if (e instanceof LoupeException le) {
                err.println("loupe: error: " + le.getMessage());
                return le.exitCode();
            }
            if (OutOfMemory.is(e)) {
                err.println("loupe: error: " + OutOfMemory.advice(e, cmd.getCommandName()));
                return OUT_OF_MEMORY;
            }
            err.println("loupe: internal error: " + e + (debug ? "" : " (rerun with --debug for details and report it)"));
            return 70;
        });
        // What the command makes is tracked: a signal removes its unfinished files, a failure its
        // empty folders. train (and demo, which trains) checkpoint on SIGTERM: their files stay.
        boolean trains = java.util.Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst()
                .map(c -> c.equals("train") || c.equals("demo")).orElse(false);
        org.loupe.Leftovers.begin(trains);
        int code = 1;
        try {
            code = cli.execute(args);
            return code;
        } catch (OutOfMemoryError e) {
            // Thrown past picocli's handler (e.g. while it formats output): still one line.
            var parsed = cli.getParseResult();
            String command = parsed != null && parsed.subcommand() != null ? parsed.subcommand().commandSpec().name() : "";
            err.println("loupe: error: " + OutOfMemory.advice(e, command));
            code = OUT_OF_MEMORY;
            return code;
        } finally {
            org.loupe.Leftovers.end(code);
        }
    }

    private static boolean hasDebug(String[] args) {
        for (String a : args) {
            if ("--debug".equals(a)) {
                return true;
            }
        }
        return false;
    }

    /** Version line with the git commit the jar was built from. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"loupe " + CodeVersion.describe()};
        }
    }
}
