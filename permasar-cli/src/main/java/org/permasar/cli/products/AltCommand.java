package org.permasar.cli.products;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.permasar.cli.plot.Colormap;
import org.permasar.cli.plot.RasterMap;
import org.permasar.geometry.LosGeometry;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;
import org.permasar.io.AtomicFiles;
import org.permasar.permafrost.alt.AltMap;
import org.permasar.permafrost.alt.Densities;
import org.permasar.permafrost.alt.DensityChangeModel;
import org.permasar.permafrost.alt.FrozenWaterCalibration;
import org.permasar.permafrost.alt.LiuProfileModel;
import org.permasar.permafrost.alt.MoistureProfile;
import org.permasar.permafrost.alt.ZhangPiecewiseModel;
import org.permasar.pipeline.raster.ProductRasters;
import org.permasar.thermal.JohansenConductivity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code permasar alt}: active-layer thickness from the seasonal subsidence amplitude (SCIENCE.md §4).
 *
 * <ul>
 * <li>{@code density} (seed 002 eq. 2, {@link DensityChangeModel}): {@code --amplitude --N --n}, each a number or a
 *     raster ({@code file.tif}, {@code file.h5:dataset}); or {@code --sites CSV} to calibrate n at in-situ ALT sites
 *     ({@link FrozenWaterCalibration}), writing {@code sites.csv} and {@code frozenWater.tif}.</li>
 * <li>{@code liu} (Liu et al. 2012, {@link LiuProfileModel}): {@code --amplitude --profile}.</li>
 * <li>{@code zhang} (Zhang et al. 2020): site mode {@code --intervals CSV} ({@link ZhangSite}), or raster mode
 *     {@code --timeseries TS.h5 --boundaries D0,…,DK --moisture SM} ({@link ZhangRaster}: interval subsidence from
 *     the series, interval-mean layer moisture; {@code --amplitude-std} is then the one-sigma of each interval's
 *     subsidence, m).</li>
 * <li>{@code stefan} (Stefan equation, {@link StefanAlt}): {@code --addt} with {@code --edaphic E}, or {@code --theta}
 *     with {@code --kappa} or the Johansen (1977) inputs {@code --bulk-density --quartz --saturation --texture}
 *     (then {@code kappaThawed.tif} and {@code kappaFrozen.tif} are written too).</li>
 * </ul>
 * Amplitudes are peak-to-trough, metres; {@code --los --incidence INC} first turns a LOS amplitude into a
 * vertical one (d_up = d_LOS / cos inc). When every input is a number, H is printed and no raster written;
 * otherwise {@code alt.tif} (m), {@code altStd.tif} (m), {@code altFlag.tif} ({@link AltMap} codes, 255 nodata)
 * and {@code alt.png} are written to {@code --out}.
 */
@Command(name = "alt", mixinStandardHelpOptions = true, subcommands = AltEnvelopeCommand.class,
        description = "Active-layer thickness: from seasonal subsidence (density, liu, zhang) or degree-days (stefan).")
public final class AltCommand implements Callable<Integer> {
    /** ALT models. */
    public enum Model { DENSITY, LIU, ZHANG, STEFAN }

    @Option(names = "--model", paramLabel = "MODEL", description = "density, liu, zhang or stefan.")
    Model model;
    @Option(names = "--amplitude", paramLabel = "AMP", description = "Seasonal peak-to-trough amplitude, m: number or raster.")
    String amplitude;
    @Option(names = "--amplitude-std", paramLabel = "STD", description = "One-sigma of the amplitude, m: number or raster.")
    String amplitudeStd;
    @Option(names = "--los", description = "The amplitude is along the line of sight: divide by cos(incidence).")
    boolean los;
    @Option(names = "--incidence", paramLabel = "INC", description = "Incidence angle, degrees: number or raster (with --los).")
    String incidence;
    @Option(names = "--N", paramLabel = "N", description = "density: thawed water content, m³/m³: number or raster.")
    String thawedWater;
    @Option(names = "--n", paramLabel = "n", description = "density: frozen unfrozen-water content, m³/m³: number or raster.")
    String frozenWater;
    @Option(names = "--sites", paramLabel = "CSV", description = "density: in-situ ALT sites (id,lon,lat,alt) to calibrate n.")
    Path sites;
    @Option(names = "--profile", paramLabel = "SPEC",
            description = "liu: constant:W | layered:d1:W1,d2:W2,... | exponential:W0:Winf:lambda.")
    String profile;
    @Option(names = "--intervals", paramLabel = "CSV", description = "zhang: per-interval subsidence and layer moisture.")
    Path intervals;
    @Option(names = "--timeseries", paramLabel = "TS.h5", description = "zhang raster: MintPy time series (m).")
    Path timeseries;
    @Option(names = "--boundaries", paramLabel = "DATES", split = ",", description = "zhang raster: K+1 interval boundary dates (dates of the series).")
    List<String> boundaries;
    @Option(names = "--moisture", paramLabel = "SM", description = "zhang raster: layered soil moisture, multi-band GeoTIFF or folder (date + layer in names).")
    Path moisture;
    @Option(names = "--moisture-scale", defaultValue = "1", paramLabel = "F", description = "zhang raster: factor to m³/m³ (0.01 for percent) (default ${DEFAULT-VALUE}).")
    double moistureScale;
    @Option(names = "--layers", paramLabel = "BOTTOMS", split = ",", description = "zhang: layer bottoms, m (default ERA5-Land 0.07,0.28,1.00,2.89).")
    double[] layers;
    @Option(names = "--addt", paramLabel = "ADDT", description = "stefan: accumulated degree-days of thaw, °C·day.")
    String addt;
    @Option(names = "--edaphic", paramLabel = "E", description = "stefan: edaphic factor of Z = E·√ADDT, m/√(°C·day): number or raster.")
    String edaphic;
    @Option(names = "--kappa", paramLabel = "K", description = "stefan: thawed conductivity κ_t, W/(m·K): number or raster.")
    String kappa;
    @Option(names = "--theta", paramLabel = "THETA", description = "stefan: volumetric water content θ, m³/m³: number or raster.")
    String theta;
    @Option(names = "--bulk-density", paramLabel = "RHO_B", description = "stefan/Johansen: dry bulk density, kg/m³: number or raster.")
    String bulkDensity;
    @Option(names = "--quartz", paramLabel = "Q", description = "stefan/Johansen: quartz fraction 0–1: number or raster.")
    String quartz;
    @Option(names = "--saturation", paramLabel = "S_R", description = "stefan/Johansen: degree of saturation 0–1: number or raster.")
    String saturation;
    @Option(names = "--texture", paramLabel = "TEXTURE", description = "stefan/Johansen: coarse or fine (default coarse).")
    JohansenConductivity.Texture texture;
    @Option(names = "--rho-water", defaultValue = "1000", description = "Water density, kg/m³ (default ${DEFAULT-VALUE}).")
    double rhoWater;
    @Option(names = "--rho-ice", defaultValue = "917", description = "Ice density, kg/m³ (default ${DEFAULT-VALUE}).")
    double rhoIce;
    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (needed when an input is a raster).")
    Path out;

    /** What was computed: the map (null in point mode), its grid, and the point value when all inputs are numbers. */
    public record Result(GridGeometry grid, AltMap map, double pointAlt, double pointSigma,
                         FrozenWaterCalibration.Calibration calibration) {
    }

    @Override
    public Integer call() throws Exception {
        Result r = execute();
        if (r.map() == null && model == Model.STEFAN) {
            return 0;                                   // the point line (with κ) is printed by stefan()
        }
        if (r.map() == null) {
            System.out.printf(Locale.ROOT, "ALT H = %.4f m%s%n", r.pointAlt(),
                    Double.isNaN(r.pointSigma()) ? "" : String.format(Locale.ROOT, " ± %.4f m", r.pointSigma()));
        } else {
            long ok = 0;
            for (byte f : r.map().flag()) {
                ok += f == AltMap.OK ? 1 : 0;
            }
            System.out.println("ALT solved at " + ok + " of " + r.map().flag().length + " pixels; wrote " + out);
        }
        return 0;
    }

    /** Runs the selected model and writes the outputs. */
    public Result execute() throws IOException {
        if (model == null) {
            throw new IllegalArgumentException("--model is required (density, liu, zhang or stefan), or use 'alt envelope'");
        }
        Densities rho = new Densities(rhoWater, rhoIce);
        return switch (model) {
            case DENSITY -> density(rho);
            case LIU -> liu(rho);
            case ZHANG -> timeseries != null ? zhangRaster(rho) : ZhangSite.run(intervals, layers, rho);
            case STEFAN -> stefan();
        };
    }

    private Result stefan() throws IOException {
        StefanAlt st = new StefanAlt(addt, edaphic, kappa, theta, bulkDensity, quartz, saturation, texture, rhoWater);
        GridGeometry g = referenceGrid(st.specs());
        if (g == null) {
            StefanAlt.Output o = st.compute(GridGeometry.geocoded(1, 1, GeoTransform.northUp(0, 1, 0, -1), 4326, Double.NaN));
            if (o.map().flag()[0] != AltMap.OK) {
                throw new IllegalArgumentException("--model stefan: need ADDT >= 0, E >= 0, kappa > 0, 0 < theta <= 1 and "
                        + "Johansen inputs in range; got addt=" + addt + " edaphic=" + edaphic + " kappa=" + kappa
                        + " theta=" + theta + " bulk-density=" + bulkDensity + " quartz=" + quartz + " saturation=" + saturation);
            }
            System.out.println(StefanAlt.pointLine(o));
            return new Result(null, null, o.map().alt()[0], Double.NaN, null);
        }
        requireOut();
        Files.createDirectories(out);
        StefanAlt.Output o = st.compute(g);
        writeMap(g, o.map(), st.description());
        if (o.kappaThawed() != null) {
            ProductRasters.writeFloat(out.resolve("kappaThawed.tif"), g, o.kappaThawed(),
                    "Johansen thawed thermal conductivity", "W/(m*K)");
            ProductRasters.writeFloat(out.resolve("kappaFrozen.tif"), g, o.kappaFrozen(),
                    "Johansen frozen thermal conductivity", "W/(m*K)");
        }
        return new Result(g, o.map(), Double.NaN, Double.NaN, null);
    }

    private Result zhangRaster(Densities rho) throws IOException {
        if (intervals != null) {
            throw new IllegalArgumentException("--model zhang: give --intervals CSV (site) or --timeseries (raster), not both");
        }
        requireOut();
        ZhangPiecewiseModel zm = layers == null ? ZhangPiecewiseModel.era5Land() : new ZhangPiecewiseModel(layers);
        java.util.function.Function<GridGeometry, float[]> inc = null;
        if (los) {
            require(incidence, "--incidence (with --los)");
            inc = g -> {
                try {
                    return ProductRasters.numberOrRaster(incidence, g, "--incidence");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            };
        }
        ZhangRaster.Inputs in;
        try {
            in = ZhangRaster.read(timeseries, boundaries, moisture, moistureScale, zm, inc);
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        float[] sd = amplitudeStd == null ? null : ProductRasters.numberOrRaster(amplitudeStd, in.grid(), "--amplitude-std");
        AltMap m = ZhangRaster.solve(in, sd, zm, rho);
        Files.createDirectories(out);
        writeMap(in.grid(), m, "Zhang et al. (2020) piecewise multi-layer model, " + in.intervals() + " intervals");
        return new Result(in.grid(), m, Double.NaN, Double.NaN, null);
    }

    private Result density(Densities rho) throws IOException {
        require(amplitude, "--amplitude");
        if (sites == null) {
            require(thawedWater, "--N");
            require(frozenWater, "--n");
        } else {
            require(thawedWater, "--N");
            if (frozenWater != null) {
                throw new IllegalArgumentException("give either --n or --sites (which calibrates n), not both");
            }
        }
        GridGeometry g = referenceGrid(amplitude, amplitudeStd, thawedWater, frozenWater, los ? incidence : null);
        if (g == null) {
            if (sites != null) {
                throw new IllegalArgumentException("--sites needs a raster amplitude or N to place the sites on");
            }
            double d = vertical(Double.parseDouble(amplitude.trim()));
            double big = Double.parseDouble(thawedWater.trim()), small = Double.parseDouble(frozenWater.trim());
            checkWater(big, small);
            double h = DensityChangeModel.alt(d, big, small, rho);
            double s = amplitudeStd == null ? Double.NaN : h / d * vertical(Double.parseDouble(amplitudeStd.trim()));
            return new Result(null, null, h, s, null);
        }
        float[] delta = verticalRaster(ProductRasters.numberOrRaster(amplitude, g, "--amplitude"), g);
        float[] sd = amplitudeStd == null ? null : verticalRaster(ProductRasters.numberOrRaster(amplitudeStd, g, "--amplitude-std"), g);
        float[] big = ProductRasters.numberOrRaster(thawedWater, g, "--N");
        FrozenWaterCalibration.Calibration cal = null;
        float[] small;
        requireOut();
        Files.createDirectories(out);
        if (sites != null) {
            List<FrozenWaterCalibration.Site> list = new ArrayList<>();
            for (SiteTable.Site s : SiteTable.read(sites, "alt", "alt_m", "thickness")) {
                list.add(new FrozenWaterCalibration.Site(s.id(), s.lon(), s.lat(), s.value()));
            }
            cal = FrozenWaterCalibration.calibrate(list, delta, big, g, rho, FrozenWaterCalibration.Parameters.DEFAULT);
            writeSites(out.resolve("sites.csv"), cal);
            if (cal.reason() != null) {
                throw new IllegalArgumentException("calibration of n failed: " + cal.reason() + " (see "
                        + out.resolve("sites.csv") + " for each site's status)");
            }
            small = cal.frozenWater();
            ProductRasters.writeFloat(out.resolve("frozenWater.tif"), g, small, "frozen unfrozen-water content n", "m3/m3");
        } else {
            if (isNumber(thawedWater) && isNumber(frozenWater)) {
                checkWater(Double.parseDouble(thawedWater.trim()), Double.parseDouble(frozenWater.trim()));
            }
            small = ProductRasters.numberOrRaster(frozenWater, g, "--n");
        }
        AltMap m = DensityChangeModel.map(delta, sd, big, small, rho);
        writeMap(g, m, "density-change model (seed 002 eq. 2)");
        return new Result(g, m, Double.NaN, Double.NaN, cal);
    }

    private Result liu(Densities rho) throws IOException {
        require(amplitude, "--amplitude");
        require(profile, "--profile");
        MoistureProfile p = parseProfile(profile);
        GridGeometry g = referenceGrid(amplitude, amplitudeStd, los ? incidence : null);
        if (g == null) {
            double d = vertical(Double.parseDouble(amplitude.trim()));
            double h = LiuProfileModel.alt(d, p, rho);
            double s = amplitudeStd == null ? Double.NaN
                    : LiuProfileModel.sigma(h, vertical(Double.parseDouble(amplitudeStd.trim())), p, rho);
            return new Result(null, null, h, s, null);
        }
        requireOut();
        Files.createDirectories(out);
        float[] delta = verticalRaster(ProductRasters.numberOrRaster(amplitude, g, "--amplitude"), g);
        float[] sd = amplitudeStd == null ? null : verticalRaster(ProductRasters.numberOrRaster(amplitudeStd, g, "--amplitude-std"), g);
        AltMap m = LiuProfileModel.map(delta, sd, p, rho);
        writeMap(g, m, "Liu et al. (2012) profile model, " + profile);
        return new Result(g, m, Double.NaN, Double.NaN, null);
    }

    /** Parses {@code constant:W}, {@code layered:d1:W1,d2:W2,...} or {@code exponential:W0:Winf:lambda}. */
    public static MoistureProfile parseProfile(String spec) {
        String[] p = spec.trim().split(":", 2);
        try {
            switch (p[0].toLowerCase(Locale.ROOT)) {
                case "constant":
                    return new MoistureProfile.Constant(Double.parseDouble(p[1]));
                case "layered": {
                    String[] layersSpec = p[1].split(",");
                    double[] d = new double[layersSpec.length], w = new double[layersSpec.length];
                    for (int k = 0; k < layersSpec.length; k++) {
                        String[] dw = layersSpec[k].split(":");
                        if (dw.length != 2) {
                            throw new IllegalArgumentException("layer '" + layersSpec[k] + "' is not BOTTOM:W");
                        }
                        d[k] = Double.parseDouble(dw[0]);
                        w[k] = Double.parseDouble(dw[1]);
                    }
                    return new MoistureProfile.Layered(d, w);
                }
                case "exponential": {
                    String[] v = p[1].split(":");
                    if (v.length != 3) {
                        throw new IllegalArgumentException("expected exponential:W0:Winf:lambda");
                    }
                    return new MoistureProfile.Exponential(Double.parseDouble(v[0]), Double.parseDouble(v[1]),
                            Double.parseDouble(v[2]));
                }
                default:
                    throw new IllegalArgumentException("unknown profile kind '" + p[0] + "'");
            }
        } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
            throw new IllegalArgumentException("--profile '" + spec + "': expected constant:W, layered:d1:W1,d2:W2,... "
                    + "or exponential:W0:Winf:lambda (" + e.getMessage() + ")");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--profile '" + spec + "': " + e.getMessage());
        }
    }

    private void writeMap(GridGeometry g, AltMap m, String model) throws IOException {
        ProductRasters.writeFloat(out.resolve("alt.tif"), g, m.alt(), "active-layer thickness, " + model, "m");
        ProductRasters.writeFloat(out.resolve("altStd.tif"), g, m.sigma(), "one-sigma of the active-layer thickness", "m");
        ProductRasters.writeByte(out.resolve("altFlag.tif"), g, m.flag(), 255,
                "0 ok, 1 no data, 2 invalid input, 3 no solution");
        new RasterMap("Active-layer thickness", "m", Colormap.VIRIDIS).write(out.resolve("alt.png"), g, m.alt());
    }

    private static void writeSites(Path csv, FrozenWaterCalibration.Calibration cal) throws IOException {
        StringBuilder b = new StringBuilder("id,lon,lat,alt_m,row,col,amplitude_m,N,n,status\n");
        for (FrozenWaterCalibration.SiteResult s : cal.sites()) {
            b.append(s.site().id()).append(',').append(s.site().x()).append(',').append(s.site().y()).append(',')
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

    static boolean isNumber(String s) {
        try {
            Double.parseDouble(s.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private double vertical(double v) {
        if (!los) {
            return v;
        }
        require(incidence, "--incidence (with --los)");
        return LosGeometry.losToVertical(v, Double.parseDouble(incidence.trim()));
    }

    private float[] verticalRaster(float[] v, GridGeometry g) throws IOException {
        if (!los) {
            return v;
        }
        require(incidence, "--incidence (with --los)");
        return LosGeometry.losToVertical(v, ProductRasters.numberOrRaster(incidence, g, "--incidence"));
    }

    private static void checkWater(double big, double small) {
        if (!(big > small) || small < 0 || big > 1) {
            throw new IllegalArgumentException("need 0 ≤ n < N ≤ 1, got N = " + big + ", n = " + small);
        }
    }

    private void requireOut() {
        require(out == null ? null : out.toString(), "--out");
    }

    private void require(String v, String name) {
        if (v == null) {
            throw new IllegalArgumentException("--model " + model.name().toLowerCase(Locale.ROOT) + " needs " + name);
        }
    }
}
