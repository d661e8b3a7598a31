package org.permasar.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.permasar.grid.GridGeometry;
import org.permasar.io.AtomicFiles;
import org.permasar.io.geotiff.GeoTiffWriter;
import org.permasar.io.mintpy.MintPyWriter;
import org.permasar.network.Dates;
import org.permasar.stack.BlockPlanner;
import org.permasar.sim.SceneSimulator;
import org.permasar.sim.SceneSpec;
import org.permasar.sim.SceneTruth;
import org.permasar.sim.SimulatedScene;
import org.permasar.sim.SimulatedTrack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code permasar simulate}: writes a simulated permafrost scene with known truth in the
 * field's formats (MintPy stacks and geometry per track, DEM and 8-day LST GeoTIFFs, truth).
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Simulate a permafrost scene with known truth (ascending + descending Sentinel-1-like stacks, "
                + "daily land-surface temperature, PECM freeze-thaw deformation) and write it in MintPy/GeoTIFF formats.",
                "Layout: DIR/{asc,desc}/ifgramStack.h5, geometryGeo.h5, truthTimeseries.h5, troposphericDelay.h5; "
                        + "DIR/dem.tif, DIR/lst_8day.tif (Kelvin, band descriptions = dates), DIR/truth.h5, DIR/README.txt",
                "troposphericDelay.h5 is the EXACT simulated atmosphere (turbulent + stratified) of each track as an external "
                        + "delay product (MintPy timeseries layout, metres, ERA5.h5/GACOS sign): pass it to "
                        + "'permasar invert --tropo' to exercise the correction as with ERA5/GACOS. It is an idealised "
                        + "model: a real weather-model correction removes only part of the delay."})
public final class SimulateCommand implements Callable<Integer> {
    /** Name of the per-track external tropospheric-delay product (the exact simulated delay). */
    public static final String TROPO_FILE = "troposphericDelay.h5";
    private static final Logger LOG = LoggerFactory.getLogger(SimulateCommand.class);

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--small", description = "An even smaller scene (16 × 20 px, 2 years) for quick checks; "
            + "the default scene is 40 × 50 px over 5 years.")
    boolean tiny;

    @Option(names = "--seed", description = "Random seed (default: the preset's).")
    Long seed;

    @Option(names = "--size", paramLabel = "ROWSxCOLS", description = "Grid size, e.g. 100x120 (default: the preset's).")
    String size;

    @Option(names = "--years", description = "Years of acquisitions (default: the preset's).")
    Integer years;

    @Option(names = "--no-noise", description = "Noise-free scene: no atmosphere, decorrelation, clouds or unwrapping errors.")
    boolean noNoise;

    @Override
    public Integer call() throws IOException {
        SceneSpec spec = spec();
        long t0 = System.nanoTime();
        if (fitsInHeap(spec)) {
            SimulatedScene scene = SceneSimulator.simulate(spec);
            LOG.info("simulated {} × {} px, {} dates per track in {} ms", spec.rows(), spec.cols(),
                    scene.ascending().dates().size(), (System.nanoTime() - t0) / 1_000_000);
            write(scene, out);
        } else {
            stream(spec, out);
            LOG.info("simulated and wrote {} × {} px band by band in {} ms", spec.rows(), spec.cols(),
                    (System.nanoTime() - t0) / 1_000_000);
        }
        System.out.println("Simulated scene written to " + out);
        return 0;
    }

    /**
     * True when the whole scene's cubes (both stacks and truth series, daily LST, composites) take
     * less than a quarter of the heap: then it is simulated in memory and written by the jHDF
     * writers, as the demo always has been (same bytes); otherwise it is streamed.
     */
    static boolean fitsInHeap(SceneSpec spec) {
        int years = spec.years() + 3; // the daily LST spans a calendar year either side
        long dates = (long) Math.floor(spec.years() * 365.25 / spec.repeatDays()) + 1;
        long pairs = dates * (spec.shortNeighbours() + 1);
        long layers = 366L * years + 46L * years + 2 * (8 * dates + 3 * pairs);
        return 4 * layers * spec.size() < Runtime.getRuntime().maxMemory() / 4;
    }

    /** Simulates and writes the scene band by band ({@link StreamedSceneWriter}) in the heap-derived budget. */
    static void stream(SceneSpec spec, Path dir) throws IOException {
        try (StreamedSceneWriter w = new StreamedSceneWriter(dir)) {
            SceneSimulator.stream(spec, BlockPlanner.forThreads(1), w);
        }
    }

    SceneSpec spec() {
        SceneSpec s = tiny ? SceneSpec.tiny() : SceneSpec.small();
        if (seed != null) {
            s = s.withSeed(seed);
        }
        if (size != null) {
            String[] rc = size.toLowerCase(java.util.Locale.ROOT).split("x");
            if (rc.length != 2) {
                throw new IllegalArgumentException("--size must look like ROWSxCOLS, e.g. 100x120, got '" + size + "'");
            }
            try {
                s = s.withSize(Integer.parseInt(rc[0].trim()), Integer.parseInt(rc[1].trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--size must look like ROWSxCOLS, e.g. 100x120, got '" + size + "'");
            }
        }
        if (years != null) {
            s = s.withYears(years);
        }
        return noNoise ? s.withNoise(false) : s;
    }

    /** Writes every file of the scene under {@code dir} (each file atomically), from whole-scene arrays. */
    public static void write(SimulatedScene scene, Path dir) throws IOException {
        Files.createDirectories(dir);
        GridGeometry grid = scene.grid();
        SceneSpec spec = scene.spec();
        Map<String, String> common = commonAttributes(spec);
        for (SimulatedTrack t : scene.tracks()) {
            Path td = Files.createDirectories(dir.resolve(t.isAscending() ? "asc" : "desc"));
            Map<String, String> attrs = trackAttributes(common, t.isAscending(), t.wavelength(), t.heading(),
                    spec.looks());
            float[] cc = t.connectComponent();
            short[] conn = new short[cc.length];
            for (int i = 0; i < cc.length; i++) {
                conn[i] = (short) cc[i];
            }
            boolean[] keep = new boolean[t.network().pairCount()];
            java.util.Arrays.fill(keep, true);
            MintPyWriter.writeIfgramStack(td.resolve("ifgramStack.h5"), grid, t.network(), keep, t.unwrapPhase(),
                    t.coherence(), conn, attrs);
            writeGeometry(td.resolve("geometryGeo.h5"), grid, t.height(), t.incidenceAngle(), t.azimuthAngle(),
                    scene.truth().regions(), attrs);
            Map<String, String> ts = new LinkedHashMap<>(attrs);
            ts.put("REF_DATE", Dates.compact(t.dates().get(0)));
            MintPyWriter.writeTimeseries(td.resolve("truthTimeseries.h5"), grid, t.dates(), t.truthLosDisplacement(),
                    null, ts);
            writeTroposphericDelay(t, td.resolve(TROPO_FILE), attrs);
        }
        writeDem(dir.resolve("dem.tif"), grid, scene.truth().height());
        writeLst(dir.resolve("lst_8day.tif"), grid, scene.lstComposites(), scene.lstCompositeDates());
        List<float[]> losVel = new ArrayList<>(), losAmp = new ArrayList<>();
        for (SimulatedTrack tr : scene.tracks()) {
            losVel.add(tr.truthLosVelocity());
            losAmp.add(tr.truthLosSeasonalAmplitude());
        }
        writeTruth(dir.resolve("truth.h5"), grid, scene.truth(), losVel, losAmp, common);
        writeReadme(scene.spec(), scene.ascending().dates().size(), scene.ascending().network().pairCount(),
                dir.resolve("README.txt"));
    }

    /** Root attributes of every simulated file. */
    static Map<String, String> commonAttributes(SceneSpec spec) {
        Map<String, String> common = new LinkedHashMap<>();
        common.put("PROCESSOR", "permasar-simulate");
        common.put("SIMULATION_SEED", String.valueOf(spec.seed()));
        common.put("SIMULATION_NOISE", String.valueOf(spec.noise()));
        return common;
    }

    /** Root attributes of a track's files. */
    static Map<String, String> trackAttributes(Map<String, String> common, boolean ascending, double wavelength,
                                               double heading, int looks) {
        Map<String, String> attrs = new LinkedHashMap<>(common);
        attrs.put("WAVELENGTH", String.valueOf(wavelength));
        attrs.put("PLATFORM", "Sen");
        attrs.put("ORBIT_DIRECTION", ascending ? "ASCENDING" : "DESCENDING");
        attrs.put("HEADING", String.valueOf(heading));
        attrs.put("ALOOKS", "1");
        attrs.put("RLOOKS", "1");
        attrs.put("NCORRLOOKS", String.valueOf(looks)); // independent looks of the simulated decorrelation noise
        attrs.put("CENTER_LINE_UTC", "43200");
        return attrs;
    }

    /** Attributes of the tropospheric-delay product: the track's plus its source. */
    static Map<String, String> tropoAttributes(Map<String, String> attrs) {
        Map<String, String> m = new LinkedHashMap<>(attrs);
        m.put("TROPOSPHERIC_DELAY_SOURCE", "permasar-simulate: exact simulated slant delay (idealised external correction)");
        return m;
    }

    static void writeGeometry(Path file, GridGeometry grid, float[] height, float[] incidence, float[] azimuth,
                              int[] regions, Map<String, String> attrs) throws IOException {
        LinkedHashMap<String, float[]> geo = new LinkedHashMap<>();
        geo.put("height", height);
        geo.put("incidenceAngle", incidence);
        geo.put("azimuthAngle", azimuth);
        geo.put("waterMask", waterMask(regions));
        MintPyWriter.writeGeometry(file, grid, geo, attrs);
    }

    static void writeDem(Path file, GridGeometry grid, float[] height) throws IOException {
        GeoTiffWriter.write(file, grid.withNodata(Double.NaN), height, 1,
                Map.of("UNIT", "m", "DESCRIPTION", "simulated terrain height"), List.of("height"));
    }

    /**
     * The track's simulated slant delay as an external tropospheric-delay product, as MintPy's
     * {@code tropo_pyaps3} writes {@code ERA5.h5}: one layer per acquisition date, metres of LOS,
     * absolute (not re-referenced in time or space), with the sign of a displacement series
     * (positive towards the satellite), so that {@code timeseries − delay} corrects the series
     * ({@code permasar invert --tropo}, {@link org.permasar.inversion.DelayCorrection#subtractDelayStack}).
     * A slant delay a (extra path) adds +4π/λ·a to the phase (TrackSimulator), i.e. −a to the
     * displacement d = −λ/(4π)·φ; so the product holds −a (pyaps3 returns +a and MintPy negates it too).
     */
    private static void writeTroposphericDelay(SimulatedTrack t, Path file, Map<String, String> attrs)
            throws IOException {
        float[] a = t.truthAtmosphereDelay();
        float[] delay = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            delay[i] = -a[i]; // displacement-series sign: d = −λ/(4π)·(+4π/λ·a) = −a
        }
        MintPyWriter.writeTimeseries(file, t.grid(), t.dates(), delay, null, tropoAttributes(attrs));
    }

    private static float[] waterMask(int[] regions) {
        float[] m = new float[regions.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = regions[i] == org.permasar.sim.Region.LAKE.code() ? 0f : 1f; // MintPy: 1 = land, 0 = water
        }
        return m;
    }

    /** GDAL metadata items of lst_8day.tif. */
    static final Map<String, String> LST_METADATA =
            Map.of("UNIT", "K", "DESCRIPTION", "simulated 8-day land-surface temperature composites (MOD11A2-like)");

    /** MODIS-like 8-day composites (given in °C) in Kelvin (as MOD11A2 LST_Day after scaling), NaN under cloud. */
    static void writeLst(Path file, GridGeometry grid, float[] celsius, List<LocalDate> dates) throws IOException {
        float[] k = new float[celsius.length];
        for (int i = 0; i < celsius.length; i++) {
            k[i] = Float.isNaN(celsius[i]) ? Float.NaN : celsius[i] + 273.15f;
        }
        List<String> names = new ArrayList<>();
        for (LocalDate d : dates) {
            names.add(d.toString());
        }
        GeoTiffWriter.write(file, grid.withNodata(Double.NaN), k, names.size(), LST_METADATA, names);
    }

    /** truth.h5: the truth maps, then per track (ascending first) its LOS velocity and seasonal amplitude. */
    static void writeTruth(Path file, GridGeometry grid, SceneTruth t, List<float[]> losVelocity,
                           List<float[]> losAmplitude, Map<String, String> common) throws IOException {
        LinkedHashMap<String, float[]> d = new LinkedHashMap<>();
        int[] reg = t.regions();
        float[] r = new float[reg.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = reg[i];
        }
        d.put("region", r);
        d.put("height", t.height());
        d.put("pecmVelocity", t.pecmV());
        d.put("pecmSeasonalCoef", t.pecmD());
        d.put("kappaRatio", t.kappaRatio());
        d.put("verticalVelocity", t.verticalVelocity());
        d.put("eastVelocity", t.eastVelocity());
        d.put("verticalSeasonalAmplitude", t.verticalSeasonalAmplitude());
        d.put("thawOnsetDoy", t.thawOnsetDoy());
        d.put("freezeOnsetDoy", t.freezeOnsetDoy());
        String[] prefix = {"asc", "desc"};
        for (int k = 0; k < 2; k++) {
            d.put(prefix[k] + "LosVelocity", losVelocity.get(k));
            d.put(prefix[k] + "LosSeasonalAmplitude", losAmplitude.get(k));
        }
        Map<String, String> attrs = new LinkedHashMap<>(common);
        attrs.put("UNIT", "m/year");
        attrs.put("REGION_CODES", "0 seasonal, 1 non-seasonal bedrock, 2 east-west slope, 3 lake, 4 subsidence patch");
        MintPyWriter.writeVelocity(file, grid, d, attrs);
    }

    static void writeReadme(SceneSpec s, int dates, int pairs, Path file) throws IOException {
        String text = String.join("\n",
                "PermaSAR simulated permafrost scene (known truth)",
                "",
                "grid: " + s.grid(),
                "seed: " + s.seed() + ", noise: " + s.noise(),
                "tracks: asc and desc, " + dates + " dates, "
                        + pairs + " pairs each (12-day repeat, short + annual pairs)",
                "",
                "asc/ifgramStack.h5, desc/ifgramStack.h5   MintPy interferogram stacks (unwrapPhase rad, coherence, connectComponent)",
                "asc/geometryGeo.h5, desc/geometryGeo.h5   height, incidenceAngle, azimuthAngle (MintPy convention), waterMask",
                "asc/truthTimeseries.h5, desc/...          true LOS displacement (m, MintPy sign: + towards the satellite)",
                "asc/troposphericDelay.h5, desc/...        the EXACT simulated tropospheric delay (turbulent + stratified) per date,",
                "                                          as an external delay product like MintPy's ERA5.h5 (m of LOS, sign of the",
                "                                          displacement series, i.e. minus the extra path): correct with",
                "                                          `permasar invert STACK --tropo asc/troposphericDelay.h5`. Idealised: a real",
                "                                          ERA5/GACOS correction removes only part of the delay. Zeros without noise.",
                "dem.tif                                   terrain height (m)",
                "lst_8day.tif                              8-day LST composites (K), band descriptions are the first day of each window, NaN = cloud",
                "truth.h5                                  truth maps: region codes, PECM v (m/yr) and d (m per sqrt(degC day)),",
                "                                          vertical/east velocity (m/yr), seasonal amplitude (m), thaw/freeze onset (day of year)",
                "");
        AtomicFiles.write(file, tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
    }
}
