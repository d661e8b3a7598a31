package org.permasar.cli.seaice;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.permasar.cli.plot.DriftPlot;
import org.permasar.pipeline.seaice.DriftStep;
import org.permasar.pipeline.seaice.DriftStepParameters;
import org.permasar.seaice.DriftParameters;
import org.permasar.seaice.DriftVectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code permasar drift}: sea-ice drift between two SAR images by feature tracking (Harris keypoints, oriented
 * binary descriptors, ratio test) and pattern matching (NCC), with the matching-vector filters of Li et al.
 * 2022 (SCIENCE.md §7, seed 004). The step ({@link DriftStep}) writes {@code drift.csv} and
 * {@code drift.geojson}; this command adds {@code drift.png} (quiver on the reference image).
 */
@Command(name = "drift", mixinStandardHelpOptions = true,
        description = "Sea-ice drift vectors between two SAR images: feature matching + NCC refinement + vector filters; km/day.")
public final class DriftCommand implements Callable<Integer> {
    @Option(names = "--reference", required = true, paramLabel = "A.tif", description = "First SAR image (GeoTIFF), dB or amplitude.")
    Path reference;
    @Option(names = "--secondary", required = true, paramLabel = "B.tif", description = "Second SAR image, same grid.")
    Path secondary;
    @Option(names = "--band", defaultValue = "1", paramLabel = "N", description = "Band of both images (default ${DEFAULT-VALUE}).")
    int band;
    @Option(names = "--to-db", description = "Inputs are linear intensity (power): convert to dB first.")
    boolean toDb;
    @Option(names = "--days", paramLabel = "D", description = "Time from reference to secondary, days (fractions allowed): adds u, v, speed in km/day.")
    double days = Double.NaN;
    @Option(names = "--pixel-size", paramLabel = "M", description = "Ground pixel size, metres, for images without a projected CRS.")
    double pixelSize = Double.NaN;
    @Option(names = "--max-speed", paramLabel = "KM_DAY", description = "Largest drift speed, km/day (with --days and a pixel size; else --max-displacement).")
    double maxSpeed = Double.NaN;
    @Option(names = "--max-displacement", defaultValue = "64", paramLabel = "PX", description = "Largest displacement, pixels (default ${DEFAULT-VALUE}).")
    double maxDisplacement;
    @Option(names = "--cell", defaultValue = "24", paramLabel = "PX", description = "Keypoint bucket side, pixels (default ${DEFAULT-VALUE}).")
    int cell;
    @Option(names = "--chip", defaultValue = "32", paramLabel = "PX", description = "NCC chip side, pixels (default ${DEFAULT-VALUE}).")
    int chip;
    @Option(names = "--search", defaultValue = "4", paramLabel = "PX", description = "NCC search radius about the feature match, pixels (default ${DEFAULT-VALUE}).")
    int search;
    @Option(names = "--min-correlation", defaultValue = "0.3", paramLabel = "R", description = "Least NCC peak (default ${DEFAULT-VALUE}).")
    double minCorrelation;
    @Option(names = "--ratio", defaultValue = "0.85", paramLabel = "Q", description = "Descriptor distance ratio test (default ${DEFAULT-VALUE}).")
    double ratio;
    @Option(names = "--region", defaultValue = "96", paramLabel = "PX", description = "Voronoi generator spacing of the regional filter, pixels; 0 = off (default ${DEFAULT-VALUE}).")
    double region;
    @Option(names = "--no-orientation", description = "Do not steer descriptors by the patch orientation.")
    boolean noOrientation;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Override
    public Integer call() throws Exception {
        DriftStep.Result r = DriftStep.run(parameters());
        DriftVectors d = r.vectors();
        boolean[] kept = new boolean[d.size()];
        float[] mag = new float[d.size()];
        for (int k = 0; k < d.size(); k++) {
            kept[k] = d.flag()[k] == DriftVectors.KEPT;
            mag[k] = (float) Math.hypot(d.dr()[k], d.dc()[k]);
        }
        boolean vel = r.speed() != null;
        DriftPlot.write(out.resolve("drift.png"), "Drift " + reference.getFileName() + " → " + secondary.getFileName(),
                vel ? "km/day" : "px", r.reference(), r.grid().rows(), r.grid().cols(), d.row(), d.col(), d.dr(), d.dc(),
                vel ? r.speed() : mag, kept);
        System.out.println(DriftStep.summary(r));
        System.out.println("wrote " + out);
        return 0;
    }

    DriftStepParameters parameters() {
        if (!Double.isNaN(days) && !(days > 0 && Double.isFinite(days))) {
            throw new IllegalArgumentException("--days must be > 0, got " + days);
        }
        if (!Double.isNaN(pixelSize) && !(pixelSize > 0 && Double.isFinite(pixelSize))) {
            throw new IllegalArgumentException("--pixel-size must be > 0 metres, got " + pixelSize);
        }
        if (!Double.isNaN(maxSpeed) && !(maxSpeed > 0 && Double.isFinite(maxSpeed))) {
            throw new IllegalArgumentException("--max-speed must be > 0 km/day, got " + maxSpeed);
        }
        if (!(maxDisplacement > 0 && Double.isFinite(maxDisplacement))) {
            throw new IllegalArgumentException("--max-displacement must be > 0 pixels, got " + maxDisplacement);
        }
        if (cell < 4) {
            throw new IllegalArgumentException("--cell must be ≥ 4 pixels, got " + cell);
        }
        if (chip < 8 || chip > 256) {
            throw new IllegalArgumentException("--chip must be in 8 … 256 pixels, got " + chip);
        }
        if (search < 1 || search > 64) {
            throw new IllegalArgumentException("--search must be in 1 … 64 pixels, got " + search);
        }
        if (!(minCorrelation >= -1 && minCorrelation < 1)) {
            throw new IllegalArgumentException("--min-correlation must be in [-1, 1), got " + minCorrelation);
        }
        if (!(ratio > 0 && ratio <= 1)) {
            throw new IllegalArgumentException("--ratio must be in (0, 1], got " + ratio);
        }
        if (!(region >= 0 && Double.isFinite(region))) {
            throw new IllegalArgumentException("--region must be ≥ 0 pixels, got " + region);
        }
        DriftParameters x = DriftParameters.DEFAULTS;
        DriftParameters t = new DriftParameters(x.smoothing(), cell, x.perCell(), x.patchRadius(), !noOrientation, x.maxHamming(),
                ratio, maxDisplacement, chip, search, minCorrelation, region, x.sigmas(), x.minSigma());
        return new DriftStepParameters(reference, secondary, band, t, toDb, days, pixelSize, maxSpeed, out);
    }
}
