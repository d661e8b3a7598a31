package org.permasar.pipeline.alt;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.permasar.permafrost.alt.Densities;
import org.permasar.permafrost.alt.MoistureProfile;
import org.permasar.pipeline.raster.NumberSpecs;
import org.permasar.thermal.JohansenConductivity;

/**
 * Settings of the alt step ({@link AltStep}): what {@code permasar alt} parses from its options and what
 * {@code permasar run} builds from its configuration. Validated on construction (an
 * {@link IllegalArgumentException} names the missing or offending values; what needs the inputs' contents,
 * such as whether an output folder is needed, is checked by the step); {@code withX} methods return modified
 * copies. {@link #of} holds the defaults (the constants below for every model): the command's options and the
 * configuration schema are checked against it.
 *
 * <p>"Spec" values are a number or a raster ({@code file.tif}, {@code file.h5:dataset}). Amplitudes are
 * peak-to-trough, metres. Immutable and thread-safe; {@link #toString()} is deterministic and lists every
 * setting (the chain uses it as the step's fingerprint).
 *
 * @param model        density, liu, zhang or stefan
 * @param out          output folder, or null (needed when an input is a raster)
 * @param amplitude    density, liu: seasonal amplitude spec
 * @param amplitudeStd its one-sigma spec, or null (zhang raster: one-sigma of each interval's subsidence)
 * @param los          the amplitude is along the line of sight: divide by cos(incidence)
 * @param incidence    incidence angle spec, degrees (with {@code los})
 * @param thawedWater  density: N spec, m³/m³
 * @param frozenWater  density: n spec, m³/m³, or null with {@code sites}
 * @param sites        density: in-situ ALT sites CSV (id,lon,lat,alt) to calibrate n, or null
 * @param profile      liu: constant:W | layered:d1:W1,d2:W2,... | exponential:W0:Winf:lambda
 * @param intervals    zhang site mode: CSV of interval subsidence and layer moisture
 * @param timeseries   zhang raster mode: MintPy time series (m)
 * @param boundaries   zhang raster mode: K+1 interval boundary dates
 * @param moisture     zhang raster mode: layered soil moisture rasters
 * @param moistureScale zhang raster mode: factor to m³/m³, &gt; 0
 * @param layers       zhang: layer bottoms, m, or null for ERA5-Land (0.07, 0.28, 1.00, 2.89)
 * @param addt         stefan: ADDT spec, °C·day
 * @param edaphic      stefan: E spec, m/√(°C·day), or null
 * @param kappa        stefan: κ_t spec, W/(m·K), or null
 * @param theta        stefan: θ spec, m³/m³, or null
 * @param bulkDensity  stefan/Johansen: ρ_b spec, kg/m³, or null
 * @param quartz       stefan/Johansen: quartz fraction spec, or null
 * @param saturation   stefan/Johansen: degree of saturation spec, or null
 * @param texture      stefan/Johansen: texture, or null (coarse)
 * @param rhoWater     water density, kg/m³
 * @param rhoIce       ice density, kg/m³, 0 &lt; ρ_i &lt; ρ_w
 * @param mask         density, liu: where ALT means something (raster spec: nonzero = permafrost with a thaw season,
 *                     e.g. the fit's {@code pecm/velocity.h5:thawSeason} or a user's permafrost map), or null for
 *                     every pixel with a seasonal amplitude
 */
public record AltParameters(Model model, Path out, String amplitude, String amplitudeStd, boolean los, String incidence,
                            String thawedWater, String frozenWater, Path sites, String profile, Path intervals,
                            Path timeseries, List<String> boundaries, Path moisture, double moistureScale,
                            List<Double> layers, String addt, String edaphic, String kappa, String theta,
                            String bulkDensity, String quartz, String saturation, JohansenConductivity.Texture texture,
                            double rhoWater, double rhoIce, String mask) {
    /** ALT models. */
    public enum Model { DENSITY, LIU, ZHANG, STEFAN }

    /** Default water density, kg/m³. */
    public static final double RHO_WATER = 1000;
    /** Default ice density, kg/m³. */
    public static final double RHO_ICE = 917;
    /** Default soil-moisture scale (already m³/m³). */
    public static final double MOISTURE_SCALE = 1;

    public AltParameters {
        if (model == null) {
            throw new IllegalArgumentException("--model is required (density, liu, zhang or stefan), or use 'alt envelope'");
        }
        boundaries = boundaries == null ? null : List.copyOf(boundaries);
        layers = layers == null ? null : List.copyOf(layers);
        new Densities(rhoWater, rhoIce);
        if (!(moistureScale > 0) || Double.isInfinite(moistureScale)) {
            throw new IllegalArgumentException("--moisture-scale must be > 0, got " + moistureScale);
        }
        switch (model) {
            case DENSITY -> {
                require(model, amplitude, "--amplitude");
                require(model, thawedWater, "--N");
                if (sites == null) {
                    require(model, frozenWater, "--n");
                } else if (frozenWater != null) {
                    throw new IllegalArgumentException("give either --n or --sites (which calibrates n), not both");
                }
            }
            case LIU -> {
                require(model, amplitude, "--amplitude");
                require(model, profile, "--profile");
                moistureProfile(profile);
            }
            case ZHANG -> {
                if (timeseries != null && intervals != null) {
                    throw new IllegalArgumentException("--model zhang: give --intervals CSV (site) or --timeseries (raster), not both");
                }
            }
            case STEFAN -> new StefanAlt(addt, edaphic, kappa, theta, bulkDensity, quartz, saturation, texture, rhoWater);
            default -> throw new IllegalStateException(model.name());
        }
        if (los && model != Model.STEFAN) {
            require(model, incidence, "--incidence (with --los)");
        }
        checkNumbers(amplitude, amplitudeStd, incidence, thawedWater, frozenWater);
    }

    /**
     * Refuses numbers outside their physical range (each would make every pixel NaN): amplitudes and
     * their σ ≥ 0 m (peak-to-trough), incidence in [0, 90) degrees, water contents in [0, 1] with
     * n &lt; N. Rasters are checked per pixel by the models.
     */
    private static void checkNumbers(String amplitude, String amplitudeStd, String incidence, String thawedWater,
                                     String frozenWater) {
        NumberSpecs.require(amplitude, "--amplitude (seasonal peak-to-trough amplitude)", NumberSpecs::nonNegative,
                ">= 0 m");
        NumberSpecs.require(amplitudeStd, "--amplitude-std", NumberSpecs::nonNegative, ">= 0 m");
        NumberSpecs.require(incidence, "--incidence", x -> x >= 0 && x < 90, "in [0, 90) degrees");
        NumberSpecs.require(thawedWater, "--N (thawed water content)", NumberSpecs::fraction, "in [0, 1] m³/m³");
        NumberSpecs.require(frozenWater, "--n (frozen unfrozen-water content)", NumberSpecs::fraction,
                "in [0, 1] m³/m³");
        Double big = NumberSpecs.number(thawedWater), small = NumberSpecs.number(frozenWater);
        if (big != null && small != null && !(small < big)) {
            throw new IllegalArgumentException("need 0 ≤ n < N ≤ 1, got N = " + thawedWater.trim() + ", n = "
                    + frozenWater.trim());
        }
    }

    /**
     * The defaults of {@code permasar alt --model density --amplitude AMP --N N --n n --out OUT} (seed 002 eq. 2), the
     * model of the chain; other models are built with the canonical constructor.
     */
    public static AltParameters of(Path out, String amplitude, String thawedWater, String frozenWater) {
        return new AltParameters(Model.DENSITY, out, amplitude, null, false, null, thawedWater, frozenWater, null, null,
                null, null, null, null, MOISTURE_SCALE, null, null, null, null, null, null, null, null, null, RHO_WATER, RHO_ICE, null);
    }

    /** With n calibrated at in-situ ALT sites (CSV id,lon,lat,alt) instead of given. */
    public AltParameters withSites(Path csv) {
        return new AltParameters(model, out, amplitude, amplitudeStd, los, incidence, thawedWater, null, csv, profile,
                intervals, timeseries, boundaries, moisture, moistureScale, layers, addt, edaphic, kappa, theta,
                bulkDensity, quartz, saturation, texture, rhoWater, rhoIce, mask);
    }

    /** With ALT computed only where the mask raster (spec) is nonzero and finite. */
    public AltParameters withMask(String maskSpec) {
        return new AltParameters(model, out, amplitude, amplitudeStd, los, incidence, thawedWater, frozenWater, sites,
                profile, intervals, timeseries, boundaries, moisture, moistureScale, layers, addt, edaphic, kappa, theta,
                bulkDensity, quartz, saturation, texture, rhoWater, rhoIce, maskSpec);
    }

    /** With a LOS amplitude turned vertical with the incidence angle spec. */
    public AltParameters withLos(String incidenceSpec) {
        return new AltParameters(model, out, amplitude, amplitudeStd, true, incidenceSpec, thawedWater, frozenWater, sites,
                profile, intervals, timeseries, boundaries, moisture, moistureScale, layers, addt, edaphic, kappa, theta,
                bulkDensity, quartz, saturation, texture, rhoWater, rhoIce, mask);
    }

    /** With the one-sigma of the amplitude (spec). */
    public AltParameters withAmplitudeStd(String std) {
        return new AltParameters(model, out, amplitude, std, los, incidence, thawedWater, frozenWater, sites, profile,
                intervals, timeseries, boundaries, moisture, moistureScale, layers, addt, edaphic, kappa, theta,
                bulkDensity, quartz, saturation, texture, rhoWater, rhoIce, mask);
    }

    /** With other water and ice densities, kg/m³. */
    public AltParameters withDensities(double water, double ice) {
        return new AltParameters(model, out, amplitude, amplitudeStd, los, incidence, thawedWater, frozenWater, sites,
                profile, intervals, timeseries, boundaries, moisture, moistureScale, layers, addt, edaphic, kappa, theta,
                bulkDensity, quartz, saturation, texture, water, ice, mask);
    }

    /** The densities as the models take them. */
    public Densities densities() {
        return new Densities(rhoWater, rhoIce);
    }

    /** The layer bottoms as an array, or null for ERA5-Land. */
    double[] layerBottoms() {
        return layers == null ? null : layers.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Stefan settings (model stefan only). */
    StefanAlt stefan() {
        return new StefanAlt(addt, edaphic, kappa, theta, bulkDensity, quartz, saturation, texture, rhoWater);
    }

    private static void require(Model m, Object v, String name) {
        if (v == null) {
            throw new IllegalArgumentException("--model " + m.name().toLowerCase(Locale.ROOT) + " needs " + name);
        }
    }

    /** Parses {@code constant:W}, {@code layered:d1:W1,d2:W2,...} or {@code exponential:W0:Winf:lambda}. */
    public static MoistureProfile moistureProfile(String spec) {
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
}
