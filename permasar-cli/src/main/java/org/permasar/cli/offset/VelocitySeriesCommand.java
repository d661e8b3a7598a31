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
        System.out.println("wrote " + out);
        return 0;
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
