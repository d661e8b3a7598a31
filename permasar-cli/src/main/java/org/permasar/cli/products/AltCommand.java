package org.permasar.cli.products;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.permasar.cli.plot.Colormap;
import org.permasar.cli.plot.RasterMap;
import org.permasar.cli.progress.ConsoleProgress;
import org.permasar.permafrost.alt.MoistureProfile;
import org.permasar.pipeline.alt.AltParameters;
import org.permasar.pipeline.alt.AltStep;
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
 * <li>{@code zhang} (Zhang et al. 2020): site mode {@code --intervals CSV} ({@code ZhangSite}), or raster mode
 *     {@code --timeseries TS.h5 --boundaries D0,…,DK --moisture SM} ({@code ZhangRaster}: interval subsidence from
 *     the series, interval-mean layer moisture; {@code --amplitude-std} is then the one-sigma of each interval's
 *     subsidence, m).</li>
 * <li>{@code stefan} (Stefan equation, {@code StefanAlt}): {@code --addt} with {@code --edaphic E}, or {@code --theta}
 *     with {@code --kappa} or the Johansen (1977) inputs {@code --bulk-density --quartz --saturation --texture}
 *     (then {@code kappaThawed.tif} and {@code kappaFrozen.tif} are written too).</li>
 * </ul>
 * Amplitudes are peak-to-trough, metres; {@code --los --incidence INC} first turns a LOS amplitude into a
 * vertical one (d_up = d_LOS / cos inc). When every input is a number, H is printed and no raster written;
 * otherwise {@code alt.tif} (m), {@code altStd.tif} (m), {@code altFlag.tif} ({@link AltMap} codes, 255 nodata)
 * and {@code alt.png} are written to {@code --out}. A thin adapter: parses its options into {@link AltParameters},
 * runs {@link AltStep} (as the {@code permasar run} chain does) and draws {@code alt.png}.
 */
@Command(name = "alt", mixinStandardHelpOptions = true, subcommands = AltEnvelopeCommand.class,
        description = "Active-layer thickness: from seasonal subsidence (density, liu, zhang) or degree-days (stefan).")
public final class AltCommand implements Callable<Integer> {
    @Option(names = "--model", paramLabel = "MODEL", description = "density, liu, zhang or stefan.")
    AltParameters.Model model;
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
    @Option(names = "--mask", paramLabel = "MASK",
            description = "density, liu: compute ALT only where this raster is nonzero (permafrost with a thaw season, "
                    + "e.g. PECM/velocity.h5:thawSeason from fit --model pecm, or a permafrost map); without it every "
                    + "seasonal pixel gets an ALT, with a warning.")
    String mask;
    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (needed when an input is a raster).")
    Path out;

    @Override
    public Integer call() throws Exception {
        System.out.println(execute().summary());
        return 0;
    }

    /** The options as the step's parameters (validated there). */
    AltParameters parameters() {
        return new AltParameters(model, out, amplitude, amplitudeStd, los, incidence, thawedWater, frozenWater, sites,
                profile, intervals, timeseries, boundaries, moisture, moistureScale,
                layers == null ? null : Arrays.stream(layers).boxed().toList(), addt, edaphic, kappa, theta, bulkDensity,
                quartz, saturation, texture, rhoWater, rhoIce, mask);
    }

    /** Runs the step and draws {@code alt.png} when it wrote a map. */
    public AltStep.Result execute() throws IOException {
        AltParameters p = parameters();
        AltStep.Result r = AltStep.run(p, null, ConsoleProgress.create());
        writePlots(p.out(), r);
        return r;
    }

    /** {@code alt.png}, when the result is a map. */
    public static void writePlots(Path out, AltStep.Result r) throws IOException {
        if (r.map() != null) {
            new RasterMap("Active-layer thickness", "m", Colormap.VIRIDIS).write(out.resolve("alt.png"), r.grid(), r.map().alt());
        }
    }

    /** {@link AltParameters#moistureProfile}, kept for this command's callers. */
    public static MoistureProfile parseProfile(String spec) {
        return AltParameters.moistureProfile(spec);
    }
}
