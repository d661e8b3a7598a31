package org.permasar.cli.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.permasar.engine.BlockEngine;
import org.permasar.inversion.InversionParameters;
import org.permasar.inversion.WeightFunction;
import org.permasar.io.AtomicFiles;
import org.permasar.io.RasterFormats;
import org.permasar.pipeline.invert.InversionRun;
import org.permasar.progress.Progress;
import org.permasar.stack.BlockPlanner;
import org.permasar.stack.InterferogramStack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code permasar bench invert}: kernel diagnosis. Times our SBAS inversion's block loop per
 * method in-process, through the same block engine and {@link InversionRun} as {@code permasar
 * invert} (outputs go to a temporary folder and are deleted), reports the peak heap, and, when
 * MintPy is installed, times MintPy 1.5.1's {@code ifgram_inversion -w var} and {@code -w no} on a
 * subset of the same stack in the same run, less its Python start-up, scaling its cost per pixel.
 * Its ratios are of inner loops and overstate what a user sees (issue 18: 123× in the loop, 20.6×
 * for the whole command); {@link BenchCommandsCommand} times the commands. No assertion: figures
 * are printed.
 */
@Command(name = "invert", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Kernel diagnosis: the SBAS inversion's block loop alone, in-process (pixels/s per method, peak heap), "
                + "against MintPy's ifgram_inversion less its start-up. Not a user's speed: see 'bench commands'."})
public final class BenchInvertCommand implements Callable<Integer> {
    static final String PYTHON = "/usr/bin/python3";

    @Option(names = "--stack", paramLabel = "FILE",
            description = "Time this stack (any format invert reads) instead of a synthetic one; MintPy gets its first rows.")
    Path stackFile;

    @Option(names = "--pairs", defaultValue = "770", description = "Synthetic pairs (default: ${DEFAULT-VALUE}).")
    int pairs;

    @Option(names = "--dates", defaultValue = "145", description = "Synthetic dates (default: ${DEFAULT-VALUE}).")
    int dates;

    @Option(names = "--pixels", defaultValue = "30000", description = "Synthetic pixels (default: ${DEFAULT-VALUE}).")
    int pixels;

    @Option(names = "--methods", defaultValue = "l2,wls,l1", split = ",",
            description = "Methods to time, each METHOD or METHOD:WEIGHT, e.g. wls:no (default: ${DEFAULT-VALUE}).")
    List<String> methods;

    @Option(names = "--no-mintpy", description = "Do not run MintPy.")
    boolean noMintpy;

    @Option(names = "--mintpy-pixels", defaultValue = "2000",
            description = "Pixels of the subset stack MintPy inverts; its time is scaled per pixel (default: ${DEFAULT-VALUE}).")
    int mintpyPixels;

    @Option(names = "--mintpy-no-pixels", defaultValue = "30000",
            description = "Pixels MintPy's -w no inverts (vectorised, so cheap; default: ${DEFAULT-VALUE}, at most the stack).")
    int mintpyNoPixels;

    @Option(names = "--repeat", defaultValue = "2",
            description = "Runs per method; the fastest counts, so the first absorbs JIT warm-up (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--threads", description = "Worker threads (default: all cores).")
    Integer threads;

    @Option(names = "--memory-mb", defaultValue = "1024", description = "Block memory budget (default: ${DEFAULT-VALUE}).")
    long memoryMb;

    @Option(names = "--seed", defaultValue = "20170104", description = "Seed of the synthetic stack (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        int nthreads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (nthreads < 1 || memoryMb < 16 || mintpyPixels < 1 || mintpyNoPixels < 1 || repeat < 1) {
            throw new IllegalArgumentException("--threads, --mintpy-pixels, --mintpy-no-pixels, --repeat ≥ 1 and --memory-mb ≥ 16 "
                    + "needed, got " + nthreads + ", " + mintpyPixels + ", " + mintpyNoPixels + ", " + repeat + ", " + memoryMb);
        }
        for (String m : methods) {
            parameters(m); // validates the name
        }
        Path work = Files.createTempDirectory("permasar-bench");
        try {
            Path stackPath = stackFile;
            Path mintpyStack = null;
            Path mintpyNoStack = null;
            int subsetPixels = 0;
            int subsetNoPixels = 0;
            if (stackPath == null) {
                long t0 = System.nanoTime();
                SyntheticStack s = SyntheticStack.create(dates, pairs, pixels, seed);
                stackPath = work.resolve("ifgramStack.h5");
                s.write(stackPath, s.grid.rows());
                System.out.printf(Locale.ROOT, "synthetic stack: %d pairs × %d dates × %d pixels (%d × %d), seed %d: "
                                + "simulated and written to HDF5 in %.1f s%n", s.network.pairCount(), s.network.dateCount(),
                        s.grid.size(), s.grid.rows(), s.grid.cols(), seed, seconds(t0));
                if (!noMintpy && hasMintPy()) {
                    int rows = (int) Math.min(s.grid.rows(), Math.max(1, (mintpyPixels + s.grid.cols() - 1) / s.grid.cols()));
                    subsetPixels = rows * s.grid.cols();
                    mintpyStack = Files.createDirectories(work.resolve("mintpy")).resolve("ifgramStack.h5");
                    s.write(mintpyStack, rows);
                    int rowsNo = (int) Math.min(s.grid.rows(), Math.max(1, (mintpyNoPixels + s.grid.cols() - 1) / s.grid.cols()));
                    subsetNoPixels = rowsNo * s.grid.cols();
                    mintpyNoStack = Files.createDirectories(work.resolve("mintpyNo")).resolve("ifgramStack.h5");
                    s.write(mintpyNoStack, rowsNo);
                }
            }
            if (stackFile != null && !noMintpy && hasMintPy()) {
                try (InterferogramStack stack = RasterFormats.openStack(stackFile)) {
                    mintpyStack = Files.createDirectories(work.resolve("mintpy")).resolve("ifgramStack.h5");
                    subsetPixels = StackSubset.write(stack, mintpyPixels, mintpyStack);
                    mintpyNoStack = Files.createDirectories(work.resolve("mintpyNo")).resolve("ifgramStack.h5");
                    subsetNoPixels = StackSubset.write(stack, mintpyNoPixels, mintpyNoStack);
                }
                System.out.printf(Locale.ROOT, "%s: MintPy gets %d pixels (-w var) and %d pixels (-w no), whole rows, as ifgramStack.h5%n",
                        stackFile, subsetPixels, subsetNoPixels);
            }
            System.gc();
            Map<String, Double> ours = new LinkedHashMap<>();
            long peakAll = 0;
            int npix = 0;
            for (String m : methods) {
                double best = 0, bestWall = 0;
                long peak = 0;
                for (int rep = 0; rep < repeat; rep++) {
                    resetPeaks();
                    long t0 = System.nanoTime();
                    InversionRun.Result r;
                    try (InterferogramStack stack = RasterFormats.openStack(stackPath)) {
                        npix = stack.grid().size();
                        boolean[] keep = stack.keptPairs();
                        Path out = Files.createDirectories(work.resolve("out-" + m));
                        InversionRun run = new InversionRun(stack, keep, parameters(m),
                                new InversionRun.Corrections(InversionRun.Ramp.NONE, null, false), out);
                        Map<String, String> a = stack.attributes();
                        if (a.containsKey("REF_Y") && a.containsKey("REF_X")) {
                            run.referencePixel(Integer.parseInt(a.get("REF_Y").trim()), Integer.parseInt(a.get("REF_X").trim()));
                        }
                        r = run.run(new BlockEngine(BlockPlanner.forMemoryMb(memoryMb, nthreads), nthreads, Progress.NONE));
                        AtomicFiles.deleteRecursively(out);
                    }
                    double wall = seconds(t0);
                    peak = Math.max(peak, peakHeap());
                    if (r.pixelsPerSecond() > best) {
                        best = r.pixelsPerSecond();
                        bestWall = wall;
                    }
                }
                peakAll = Math.max(peakAll, peak);
                ours.put(m, best);
                System.out.printf(Locale.ROOT, "permasar %-6s %9.0f pixels/s (%.3f ms/pixel) in the block loop (reads + "
                                + "solve, %d threads; best of %d); %.1f s with outputs; peak heap %d MiB%n", m, best,
                        1000 / best, nthreads, repeat, bestWall, peak >> 20);
            }
            System.out.printf(Locale.ROOT, "peak heap of the inversions: %d MiB (target ≤ 2048 MiB)%n", peakAll >> 20);
            Map<String, Double> mintpy = new LinkedHashMap<>();
            if (mintpyStack != null) {
                for (String w : new String[] {"var", "no"}) {
                    Path file = w.equals("var") ? mintpyStack : mintpyNoStack;
                    int px = w.equals("var") ? subsetPixels : subsetNoPixels;
                    double s = runMintPy(file, w);
                    mintpy.put(w, px / s);
                    System.out.printf(Locale.ROOT, "MintPy ifgram_inversion -w %-3s %9.1f pixels/s (%.3f ms/pixel) on a %d-pixel "
                            + "subset (whole rows) of the same stack%n", w, px / s, 1000 * s / px, px);
                }
            } else if (!noMintpy) {
                System.out.println("MintPy not found under " + PYTHON + ": no MintPy timings");
            }
            ratio("WLS var vs MintPy -w var", ours.get("wls"), mintpy.get("var"));
            ratio("L2 vs MintPy -w no", ours.get("l2"), mintpy.get("no"));
            ratio("WLS weight no (same solution as L2) vs MintPy -w no", ours.get("wls:no"), mintpy.get("no"));
            ratio("L1 cost vs our WLS (WLS/L1 speed)", ours.get("wls"), ours.get("l1"));
            System.out.println("these are inner-loop figures (kernel diagnosis), not the speed of the commands: "
                    + "'permasar bench commands' times those whole");
            System.out.printf(Locale.ROOT, "bench invert: %d pixels, methods %s%n", npix, String.join(",", methods));
            return 0;
        } finally {
            AtomicFiles.deleteRecursively(work);
        }
    }

    /** "wls" or "wls:no": a method with its default or the named coherence weight. */
    static InversionParameters parameters(String spec) {
        int colon = spec.indexOf(':');
        InversionParameters p = InversionParameters.of(colon < 0 ? spec : spec.substring(0, colon));
        return colon < 0 ? p : p.withWeight(WeightFunction.byName(spec.substring(colon + 1)));
    }

    private static void ratio(String what, Double a, Double b) {
        if (a != null && b != null) {
            System.out.printf(Locale.ROOT, "kernel ratio %s: %.1f× (block loops, not whole commands)%n", what, a / b);
        }
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
    }

    /** Sum of the heap pools' peak usage since the last reset (an upper bound of the true peak). */
    private static long peakHeap() {
        long s = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                s += p.getPeakUsage().getUsed();
            }
        }
        return s;
    }

    static boolean hasMintPy() {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import mintpy.ifgram_inversion").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static final Pattern TIME_USED = Pattern.compile("time used: (\\d+) mins ([0-9.]+) secs");

    /**
     * Runs MintPy's ifgram_inversion; returns its cost in seconds: the wall time less a separately timed
     * Python start-up with MintPy's imports, but at least MintPy's own final "time used" (0.1 s resolution).
     */
    static double runMintPy(Path stack, String weight) throws IOException, InterruptedException {
        Path dir = stack.getParent();
        List<String> cmd = new ArrayList<>(Arrays.asList(PYTHON, "-m", "mintpy.cli.ifgram_inversion", stack.toString(), "-w", weight,
                "-o", "ts_" + weight + ".h5", "tcoh_" + weight + ".h5", "num_" + weight + ".h5"));
        Path log = dir.resolve("mintpy_" + weight + ".log");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(3600, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("MintPy ran longer than an hour: lower --mintpy-pixels");
        }
        double wall = seconds(t0);
        long t1 = System.nanoTime();
        Process imp = new ProcessBuilder(PYTHON, "-c", "import mintpy.cli.ifgram_inversion, mintpy.ifgram_inversion")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        imp.waitFor(300, TimeUnit.SECONDS);
        double startup = seconds(t1);
        String text = Files.readString(log);
        if (p.exitValue() != 0) {
            throw new IllegalStateException("MintPy ifgram_inversion -w " + weight + " failed: "
                    + text.substring(Math.max(0, text.length() - 2000)));
        }
        Matcher m = TIME_USED.matcher(text);
        double used = Double.NaN;
        while (m.find()) {
            used = Integer.parseInt(m.group(1)) * 60 + Double.parseDouble(m.group(2));
        }
        double cost = Math.max(wall - startup, Double.isNaN(used) ? 0 : used);
        System.out.printf(Locale.ROOT, "MintPy -w %s: wall %.2f s, Python + MintPy import %.2f s, its own 'time used' %.1f s: "
                + "timed %.2f s (wall − import, at least 'time used')%n", weight, wall, startup, used, cost);
        return cost;
    }
}
