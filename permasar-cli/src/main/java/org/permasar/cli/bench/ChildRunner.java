package org.permasar.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.permasar.cli.PermasarCommand;

/**
 * Runs the commands a benchmark compares as child processes, each measured whole by a
 * {@link ChildMeter}: {@code permasar …} through the {@link PermasarLauncher} of this process and
 * MintPy's {@code ifgram_inversion} through {@code /usr/bin/python3 -m mintpy.cli.ifgram_inversion}.
 * Each child's output goes to {@code logs/NAME.log}; a child that fails stops the benchmark with the
 * end of its log. Also reads the figures the commands print about their own inner loop. Immutable.
 */
final class ChildRunner {
    static final String PYTHON = ChildMeter.PYTHON;
    private static final Pattern INVERTED = Pattern.compile("Inverted (\\d+) pixels .* in ([0-9.]+) s: (\\d+) pixels/s");
    private static final Pattern TIME_USED = Pattern.compile("time used: (\\d+) mins ([0-9.]+) secs");

    private final ChildMeter meter;
    private final PermasarLauncher launcher;
    private final Path logs;
    private final long timeoutSeconds;

    ChildRunner(ChildMeter meter, PermasarLauncher launcher, Path logs, long timeoutSeconds) {
        this.meter = meter;
        this.launcher = launcher;
        this.logs = logs;
        this.timeoutSeconds = timeoutSeconds;
    }

    ChildMeter meter() {
        return meter;
    }

    PermasarLauncher launcher() {
        return launcher;
    }

    /** Runs {@code permasar args…} in {@code dir}; its log is {@code logs/name.log}. */
    ChildMeter.Measurement permasar(String name, List<String> args, Path dir) throws IOException {
        return run(name, launcher.command(args), dir);
    }

    /** Runs {@code ifgram_inversion STACK -w weight} in {@code dir} (outputs there). */
    ChildMeter.Measurement mintpyInversion(String name, Path stack, String weight, Path dir) throws IOException {
        List<String> cmd = new ArrayList<>(mintpyCommand());
        cmd.addAll(List.of(stack.toAbsolutePath().toString(), "-w", weight, "-o", "timeseries.h5", "temporalCoherence.h5",
                "numInvIfgram.h5"));
        return run(name, cmd, dir);
    }

    static List<String> mintpyCommand() {
        return List.of(PYTHON, "-m", "mintpy.cli.ifgram_inversion");
    }

    private ChildMeter.Measurement run(String name, List<String> cmd, Path dir) throws IOException {
        Files.createDirectories(logs);
        Path log = logs.resolve(name + ".log");
        ChildMeter.Measurement m = meter.run(cmd, dir, log, Map.of(), timeoutSeconds);
        if (m.exitCode() != 0) {
            String text = Files.exists(log) ? Files.readString(log) : "";
            throw new IOException(name + " exited with " + m.exitCode() + " (" + String.join(" ", cmd) + "); end of "
                    + log + ":\n" + text.substring(Math.max(0, text.length() - 3000)));
        }
        return m;
    }

    /** The block-loop pixels/s {@code permasar invert} prints ("Inverted N pixels … in T s: R pixels/s"), or NaN. */
    static double invertLoopRate(Path log) throws IOException {
        Matcher m = INVERTED.matcher(Files.readString(log));
        return m.find() ? Double.parseDouble(m.group(3)) : Double.NaN;
    }

    /** MintPy's own final "time used" in seconds (0.1 s resolution), or NaN. */
    static double mintpyTimeUsed(Path log) throws IOException {
        Matcher m = TIME_USED.matcher(Files.readString(log));
        double used = Double.NaN;
        while (m.find()) {
            used = Integer.parseInt(m.group(1)) * 60 + Double.parseDouble(m.group(2));
        }
        return used;
    }

    /** {@code /proc/loadavg}'s 1-, 5- and 15-minute load averages, or "n/a". */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    /** Lines describing how children are run and measured. */
    List<String> describe() {
        return List.of(
                String.format(Locale.ROOT, "machine: %d cores, load average %s (1, 5, 15 min) at start",
                        Runtime.getRuntime().availableProcessors(), loadAverage()),
                "measured by: " + meter + "; every figure is a whole child process unless marked inner",
                "permasar children: " + launcher.java() + " " + String.join(" ", launcher.jvmOptions())
                        + " -cp <this process's class path> " + PermasarCommand.class.getName());
    }
}
