package org.permasar.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.permasar.stack.InvalidInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code permasar} command line. */
@Command(name = "permasar", mixinStandardHelpOptions = true, versionProvider = PermasarCommand.Version.class,
        description = "InSAR time series and permafrost products from interferogram stacks.",
        subcommands = {
                DemoCommand.class,
                org.permasar.cli.pipeline.InitCommand.class,
                org.permasar.cli.pipeline.RunCommand.class,
                org.permasar.cli.plot.PlotCommand.class,
                InfoCommand.class,
                SimulateCommand.class,
                org.permasar.cli.products.GeometryCommand.class,
                org.permasar.cli.products.AltCommand.class,
                org.permasar.cli.products.ValidateCommand.class,
                ViewCommand.class,
                org.permasar.cli.invert.InvertCommand.class,
                org.permasar.cli.seasonal.FitCommand.class,
                org.permasar.cli.seasonal.ThermalCommand.class,
                org.permasar.cli.bench.BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class PermasarCommand implements Callable<Integer> {

    /** Exit code for bad input (missing/damaged/inconsistent files) and usage errors. */
    public static final int EXIT_BAD_INPUT = 2;

    @Override
    public Integer call() {
        new CommandLine(this).usage(System.out);
        return 0;
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (for tests). */
    public static int run(String... args) {
        CommandLine cl = commandLine();
        return cl.execute(args);
    }

    /** The configured picocli command line. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new PermasarCommand());
        cl.setExecutionExceptionHandler(PermasarCommand::handle);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parse) {
        PrintWriter err = cl.getErr();
        Throwable t = e;
        while (t.getCause() != null && !(t instanceof InvalidInputException) && !(t instanceof IllegalArgumentException)) {
            t = t.getCause();
        }
        if (t instanceof InvalidInputException || t instanceof IllegalArgumentException
                || t instanceof java.nio.file.NoSuchFileException || t instanceof java.nio.file.AccessDeniedException) {
            err.println("permasar " + cl.getCommandName() + ": " + oneLine(t));
            err.flush();
            return EXIT_BAD_INPUT;
        }
        err.println("permasar " + cl.getCommandName() + ": internal error: " + e);
        e.printStackTrace(err);
        err.flush();
        return 1;
    }

    private static String oneLine(Throwable t) {
        String m = t.getMessage();
        if (t instanceof java.nio.file.NoSuchFileException) {
            m = t.getMessage() + ": no such file";
        } else if (t instanceof java.nio.file.AccessDeniedException) {
            m = t.getMessage() + ": permission denied";
        }
        return m == null ? t.toString() : m.replace('\n', ' ');
    }

    /** Version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = PermasarCommand.class.getPackage().getImplementationVersion();
            return new String[] {"permasar " + (v == null ? "0.1.0-SNAPSHOT" : v)};
        }
    }
}
