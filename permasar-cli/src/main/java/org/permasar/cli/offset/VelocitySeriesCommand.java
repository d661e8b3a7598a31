package org.permasar.cli.offset;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.permasar.offset.VelocityTimeSeries;
import org.permasar.pipeline.offset.VelocitySeriesStep;
import org.permasar.pipeline.offset.VelocitySeriesStepParameters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code permasar velocity-series}: a glacier velocity time series from many offset pairs of two sensors
 * (S1 SAR, S2 optical), two-step least squares per connected component of the pair network after the S2
 * mosaicking offsets are removed on stable ice (SCIENCE.md §7, seed 004). The step
 * ({@link VelocitySeriesStep}) writes {@code vx.tif}, {@code vy.tif}, {@code speed.tif} (m/day, one band per
 * interval), {@code intervals.csv} and {@code pairs_used.csv}.
 */
@Command(name = "velocity-series", mixinStandardHelpOptions = true,
        description = "Velocity time series from S1 and S2 offset pairs: mosaicking offsets removed, two-step least squares per connected component.")
public final class VelocitySeriesCommand implements Callable<Integer> {
    @Option(names = "--pairs", required = true, paramLabel = "PAIRS.csv",
            description = "Table with header file,sensor,date1,date2[,pixel_size]: offsets.tif files of 'permasar offsets', sensor S1 or S2.")
    Path pairs;
    @Option(names = "--stable-mask", paramLabel = "MASK.tif", description = "Stable ice (non-zero) on the offsets' grid; default: speed below --stable-speed.")
    Path stableMask;
    @Option(names = "--stable-speed", defaultValue = "40", paramLabel = "M_PER_YR",
            description = "Ice slower than this is stable for the S2 mosaicking offsets, m/yr (default ${DEFAULT-VALUE}).")
    double stableSpeed;
    @Option(names = "--gross-k", defaultValue = "3", paramLabel = "K",
            description = "Gross-error threshold in robust standard deviations (default ${DEFAULT-VALUE}).")
    double grossK;
    @Option(names = "--gross-floor", defaultValue = "2", paramLabel = "M",
            description = "Residuals below this are never gross errors, metres: 3-4 x the offsets' noise (default ${DEFAULT-VALUE}).")
    double grossFloor;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Override
    public Integer call() throws Exception {
        VelocitySeriesStep.Result r = VelocitySeriesStep.run(parameters());
        VelocityTimeSeries.Result s = r.series();
        long gross = 0;
        for (int g : s.grossErrors()) {
            gross += g;
        }
        long s2 = r.rows().stream().filter(x -> x.sensor().equals("S2")).count();
        System.out.printf(Locale.ROOT, "%d pairs (%d S1, %d S2), %d dates, %d intervals, %d × %d px; %d stable pixels; "
                + "%d pair-pixels removed as gross errors%n", r.rows().size(), r.rows().size() - s2, s2, r.dates().length,
                s.intervals(), r.grid().rows(), r.grid().cols(), s.stable(), gross);
        plot(r);
        System.out.println("wrote " + out);
        return 0;
    }

    /** {@code speed_series.png}: speed (m/day) at the interval mid-dates, of the fastest pixel and the median of the fastest 10 %. */
    private void plot(VelocitySeriesStep.Result r) throws java.io.IOException {
        VelocityTimeSeries.Result s = r.series();
        int n = r.grid().size(), ni = s.intervals();
        java.util.List<java.time.LocalDate> mid = new java.util.ArrayList<>();
        for (int k = 0; k < ni; k++) {
            java.time.LocalDate a = r.dates()[k], b = r.dates()[k + 1];
            mid.add(a.plusDays(java.time.temporal.ChronoUnit.DAYS.between(a, b) / 2));
        }
        // the pixel with the highest median speed over the intervals (robust to an interval gone wrong), and
        // the median over the fastest 10 % of pixels by that median speed
        double[] med = new double[n], tmp = new double[Math.max(n, ni)];
        int fastest = 0;
        for (int i = 0; i < n; i++) {
            int m = 0;
            for (int k = 0; k < ni; k++) {
                double v = Math.hypot(s.vx()[k * n + i], s.vy()[k * n + i]);
                if (!Double.isNaN(v)) {
                    tmp[m++] = v;
                }
            }
            java.util.Arrays.sort(tmp, 0, m);
            med[i] = m > 0 ? tmp[m / 2] : Double.NEGATIVE_INFINITY;
            fastest = med[i] > med[fastest] ? i : fastest;
        }
        double[] sorted = med.clone();
        java.util.Arrays.sort(sorted);
        double cut = sorted[(int) (0.9 * (n - 1))];
        double[] fast = new double[ni], moving = new double[ni];
        for (int k = 0; k < ni; k++) {
            fast[k] = Math.hypot(s.vx()[k * n + fastest], s.vy()[k * n + fastest]);
            int m = 0;
            for (int i = 0; i < n; i++) {
                double v = Math.hypot(s.vx()[k * n + i], s.vy()[k * n + i]);
                if (!Double.isNaN(v) && med[i] >= cut) {
                    tmp[m++] = v;
                }
            }
            java.util.Arrays.sort(tmp, 0, m);
            moving[k] = m == 0 ? Double.NaN : tmp[m / 2];
        }
        int row = fastest / r.grid().cols(), col = fastest % r.grid().cols();
        new org.permasar.cli.plot.TimeSeriesPlot("Speed per interval, " + pairs.getFileName(), "speed (m/day)")
                .points("fastest pixel by median speed (row " + row + ", col " + col + ")", mid, fast)
                .curve("median of the fastest 10 % of pixels", mid, moving)
                .write(out.resolve("speed_series.png"));
    }

    VelocitySeriesStepParameters parameters() {
        if (!(stableSpeed > 0 && Double.isFinite(stableSpeed))) {
            throw new IllegalArgumentException("--stable-speed must be > 0 m/yr, got " + stableSpeed);
        }
        if (!(grossK > 0 && Double.isFinite(grossK))) {
            throw new IllegalArgumentException("--gross-k must be > 0, got " + grossK);
        }
        if (!(grossFloor >= 0 && Double.isFinite(grossFloor))) {
            throw new IllegalArgumentException("--gross-floor must be ≥ 0 metres, got " + grossFloor);
        }
        return new VelocitySeriesStepParameters(pairs, stableMask, new VelocityTimeSeries.Settings(grossK, grossFloor, stableSpeed), out);
    }
}
