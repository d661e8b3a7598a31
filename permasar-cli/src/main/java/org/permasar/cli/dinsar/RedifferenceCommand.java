package org.permasar.cli.dinsar;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.permasar.pipeline.dinsar.RedifferenceStep;
import org.permasar.pipeline.dinsar.RedifferenceStepParameters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code permasar redifference}: re-differenced D-InSAR for fast ice (SCIENCE.md §7, seed 004): subtracts
 * the phase predicted from range offsets (or a range velocity), plus the TOPS azimuth term when the azimuth
 * offsets are known, unwraps the residual by path following and adds the prediction back
 * ({@link RedifferenceStep}).
 */
@Command(name = "redifference", mixinStandardHelpOptions = true,
        description = "Re-differenced D-InSAR: subtract the phase predicted from offsets before unwrapping, add it back after.")
public final class RedifferenceCommand implements Callable<Integer> {
    @Option(names = "--ifg", required = true, paramLabel = "IFG.tif", description = "Wrapped interferogram phase, radians.")
    Path ifg;
    @Option(names = "--ifg-band", defaultValue = "1", paramLabel = "N", description = "Band of the interferogram (default ${DEFAULT-VALUE}).")
    int ifgBand;
    @Option(names = "--range-offset", paramLabel = "OFF.tif", description = "Slant-range offsets, pixels, on the interferogram grid.")
    Path rangeOffset;
    @Option(names = "--range-band", defaultValue = "1", paramLabel = "N", description = "Band of the range offsets (default ${DEFAULT-VALUE}).")
    int rangeBand;
    @Option(names = "--range-pixel", paramLabel = "M", description = "Slant-range pixel spacing, metres (with --range-offset; S1 IW 2.33).")
    double rangePixel = Double.NaN;
    @Option(names = "--range-velocity", paramLabel = "V.tif",
            description = "Slant-range velocity, m/day (range increase positive), on the interferogram grid, instead of offsets.")
    Path rangeVelocity;
    @Option(names = "--days", paramLabel = "D", description = "Days spanned by the interferogram (with --range-velocity).")
    double days = Double.NaN;
    @Option(names = "--wavelength", defaultValue = "0.05546576", paramLabel = "M", description = "Radar wavelength, m (default ${DEFAULT-VALUE}, Sentinel-1).")
    double wavelength;
    @Option(names = "--azimuth-offset", paramLabel = "AZ.tif", description = "Azimuth offsets, pixels: adds the TOPS term 2*pi*f_DC*dt.")
    Path azimuthOffset;
    @Option(names = "--azimuth-time-interval", paramLabel = "S", description = "Azimuth time between lines, s (S1 IW 0.002056).")
    double azimuthTimeInterval = Double.NaN;
    @Option(names = "--doppler", paramLabel = "FDC.tif", description = "Doppler centroid per pixel, Hz.")
    Path doppler;
    @Option(names = "--burst-lines", defaultValue = "0", paramLabel = "N", description = "Lines per burst, when no --doppler raster is given.")
    int burstLines;
    @Option(names = "--doppler-span", paramLabel = "HZ", description = "Doppler centroid sweep across a burst, Hz (with --burst-lines).")
    double dopplerSpan = Double.NaN;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Override
    public Integer call() throws Exception {
        RedifferenceStepParameters p = new RedifferenceStepParameters(ifg, ifgBand, rangeOffset, rangeBand, rangePixel, rangeVelocity,
                days, wavelength, azimuthOffset, azimuthTimeInterval, doppler, burstLines, dopplerSpan, out);
        RedifferenceStep.Result r = RedifferenceStep.run(p);
        System.out.printf(Locale.ROOT, "%d × %d px: residues %d → %d of %d loops; predicted phase |Δφ| > π on %.2f %% of neighbour pairs%n",
                r.grid().rows(), r.grid().cols(), r.residuesBefore(), r.residuesAfter(), r.loops(), 100 * r.predictedAbovePi());
        System.out.println("wrote " + out);
        return 0;
    }
}
