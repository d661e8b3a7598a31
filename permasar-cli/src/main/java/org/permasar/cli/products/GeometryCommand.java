package org.permasar.cli.products;

import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.permasar.cli.plot.Colormap;
import org.permasar.cli.plot.PieChart;
import org.permasar.cli.plot.RasterMap;
import org.permasar.geometry.AscDescDecomposition;
import org.permasar.geometry.AscDescUncertainty;
import org.permasar.geometry.DirectionClassifier;
import org.permasar.geometry.DirectionSummary;
import org.permasar.geometry.DirectionThresholds;
import org.permasar.geometry.EastUp;
import org.permasar.grid.GridGeometry;
import org.permasar.io.AtomicFiles;
import org.permasar.io.RasterFormats;
import org.permasar.network.Dates;
import org.permasar.pipeline.raster.ProductRasters;
import org.permasar.stack.InvalidInputException;
import org.permasar.stack.RasterSource;
import org.permasar.timefn.MintPyTimeFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code permasar geometry}: ascending + descending direction classes and east/up decomposition
 * (SCIENCE.md §5; seed 002 Table 1; MintPy {@code asc_desc2horz_vert}).
 *
 * <p>The descending velocity and geometry are resampled bilinearly onto the ascending grid when the
 * grids differ ({@link ProductRasters#onGrid}); grids that do not overlap are refused. Seasonal classes
 * and seasonal east/up amplitudes are produced when both products carry a seasonal signal, either
 * {@code seasonalAmplitude} (m, peak-to-trough) + {@code seasonalTiming} (day of year of the maximum), or
 * MintPy's {@code annualAmplitude} + {@code annualPhase}, converted by {@link #fromMintPyAnnual}.
 * When both products carry {@code velocityStd}, its propagation through the 2×2 east/up solve
 * ({@link AscDescUncertainty}, tracks independent) is written as {@code eastStd.tif} and {@code upStd.tif}.
 */
@Command(name = "geometry", mixinStandardHelpOptions = true,
        description = "Direction classes (vertical / east-west / undetermined) and east + up from ascending and descending velocity products.")
public final class GeometryCommand implements Callable<Integer> {
    @Option(names = "--asc", required = true, paramLabel = "VELOCITY.h5", description = "Ascending MintPy velocity product.")
    Path asc;
    @Option(names = "--desc", required = true, paramLabel = "VELOCITY.h5", description = "Descending MintPy velocity product.")
    Path desc;
    @Option(names = "--asc-geometry", required = true, paramLabel = "GEOMETRY.h5",
            description = "Ascending geometry (incidenceAngle, azimuthAngle in degrees, MintPy convention).")
    Path ascGeometry;
    @Option(names = "--desc-geometry", required = true, paramLabel = "GEOMETRY.h5", description = "Descending geometry.")
    Path descGeometry;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;
    @Option(names = "--rate-tolerance", defaultValue = "0.005", paramLabel = "M_PER_YR",
            description = "Largest | |v_a| - |v_d| | of similar rates, m/yr (default ${DEFAULT-VALUE}).")
    double rateTolerance;
    @Option(names = "--amplitude-tolerance", defaultValue = "0.005", paramLabel = "M",
            description = "Largest |A_a - A_d| of similar seasonal amplitudes, m (default ${DEFAULT-VALUE}).")
    double amplitudeTolerance;
    @Option(names = "--in-phase-days", defaultValue = "30", description = "In-phase window, days (default ${DEFAULT-VALUE}).")
    double inPhaseDays;
    @Option(names = "--anti-phase-days", defaultValue = "180", description = "Anti-phase centre, days (default ${DEFAULT-VALUE}).")
    double antiPhaseDays;
    @Option(names = "--anti-phase-tolerance", defaultValue = "30", description = "Anti-phase half width, days (default ${DEFAULT-VALUE}).")
    double antiPhaseTolerance;

    private static final String[] CLASS_LABELS = {"no data", "vertical", "east-west", "undetermined"};
    private static final Color[] CLASS_COLORS = {new Color(0xdddddd), new Color(0x1f77b4), new Color(0xff7f0e),
        new Color(0x7f7f7f)};

    /** What the command computed, for callers and tests. Arrays are row-major on the ascending grid. */
    public record Result(GridGeometry grid, byte[] secular, byte[] seasonal, EastUp eastUp,
                         float[] seasonalEastAmplitude, float[] seasonalUpAmplitude, float[] eastStd, float[] upStd) {
    }

    @Override
    public Integer call() throws Exception {
        Result r = execute();
        DirectionSummary s = DirectionSummary.of(r.secular());
        System.out.printf(Locale.ROOT, "secular: %d vertical, %d east-west, %d undetermined, %d no data%n",
                s.vertical(), s.eastWest(), s.undetermined(), s.noData());
        System.out.println("wrote " + out);
        return 0;
    }

    /** Runs the computation and writes every output into {@code --out}. */
    public Result execute() throws IOException {
        DirectionThresholds t = new DirectionThresholds(rateTolerance, amplitudeTolerance, inPhaseDays, antiPhaseDays,
                antiPhaseTolerance);
        Track a = Track.read(asc, ascGeometry, null, "ascending");
        Track d = Track.read(desc, descGeometry, a.grid, "descending");
        GridGeometry g = a.grid;
        byte[] secular = DirectionClassifier.secular(a.velocity, d.velocity, t);
        EastUp eu = AscDescDecomposition.decompose(a.velocity, a.inc, a.az, d.velocity, d.inc, d.az);
        byte[] seasonal = null;
        float[] ampE = null, ampU = null;
        if (a.amplitude != null && d.amplitude != null) {
            seasonal = DirectionClassifier.seasonal(a.amplitude, a.timing, d.amplitude, d.timing, t);
            ampE = new float[g.size()];
            ampU = new float[g.size()];
            double[] o = new double[4];
            for (int k = 0; k < g.size(); k++) {
                byte f = AscDescDecomposition.decomposeSeasonal(a.amplitude[k], a.timing[k], a.inc[k], a.az[k],
                        d.amplitude[k], d.timing[k], d.inc[k], d.az[k], o);
                ampE[k] = f == EastUp.OK ? (float) o[0] : Float.NaN;
                ampU[k] = f == EastUp.OK ? (float) o[2] : Float.NaN;
            }
        }
        Files.createDirectories(out);
        ProductRasters.writeByte(out.resolve("secularDirection.tif"), g, secular, 0,
                "secular direction: 1 vertical, 2 east-west, 3 undetermined, 0 no data");
        ProductRasters.writeFloat(out.resolve("east.tif"), g, eu.east(), "east velocity", "m/year");
        ProductRasters.writeFloat(out.resolve("up.tif"), g, eu.up(), "up velocity", "m/year");
        map(secular, g, "Secular direction", "secularDirection.png");
        new RasterMap("East velocity", "m/yr", Colormap.RDBU).write(out.resolve("east.png"), g, eu.east());
        new RasterMap("Up velocity", "m/yr", Colormap.RDBU).write(out.resolve("up.png"), g, eu.up());
        PieChart.write(DirectionSummary.of(secular), "Secular rates", out.resolve("secularPie.png"), 640, 480);
        if (seasonal != null) {
            ProductRasters.writeByte(out.resolve("seasonalDirection.tif"), g, seasonal, 0,
                    "seasonal direction: 1 vertical, 2 east-west, 3 undetermined, 0 no data");
            ProductRasters.writeFloat(out.resolve("seasonalEastAmplitude.tif"), g, ampE,
                    "seasonal east amplitude, peak-to-trough", "m");
            ProductRasters.writeFloat(out.resolve("seasonalUpAmplitude.tif"), g, ampU,
                    "seasonal up amplitude, peak-to-trough", "m");
            map(seasonal, g, "Seasonal direction", "seasonalDirection.png");
            PieChart.write(DirectionSummary.of(seasonal), "Seasonal signal", out.resolve("seasonalPie.png"), 640, 480);
        }
        float[][] std = null;
        if (a.velocityStd != null && d.velocityStd != null) {
            // linear error propagation of the 2×2 solve, tracks independent (AscDescUncertainty)
            std = AscDescUncertainty.propagate(a.velocityStd, a.inc, a.az, d.velocityStd, d.inc, d.az);
            ProductRasters.writeFloat(out.resolve("eastStd.tif"), g, std[0], "one-sigma of the east velocity", "m/year");
            ProductRasters.writeFloat(out.resolve("upStd.tif"), g, std[1], "one-sigma of the up velocity", "m/year");
        }
        writeCounts(out.resolve("directionCounts.csv"), DirectionSummary.of(secular),
                seasonal == null ? null : DirectionSummary.of(seasonal));
        return new Result(g, secular, seasonal, eu, ampE, ampU, std == null ? null : std[0], std == null ? null : std[1]);
    }

    private void map(byte[] classes, GridGeometry g, String title, String name) throws IOException {
        float[] f = new float[classes.length];
        for (int k = 0; k < f.length; k++) {
            f[k] = classes[k];
        }
        new RasterMap(title, "", Colormap.VIRIDIS).categorical(CLASS_LABELS, CLASS_COLORS).write(out.resolve(name), g, f);
    }

    /** directionCounts.csv: class, secular count, secular %, seasonal count, seasonal % (of pixels with data). */
    static void writeCounts(Path csv, DirectionSummary sec, DirectionSummary sea) throws IOException {
        StringBuilder b = new StringBuilder("class,secular_count,secular_percent,seasonal_count,seasonal_percent\n");
        for (int c = 0; c <= 3; c++) {
            b.append(CLASS_LABELS[c]).append(',').append(count(sec, c)).append(',').append(pct(sec, c)).append(',')
                    .append(sea == null ? "" : String.valueOf(count(sea, c))).append(',')
                    .append(sea == null ? "" : pct(sea, c)).append('\n');
        }
        AtomicFiles.write(csv, tmp -> Files.writeString(tmp, b.toString(), StandardCharsets.UTF_8));
    }

    private static long count(DirectionSummary s, int c) {
        return c == 0 ? s.noData() : c == 1 ? s.vertical() : c == 2 ? s.eastWest() : s.undetermined();
    }

    private static String pct(DirectionSummary s, int c) {
        double p = s.percent(c);
        return Double.isNaN(p) ? "" : String.format(Locale.ROOT, "%.3f", p);
    }

    /**
     * {@link MintPyTimeFunction#peakToTroughAndPeakDay}, kept for this command's callers.
     * MintPy {@code annualAmplitude} A (m) and {@code annualPhase} φ (rad) → (peak-to-trough amplitude, day of
     * year of the maximum). MintPy fits c·cos(ωΔt) + s·sin(ωΔt), Δt in years from REF_DATE, and stores
     * A = √(c² + s²), φ = atan2(c, s) (MintPy 1.5.1 timeseries2velocity, after Minchew et al. 2017 eq. 9–10),
     * so the signal is A·sin(ωΔt + φ) with its maximum at ωΔt = π/2 − φ.
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
        float[] velocity, velocityStd, inc, az, amplitude, timing;

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
                return t;
            }
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
