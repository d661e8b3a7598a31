package org.permasar.pipeline.alt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.permasar.geometry.LosGeometry;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.io.AtomicFiles;
import org.permasar.io.crs.LatLonLocator;
import org.permasar.io.table.SiteTable;
import org.permasar.permafrost.alt.AltMap;
import org.permasar.permafrost.alt.Densities;
import org.permasar.permafrost.alt.DensityChangeModel;
import org.permasar.permafrost.alt.FrozenWaterCalibration;
import org.permasar.permafrost.alt.LiuProfileModel;
import org.permasar.permafrost.alt.MoistureProfile;
import org.permasar.permafrost.alt.ZhangPiecewiseModel;
import org.permasar.pipeline.block.BlockRunner;
import org.permasar.pipeline.block.GridPlanes;
import org.permasar.pipeline.block.LocalBlockRunner;
import org.permasar.pipeline.block.MapJob;
import org.permasar.pipeline.block.MemoryBlockSink;
import org.permasar.pipeline.raster.ProductRasters;
import org.permasar.progress.Progress;

/**
 * The alt step: active-layer thickness from the seasonal subsidence amplitude (SCIENCE.md §4) or from
 * degree-days (Stefan). Called by {@code permasar alt} and by the {@code permasar run} chain alike.
 *
 * <ul>
 * <li>{@code density} (seed 002 eq. 2, {@link DensityChangeModel}): amplitude, N, n, each a number or a raster; or
 *     sites to calibrate n ({@link FrozenWaterCalibration}), writing {@code sites.csv} and {@code frozenWater.tif}.</li>
 * <li>{@code liu} (Liu et al. 2012, {@link LiuProfileModel}): amplitude and moisture profile.</li>
 * <li>{@code zhang} (Zhang et al. 2020): site mode ({@link ZhangSite}), or raster mode from a time series, interval
 *     boundaries and layered moisture ({@link ZhangRaster}).</li>
 * <li>{@code stefan} ({@link StefanAlt}): ADDT with E, or θ with κ_t or the Johansen (1977) inputs (then
 *     {@code kappaThawed.tif} and {@code kappaFrozen.tif} too).</li>
 * </ul>
 * A LOS amplitude is made vertical first (d_up = d_LOS / cos inc). When every input is a number, H is returned and
 * nothing written (point mode); otherwise the driver brings the inputs onto the grid of the first raster, an
 * {@link AltKernel} computes every block on any {@link BlockRunner}, and {@code alt.tif} (m), {@code altStd.tif} (m)
 * and {@code altFlag.tif} ({@link AltMap} codes, 255 nodata) are written to {@code out}. Stateless and thread-safe.
 */
public final class AltStep {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AltStep.class);
    /**
     * What was computed: the map (null in point mode), its grid, the point value when all inputs are numbers, and
     * the line {@code permasar alt} prints.
     */
    public record Result(GridGeometry grid, AltMap map, double pointAlt, double pointSigma,
                         FrozenWaterCalibration.Calibration calibration, String summary) {
    }

    private AltStep() {
    }

    /** Runs the step in this process. */
    public static Result run(AltParameters p) throws IOException {
        return run(p, null, Progress.NONE);
    }

    /**
     * Runs the selected model and writes the outputs.
     *
     * @param runner   engine of the per-block job, or null for the in-process {@link LocalBlockRunner}
     * @param progress progress of the local runner
     */
    public static Result run(AltParameters p, BlockRunner runner, Progress progress) throws IOException {
        Result r = switch (p.model()) {
            case DENSITY -> density(p, runner, progress);
            case LIU -> liu(p, runner, progress);
            case ZHANG -> p.timeseries() != null ? zhangRaster(p, runner, progress) : ZhangSite.run(p.intervals(),
                    p.layerBottoms(), p.densities());
            case STEFAN -> stefan(p, runner, progress);
        };
        if (r.summary() != null) {
            return r;
        }
        String line;
        if (r.map() == null) {
            line = String.format(Locale.ROOT, "ALT H = %.4f m%s", r.pointAlt(),
                    Double.isNaN(r.pointSigma()) ? "" : String.format(Locale.ROOT, " ± %.4f m", r.pointSigma()));
        } else {
            long ok = 0;
            for (byte f : r.map().flag()) {
                ok += f == AltMap.OK ? 1 : 0;
            }
            line = "ALT solved at " + ok + " of " + r.map().flag().length + " pixels; wrote " + p.out();
        }
        return new Result(r.grid(), r.map(), r.pointAlt(), r.pointSigma(), r.calibration(), line);
    }

    /**
     * The amplitude where ALT means something: NaN where the mask raster is 0 or NaN (no permafrost, or no thaw
     * season known from LST). Without a mask, every seasonal pixel, with one warning line.
     */
    private static float[] masked(AltParameters p, float[] delta, GridGeometry g) throws IOException {
        if (p.mask() == null) {
            LOG.warn("alt: no permafrost mask (--mask): ALT is computed at every pixel with a seasonal amplitude, "
                    + "including any that are not permafrost");
            return delta;
        }
        float[] m = ProductRasters.numberOrRaster(p.mask(), g, "--mask");
        int dropped = 0;
        for (int q = 0; q < delta.length; q++) {
            if (!(m[q] != 0) || Float.isNaN(m[q])) {
                dropped += Float.isNaN(delta[q]) ? 0 : 1;
                delta[q] = Float.NaN;
            }
        }
        LOG.info("alt: {} pixels with a seasonal amplitude are outside the mask {} and get no ALT", dropped, p.mask());
        return delta;
    }

    private static Result stefan(AltParameters p, BlockRunner runner, Progress progress) throws IOException {
        StefanAlt st = p.stefan();
        GridGeometry g = referenceGrid(st.specs());
        if (g == null) {
            GridGeometry one = GridGeometry.geocoded(1, 1, GeoTransform.northUp(0, 1, 0, -1), 4326, Double.NaN);
            StefanAlt.Output o = st.compute(st.planes(one), Window.of(one));
            if (o.map().flag()[0] != AltMap.OK) {
                throw new IllegalArgumentException("--model stefan: need ADDT >= 0, E >= 0, kappa > 0, 0 < theta <= 1 and "
                        + "Johansen inputs in range; got addt=" + p.addt() + " edaphic=" + p.edaphic() + " kappa=" + p.kappa()
                        + " theta=" + p.theta() + " bulk-density=" + p.bulkDensity() + " quartz=" + p.quartz()
                        + " saturation=" + p.saturation());
            }
            return new Result(null, null, o.map().alt()[0], Double.NaN, null, StefanAlt.pointLine(o));
        }
        requireOut(p);
        Files.createDirectories(p.out());
        AltKernel k = new AltKernel(p.model(), st.planes(g), p.rhoWater(), p.rhoIce(), null, null, st);
        MemoryBlockSink s = run(k, g, p, runner, progress);
        AltMap m = map(s);
        writeMap(p.out(), g, m, st.description());
        if (k.outputs().contains("kappaThawed")) {
            ProductRasters.writeFloat(p.out().resolve("kappaThawed.tif"), g, s.array("kappaThawed"),
                    "Johansen thawed thermal conductivity", "W/(m*K)");
            ProductRasters.writeFloat(p.out().resolve("kappaFrozen.tif"), g, s.array("kappaFrozen"),
                    "Johansen frozen thermal conductivity", "W/(m*K)");
        }
        return new Result(g, m, Double.NaN, Double.NaN, null, null);
    }

    private static Result zhangRaster(AltParameters p, BlockRunner runner, Progress progress) throws IOException {
        requireOut(p);
        ZhangPiecewiseModel zm = p.layers() == null ? ZhangPiecewiseModel.era5Land() : new ZhangPiecewiseModel(p.layerBottoms());
        java.util.function.Function<GridGeometry, float[]> inc = null;
        if (p.los()) {
            inc = g -> {
                try {
                    return ProductRasters.numberOrRaster(p.incidence(), g, "--incidence");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            };
        }
        ZhangRaster.Inputs in;
        try {
            in = ZhangRaster.read(p.timeseries(), p.boundaries(), p.moisture(), p.moistureScale(), zm, inc);
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        GridGeometry g = in.grid();
        float[] sd = p.amplitudeStd() == null ? null : ProductRasters.numberOrRaster(p.amplitudeStd(), g, "--amplitude-std");
        GridPlanes planes = new GridPlanes(g).put("subsidence", in.intervals(), in.subsidence())
                .put("sigma", in.intervals(), ZhangRaster.perInterval(sd, in.intervals()))
                .put("moisture", in.intervals() * zm.layers(), in.moisture());
        Files.createDirectories(p.out());
        AltMap m = map(run(new AltKernel(p.model(), planes, p.rhoWater(), p.rhoIce(), null, p.layers(), null), g, p,
                runner, progress));
        writeMap(p.out(), g, m, "Zhang et al. (2020) piecewise multi-layer model, " + in.intervals() + " intervals");
        return new Result(g, m, Double.NaN, Double.NaN, null, null);
    }

    private static Result density(AltParameters p, BlockRunner runner, Progress progress) throws IOException {
        Densities rho = p.densities();
        GridGeometry g = referenceGrid(p.amplitude(), p.amplitudeStd(), p.thawedWater(), p.frozenWater(),
                p.los() ? p.incidence() : null);
        if (g == null) {
            if (p.sites() != null) {
                throw new IllegalArgumentException("--sites needs a raster amplitude or N to place the sites on");
            }
            double d = vertical(p, Double.parseDouble(p.amplitude().trim()));
            double big = Double.parseDouble(p.thawedWater().trim()), small = Double.parseDouble(p.frozenWater().trim());
            checkWater(big, small);
            double h = DensityChangeModel.alt(d, big, small, rho);
            double s = p.amplitudeStd() == null ? Double.NaN : h / d * vertical(p, Double.parseDouble(p.amplitudeStd().trim()));
            return new Result(null, null, h, s, null, null);
        }
        float[] delta = masked(p, verticalRaster(p, ProductRasters.numberOrRaster(p.amplitude(), g, "--amplitude"), g), g);
        float[] sd = p.amplitudeStd() == null ? null
                : verticalRaster(p, ProductRasters.numberOrRaster(p.amplitudeStd(), g, "--amplitude-std"), g);
        float[] big = ProductRasters.numberOrRaster(p.thawedWater(), g, "--N");
        FrozenWaterCalibration.Calibration cal = null;
        float[] small;
        requireOut(p);
        Path out = p.out();
        Files.createDirectories(out);
        if (p.sites() != null) {
            List<FrozenWaterCalibration.Site> list = new ArrayList<>();
            List<SiteTable.Site> table = SiteTable.read(p.sites(), "alt", "alt_m", "thickness");
            LatLonLocator locator = LatLonLocator.on(g);
            for (SiteTable.Site s : table) {
                double[] xy = s.mapXy(locator);   // the calibration works in the grid's CRS
                list.add(new FrozenWaterCalibration.Site(s.id(), xy[0], xy[1], s.value()));
            }
            cal = FrozenWaterCalibration.calibrate(list, delta, big, g, rho, FrozenWaterCalibration.Parameters.DEFAULT);
            writeSites(out.resolve("sites.csv"), cal, table);
            if (cal.reason() != null) {
                throw new IllegalArgumentException("calibration of n failed: " + cal.reason() + " (see "
                        + out.resolve("sites.csv") + " for each site's status)");
            }
            small = cal.frozenWater();
            ProductRasters.writeFloat(out.resolve("frozenWater.tif"), g, small, "frozen unfrozen-water content n", "m3/m3");
        } else {
            if (isNumber(p.thawedWater()) && isNumber(p.frozenWater())) {
                checkWater(Double.parseDouble(p.thawedWater().trim()), Double.parseDouble(p.frozenWater().trim()));
            }
            small = ProductRasters.numberOrRaster(p.frozenWater(), g, "--n");
        }
        GridPlanes planes = new GridPlanes(g).put("delta", delta).put("sigma", sd).put("N", big).put("n", small);
        AltMap m = map(run(new AltKernel(p.model(), planes, p.rhoWater(), p.rhoIce(), null, null, null), g, p, runner,
                progress));
        writeMap(out, g, m, "density-change model (Qinghai–Tibet Engineering Corridor study, EGUsphere 2025-4184, eq. 2)");
        return new Result(g, m, Double.NaN, Double.NaN, cal, null);
    }

    private static Result liu(AltParameters p, BlockRunner runner, Progress progress) throws IOException {
        Densities rho = p.densities();
        MoistureProfile prof = AltParameters.moistureProfile(p.profile());
        GridGeometry g = referenceGrid(p.amplitude(), p.amplitudeStd(), p.los() ? p.incidence() : null);
        if (g == null) {
            double d = vertical(p, Double.parseDouble(p.amplitude().trim()));
            double h = LiuProfileModel.alt(d, prof, rho);
            double s = p.amplitudeStd() == null ? Double.NaN
                    : LiuProfileModel.sigma(h, vertical(p, Double.parseDouble(p.amplitudeStd().trim())), prof, rho);
            return new Result(null, null, h, s, null, null);
        }
        requireOut(p);
        Files.createDirectories(p.out());
        float[] delta = masked(p, verticalRaster(p, ProductRasters.numberOrRaster(p.amplitude(), g, "--amplitude"), g), g);
        float[] sd = p.amplitudeStd() == null ? null
                : verticalRaster(p, ProductRasters.numberOrRaster(p.amplitudeStd(), g, "--amplitude-std"), g);
        GridPlanes planes = new GridPlanes(g).put("delta", delta).put("sigma", sd);
        AltMap m = map(run(new AltKernel(p.model(), planes, p.rhoWater(), p.rhoIce(), p.profile(), null, null), g, p,
                runner, progress));
        writeMap(p.out(), g, m, "Liu et al. (2012) profile model, " + p.profile());
        return new Result(g, m, Double.NaN, Double.NaN, null, null);
    }

    private static MemoryBlockSink run(AltKernel k, GridGeometry g, AltParameters p, BlockRunner runner,
                                       Progress progress) throws IOException {
        return MapJob.run("alt", k.outputs(), k, g, p.out().resolve("alt"), runner, progress,
                4L * (k.inputs().size() + k.outputs().size()) + 64);
    }

    private static AltMap map(MemoryBlockSink s) {
        return new AltMap(s.array("alt"), s.array("altStd"), MapJob.codes(s.array("altFlag")));
    }

    private static void writeMap(Path out, GridGeometry g, AltMap m, String model) throws IOException {
        ProductRasters.writeFloat(out.resolve("alt.tif"), g, m.alt(), "active-layer thickness, " + model, "m");
        ProductRasters.writeFloat(out.resolve("altStd.tif"), g, m.sigma(), "one-sigma of the active-layer thickness", "m");
        ProductRasters.writeByte(out.resolve("altFlag.tif"), g, m.flag(), 255,
                "0 ok, 1 no data, 2 invalid input, 3 no solution");
    }

    /** One row per site, in the table's order, with the table's own coordinates. */
    private static void writeSites(Path csv, FrozenWaterCalibration.Calibration cal, List<SiteTable.Site> table)
            throws IOException {
        StringBuilder b = new StringBuilder("id,lon,lat,alt_m,row,col,amplitude_m,N,n,status\n");
        for (int i = 0; i < cal.sites().size(); i++) {
            FrozenWaterCalibration.SiteResult s = cal.sites().get(i);
            b.append(s.site().id()).append(',').append(table.get(i).lon()).append(',').append(table.get(i).lat()).append(',')
                    .append(s.site().alt()).append(',').append(s.row()).append(',').append(s.col()).append(',')
                    .append(num(s.delta())).append(',').append(num(s.thawedWater())).append(',')
                    .append(num(s.frozenWater())).append(',').append(s.status()).append('\n');
        }
        AtomicFiles.write(csv, tmp -> Files.writeString(tmp, b.toString(), StandardCharsets.UTF_8));
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }

    /** Grid of the first argument that is a raster, or null when all are numbers (or absent). */
    private static GridGeometry referenceGrid(String... specs) throws IOException {
        for (String s : specs) {
            if (s != null && !isNumber(s)) {
                return ProductRasters.readSpec(s).grid();
            }
        }
        return null;
    }

    /** Whether a spec is a number (else a raster). */
    public static boolean isNumber(String s) {
        try {
            Double.parseDouble(s.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static double vertical(AltParameters p, double v) {
        return p.los() ? LosGeometry.losToVertical(v, Double.parseDouble(p.incidence().trim())) : v;
    }

    private static float[] verticalRaster(AltParameters p, float[] v, GridGeometry g) throws IOException {
        return p.los() ? LosGeometry.losToVertical(v, ProductRasters.numberOrRaster(p.incidence(), g, "--incidence")) : v;
    }

    private static void checkWater(double big, double small) {
        if (!(big > small) || small < 0 || big > 1) {
            throw new IllegalArgumentException("need 0 ≤ n < N ≤ 1, got N = " + big + ", n = " + small);
        }
    }

    private static void requireOut(AltParameters p) {
        if (p.out() == null) {
            throw new IllegalArgumentException("--model " + p.model().name().toLowerCase(Locale.ROOT) + " needs --out");
        }
    }
}
