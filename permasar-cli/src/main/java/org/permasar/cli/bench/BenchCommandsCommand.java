package org.permasar.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.permasar.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code permasar bench commands}: the commands a user runs, each timed whole as a child process
 * (wall time and peak RSS, as {@code /usr/bin/time -v} reports them) on the same synthetic stack in
 * the same run: {@code permasar invert} with WLS ({@code var}), L1 and L2, MintPy 1.5.1's
 * {@code ifgram_inversion -w var} and {@code -w no} on the same {@code ifgramStack.h5}, and
 * {@code permasar fit} (trend + annual, PECM with the LST) on a simulated scene. One table
 * (printed, and written as {@code bench-commands.md/.csv/.json} with the children's logs under
 * {@code --out}): whole-command pixels/s, the ratio to MintPy of the same run, the ratio of walls to
 * our WLS, and, labelled as such, the inner figure each command prints about its own loop.
 */
@Command(name = "commands", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Time whole commands as child processes (wall, peak RSS): permasar invert wls/l1/l2 and MintPy's "
                + "ifgram_inversion -w var/no on the same synthetic stack, and permasar fit (trend+annual, pecm) on a "
                + "simulated scene. Writes bench-commands.md/.csv/.json and the logs to --out."})
public final class BenchCommandsCommand implements Callable<Integer> {
    static final String BASE = "bench-commands";

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the table, logs and (with --keep) the work files.")
    Path out;

    @Option(names = "--pairs", defaultValue = "770", description = "Synthetic pairs (default: ${DEFAULT-VALUE}).")
    int pairs;

    @Option(names = "--dates", defaultValue = "145", description = "Synthetic dates (default: ${DEFAULT-VALUE}).")
    int dates;

    @Option(names = "--pixels", defaultValue = "30000", description = "Synthetic pixels (default: ${DEFAULT-VALUE}).")
    int pixels;

    @Option(names = "--seed", defaultValue = "20170104", description = "Seed of the synthetic stack (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--invert", defaultValue = "wls:var,l1,l2:no", split = ",", paramLabel = "METHOD[:WEIGHT]",
            description = "permasar invert runs, each --method METHOD [--weight WEIGHT] (default: ${DEFAULT-VALUE}).")
    List<String> inversions;

    @Option(names = "--no-mintpy", description = "Do not run MintPy.")
    boolean noMintpy;

    @Option(names = "--mintpy-weights", defaultValue = "var,no", split = ",",
            description = "MintPy ifgram_inversion -w runs (default: ${DEFAULT-VALUE}).")
    List<String> mintpyWeights;

    @Option(names = "--mintpy-pixels", defaultValue = "0", paramLabel = "N",
            description = "Give MintPy only the first rows (about N pixels) of the stack; its px/s is then per pixel of the "
                    + "subset and the rows say SCALED (default: ${DEFAULT-VALUE} = the whole stack, as the others).")
    int mintpyPixels;

    @Option(names = "--fit-size", defaultValue = "100x100", paramLabel = "ROWSxCOLS",
            description = "Scene simulated for the fit rows (default: ${DEFAULT-VALUE}); 'none' skips them.")
    String fitSize;

    @Option(names = "--threads", description = "--threads for the permasar children (default: theirs, all cores).")
    Integer threads;

    @Option(names = "--java-opts", paramLabel = "OPTIONS",
            description = "JVM options of the permasar children (default: this JVM's, i.e. those of ./permasar).")
    String javaOpts;

    @Option(names = "--timeout-min", defaultValue = "60", description = "Kill a child after this many minutes (default: ${DEFAULT-VALUE}).")
    long timeoutMin;

    @Option(names = "--keep", description = "Keep the stack, the scene and every output under DIR/work.")
    boolean keep;

    /** One measured command: a table row before formatting. */
    record Row(String step, String command, long pixels, ChildMeter.Measurement m, double innerRate, String innerWhat,
               String note) {
        double rate() {
            return pixels / m.wallSeconds();
        }
    }

    @Override
    public Integer call() throws IOException {
        // the children run in their own folders: a relative --out (its meter files, stack, scene) would name nothing there
        out = out.toAbsolutePath().normalize();
        if (pixels < 1 || timeoutMin < 1 || mintpyPixels < 0) {
            throw new IllegalArgumentException("--pixels and --timeout-min ≥ 1, --mintpy-pixels ≥ 0 needed, got " + pixels
                    + ", " + timeoutMin + ", " + mintpyPixels);
        }
        for (String spec : inversions) {
            BenchInvertCommand.parameters(spec); // validates method and weight names
        }
        int[] fitRc = "none".equalsIgnoreCase(fitSize) ? null : BenchScalingCommand.size(fitSize);
        SyntheticStack s = SyntheticStack.create(dates, pairs, pixels, seed);
        Path work = out.resolve("work");
        if (Files.exists(work)) {
            AtomicFiles.deleteRecursively(work);
        }
        Files.createDirectories(work);
        ChildRunner runner = new ChildRunner(ChildMeter.detect(), PermasarLauncher.current(javaOpts), out.resolve("logs"),
                timeoutMin * 60);
        List<String> preamble = new ArrayList<>();
        preamble.add("permasar bench commands, " + LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME));
        preamble.addAll(runner.describe());
        preamble.forEach(System.out::println);
        try {
            long t0 = System.nanoTime();
            Path stack = work.resolve("stack").resolve("ifgramStack.h5");
            s.write(stack, s.grid.rows());
            int npx = s.grid.size();
            String stackLine = String.format(Locale.ROOT, "stack: %d pairs × %d dates × %d pixels (%d × %d), seed %d, "
                            + "%.0f MB, written in %.1f s (setup, not timed below)", s.network.pairCount(), s.network.dateCount(),
                    npx, s.grid.rows(), s.grid.cols(), seed, Files.size(stack) / 1e6, seconds(t0));
            System.out.println(stackLine);
            preamble.add(stackLine);
            List<Row> rows = new ArrayList<>();
            // an untimed first inversion: measured, the first inversion after the setup ran 0.4–0.9 s slower than the
            // same command later (3.3–3.5 against 2.6 s for invert l2, 3.6 against 3.0 s for wls), whichever it was,
            // also after a first child that only read the stack's metadata
            runner.permasar("warm-up", List.of("invert", stack.toString(), "--method", "l2", "--weight", "no", "--out",
                    work.resolve("warm-up").resolve("out").toString()), work.resolve("warm-up"));
            for (String spec : inversions) {
                rows.add(invert(runner, spec, stack, npx, work));
            }
            if (!noMintpy && BenchInvertCommand.hasMintPy()) {
                Path mstack = stack;
                int mpx = npx;
                if (mintpyPixels > 0 && mintpyPixels < npx) {
                    int r = Math.max(1, (mintpyPixels + s.grid.cols() - 1) / s.grid.cols());
                    mstack = work.resolve("mintpy-subset").resolve("ifgramStack.h5");
                    s.write(mstack, r);
                    mpx = r * s.grid.cols();
                }
                for (String w : mintpyWeights) {
                    rows.add(mintpy(runner, w, mstack, mpx, npx, work));
                }
            } else if (!noMintpy) {
                System.out.println("MintPy not found (" + ChildRunner.PYTHON + " -c 'import mintpy.ifgram_inversion' failed): no MintPy rows");
            }
            if (fitRc != null) {
                rows.addAll(fits(runner, fitRc, work));
            }
            preamble.add(String.format(Locale.ROOT, "load average %s (1, 5, 15 min) at the end", ChildRunner.loadAverage()));
            ResultTable table = table(rows);
            List<String> notes = notes(rows);
            System.out.println();
            System.out.print(table.markdown());
            notes.forEach(System.out::println);
            System.out.println(preamble.get(preamble.size() - 1));
            List<String> all = new ArrayList<>(preamble);
            all.add("");
            all.addAll(notes);
            table.write(out, BASE, String.join("\n", all) + "\n");
            System.out.println("wrote " + out.resolve(BASE + ".md") + ", .csv, .json and the logs in " + out.resolve("logs"));
            return 0;
        } finally {
            if (!keep) {
                AtomicFiles.deleteRecursively(work);
            }
        }
    }

    private Row invert(ChildRunner runner, String spec, Path stack, int npx, Path work) throws IOException {
        int colon = spec.indexOf(':');
        String method = colon < 0 ? spec : spec.substring(0, colon);
        List<String> args = new ArrayList<>(List.of("invert", stack.toString(), "--method", method));
        if (colon >= 0) {
            args.addAll(List.of("--weight", spec.substring(colon + 1)));
        }
        String name = "invert-" + spec.replace(':', '-');
        Path dir = work.resolve(name);
        args.addAll(List.of("--out", dir.toString()));
        if (threads != null) {
            args.addAll(List.of("--threads", threads.toString()));
        }
        ChildMeter.Measurement m = runner.permasar(name, args, work);
        AtomicFiles.deleteRecursively(dir);
        String shown = ("permasar " + String.join(" ", args)).replace(stack.toString(), "STACK").replace(dir.toString(), "D");
        Row r = new Row("invert " + spec, shown, npx, m, ChildRunner.invertLoopRate(m.log()), "block loop (reads + solve)", "");
        report(r);
        return r;
    }

    private Row mintpy(ChildRunner runner, String weight, Path stack, int mpx, int npx, Path work) throws IOException {
        String name = "mintpy-w-" + weight;
        Path dir = Files.createDirectories(work.resolve(name));
        ChildMeter.Measurement m = runner.mintpyInversion(name, stack, weight, dir);
        AtomicFiles.deleteRecursively(dir);
        double used = ChildRunner.mintpyTimeUsed(m.log());
        String note = mpx == npx ? "same stack file" : String.format(Locale.ROOT,
                "SCALED: first %d of the %d px; px/s per pixel of the subset", mpx, npx);
        Row r = new Row("MintPy -w " + weight, "python3 -m mintpy.cli.ifgram_inversion STACK -w " + weight, mpx, m,
                mpx / used, "its 'time used' (after Python start-up and imports)", note);
        report(r);
        return r;
    }

    private List<Row> fits(ChildRunner runner, int[] rc, Path work) throws IOException {
        Path scene = work.resolve("scene");
        String size = rc[0] + "x" + rc[1];
        int npx = rc[0] * rc[1];
        List<String> sim = List.of("simulate", "--out", scene.toString(), "--size", size);
        ChildMeter.Measurement ms = runner.permasar("simulate", sim, work);
        System.out.printf(Locale.ROOT, "scene: permasar simulate --size %s: %.1f s, %.0f MB peak RSS (setup, not in the table)%n",
                size, ms.wallSeconds(), ms.peakRssMb());
        Path ts = scene.resolve("asc").resolve("truthTimeseries.h5");
        Path lst = scene.resolve("lst_8day.tif");
        List<Row> rows = new ArrayList<>();
        String[][] models = {{"trend+annual"}, {"pecm", "--lst", lst.toString()}};
        for (String[] model : models) {
            String name = "fit-" + model[0].replace('+', '-');
            Path dir = work.resolve(name);
            List<String> args = new ArrayList<>(List.of("fit", ts.toString(), "--model"));
            args.addAll(List.of(model));
            args.addAll(List.of("--out", dir.toString()));
            if (threads != null) {
                args.addAll(List.of("--threads", threads.toString()));
            }
            ChildMeter.Measurement m = runner.permasar(name, args, work);
            AtomicFiles.deleteRecursively(dir);
            String shown = ("permasar " + String.join(" ", args)).replace(ts.toString(), "TS").replace(lst.toString(), "LST")
                    .replace(dir.toString(), "D");
            Row r = new Row("fit " + model[0], shown, npx, m, Double.NaN, "",
                    "simulated scene " + size + " (asc truthTimeseries.h5" + (model.length > 1 ? ", lst_8day.tif)" : ")"));
            report(r);
            rows.add(r);
        }
        return rows;
    }

    private static void report(Row r) {
        System.out.printf(Locale.ROOT, "%-22s %8.2f s wall, %7.0f MB peak RSS, %9.0f px/s whole command (%d px)%s%n",
                r.step(), r.m().wallSeconds(), r.m().peakRssMb(), r.rate(), r.pixels(),
                Double.isNaN(r.innerRate()) ? "" : String.format(Locale.ROOT, "; inner %.0f px/s, %s", r.innerRate(), r.innerWhat()));
    }

    static final List<String> HEADER = List.of("step", "command (whole, child process)", "pixels", "wall s", "peak RSS MB",
            "px/s", "× MintPy -w var", "× MintPy -w no", "wall ÷ WLS wall", "inner px/s (kernel, self-reported)", "note");

    /** The table: ratios against the MintPy rows and the WLS row of the same run. */
    static ResultTable table(List<Row> rows) {
        Row var = find(rows, "MintPy -w var"), no = find(rows, "MintPy -w no"), wls = find(rows, "invert wls:var");
        ResultTable t = new ResultTable(HEADER);
        for (Row r : rows) {
            boolean inv = r.step().startsWith("invert") || r.step().startsWith("MintPy");
            t.add(List.of(r.step(), r.command(), Long.toString(r.pixels()), ResultTable.num(r.m().wallSeconds(), 2),
                    ResultTable.num(r.m().peakRssMb(), 0), ResultTable.num(r.rate(), 0),
                    inv && var != null ? ResultTable.num(r.rate() / var.rate(), 2) : "",
                    inv && no != null ? ResultTable.num(r.rate() / no.rate(), 2) : "",
                    inv && wls != null && r.pixels() == wls.pixels() ? ResultTable.num(r.m().wallSeconds() / wls.m().wallSeconds(), 2) : "",
                    ResultTable.num(r.innerRate(), 0), r.note()));
        }
        return t;
    }

    private static Row find(List<Row> rows, String step) {
        for (Row r : rows) {
            if (r.step().equals(step)) {
                return r;
            }
        }
        return null;
    }

    /** The lines that say what each kind of figure is, and the headline ratios. */
    static List<String> notes(List<Row> rows) {
        List<String> n = new ArrayList<>();
        n.add("wall s, peak RSS MB, px/s: the whole command as a child process (JVM or Python start-up, reads, writes of "
                + "every output); px/s = pixels / wall. × MintPy: px/s over MintPy's px/s in this run (same stack file unless "
                + "marked SCALED). inner px/s: the figure the command prints about its own loop (permasar invert: block loop "
                + "of reads + solve; MintPy: pixels / its 'time used') — kernel diagnosis, not the user's speed.");
        Row var = find(rows, "MintPy -w var"), no = find(rows, "MintPy -w no"), wls = find(rows, "invert wls:var");
        Row l1 = find(rows, "invert l1"), l2 = find(rows, "invert l2:no");
        if (wls != null && var != null) {
            n.add(String.format(Locale.ROOT, "whole command: permasar invert wls var is %.1f× MintPy -w var (%.1f s vs %.1f s%s)",
                    wls.rate() / var.rate(), wls.m().wallSeconds(), var.m().wallSeconds(), var.pixels() == wls.pixels() ? ""
                            : ", MintPy on a SCALED subset"));
            if (!Double.isNaN(wls.innerRate()) && !Double.isNaN(var.innerRate())) {
                n.add(String.format(Locale.ROOT, "kernel only (inner figures, not the user's speed): %.1f×",
                        wls.innerRate() / var.innerRate()));
            }
        }
        if (l2 != null && no != null) {
            n.add(String.format(Locale.ROOT, "whole command: permasar invert l2 no is %.2f× MintPy -w no", l2.rate() / no.rate()));
        }
        if (l1 != null && wls != null) {
            n.add(String.format(Locale.ROOT, "whole command: L1 wall ÷ WLS wall = %.2f", l1.m().wallSeconds() / wls.m().wallSeconds()));
        }
        return n;
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
