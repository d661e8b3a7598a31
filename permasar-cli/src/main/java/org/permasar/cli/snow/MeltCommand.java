package org.permasar.cli.snow;

import java.nio.file.Path;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.permasar.cli.plot.Colormap;
import org.permasar.cli.plot.RasterMap;
import org.permasar.pipeline.snow.MeltStep;
import org.permasar.pipeline.snow.MeltStepParameters;
import org.permasar.snow.MeltDetector;
import org.permasar.snow.MeltParameters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code permasar melt}: wet-snow / melt detection from a σ⁰ (dB) stack (SCIENCE.md §7, seed 004;
 * Nagler &amp; Rott 2000): wet where σ⁰ drops more than {@code --threshold} dB below the winter reference.
 * The step ({@link MeltStep}) writes {@code melt.tif}, {@code melt_summary.csv} and, with {@code --site},
 * {@code melt_sites.csv}; this command adds {@code melt_days_YEAR.png} for each year with a reference.
 */
@Command(name = "melt", mixinStandardHelpOptions = true,
        description = "Melt detection: wet snow where sigma0 drops more than a threshold below the winter reference; onset, end, melt days per year.")
public final class MeltCommand implements Callable<Integer> {
    @Option(names = "--sigma0", required = true, paramLabel = "FILE.tif",
            description = "Multi-band GeoTIFF of sigma0 in dB, one band per acquisition (bands named by date, or --dates).")
    Path sigma0;
    @Option(names = "--dates", paramLabel = "FILE", description = "One date (YYYY-MM-DD or YYYYMMDD) per band, in band order.")
    Path dates;
    @Option(names = "--threshold", defaultValue = "3", paramLabel = "DB", description = "Drop below the winter reference, dB (default ${DEFAULT-VALUE}).")
    double threshold;
    @Option(names = "--winter", defaultValue = "12-01:02-28", paramLabel = "MM-DD:MM-DD",
            description = "Winter reference window (default ${DEFAULT-VALUE}; crossing the new year uses the winter before each year).")
    String winter;
    @Option(names = "--min-winter", defaultValue = "3", paramLabel = "N", description = "Least winter acquisitions for a reference (default ${DEFAULT-VALUE}).")
    int minWinter;
    @Option(names = "--min-run", defaultValue = "1", paramLabel = "N", description = "Least consecutive wet acquisitions that count (default ${DEFAULT-VALUE}).")
    int minRun;
    @Option(names = "--site", paramLabel = "ROW,COL", description = "Pixel whose series goes to melt_sites.csv (repeatable).")
    List<String> sites = new ArrayList<>();
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Override
    public Integer call() throws Exception {
        MeltStep.Result r = MeltStep.run(parameters());
        MeltDetector.Maps m = r.maps();
        int n = r.grid().size();
        for (int y = 0; y < m.years().length; y++) {
            float[] days = java.util.Arrays.copyOfRange(m.meltDays(), y * n, (y + 1) * n);
            int withRef = 0;
            for (float d : days) {
                withRef += Float.isNaN(d) ? 0 : 1;
            }
            if (withRef == 0) {
                continue;
            }
            new RasterMap("Melt days " + m.years()[y] + ", " + sigma0.getFileName(), "days", Colormap.VIRIDIS)
                    .write(out.resolve("melt_days_" + m.years()[y] + ".png"), r.grid(), days);
        }
        System.out.print(MeltStep.summary(m));
        System.out.println("wrote " + out);
        return 0;
    }

    MeltStepParameters parameters() {
        if (!(threshold > 0 && threshold < 100)) {
            throw new IllegalArgumentException("--threshold must be in (0, 100) dB, got " + threshold);
        }
        if (minWinter < 1) {
            throw new IllegalArgumentException("--min-winter must be ≥ 1, got " + minWinter);
        }
        if (minRun < 1) {
            throw new IllegalArgumentException("--min-run must be ≥ 1, got " + minRun);
        }
        MonthDay from, to;
        try {
            String[] p = winter.split(":");
            if (p.length != 2) {
                throw new DateTimeParseException("two ends", winter, 0);
            }
            from = MonthDay.parse("--" + p[0].trim());
            to = MonthDay.parse("--" + p[1].trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--winter " + winter + ": expected MM-DD:MM-DD, e.g. 12-01:02-28");
        }
        List<int[]> px = new ArrayList<>();
        for (String s : sites) {
            String[] p = s.split(",");
            try {
                if (p.length != 2) {
                    throw new NumberFormatException();
                }
                px.add(new int[] {Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim())});
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--site " + s + ": expected ROW,COL (0-based pixel), e.g. 10,20");
            }
            if (px.get(px.size() - 1)[0] < 0 || px.get(px.size() - 1)[1] < 0) {
                throw new IllegalArgumentException("--site " + s + ": row and column must be ≥ 0");
            }
        }
        return new MeltStepParameters(sigma0, dates, new MeltParameters(threshold, from, to, minWinter, minRun), px, out);
    }
}
