package org.permasar.cli.pipeline;

import org.permasar.hazard.SlumpSeriesClassifier;
import org.permasar.pipeline.fit.FitParameters;
import org.permasar.pipeline.hazard.LakeDensityParameters;
import org.permasar.pipeline.hazard.LakesParameters;
import org.permasar.pipeline.hazard.SlumpsParameters;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every key a {@code permasar run} configuration may hold: its section, type, default, unit and
 * meaning. The template written by {@code permasar init} and the strict parser
 * ({@link PipelineConfig}) are both generated from this one list, so they cannot disagree.
 *
 * <p>Immutable and thread-safe.
 */
public final class ConfigSchema {

    /** Value types a key may have. */
    public enum Kind {
        /** Free text. */
        TEXT,
        /** An input file or folder that must exist (relative paths: from the configuration's folder). */
        INPUT,
        /** An output folder (need not exist; its nearest existing parent must be writable). */
        OUTPUT,
        /** true or false. */
        BOOLEAN,
        /** A whole number within [min, max]. */
        INTEGER,
        /** A decimal number within [min, max]. */
        NUMBER,
        /** A decimal number or a raster file (FILE, FILE.h5:DATASET). */
        NUMBER_OR_RASTER,
        /** As {@link #NUMBER_OR_RASTER}, or the word {@code estimate} (a per-pixel estimate). */
        NUMBER_RASTER_OR_ESTIMATE,
        /** One of {@link Option#choices()}. */
        CHOICE,
        /** {@code auto} or {@code ROW,COL}. */
        PIXEL_OR_AUTO,
        /** Zero or more {@code ROW,COL} separated by {@code ;}. */
        PIXELS
    }

    /**
     * One configuration key.
     *
     * @param section  section name without brackets, e.g. {@code invert}
     * @param key      key inside the section, e.g. {@code method}
     * @param kind     value type
     * @param fallback default value as text ("" = none / unset)
     * @param unit     unit of the value ("" when none)
     * @param help     one-line meaning, written as a comment in the template
     * @param choices  allowed values for {@link Kind#CHOICE}; empty otherwise
     * @param min      smallest allowed number (NUMBER/INTEGER)
     * @param max      largest allowed number (NUMBER/INTEGER)
     */
    public record Option(String section, String key, Kind kind, String fallback, String unit, String help,
                         List<String> choices, double min, double max) {
        public Option {
            Objects.requireNonNull(section, "section");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(fallback, "fallback");
            choices = List.copyOf(choices);
            if (kind == Kind.CHOICE && !fallback.isEmpty() && !choices.contains(fallback)) {
                throw new IllegalArgumentException("default '" + fallback + "' of " + section + "." + key
                        + " is not one of " + choices);
            }
            if (!(min <= max)) {
                throw new IllegalArgumentException("min " + min + " > max " + max + " for " + section + "." + key);
            }
        }

        /** The full name, {@code section.key}. */
        public String name() {
            return section + "." + key;
        }
    }

    private static final double INF = Double.POSITIVE_INFINITY;
    private static final Map<String, Option> OPTIONS = new LinkedHashMap<>();
    private static final Map<String, String> SECTION_HELP = new LinkedHashMap<>();

    static {
        section("input", "Input data. Paths are relative to this file's folder. A track needs a stack; "
                + "give one track (asc or desc) or both.");
        add("input", "asc.stack", Kind.INPUT, "", "", "Ascending interferogram stack: MintPy ifgramStack.h5 or a folder "
                + "(HyP3, LiCSAR, GAMMA, ROI_PAC, GeoTIFF pairs)");
        add("input", "asc.geometry", Kind.INPUT, "", "", "Ascending MintPy geometry file (incidenceAngle, azimuthAngle, "
                + "waterMask)");
        add("input", "desc.stack", Kind.INPUT, "", "", "Descending interferogram stack");
        add("input", "desc.geometry", Kind.INPUT, "", "", "Descending MintPy geometry file");
        add("input", "lst", Kind.INPUT, "", "", "Land-surface temperature: multi-band GeoTIFF (band descriptions = "
                + "dates) or folder of dated GeoTIFFs; enables the PECM step");
        add("input", "soilMoisture", Kind.INPUT, "", "m³/m³", "Thawed volumetric water content raster (GeoTIFF or "
                + "FILE.h5:DATASET); replaces alt.N when given");
        add("input", "permafrostMask", Kind.INPUT, "", "", "Permafrost map (GeoTIFF or FILE.h5:DATASET, nonzero = "
                + "permafrost): where ALT is computed; without it ALT needs input.lst (freeze-thaw cycle from the PECM step)");
        add("input", "sites", Kind.INPUT, "", "", "In-situ ALT sites CSV (id,lon,lat,alt in WGS 84 degrees, or "
                + "id,x,y,alt in the grid's CRS) to calibrate alt.n");
        add("input", "boreholes", Kind.INPUT, "", "", "Borehole ALT CSV (id,lon,lat,alt in WGS 84 degrees, or "
                + "id,x,y,alt in the grid's CRS) to validate the ALT map");
        add("input", "gnss", Kind.INPUT, "", "", "GNSS series (NGL .tenv3 or NEU CSV) to validate the first track");
        add("input", "discharge", Kind.INPUT, "", "", "Daily discharge of the basin (CSV: date + discharge column, or "
                + "CAMELS-US text): enables the recession step (permasar recession, its defaults)");

        section("output", "Where results go.");
        add("output", "dir", Kind.OUTPUT, "permasar-out", "", "Output folder (relative to this file's folder; "
                + "--out overrides)");

        section("invert", "Step invert: SBAS network inversion of each track (permasar invert).");
        add("invert", "method", Kind.CHOICE, "wls", "", "Estimator", List.of("l2", "wls", "l1", "nsbas", "svd", "huber",
                "tukey"));
        add("invert", "weight", Kind.CHOICE, "var", "", "Coherence weight (wls/l1/nsbas/huber/tukey)", List.of("var", "fim", "coh", "no"));
        add("invert", "reference", Kind.PIXEL_OR_AUTO, "auto", "pixel", "Reference pixel ROW,COL, or auto "
                + "(REF_Y/REF_X of the stack, else the most coherent 3×3 patch valid in every pair, on land, away from the "
                + "edges)");
        add("invert", "maskConnComp", Kind.BOOLEAN, "true", "", "Mask pairs where connectComponent is 0");
        add("invert", "minCoherence", Kind.NUMBER, "0", "", "Mask pairs per pixel below this coherence", 0, 1);
        add("invert", "maxTemporalBaseline", Kind.INTEGER, "0", "days", "Keep pairs no longer than this (0 = all)", 0, 1e5);
        add("invert", "ramp", Kind.CHOICE, "none", "", "Remove a per-epoch ramp", List.of("none", "linear", "quadratic"));
        add("invert", "unwrapCorrection", Kind.CHOICE, "none", "", "Correct unwrapping errors before the inversion "
                + "(phase-closure: integer cycles from triplet closures; bridging: connected components shifted to match; "
                + "Yunjun et al. 2019)", List.of("none", "phase-closure", "bridging", "bridging+phase-closure",
                "phase-closure-region"));
        add("invert", "elevationCorrection", Kind.BOOLEAN, "false", "", "Remove elevation-correlated phase (needs geometry)");
        add("invert", "threads", Kind.INTEGER, "0", "", "Worker threads (0 = all cores)", 0, 1024);
        add("invert", "memoryMb", Kind.INTEGER, "0", "MiB", "Working memory for blocks (0 = a share of the JVM heap)", 0, 1e6);

        section("fit", "Step fit: time functions (trend + annual sinusoid, and MintPy's other terms when given) and the "
                + "seasonality test.");
        add("fit", "model", Kind.CHOICE, "trend+annual", "", "Time functions: trend (polynomial only, e.g. for a series "
                + "shorter than a year), trend+annual, or harmonics (annual + semi-annual)",
                List.of("trend+annual", "trend", "harmonics"));
        add("fit", "polynomial", Kind.INTEGER, "1", "", "Polynomial degree of the trend", 0, 5);
        add("fit", "periods", Kind.TEXT, "", "years", "More periods besides the annual one, comma-separated, e.g. 0.5 "
                + "(MintPy mintpy.timeFunc.periodic)");
        add("fit", "steps", Kind.TEXT, "", "", "Step dates YYYYMMDD, comma-separated (mintpy.timeFunc.stepDate)");
        add("fit", "exp", Kind.TEXT, "", "days", "Exponential decays ONSET,TAU[,TAU...], more separated by ; "
                + "(mintpy.timeFunc.exp)");
        add("fit", "log", Kind.TEXT, "", "days", "Logarithmic decays ONSET,TAU[,TAU...], more separated by ; "
                + "(mintpy.timeFunc.log)");
        add("fit", "startDate", Kind.TEXT, "", "", "First date the time functions use, YYYYMMDD (mintpy.timeFunc.startDate)");
        add("fit", "endDate", Kind.TEXT, "", "", "Last date the time functions use, YYYYMMDD (mintpy.timeFunc.endDate)");
        add("fit", "excludeDate", Kind.TEXT, "", "", "Dates the time functions leave out, comma-separated "
                + "(mintpy.timeFunc.excludeDate)");
        add("fit", "minSeasonalAmplitude", Kind.NUMBER, "0.001", "m", "Peak-to-trough below this is not seasonal", 0, 1);
        add("fit", "seasonalityProminence", Kind.NUMBER, "0.2", "", "Extremum prominence as a fraction of the range", 0, 1);
        add("fit", "seasonalityTolerance", Kind.INTEGER, "2", "", "Allowed |extrema - 2 x years|", 0, 100);

        section("pecm", "Step pecm: permafrost environmental correlation model, needs input.lst.");
        add("pecm", "enabled", Kind.BOOLEAN, "true", "", "Run the PECM fit when input.lst is given");
        add("pecm", "vertical", Kind.BOOLEAN, "true", "", "Fit vertical displacement d_LOS/cos(incidence) (needs geometry)");
        add("pecm", "hantsHarmonics", Kind.INTEGER, "3", "", "HANTS harmonics of 365 days for the LST fit", 1, 10);
        add("pecm", "kappaRatio", Kind.NUMBER_RASTER_OR_ESTIMATE, FitParameters.KAPPA_RATIO, "",
                "kappa_f / kappa_t: a number, a raster, or 'estimate' (per pixel by profile least squares)");
        add("pecm", "lstCentreOffset", Kind.NUMBER, "3.5", "days", "From a composite's date to its window centre", 0, 30);

        section("geometry", "Step geometry: direction classes and east/up from asc + desc (needs both tracks).");
        add("geometry", "enabled", Kind.BOOLEAN, "true", "", "Run when both tracks are given");
        add("geometry", "rateTolerance", Kind.NUMBER, "0.005", "m/yr", "Largest | |v_a| - |v_d| | of similar rates", 0, 1);
        add("geometry", "amplitudeTolerance", Kind.NUMBER, "0.005", "m", "Largest |A_a - A_d| of similar amplitudes", 0, 1);
        add("geometry", "inPhaseDays", Kind.NUMBER, "30", "days", "In-phase window", 0, 183);
        add("geometry", "antiPhaseDays", Kind.NUMBER, "180", "days", "Anti-phase centre", 0, 366);
        add("geometry", "antiPhaseTolerance", Kind.NUMBER, "30", "days", "Anti-phase half width", 0, 183);
        add("geometry", "stableSigmas", Kind.NUMBER, "2", "", "k of the stable class 4: |rate| (seasonal amplitude) "
                + "<= k x velocityStd (seasonalAmplitudeStd) on both tracks", 0, 10);

        section("alt", "Step alt: active-layer thickness from the seasonal amplitude of the first track (density model).");
        add("alt", "enabled", Kind.BOOLEAN, "true", "", "Run the ALT step");
        add("alt", "N", Kind.NUMBER_OR_RASTER, "0.30", "m³/m³", "Thawed water content (number or raster)");
        add("alt", "n", Kind.NUMBER_OR_RASTER, "0.05", "m³/m³", "Frozen unfrozen-water content (number or raster)");

        section("validate", "Step validate: GNSS and borehole comparison (runs when input.gnss or input.boreholes is given).");
        add("validate", "block", Kind.NUMBER, "200", "m", "Block width averaged around a site", 0, 1e5);
        add("validate", "matchDays", Kind.INTEGER, "1", "days", "GNSS days within this of an InSAR date are averaged", 0, 30);

        section("controls", "Step controls: the geographical detector of the first track's velocity against factor maps "
                + "(permasar controls --deformation); runs when controls.factors is set.");
        add("controls", "factors", Kind.TEXT, "", "", "Factor maps NAME=FILE[:DATASET], separated by ';' (paths relative to "
                + "this file); class codes unless controls.discretize names them");
        add("controls", "discretize", Kind.TEXT, "", "", "Continuous factors: NAME=METHOD:K (equal, quantile, natural, "
                + "geometric, sd) or NAME=opgd, separated by ';'");
        add("controls", "cross", Kind.TEXT, "", "", "Pairs A,B of factors crossed in the binned statistics, separated by ';'");
        add("controls", "dataset", Kind.TEXT, "velocity", "", "Dataset of the first track's velocity.h5 that is analysed");
        add("controls", "singleMember", Kind.CHOICE, "keep", "", "Strata with one member: keep (R geodetector) or drop (R GD)",
                List.of("keep", "drop"));
        add("controls", "tile", Kind.INTEGER, "64", "pixel", "Tile width of the spatial-block inference", 2, 100_000);
        add("controls", "bootstrap", Kind.INTEGER, "999", "", "Block-bootstrap replicates of the interval of q (0: none)",
                0, 100_000);
        add("controls", "permutations", Kind.INTEGER, "199", "", "Block permutations for p_block (0: none)", 0, 100_000);

        section("recession", "Step recession: streamflow recession -dQ/dt = a*Q^b of input.discharge (permasar "
                + "recession with its defaults), needs input.discharge.");
        add("recession", "breakDate", Kind.TEXT, "", "", "Fit before and after this date too, YYYY-MM-DD (e.g. the start "
                + "of mining)");

        section("hazards", "Step hazards: hazard features in metric buffers around corridor lines and the first track's "
                + "velocity profiled by chainage (permasar hazards); runs when hazards.lines is set.");
        add("hazards", "lines", Kind.INPUT, "", "", "Corridor lines (railway, highway): GeoJSON or ESRI Shapefile, any CRS");
        add("hazards", "features", Kind.TEXT, "", "", "Hazard layers NAME=FILE (points or polygons, GeoJSON or Shapefile), "
                + "separated by ';' (paths relative to this file)");
        add("hazards", "buffers", Kind.TEXT, "500,1000,1500,2000", "m", "Buffer distances, increasing, separated by ','");
        add("hazards", "epsg", Kind.INTEGER, "0", "", "Projected CRS (metres) for buffering; 0: the UTM zone of the lines",
                0, 999_999);
        add("hazards", "binKm", Kind.NUMBER, "1", "km", "Chainage bin of the profile", 1e-6, 1e6);
        add("hazards", "threshold", Kind.NUMBER, "10", "mm/yr", "Subsidence rate counted as fast in the profile", 0, 1e6);
        add("hazards", "kmAttribute", Kind.TEXT, "", "", "Chainage from kilometre posts: the numeric attribute of the "
                + "point features of hazards.lines holding each post's km; empty: km from the line's start");
        add("hazards", "chainage", Kind.CHOICE, "length", "", "Chainage: length (km along the line from its start, or "
                + "between the posts of hazards.kmAttribute) or m (the measures of the lines' vertices: a Shapefile "
                + "PolyLineM, or PolyLineZ with M), linear in length between vertices", List.of("length", "m"));
        add("hazards", "mUnit", Kind.CHOICE, "km", "", "Unit of the vertices' measures with chainage = m",
                List.of("km", "m"));

        section("lakes", "Step lakes: thermokarst lakes mapped from two optical bands (permasar lakes: NDWI from green + NIR, "
                + "or MNDWI from green + SWIR; fixed or Otsu threshold) into DIR/lakes/lakes.geojson; runs when lakes.green "
                + "is set. Its lakes feed [hazards] as the layer 'lakes' (unless hazards.features has a layer of that name) "
                + "and [lakeDensity] (unless lakeDensity.lakes is set).");
        add("lakes", "green", Kind.INPUT, "", "", "Green band GeoTIFF (Landsat 8/9 B3, Sentinel-2 B03)");
        add("lakes", "nir", Kind.INPUT, "", "", "Near-infrared band on the green band's grid (NDWI; Landsat B5, "
                + "Sentinel-2 B08); give lakes.nir or lakes.swir");
        add("lakes", "swir", Kind.INPUT, "", "", "Short-wave infrared band on the green band's grid (MNDWI; Landsat B6, "
                + "Sentinel-2 B11)");
        add("lakes", "threshold", Kind.TEXT, LakesParameters.THRESHOLD, "", "Water where the index exceeds this: otsu "
                + "(Otsu 1979) or a number within -1 … 1");
        add("lakes", "minPixels", Kind.INTEGER, Integer.toString(LakesParameters.MIN_PIXELS), "pixel", "Drop water bodies "
                + "smaller than this", 1, 1e9);
        add("lakes", "fillHolesBelow", Kind.INTEGER, "0", "pixel", "Fill land holes in the water mask smaller than this "
                + "(8-connected land not touching the raster's edge; 0: none)", 0, 1e9);

        SlumpSeriesClassifier slump = SlumpsParameters.defaults();
        section("slumps", "Step slumps: thaw-slump classes (stable, abrupt thaw, linear subsidence) of the first track's "
                + "timeseries.h5 per pixel and per slump polygon (permasar slumps); runs when slumps.enabled = true.");
        add("slumps", "enabled", Kind.BOOLEAN, "false", "", "Run the slumps step");
        add("slumps", "polygons", Kind.INPUT, "", "", "Slump polygons (GeoJSON or Shapefile, any CRS), each classed by the "
                + "mean series of the pixels whose centre is inside; empty: pixels only");
        add("slumps", "id", Kind.TEXT, "", "", "Polygon attribute naming each slump in the outputs (empty: the feature's "
                + "index)");
        add("slumps", "rateThreshold", Kind.NUMBER, fmt(slump.rateThreshold()), "mm/yr", "Subsidence rate above which a "
                + "series is not stable", 1e-6, 1e6);
        add("slumps", "minRateChange", Kind.NUMBER, fmt(slump.minRateChange()), "mm/yr", "Least change of rate towards "
                + "subsidence that makes an abrupt thaw", 1e-6, 1e6);
        add("slumps", "bicMargin", Kind.NUMBER, fmt(slump.bicMargin()), "", "BIC advantage the broken line needs", 0, 1e6);
        add("slumps", "minSide", Kind.INTEGER, Integer.toString(slump.minSide()), "dates", "Least dates on each side of a "
                + "break", 2, 100_000);
        add("slumps", "annual", Kind.BOOLEAN, Boolean.toString(slump.annual()), "", "Fit the annual sinusoid jointly "
                + "(false: the series is already deseasoned)");

        section("lakeDensity", "Step lake-density: thermokarst-lake density per square cell against the first track's "
                + "subsidence rate and seasonal amplitude, correlations tested for spatial autocorrelation (permasar "
                + "lake-density); runs when lakeDensity.enabled = true.");
        add("lakeDensity", "enabled", Kind.BOOLEAN, "false", "", "Run the lake-density step");
        add("lakeDensity", "lakes", Kind.INPUT, "", "", "Lake polygons (GeoJSON or Shapefile, any CRS); empty: the lakes "
                + "step's lakes.geojson (needs lakes.green)");
        add("lakeDensity", "cell", Kind.NUMBER, fmt(LakeDensityParameters.CELL), "m", "Cell size", 1e-3, 1e7);
        add("lakeDensity", "window", Kind.NUMBER, "0", "m", "Side of a square moving window instead of cells (0: cells "
                + "of lakeDensity.cell)", 0, 1e7);
        add("lakeDensity", "step", Kind.NUMBER, "0", "m", "Distance between the moving windows' centres, at most the "
                + "window (0: half the window)", 0, 1e7);
        add("lakeDensity", "minCoverage", Kind.NUMBER, fmt(LakeDensityParameters.MIN_COVERAGE), "", "Least share of a "
                + "full cell's pixels for a cell to count", 0, 1);
        add("lakeDensity", "classes", Kind.INTEGER, Integer.toString(LakeDensityParameters.CLASSES), "", "Distance classes "
                + "of the modified t-test", 1, 1000);
        add("lakeDensity", "bins", Kind.TEXT, LakeDensityParameters.BINS, "%", "Lake-area-share bin edges of the binned "
                + "statistics, increasing, separated by ','");

        section("report", "Step report: one self-contained HTML file, DIR/report.html.");
        add("report", "enabled", Kind.BOOLEAN, "true", "", "Write the report");
        add("report", "pixels", Kind.PIXELS, "", "pixel", "Extra pixels to plot: ROW,COL; ROW,COL");
        add("report", "truth", Kind.INPUT, "", "", "Simulated truth.h5 (permasar simulate): adds one pixel per region "
                + "and truth-vs-estimate tables");
    }

    private ConfigSchema() {
    }

    private static void section(String name, String help) {
        SECTION_HELP.put(name, help);
    }

    private static void add(String section, String key, Kind kind, String fallback, String unit, String help) {
        add(section, key, kind, fallback, unit, help, List.of(), -INF, INF);
    }

    private static void add(String section, String key, Kind kind, String fallback, String unit, String help,
                            List<String> choices) {
        add(section, key, kind, fallback, unit, help, choices, -INF, INF);
    }

    private static void add(String section, String key, Kind kind, String fallback, String unit, String help,
                            double min, double max) {
        add(section, key, kind, fallback, unit, help, List.of(), min, max);
    }

    private static void add(String section, String key, Kind kind, String fallback, String unit, String help,
                            List<String> choices, double min, double max) {
        Option o = new Option(section, key, kind, fallback, unit, help, choices, min, max);
        OPTIONS.put(o.name(), o);
    }

    /** The option named {@code section.key}, or null. */
    public static Option option(String name) {
        return OPTIONS.get(name);
    }

    /** All options in template order. */
    public static List<Option> options() {
        return List.copyOf(OPTIONS.values());
    }

    /** Section names in template order with their one-line help. */
    public static Map<String, String> sections() {
        return java.util.Collections.unmodifiableMap(SECTION_HELP);
    }

    /** The commented template that {@code permasar init} writes: every key with its default. */
    public static String template() {
        return template(Map.of());
    }

    /**
     * The template with some values filled in ({@code section.key → value}).
     *
     * @throws IllegalArgumentException when a key is unknown
     */
    public static String template(Map<String, String> values) {
        for (String k : values.keySet()) {
            if (!OPTIONS.containsKey(k)) {
                throw new IllegalArgumentException("unknown configuration key " + k);
            }
        }
        StringBuilder b = new StringBuilder();
        b.append("# PermaSAR configuration for `permasar run CONFIG` (written by `permasar init`).\n");
        b.append("# Format: [section] headers, then `key = value` lines; `#` starts a comment.\n");
        b.append("# An empty value means \"not given\". Unknown keys are an error.\n");
        b.append("# Chain: invert -> fit -> pecm -> geometry -> alt -> validate -> controls -> recession -> lakes -> hazards\n");
        b.append("#   -> slumps -> lake-density -> report;\n");
        b.append("# a finished step is skipped on a rerun when its inputs and settings are unchanged.\n");
        for (Map.Entry<String, String> s : SECTION_HELP.entrySet()) {
            b.append("\n# ").append(s.getValue()).append('\n');
            b.append('[').append(s.getKey()).append("]\n");
            for (Option o : OPTIONS.values()) {
                if (!o.section().equals(s.getKey())) {
                    continue;
                }
                b.append("# ").append(o.help());
                if (!o.unit().isEmpty()) {
                    b.append(" [").append(o.unit()).append(']');
                }
                if (o.kind() == Kind.CHOICE) {
                    b.append(" (").append(String.join(" | ", o.choices())).append(')');
                } else if (o.kind() == Kind.NUMBER || o.kind() == Kind.INTEGER) {
                    b.append(" (").append(range(o)).append(')');
                }
                b.append('\n');
                b.append(o.key()).append(" = ").append(values.getOrDefault(o.name(), o.fallback())).append('\n');
            }
        }
        return b.toString();
    }

    static String range(Option o) {
        return fmt(o.min()) + " … " + fmt(o.max());
    }

    private static String fmt(double v) {
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "-∞";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
