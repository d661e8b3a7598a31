package org.permasar.cli;

import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.permasar.stack.InvalidInputException;
import java.util.List;
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
                org.permasar.cli.products.GeocodeCommand.class,
                org.permasar.cli.invert.CorrectStackCommand.class,
                org.permasar.cli.products.AltCommand.class,
                org.permasar.cli.products.ValidateCommand.class,
                ViewCommand.class,
                org.permasar.cli.invert.InvertCommand.class,
                org.permasar.cli.seasonal.FitCommand.class,
                org.permasar.cli.offset.OffsetsCommand.class,
                org.permasar.cli.offset.VelocitySeriesCommand.class,
                org.permasar.cli.dinsar.RedifferenceCommand.class,
                org.permasar.cli.snow.MeltCommand.class,
                org.permasar.cli.backscatter.NormalizeCommand.class,
                org.permasar.cli.seaice.DriftCommand.class,
                org.permasar.cli.seasonal.ThermalCommand.class,
                org.permasar.cli.hydro.RecessionCommand.class,
                org.permasar.cli.seasonal.JoinCommand.class,
                org.permasar.cli.seasonal.CouplingCommand.class,
                org.permasar.cli.controls.ControlsCommand.class,
                org.permasar.cli.controls.TerrainCommand.class,
                org.permasar.cli.hazard.HazardsCommand.class,
                org.permasar.cli.hazard.SlumpsCommand.class,
                org.permasar.cli.hazard.LakeDensityCommand.class,
                org.permasar.cli.hazard.LakesCommand.class,
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
        cl.setExecutionStrategy(PermasarCommand::execute);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler(PermasarCommand::usageError);
        return cl;
    }

    /**
     * A usage error: the problem in one line and where the help is, exit 2 — not the whole help text
     * (picocli's default), which buries the one line that matters. An unknown option also gets
     * picocli's suggestions ("Did you mean: --looks?").
     */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        java.io.PrintWriter err = cl.getErr();
        String name = cl.getCommandSpec().qualifiedName();
        err.println(name + ": " + e.getMessage());
        if (e instanceof CommandLine.UnmatchedArgumentException u) {
            List<String> hints = u.getSuggestions();
            if (!hints.isEmpty()) {
                err.println("Did you mean: " + String.join(" or ", hints) + "?");
            }
        }
        err.println("Try '" + name + " --help' for usage.");
        err.flush();
        return EXIT_BAD_INPUT;
    }

    /**
     * Checks every output folder given on the command line ({@code --out} options labelled {@code DIR};
     * {@code plot --out PNG} names a file) with {@link OutputFolder#problem} before the command does any
     * work, then runs the command.
     */
    private static int execute(CommandLine.ParseResult parse) {
        CommandLine.ParseResult last = parse;
        boolean help = parse.isUsageHelpRequested() || parse.isVersionHelpRequested();
        while (last.hasSubcommand()) {
            last = last.subcommand();
            help |= last.isUsageHelpRequested() || last.isVersionHelpRequested();
        }
        if (!help) {
            for (CommandLine.Model.OptionSpec o : last.matchedOptions()) {
                if (Arrays.asList(o.names()).contains("--out") && "DIR".equals(o.paramLabel())
                        && o.getValue() instanceof Path out) {
                    String problem = OutputFolder.problem(out);
                    if (problem != null) {
                        throw new CommandLine.ExecutionException(last.commandSpec().commandLine(), problem,
                                new IllegalArgumentException("--out " + OutputFolder.shorten(out.toString()) + ": "
                                        + problem));
                    }
                }
            }
        }
        return new CommandLine.RunLast().execute(parse);
    }

    /**
     * Exit 2 and one line for bad input and ordinary file-system or network problems (a missing or
     * existing file, a name too long, a port in use); exit 1 with the stack trace for anything else.
     */
    private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parse) {
        PrintWriter err = cl.getErr();
        Throwable t = e;
        while (t.getCause() != null && !ordinary(t)) {
            t = t.getCause();
        }
        if (ordinary(t)) {
            err.println("permasar " + cl.getCommandName() + ": " + oneLine(t));
            err.flush();
            return EXIT_BAD_INPUT;
        }
        err.println("permasar " + cl.getCommandName() + ": internal error: " + e);
        e.printStackTrace(err);
        err.flush();
        return 1;
    }

    /** Problems of the input, the file system or the network that the user can fix: exit 2, no trace. */
    private static boolean ordinary(Throwable t) {
        return t instanceof InvalidInputException || t instanceof IllegalArgumentException
                || t instanceof FileSystemException || t instanceof BindException;
    }

    private static String oneLine(Throwable t) {
        String m = t.getMessage();
        if (t instanceof FileSystemException f) {
            m = fileProblem(f);
        }
        return m == null ? t.toString() : shortenLongWords(m.replace('\n', ' '));
    }

    /** Words (paths, mostly) over 160 characters shortened by {@link OutputFolder#shorten}, so a line stays readable. */
    static String shortenLongWords(String line) {
        String[] words = line.split(" ", -1);
        StringBuilder b = new StringBuilder(line.length());
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            b.append(i == 0 ? "" : " ");
            if (w.length() > 160) {
                int end = w.length();
                while (end > 0 && ":,;".indexOf(w.charAt(end - 1)) >= 0) {
                    end--;
                }
                b.append(OutputFolder.shorten(w.substring(0, end))).append(w, end, w.length());
            } else {
                b.append(w);
            }
        }
        return b.toString();
    }

    /** "FILE: reason" of a file-system exception, long paths shortened, the reason in words. */
    static String fileProblem(FileSystemException f) {
        String reason;
        if (f instanceof NoSuchFileException) {
            reason = "no such file or folder";
        } else if (f instanceof AccessDeniedException) {
            reason = "permission denied";
        } else if (f instanceof FileAlreadyExistsException) {
            reason = "already exists (a file where a folder or a new file is needed)";
        } else if (f instanceof NotDirectoryException) {
            reason = "not a folder";
        } else if (f.getReason() != null && !f.getReason().isBlank()) {
            String r = f.getReason().strip();
            reason = Character.toLowerCase(r.charAt(0)) + r.substring(1);
        } else {
            reason = f.getClass().getSimpleName();
        }
        String file = f.getFile() == null ? "<file>" : OutputFolder.shorten(f.getFile());
        String other = f.getOtherFile() == null ? "" : " → " + OutputFolder.shorten(f.getOtherFile());
        return file + other + ": " + reason;
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
