package org.permasar.cli.offset;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.permasar.cli.plot.OffsetPlot;
import org.permasar.offset.CorrelationMethod;
import org.permasar.offset.OffsetField;
import org.permasar.offset.OffsetParameters;
import org.permasar.offset.PeakFit;
import org.permasar.pipeline.offset.OffsetStep;
import org.permasar.pipeline.offset.OffsetStepParameters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code permasar offsets}: dense offset tracking between two images (SAR amplitude or optical) by
 * normalised cross-correlation of chips on a grid (SCIENCE.md §7, seed 004), for glacier and ice
 * velocity. The step ({@link OffsetStep}) writes {@code offsets.tif} (bands rowOffset, colOffset in
 * pixels, peakCorrelation, snr; vx, vy, speed in m/day with {@code --days} and a metric pixel size) and
 * {@code offsets_settings.txt}; this command adds {@code offsets.png} (magnitude and arrows).
 * Sign convention: a feature at (r, c) in the reference found at (r + dr, c + dc) in the secondary has
 * offsets (dr, dc).
 */
@Command(name = "offsets", mixinStandardHelpOptions = true,
        description = "Dense offset tracking (normalised cross-correlation) between two images: offsets, quality, velocity.")
public final class OffsetsCommand implements Callable<Integer> {
    @Option(names = "--reference", required = true, paramLabel = "A.tif", description = "Reference image (GeoTIFF).")
    Path reference;
    @Option(names = "--secondary", required = true, paramLabel = "B.tif", description = "Secondary image, same grid as the reference.")
    Path secondary;
    @Option(names = "--band", defaultValue = "1", paramLabel = "N", description = "Band of both images (default ${DEFAULT-VALUE}).")
    int band;
    @Option(names = "--chip", defaultValue = "32", paramLabel = "PX", description = "Chip side, pixels (default ${DEFAULT-VALUE}).")
    int chip;
    @Option(names = "--search", defaultValue = "8", paramLabel = "PX", description = "Search radius, pixels (default ${DEFAULT-VALUE}).")
    int search;
    @Option(names = "--step", defaultValue = "16", paramLabel = "PX", description = "Grid step, pixels (default ${DEFAULT-VALUE}).")
    int step;
    @Option(names = "--prior", paramLabel = "P.tif",
            description = "A-priori offsets on the reference grid: band 1 row, band 2 column offsets, pixels (NaN = none).")
    Path prior;
    @Option(names = "--prior-dr", defaultValue = "0", paramLabel = "PX", description = "A-priori row offset centring the search, pixels.")
    double priorDr;
    @Option(names = "--prior-dc", defaultValue = "0", paramLabel = "PX", description = "A-priori column offset centring the search, pixels.")
    double priorDc;
    @Option(names = "--min-correlation", defaultValue = "0.2", paramLabel = "R",
            description = "Drop matches whose peak correlation is below R (default ${DEFAULT-VALUE}).")
    double minCorrelation;
    @Option(names = "--min-snr", defaultValue = "0", paramLabel = "S",
            description = "Drop matches whose SNR (peak / mean |correlation|) is below S (default ${DEFAULT-VALUE}).")
    double minSnr;
    @Option(names = "--filter", defaultValue = "2", paramLabel = "T",
            description = "Normalised median test threshold (Westerweel & Scarano 2005); 0 = off (default ${DEFAULT-VALUE}).")
    double filter;
    @Option(names = "--peak-fit", defaultValue = "gaussian", paramLabel = "F", description = "gaussian or parabolic (default ${DEFAULT-VALUE}).")
    String peakFit;
    @Option(names = "--refine", defaultValue = "2", paramLabel = "N",
            description = "Sub-pixel refinements by bicubic resampling, 0 … 10 (default ${DEFAULT-VALUE}).")
    int refine;
    @Option(names = "--method", defaultValue = "auto", paramLabel = "M",
            description = "Cross-correlation sums: fft, direct, or auto (whichever is faster for the chip and search radius; default ${DEFAULT-VALUE}).")
    String method;
    @Option(names = "--days", paramLabel = "D", description = "Days from reference to secondary: adds vx, vy, speed (m/day).")
    double days = Double.NaN;
    @Option(names = "--pixel-size", paramLabel = "M", description = "Ground pixel size, metres, for images without a projected CRS.")
    double pixelSize = Double.NaN;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Override
    public Integer call() throws Exception {
        OffsetStepParameters p = parameters();
        OffsetStep.Result r = OffsetStep.run(p);
        OffsetField f = r.field();
        boolean vel = r.speed() != null;
        String title = (vel ? "Speed" : "Offset magnitude") + ", " + reference.getFileName() + " → " + secondary.getFileName();
        double perPixel = vel ? median(r.speed()) / median(f.magnitude()) : 1;
        OffsetPlot.write(out.resolve("offsets.png"), title, vel ? "m/day" : "px", r.grid(), f.dr(), f.dc(),
                vel ? r.speed() : f.magnitude(), vel && Double.isFinite(perPixel) ? perPixel : 1);
        System.out.printf(Locale.ROOT, "%d × %d nodes (chip %d, search ±%d, step %d px, %s): %d kept, %d rejected by the median "
                + "filter; median offset (%.3f, %.3f) px%s; %.2f s%n", f.rows(), f.cols(), chip, search, step,
                p.tracking().method().resolve(chip, search).name().toLowerCase(Locale.ROOT), f.valid(),
                f.rejected(), median(f.dr()), median(f.dc()), vel ? String.format(Locale.ROOT, ", median speed %.3f m/day",
                median(r.speed())) : "", r.seconds());
        System.out.println("wrote " + out);
        return 0;
    }

    OffsetStepParameters parameters() {
        // options named as the user typed them; the records check the same ranges again
        if (chip < 8 || chip > 1024) {
            throw new IllegalArgumentException("--chip must be in 8 … 1024 pixels, got " + chip);
        }
        if (search < 1 || search > 1024) {
            throw new IllegalArgumentException("--search must be in 1 … 1024 pixels, got " + search);
        }
        if (step < 1) {
            throw new IllegalArgumentException("--step must be ≥ 1 pixel, got " + step);
        }
        if (!(minCorrelation >= -1 && minCorrelation < 1)) {
            throw new IllegalArgumentException("--min-correlation must be in [-1, 1), got " + minCorrelation);
        }
        if (refine < 0 || refine > 10) {
            throw new IllegalArgumentException("--refine must be in 0 … 10, got " + refine);
        }
        if (!Double.isNaN(days) && !(days != 0 && Double.isFinite(days))) {
            throw new IllegalArgumentException("--days must be non-zero, got " + days);
        }
        if (!Double.isNaN(pixelSize) && !(pixelSize > 0 && Double.isFinite(pixelSize))) {
            throw new IllegalArgumentException("--pixel-size must be > 0 metres, got " + pixelSize);
        }
        PeakFit fit = switch (peakFit.trim().toLowerCase(Locale.ROOT)) {
            case "gaussian" -> PeakFit.GAUSSIAN;
            case "parabolic" -> PeakFit.PARABOLIC;
            default -> throw new IllegalArgumentException("--peak-fit " + peakFit + ": expected gaussian or parabolic");
        };
        CorrelationMethod cm = switch (method.trim().toLowerCase(Locale.ROOT)) {
            case "fft" -> CorrelationMethod.FFT;
            case "direct" -> CorrelationMethod.DIRECT;
            case "auto" -> CorrelationMethod.AUTO;
            default -> throw new IllegalArgumentException("--method " + method + ": expected fft, direct or auto");
        };
        OffsetParameters t = new OffsetParameters(chip, search, step, minCorrelation, minSnr, filter, fit, refine, cm);
        return new OffsetStepParameters(reference, secondary, band, t, prior, priorDr, priorDc, days, pixelSize, out);
    }

    private static double median(float[] v) {
        return OffsetStep.median(v);
    }
}
