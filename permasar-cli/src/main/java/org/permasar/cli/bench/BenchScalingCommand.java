package org.permasar.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.permasar.cli.plot.ScalingPlot;
import org.permasar.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code permasar bench scaling}: scaling curves of whole commands (issue 18 item 5). Runs, each as
 * a child process measured by {@link ChildMeter} (wall, peak RSS): {@code permasar invert --method
 * wls --weight var} on synthetic stacks of growing pixel count (fixed pairs) and of growing pair
 * count (fixed pixels), {@code permasar fit --model trend+annual} on each of those inversions'
 * {@code timeseries.h5}, and {@code permasar fit --model pecm} on simulated scenes of growing size.
 * Fits wall ∝ size^b (and RSS ∝ size^b) by least squares in log–log ({@link PowerLawFit}) and
 * writes {@code scaling.md/.csv/.json} (points), {@code scaling-fits.md/.csv/.json} and the plots
 * {@code scaling-pixels.png} and {@code scaling-pairs.png}. Defaults stay small (minutes); 3·10⁵
 * and 10⁶ px are behind {@code --pixels}.
 */
@Command(name = "scaling", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Scaling curves of whole commands (child processes): invert wls var against pixels and pairs, fit "
                + "trend+annual and pecm against pixels; fits wall ∝ size^b in log-log and plots wall and peak RSS."})
public final class BenchScalingCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for tables, plots, logs and (with --keep) work files.")
    Path out;

    @Option(names = "--pixels", defaultValue = "10000,30000,100000", split = ",", paramLabel = "N",
            description = "Pixel counts of the invert and fit sweep (default: ${DEFAULT-VALUE}; e.g. 10000,30000,100000,300000,1000000).")
    List<Integer> pixelList;

    @Option(names = "--at-pairs", defaultValue = "770", description = "Pairs of the pixel sweep's stacks (default: ${DEFAULT-VALUE}).")
    int atPairs;

    @Option(names = "--pairs", defaultValue = "200,500,1000,2000", split = ",", paramLabel = "M",
            description = "Pair counts of the pair sweep (default: ${DEFAULT-VALUE}); 0 skips it.")
    List<Integer> pairList;

    @Option(names = "--at-pixels", defaultValue = "10000", description = "Pixels of the pair sweep's stacks (default: ${DEFAULT-VALUE}).")
    int atPixels;

    @Option(names = "--dates", defaultValue = "145", description = "Dates of every synthetic stack (default: ${DEFAULT-VALUE}).")
    int dates;

    @Option(names = "--no-fit", description = "Skip fit trend+annual on the pixel sweep's inversions.")
    boolean noFit;

    @Option(names = "--pecm-sizes", defaultValue = "40x50,70x70,100x100", split = ",", paramLabel = "ROWSxCOLS",
            description = "Simulated scenes for fit --model pecm (default: ${DEFAULT-VALUE}); none skips them.")
    List<String> pecmSizes;

    @Option(names = "--seed", defaultValue = "20170104", description = "Seed of the synthetic stacks (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", description = "--threads for the permasar children (default: theirs, all cores).")
    Integer threads;

    @Option(names = "--java-opts", paramLabel = "OPTIONS", description = "JVM options of the permasar children (default: this JVM's).")
    String javaOpts;

    @Option(names = "--timeout-min", defaultValue = "60", description = "Kill a child after this many minutes (default: ${DEFAULT-VALUE}).")
    long timeoutMin;

    @Option(names = "--keep", description = "Keep stacks, scenes and outputs under DIR/work.")
    boolean keep;

    /** One measured point of a series. */
    record Point(String series, String command, long pixels, int pairs, double size, ChildMeter.Measurement m) {
    }

    @Override
    public Integer call() throws IOException {
        // the children run in their own folders: a relative --out (its meter files, stack, scene) would name nothing there
        out = out.toAbsolutePath().normalize();
        for (int p : pixelList) {
            if (p < 1) {
                throw new IllegalArgumentException("--pixels must be ≥ 1, got " + pixelList);
            }
        }
        SyntheticStack.network(dates, atPairs, seed); // validates --at-pairs against --dates
        for (int m : pairList) {
            if (m != 0) {
                SyntheticStack.network(dates, m, seed);
            }
        }
        List<int[]> pecm = new ArrayList<>();
        for (String s : pecmSizes) {
            if (!"none".equalsIgnoreCase(s)) {
                pecm.add(size(s));
            }
        }
        Path work = out.resolve("work");
        if (Files.exists(work)) {
            AtomicFiles.deleteRecursively(work);
        }
        Files.createDirectories(work);
        ChildRunner runner = new ChildRunner(ChildMeter.detect(), PermasarLauncher.current(javaOpts), out.resolve("logs"),
                timeoutMin * 60);
        List<String> preamble = new ArrayList<>();
        preamble.add("permasar bench scaling, " + LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME));
        preamble.addAll(runner.describe());
        preamble.forEach(System.out::println);
        List<Point> points = new ArrayList<>();
        try {
            for (int px : pixelList) {
                points.addAll(invertAndFit(runner, px, atPairs, !noFit, work, "pixels"));
            }
            for (int m : pairList) {
                if (m != 0) {
                    points.addAll(invertAndFit(runner, atPixels, m, false, work, "pairs"));
                }
            }
            for (int[] rc : pecm) {
                points.add(pecm(runner, rc, work));
            }
        } finally {
            if (!keep) {
                AtomicFiles.deleteRecursively(work);
            }
        }
        preamble.add(String.format(Locale.ROOT, "load average %s (1, 5, 15 min) at the end", ChildRunner.loadAverage()));
        ResultTable pts = new ResultTable(List.of("series", "command (whole, child process)", "pixels", "pairs", "wall s",
                "peak RSS MB", "px/s"));
        for (Point p : points) {
            pts.add(List.of(p.series(), p.command(), Long.toString(p.pixels()), p.pairs() == 0 ? "" : Integer.toString(p.pairs()),
                    ResultTable.num(p.m().wallSeconds(), 2), ResultTable.num(p.m().peakRssMb(), 0),
                    ResultTable.num(p.pixels() / p.m().wallSeconds(), 0)));
        }
        ResultTable fits = new ResultTable(List.of("series", "x", "points", "wall exponent b", "R² (log)", "RSS exponent b",
                "range"));
        Map<String, List<Point>> bySeries = new LinkedHashMap<>();
        for (Point p : points) {
            bySeries.computeIfAbsent(p.series(), k -> new ArrayList<>()).add(p);
        }
        List<ScalingPlot.Curve> wallPx = new ArrayList<>(), rssPx = new ArrayList<>(), wallPairs = new ArrayList<>(),
                rssPairs = new ArrayList<>();
        for (Map.Entry<String, List<Point>> e : bySeries.entrySet()) {
            boolean byPairs = e.getKey().endsWith("vs pairs");
            String x = byPairs ? "pairs" : "pixels";
            double[][] c = columns(e.getValue());
            PowerLawFit fw = tryFit(c[0], c[1]), fr = tryFit(c[0], c[2]);
            fits.add(List.of(e.getKey(), x, Integer.toString(c[0].length), fw == null ? "" : ResultTable.num(fw.b(), 3),
                    fw == null ? "" : ResultTable.num(fw.rSquared(), 4), fr == null ? "" : ResultTable.num(fr.b(), 3),
                    String.format(Locale.ROOT, "%.0f … %.0f %s", min(c[0]), max(c[0]), x)));
            String ax = byPairs ? "pairs" : "px";
            ScalingPlot.Curve w = new ScalingPlot.Curve(e.getKey() + ": wall ∝ " + ax + "^" + exponent(fw), c[0], c[1], fitted(fw, c[0]));
            ScalingPlot.Curve r = new ScalingPlot.Curve(e.getKey() + ": RSS ∝ " + ax + "^" + exponent(fr), c[0], c[2], fitted(fr, c[0]));
            (byPairs ? wallPairs : wallPx).add(w);
            (byPairs ? rssPairs : rssPx).add(r);
        }
        String pre = String.join("\n", preamble) + "\n\nEvery figure is a whole command run as a child process; "
                + "exponents from least squares of ln(wall) on ln(size); JVM start-up (~0.5 s) pulls b below 1 at small sizes.\n";
        pts.write(out, "scaling", pre);
        fits.write(out, "scaling-fits", pre);
        if (!wallPx.isEmpty()) {
            ScalingPlot.write(out.resolve("scaling-pixels.png"), "Whole commands against pixels (" + atPairs + " pairs for invert)",
                    "pixels", wallPx, rssPx);
        }
        if (!wallPairs.isEmpty()) {
            ScalingPlot.write(out.resolve("scaling-pairs.png"), "permasar invert wls var against pairs (" + atPixels + " px)",
                    "pairs", wallPairs, rssPairs);
        }
        System.out.println();
        System.out.print(pts.markdown());
        System.out.println();
        System.out.print(fits.markdown());
        System.out.println(preamble.get(preamble.size() - 1));
        System.out.println("wrote scaling.md/.csv/.json, scaling-fits.md/.csv/.json and the plots to " + out);
        return 0;
    }

    private List<Point> invertAndFit(ChildRunner runner, int px, int pairs, boolean fit, Path work, String sweep)
            throws IOException {
        SyntheticStack s = SyntheticStack.create(dates, pairs, px, seed);
        String tag = s.grid.size() + "px-" + pairs + "pairs";
        Path stack = work.resolve("stack-" + tag).resolve("ifgramStack.h5");
        long t0 = System.nanoTime();
        s.write(stack, s.grid.rows());
        System.out.printf(Locale.ROOT, "stack %d px × %d pairs: %.0f MB written in %.1f s (setup)%n", s.grid.size(), pairs,
                Files.size(stack) / 1e6, (System.nanoTime() - t0) / 1e9);
        Path inv = work.resolve("invert-" + tag);
        List<String> args = withThreads(List.of("invert", stack.toString(), "--method", "wls", "--weight", "var", "--out",
                inv.toString()));
        List<Point> pts = new ArrayList<>();
        ChildMeter.Measurement m = runner.permasar("invert-" + tag, args, work);
        String series = "invert wls var vs " + sweep;
        pts.add(point(series, "permasar invert STACK --method wls --weight var --out D", s.grid.size(), pairs,
                sweep.equals("pairs") ? pairs : s.grid.size(), m));
        if (fit) {
            Path dir = work.resolve("fit-" + tag);
            ChildMeter.Measurement f = runner.permasar("fit-" + tag, withThreads(List.of("fit",
                    inv.resolve("timeseries.h5").toString(), "--model", "trend+annual", "--out", dir.toString())), work);
            pts.add(point("fit trend+annual vs pixels", "permasar fit TS --model trend+annual --out D (TS: that inversion's)",
                    s.grid.size(), 0, s.grid.size(), f));
            AtomicFiles.deleteRecursively(dir);
        }
        if (!keep) {
            AtomicFiles.deleteRecursively(inv);
            AtomicFiles.deleteRecursively(stack.getParent());
        }
        return pts;
    }

    private Point pecm(ChildRunner runner, int[] rc, Path work) throws IOException {
        String size = rc[0] + "x" + rc[1];
        Path scene = work.resolve("scene-" + size);
        ChildMeter.Measurement sim = runner.permasar("simulate-" + size, List.of("simulate", "--out", scene.toString(),
                "--size", size), work);
        System.out.printf(Locale.ROOT, "scene %s: simulated in %.1f s (setup)%n", size, sim.wallSeconds());
        Path dir = work.resolve("pecm-" + size);
        ChildMeter.Measurement m = runner.permasar("pecm-" + size, withThreads(List.of("fit",
                scene.resolve("asc").resolve("truthTimeseries.h5").toString(), "--model", "pecm", "--lst",
                scene.resolve("lst_8day.tif").toString(), "--out", dir.toString())), work);
        if (!keep) {
            AtomicFiles.deleteRecursively(scene);
            AtomicFiles.deleteRecursively(dir);
        }
        return point("fit pecm vs pixels", "permasar fit TS --model pecm --lst LST --out D (simulated scene " + size + ")",
                (long) rc[0] * rc[1], 0, (double) rc[0] * rc[1], m);
    }

    private List<String> withThreads(List<String> args) {
        List<String> a = new ArrayList<>(args);
        if (threads != null) {
            a.addAll(List.of("--threads", threads.toString()));
        }
        return a;
    }

    private static Point point(String series, String command, long px, int pairs, double size, ChildMeter.Measurement m) {
        System.out.printf(Locale.ROOT, "%-28s %9d px %5s pairs: %8.2f s wall, %6.0f MB peak RSS, %8.0f px/s (whole command)%n",
                series, px, pairs == 0 ? "" : Integer.toString(pairs), m.wallSeconds(), m.peakRssMb(), px / m.wallSeconds());
        return new Point(series, command, px, pairs, size, m);
    }

    /** x, wall and RSS MB of a series' points. */
    private static double[][] columns(List<Point> pts) {
        double[][] c = new double[3][pts.size()];
        for (int i = 0; i < pts.size(); i++) {
            c[0][i] = pts.get(i).size();
            c[1][i] = pts.get(i).m().wallSeconds();
            c[2][i] = pts.get(i).m().peakRssMb();
        }
        return c;
    }

    private static PowerLawFit tryFit(double[] x, double[] y) {
        try {
            return PowerLawFit.fit(x, y);
        } catch (IllegalArgumentException e) {
            return null; // fewer than two distinct sizes: no exponent
        }
    }

    private static String exponent(PowerLawFit f) {
        return f == null ? "?" : String.format(Locale.ROOT, "%.2f", f.b());
    }

    private static double[] fitted(PowerLawFit f, double[] x) {
        if (f == null) {
            return null;
        }
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = f.at(x[i]);
        }
        return y;
    }

    private static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double d : v) {
            m = Math.min(m, d);
        }
        return m;
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double d : v) {
            m = Math.max(m, d);
        }
        return m;
    }

    /** "ROWSxCOLS" → {rows, cols}, both ≥ 1. */
    static int[] size(String s) {
        String[] rc = s.toLowerCase(Locale.ROOT).split("x");
        try {
            if (rc.length == 2) {
                int r = Integer.parseInt(rc[0].trim()), c = Integer.parseInt(rc[1].trim());
                if (r >= 1 && c >= 1) {
                    return new int[] {r, c};
                }
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException("a size must look like ROWSxCOLS, e.g. 100x100, got '" + s + "'");
    }
}
