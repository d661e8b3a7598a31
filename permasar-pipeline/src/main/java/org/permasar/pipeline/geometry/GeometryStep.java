package org.permasar.pipeline.geometry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.permasar.geometry.AscDescDecomposition;
import org.permasar.geometry.DirectionSummary;
import org.permasar.geometry.EastUp;
import org.permasar.grid.GridGeometry;
import org.permasar.io.AtomicFiles;
import org.permasar.io.RasterFormats;
import org.permasar.network.Dates;
import org.permasar.pipeline.block.BlockRunner;
import org.permasar.pipeline.block.GridPlanes;
import org.permasar.pipeline.block.LocalBlockRunner;
import org.permasar.pipeline.block.MapJob;
import org.permasar.pipeline.block.MemoryBlockSink;
import org.permasar.pipeline.raster.ProductRasters;
import org.permasar.progress.Progress;
import org.permasar.stack.InvalidInputException;
import org.permasar.stack.RasterSource;
import org.permasar.timefn.MintPyTimeFunction;

/**
 * The geometry step: ascending + descending direction classes and east/up decomposition (SCIENCE.md §5;
 * seed 002 Table 1; MintPy {@code asc_desc2horz_vert}). Called by {@code permasar geometry} and by the
 * {@code permasar run} chain alike; the charts are drawn by the callers from the {@link Result}.
 *
 * <p>The descending velocity and geometry are resampled bilinearly onto the ascending grid when the grids
 * differ ({@link ProductRasters#onGrid}); grids that do not overlap are refused. Seasonal classes and seasonal
 * east/up amplitudes are produced when both products carry a seasonal signal, either {@code seasonalAmplitude}
 * (m, peak-to-trough) + {@code seasonalTiming} (day of year of the maximum), or MintPy's
 * {@code annualAmplitude} + {@code annualPhase}, converted by {@link #fromMintPyAnnual}. When both products
 * carry {@code velocityStd}, its propagation through the 2×2 east/up solve is written as {@code eastStd.tif}
 * and {@code upStd.tif}. The per-pixel work is a {@link GeometryKernel} that any {@link BlockRunner} runs.
 *
 * <p>Class codes: 0 no data, 1 vertical, 2 east–west, 3 undetermined, 4 stable. A pixel is stable (not
 * significant, SCIENCE.md §5) when its LOS rates are within k·σ of zero on both tracks, σ the products'
 * {@code velocityStd}, and, for the seasonal classes, when its peak-to-trough amplitudes are within k·σ of zero
 * with σ the products' {@code seasonalAmplitudeStd} (k = {@link GeometryParameters#stableSigmas()}). Where a track
 * lacks the σ the stable test is not applied ({@link Result#secularStableTested()},
 * {@link Result#seasonalStableTested()}) and the class rasters say so in their {@code stable_test} metadata item.
 * MintPy products never carry a seasonal σ: MintPy's {@code timeseries2velocity} (1.5, {@code model2hdf5_dataset})
 * writes a {@code …Std} dataset for the polynomial, step, polyline, exp and log terms but none for
 * {@code annualAmplitude}, so their seasonal classes have no stable pixels. Each class raster carries its legend
 * as CF-style metadata items {@code flag_values} and {@code flag_meanings}.
 *
 * <p>Outputs in {@code out}: {@code secularDirection.tif}, {@code east.tif}, {@code up.tif},
 * [{@code seasonalDirection.tif}, {@code seasonalEastAmplitude.tif}, {@code seasonalUpAmplitude.tif}],
 * [{@code eastStd.tif}, {@code upStd.tif}], {@code directionCounts.csv}. Stateless and thread-safe.
 */
public final class GeometryStep {
    /** Labels of the direction classes 0–4, as in {@code directionCounts.csv}. */
    public static final List<String> CLASS_LABELS = List.of("no data", "vertical", "east-west", "undetermined",
            "stable");
    private static final String PRODUCT = "geometry";

    /**
     * What the step computed. Arrays are row-major on the ascending grid; seasonal and std parts null when absent.
     * {@code secularStableTested} / {@code seasonalStableTested}: whether both tracks carried the σ of the stable
     * test (velocityStd / seasonalAmplitudeStd), so that class 4 could be assigned.
     */
    public record Result(GridGeometry grid, byte[] secular, byte[] seasonal, EastUp eastUp,
                         float[] seasonalEastAmplitude, float[] seasonalUpAmplitude, float[] eastStd, float[] upStd,
                         boolean secularStableTested, boolean seasonalStableTested) {
    }

    private GeometryStep() {
    }

    /** Runs the step in this process. */
    public static Result run(GeometryParameters p) throws IOException {
        return run(p, null, Progress.NONE);
    }

    /**
     * Runs the step and writes its outputs under {@code p.out()}.
     *
     * @param runner   engine of the per-block job, or null for the in-process {@link LocalBlockRunner}
     * @param progress progress of the local runner
     */
    public static Result run(GeometryParameters p, BlockRunner runner, Progress progress) throws IOException {
        Track a = Track.read(p.asc(), p.ascGeometry(), null, "ascending");
        Track d = Track.read(p.desc(), p.descGeometry(), a.grid, "descending");
        GridGeometry g = a.grid;
        requireTwoLooks(a, d, p);
        GridPlanes in = new GridPlanes(g).put("ascVelocity", a.velocity).put("ascIncidence", a.inc)
                .put("ascAzimuth", a.az).put("descVelocity", d.velocity).put("descIncidence", d.inc)
                .put("descAzimuth", d.az);
        if (a.amplitude != null && d.amplitude != null) {
            in.put("ascAmplitude", a.amplitude).put("ascTiming", a.timing).put("descAmplitude", d.amplitude)
                    .put("descTiming", d.timing);
        }
        if (a.velocityStd != null && d.velocityStd != null) {
            in.put("ascVelocityStd", a.velocityStd).put("descVelocityStd", d.velocityStd);
        }
        if (a.amplitude != null && d.amplitude != null && a.amplitudeStd != null && d.amplitudeStd != null) {
            in.put("ascAmplitudeStd", a.amplitudeStd).put("descAmplitudeStd", d.amplitudeStd);
        }
        GeometryKernel kernel = new GeometryKernel(in, p.thresholds());
        MemoryBlockSink maps = MapJob.run("geometry", kernel.outputs(), kernel, g, p.out().resolve(PRODUCT), runner, progress,
                4L * (in.size() + kernel.outputs().size()) + 64);

        byte[] secular = MapJob.codes(maps.array(GeometryKernel.SECULAR));
        EastUp eu = new EastUp(maps.array("east"), maps.array("up"), MapJob.codes(maps.array(GeometryKernel.FLAG)));
        Path out = p.out();
        Files.createDirectories(out);
        double k = p.stableSigmas();
        ProductRasters.writeByte(out.resolve("secularDirection.tif"), g, secular, 0,
                "secular direction: 1 vertical, 2 east-west, 3 undetermined, 4 stable, 0 no data",
                legend(k, kernel.withStd() ? "|v| <= k*velocityStd on both tracks"
                        : "not applied: velocityStd missing on a track"));
        ProductRasters.writeFloat(out.resolve("east.tif"), g, eu.east(), "east velocity", "m/year");
        ProductRasters.writeFloat(out.resolve("up.tif"), g, eu.up(), "up velocity", "m/year");
        byte[] seasonal = null;
        float[] ampE = null, ampU = null;
        if (kernel.seasonal()) {
            seasonal = MapJob.codes(maps.array(GeometryKernel.SEASONAL));
            ampE = maps.array("seasonalEastAmplitude");
            ampU = maps.array("seasonalUpAmplitude");
            ProductRasters.writeByte(out.resolve("seasonalDirection.tif"), g, seasonal, 0,
                    "seasonal direction: 1 vertical, 2 east-west, 3 undetermined, 4 stable, 0 no data",
                    legend(k, kernel.withAmplitudeStd() ? "peak-to-trough amplitude <= k*seasonalAmplitudeStd on both tracks"
                            : "not applied: seasonalAmplitudeStd missing on a track"));
            ProductRasters.writeFloat(out.resolve("seasonalEastAmplitude.tif"), g, ampE,
                    "seasonal east amplitude, peak-to-trough", "m");
            ProductRasters.writeFloat(out.resolve("seasonalUpAmplitude.tif"), g, ampU,
                    "seasonal up amplitude, peak-to-trough", "m");
        }
        float[] eStd = null, uStd = null;
        if (kernel.withStd()) {
            eStd = maps.array("eastStd");
            uStd = maps.array("upStd");
            ProductRasters.writeFloat(out.resolve("eastStd.tif"), g, eStd, "one-sigma of the east velocity", "m/year");
            ProductRasters.writeFloat(out.resolve("upStd.tif"), g, uStd, "one-sigma of the up velocity", "m/year");
        }
        writeCounts(out.resolve("directionCounts.csv"), DirectionSummary.of(secular),
                seasonal == null ? null : DirectionSummary.of(seasonal));
        return new Result(g, secular, seasonal, eu, ampE, ampU, eStd, uStd, kernel.withStd(), kernel.withAmplitudeStd());
    }

    /**
     * Refuses two geometries that look along the same line of sight at every pixel with angles (the same
     * track given as ascending and descending, or two copies of it): east and up would be NaN everywhere
     * and every class "vertical".
     */
    private static void requireTwoLooks(Track a, Track d, GeometryParameters p) throws InvalidInputException {
        int withAngles = 0;
        for (int k = 0; k < a.inc.length; k++) {
            if (Double.isNaN(a.inc[k] + a.az[k] + d.inc[k] + d.az[k])) {
                continue;
            }
            withAngles++;
            if (AscDescDecomposition.separable(a.inc[k], a.az[k], d.inc[k], d.az[k])) {
                return;
            }
        }
        if (withAngles > 0) {
            throw new InvalidInputException(p.descGeometry(), "the descending geometry has the same line of sight as "
                    + "the ascending " + p.ascGeometry() + " at every pixel (" + withAngles + " pixels with angles): "
                    + "east and up cannot be separated; give the geometry of an ascending and of a descending track");
        }
    }

    /** Metadata of a class raster: the legend (CF {@code flag_values}, {@code flag_meanings}) and the stable test. */
    static Map<String, String> legend(double k, String stableTest) {
        StringBuilder values = new StringBuilder(), meanings = new StringBuilder();
        for (int c = 0; c < CLASS_LABELS.size(); c++) {
            values.append(c == 0 ? "" : " ").append(c);
            meanings.append(c == 0 ? "" : " ").append(CLASS_LABELS.get(c).replace(' ', '_').replace('-', '_'));
        }
        return Map.of("flag_values", values.toString(), "flag_meanings", meanings.toString(),
                "stable_sigmas", Double.toString(k), "stable_test", stableTest);
    }

    /** directionCounts.csv: class, secular count, secular %, seasonal count, seasonal % (of pixels with data). */
    static void writeCounts(Path csv, DirectionSummary sec, DirectionSummary sea) throws IOException {
        StringBuilder b = new StringBuilder("class,secular_count,secular_percent,seasonal_count,seasonal_percent\n");
        for (int c = 0; c < CLASS_LABELS.size(); c++) {
            b.append(CLASS_LABELS.get(c)).append(',').append(sec.count(c)).append(',').append(pct(sec, c)).append(',')
                    .append(sea == null ? "" : String.valueOf(sea.count(c))).append(',')
                    .append(sea == null ? "" : pct(sea, c)).append('\n');
        }
        AtomicFiles.write(csv, tmp -> Files.writeString(tmp, b.toString(), StandardCharsets.UTF_8));
    }

    private static String pct(DirectionSummary s, int c) {
        double p = s.percent(c);
        return Double.isNaN(p) ? "" : String.format(Locale.ROOT, "%.3f", p);
    }

    /**
     * {@link MintPyTimeFunction#peakToTroughAndPeakDay}: MintPy {@code annualAmplitude} A (m) and
     * {@code annualPhase} φ (rad) → (peak-to-trough amplitude, day of year of the maximum). MintPy fits
     * c·cos(ωΔt) + s·sin(ωΔt), Δt in years from REF_DATE, and stores A = √(c² + s²), φ = atan2(c, s) (MintPy
     * 1.5.1 timeseries2velocity, after Minchew et al. 2017 eq. 9–10), so the signal is A·sin(ωΔt + φ) with its
     * maximum at ωΔt = π/2 − φ.
     *
     * @param refDayOfYear day of year of REF_DATE (1 = 1 January)
     * @return {2A, peak day in [0, 365.25)}
     */
    public static double[] fromMintPyAnnual(double amplitude, double phase, double refDayOfYear) {
        return MintPyTimeFunction.peakToTroughAndPeakDay(amplitude, phase, refDayOfYear);
    }

    /** One track's rasters on the common grid. */
    private static final class Track {
        GridGeometry grid;
        float[] velocity, velocityStd, inc, az, amplitude, amplitudeStd, timing;

        static Track read(Path product, Path geometry, GridGeometry target, String name) throws IOException {
            Track t = new Track();
            ProductRasters.Raster v = ProductRasters.read(product, "velocity");
            t.grid = target == null ? v.grid() : target;
            String what = name + " " + product;
            t.velocity = ProductRasters.onGrid(v, t.grid, what);
            t.inc = ProductRasters.onGrid(ProductRasters.read(geometry, "incidenceAngle"), t.grid, name + " " + geometry);
            t.az = ProductRasters.onGrid(ProductRasters.read(geometry, "azimuthAngle"), t.grid, name + " " + geometry);
            ProductRasters.Raster vs = ProductRasters.readOptional(product, "velocityStd");
            t.velocityStd = vs == null ? null : ProductRasters.onGrid(vs, t.grid, what);
            ProductRasters.Raster amp = ProductRasters.readOptional(product, "seasonalAmplitude");
            ProductRasters.Raster tim = ProductRasters.readOptional(product, "seasonalTiming");
            if (amp != null && tim != null) {
                t.amplitude = ProductRasters.onGrid(amp, t.grid, what);
                t.timing = ProductRasters.onGrid(tim, t.grid, what);
                ProductRasters.Raster as = ProductRasters.readOptional(product, "seasonalAmplitudeStd");
                t.amplitudeStd = as == null ? null : ProductRasters.onGrid(as, t.grid, what);
                return t;
            }
            // MintPy's annual terms: it writes no annualAmplitudeStd (timeseries2velocity, model2hdf5_dataset), so
            // amplitudeStd stays null and no pixel of the seasonal classes can be shown insignificant (class 4)
            ProductRasters.Raster aa = ProductRasters.readOptional(product, "annualAmplitude");
            ProductRasters.Raster ph = ProductRasters.readOptional(product, "annualPhase");
            if (aa != null && ph != null) {
                double refDoy = refDayOfYear(product);
                float[] a = aa.data(), p = ph.data();
                float[] amp2 = new float[a.length], day = new float[a.length];
                for (int k = 0; k < a.length; k++) {
                    double[] o = fromMintPyAnnual(a[k], p[k], refDoy);
                    amp2[k] = (float) o[0];
                    day[k] = (float) o[1];
                }
                t.amplitude = ProductRasters.onGrid(new ProductRasters.Raster(aa.grid(), amp2), t.grid, what);
                t.timing = ProductRasters.onGrid(new ProductRasters.Raster(aa.grid(), day), t.grid, what);
            }
            return t;
        }

        private static double refDayOfYear(Path product) throws IOException {
            try (RasterSource src = RasterFormats.open(product)) {
                Map<String, String> at = src.attributes();
                String ref = at.getOrDefault("REF_DATE", at.get("START_DATE"));
                if (ref == null) {
                    throw new InvalidInputException(product, "annualPhase",
                            "needs a REF_DATE (or START_DATE) attribute to turn the phase into a day of year");
                }
                LocalDate d = Dates.parse(ref.trim());
                return d.getDayOfYear();
            }
        }
    }
}
