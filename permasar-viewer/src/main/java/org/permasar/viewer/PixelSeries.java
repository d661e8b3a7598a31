package org.permasar.viewer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.io.RasterFormats;
import org.permasar.io.mintpy.MintPyProduct;
import org.permasar.network.Dates;
import org.permasar.stack.RasterSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The time series under a clicked pixel: one {@link Series} per {@code timeseries*.h5} found
 * under the root (so an {@code asc/} and a {@code desc/} track both answer), each with the
 * {@link ModelCurve} of the {@code velocity.h5} in the same folder when there is one.
 *
 * <p>The clicked pixel (row, col of the clicked layer's grid) is carried to each time-series
 * grid through map coordinates when both grids are geocoded (pixel centre → x, y → the
 * containing pixel), and by row/col when neither is and the sizes agree; a file whose grid does
 * not contain the point is left out. Values are millimetres (MintPy stores metres); NaN stays
 * NaN. Stateless and thread-safe: every call opens its own readers.
 */
public final class PixelSeries {
    private static final Logger LOG = LoggerFactory.getLogger(PixelSeries.class);
    /** Spacing of the sampled model curve, days. */
    static final int MODEL_STEP_DAYS = 3;

    private final PathGuard guard;
    private final PecmCurves pecm;

    public PixelSeries(PathGuard guard) {
        this(guard, PecmCurves.NONE);
    }

    /** @param pecm the physical PECM model of a pixel, {@link PecmCurves#NONE} when there is none */
    public PixelSeries(PathGuard guard, PecmCurves pecm) {
        this.guard = guard;
        this.pecm = java.util.Objects.requireNonNull(pecm, "pecm");
    }

    /**
     * The physical PECM model at the pixel, at the series' dates.
     *
     * @param label   what the curve is
     * @param mm      c + v·L + d·I per date, mm (the series' geometry), NaN where none
     * @param forcing I(τ) per date, √(°C·day), NaN where none
     */
    public record Pecm(String label, double[] mm, double[] forcing) {
    }

    /**
     * A fitted trend + annual model at the pixel and its sampled curve (mm).
     *
     * @param label  what the curve is, e.g. "trend + annual (asc/velocity.h5)"
     * @param extras further per-pixel terms of the same file shown beside the curve (PECM v, d, κ_f/κ_t …),
     *               name → value in display units (mm/yr, mm/√(°C·day), 1), NaN left out
     */
    public record Model(String label, String velocityFile, LocalDate refDate, double velocityMmPerYear,
                        double interceptMm, double annualAmplitudeMm, double annualPhaseRad, List<LocalDate> dates,
                        double[] mm, Map<String, Double> extras) {
    }

    /**
     * One time series at one pixel.
     *
     * @param file  timeseries file, relative to the root
     * @param track folder of that file relative to the root ("." for the root itself), e.g. "asc"
     * @param row   pixel row in the file's own grid
     * @param col   pixel column in the file's own grid
     * @param dates acquisition dates
     * @param mm    displacement per date, mm (NaN where missing)
     * @param models fitted models at the pixel: MintPy's from the neighbouring velocity.h5, then the one of
     *               {@code pecm/velocity.h5} below it when there is one; empty when none
     * @param pecm   the physical PECM model at the pixel ({@link PecmCurves}), null when there is none
     */
    public record Series(String file, String track, int row, int col, List<LocalDate> dates, double[] mm,
                         List<Model> models, Pecm pecm) {
    }

    /**
     * Series of every time-series file at the pixel ({@code row}, {@code col}) of {@code layerFile}.
     *
     * @param layerFile real path of the clicked layer's file (inside the root)
     * @throws IllegalArgumentException when (row, col) is outside the layer's grid
     */
    public List<Series> at(Path layerFile, int row, int col) throws IOException {
        GridGeometry from;
        try (RasterSource src = RasterFormats.open(layerFile)) {
            from = src.grid();
        }
        if (row < 0 || col < 0 || row >= from.rows() || col >= from.cols()) {
            throw new IllegalArgumentException("pixel (" + row + ", " + col + ") is outside the "
                    + from.rows() + "×" + from.cols() + " grid of " + guard.relativize(layerFile));
        }
        List<Series> out = new ArrayList<>();
        for (Path ts : timeseriesFiles()) {
            try {
                Series s = seriesOf(ts, from, row, col);
                if (s != null) {
                    out.add(s);
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("skipping time series {}: {}", ts, e.getMessage());
            }
        }
        return out;
    }

    /**
     * The mean time series of the pixels of a box of one time-series file.
     *
     * @param file   timeseries file, relative to the root
     * @param track  its folder
     * @param pixels pixels of that file's grid inside the box
     * @param dates  acquisition dates
     * @param meanMm mean displacement per date over the pixels with a value, mm (NaN when none has one)
     * @param stdMm  standard deviation across those pixels per date (population, n), mm
     * @param valid  pixels with a value per date
     */
    public record RegionSeries(String file, String track, int pixels, List<LocalDate> dates, double[] meanMm,
                               double[] stdMm, int[] valid) {
    }

    /**
     * Mean series, per time-series file, of the pixels inside the box spanning pixels (row0, col0) to
     * (row1, col1), both included, of {@code layerFile}'s grid. Each file's box is the one between the pixels
     * its grid maps the two corners to (clipped to the grid); a file the box misses is left out.
     */
    public List<RegionSeries> region(Path layerFile, int row0, int col0, int row1, int col1) throws IOException {
        GridGeometry from;
        try (RasterSource src = RasterFormats.open(layerFile)) {
            from = src.grid();
        }
        int r0 = clamp(Math.min(row0, row1), from.rows()), r1 = clamp(Math.max(row0, row1), from.rows());
        int c0 = clamp(Math.min(col0, col1), from.cols()), c1 = clamp(Math.max(col0, col1), from.cols());
        List<RegionSeries> out = new ArrayList<>();
        for (Path ts : timeseriesFiles()) {
            try (MintPyProduct p = MintPyProduct.open(ts)) {
                if (!p.has("timeseries") || p.dates().isEmpty()) {
                    continue;
                }
                int[] a = mapClipped(from, r0, c0, p.grid()), b = mapClipped(from, r1, c1, p.grid());
                if (a == null || b == null) {
                    continue;
                }
                Window w = new Window(Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.abs(b[0] - a[0]) + 1,
                        Math.abs(b[1] - a[1]) + 1);
                float[] v = p.read("timeseries", w);
                Stats st = meanMm(v, p.dates().size(), w.size(), null);
                out.add(new RegionSeries(guard.relativize(ts), track(ts), w.size(), p.dates(), st.mean(), st.std(), st.valid()));
            } catch (IOException | RuntimeException e) {
                LOG.warn("skipping time series {}: {}", ts, e.getMessage());
            }
        }
        return out;
    }

    /**
     * Per date, the mean and population standard deviation in mm of a window's values (m, layer-major,
     * {@code np} per date) at the offsets {@code at} (null: every pixel), NaN ignored, with the count
     * of valid values. NaN mean and σ where none is valid.
     */
    private static Stats meanMm(float[] x, int nd, int np, int[] at) {
        double[] mean = new double[nd], std = new double[nd];
        int[] valid = new int[nd];
        int m = at == null ? np : at.length;
        for (int k = 0; k < nd; k++) {
            double s1 = 0, s2 = 0;
            int n = 0;
            for (int j = 0; j < m; j++) {
                double y = 1000.0 * x[k * np + (at == null ? j : at[j])]; // m → mm
                if (!Double.isNaN(y)) {
                    s1 += y;
                    s2 += y * y;
                    n++;
                }
            }
            mean[k] = n == 0 ? Double.NaN : s1 / n;
            std[k] = n == 0 ? Double.NaN : Math.sqrt(Math.max(0, s2 / n - mean[k] * mean[k]));
            valid[k] = n;
        }
        return new Stats(mean, std, valid);
    }

    private record Stats(double[] mean, double[] std, int[] valid) {
    }

    /**
     * Mean series, per time-series file, of the pixels whose centres lie inside a polygon drawn on
     * {@code layerFile}'s grid ({@link PolygonPixels}). The vertices (fractional row, col of that grid) are carried
     * to each file's grid through map coordinates when both are geocoded, as they are when neither is and the
     * sizes agree; a file with no pixel inside is left out.
     *
     * @param vr vertex rows, fractional pixel coordinates of the layer's grid
     * @param vc vertex columns
     */
    public List<RegionSeries> polygon(Path layerFile, double[] vr, double[] vc) throws IOException {
        GridGeometry from;
        try (RasterSource src = RasterFormats.open(layerFile)) {
            from = src.grid();
        }
        List<RegionSeries> out = new ArrayList<>();
        for (Path ts : timeseriesFiles()) {
            try (MintPyProduct p = MintPyProduct.open(ts)) {
                if (!p.has("timeseries") || p.dates().isEmpty()) {
                    continue;
                }
                GridGeometry to = p.grid();
                double[][] v = carry(from, vr, vc, to);
                int[] inside = v == null ? new int[0] : PolygonPixels.inside(v[0], v[1], to.rows(), to.cols());
                if (inside.length == 0) {
                    continue;
                }
                int cols = to.cols(), ra = inside[0] / cols, rb = inside[inside.length - 1] / cols;
                int ca = Integer.MAX_VALUE, cb = -1;
                for (int q : inside) {
                    ca = Math.min(ca, q % cols);
                    cb = Math.max(cb, q % cols);
                }
                Window w = new Window(ra, ca, rb - ra + 1, cb - ca + 1);
                float[] x = p.read("timeseries", w);
                int[] at = new int[inside.length];               // offsets of the inside pixels in the window
                for (int i = 0; i < at.length; i++) {
                    at[i] = (inside[i] / cols - ra) * w.cols() + inside[i] % cols - ca;
                }
                Stats st = meanMm(x, p.dates().size(), w.size(), at);
                out.add(new RegionSeries(guard.relativize(ts), track(ts), inside.length, p.dates(), st.mean(), st.std(), st.valid()));
            } catch (IOException | RuntimeException e) {
                LOG.warn("skipping time series {}: {}", ts, e.getMessage());
            }
        }
        return out;
    }

    /** Fractional pixel positions of grid {@code a} in grid {@code b} (as {@link #map}), null when they cannot be. */
    private static double[][] carry(GridGeometry a, double[] vr, double[] vc, GridGeometry b) {
        int n = vr.length;
        if (a.isGeocoded() && b.isGeocoded() && (a.epsg() == b.epsg() || a.epsg() == 0 || b.epsg() == 0)) {
            GeoTransform ta = a.transform(), tb = b.transform();
            double[] r = new double[n], c = new double[n];
            for (int i = 0; i < n; i++) {
                double x = ta.x(vc[i], vr[i]), y = ta.y(vc[i], vr[i]);
                r[i] = tb.row(x, y);
                c[i] = tb.col(x, y);
            }
            return new double[][] {r, c};
        }
        if (!a.isGeocoded() && !b.isGeocoded() && a.rows() == b.rows() && a.cols() == b.cols()) {
            return new double[][] {vr.clone(), vc.clone()};
        }
        return null;
    }

    private static int clamp(int v, int n) {
        return Math.max(0, Math.min(n - 1, v));
    }

    /** As {@link #map} but a point outside {@code b} is clipped to its edge, when the grids overlap at all. */
    private static int[] mapClipped(GridGeometry a, int row, int col, GridGeometry b) {
        if (a.isGeocoded() && b.isGeocoded() && (a.epsg() == b.epsg() || a.epsg() == 0 || b.epsg() == 0)) {
            GeoTransform ta = a.transform(), tb = b.transform();
            double x = ta.x(col + 0.5, row + 0.5), y = ta.y(col + 0.5, row + 0.5);
            return new int[] {clamp((int) Math.floor(tb.row(x, y)), b.rows()), clamp((int) Math.floor(tb.col(x, y)),
                    b.cols())};
        }
        return map(a, row, col, b);
    }

    /**
     * Land-surface temperature under a pixel: the series of every multi-date raster whose file name contains
     * "lst" (case-insensitive), in °C (a file whose UNIT is K is converted: T − 273.15).
     *
     * @param file    LST file, relative to the root
     * @param dates   composite dates
     * @param celsius temperature per date, °C (NaN where missing)
     */
    public record Forcing(String file, List<LocalDate> dates, double[] celsius) {
    }

    /** The LST series under pixel (row, col) of {@code layerFile}, one per LST file that covers it. */
    public List<Forcing> forcing(Path layerFile, int row, int col) throws IOException {
        GridGeometry from;
        try (RasterSource src = RasterFormats.open(layerFile)) {
            from = src.grid();
        }
        List<Forcing> out = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(guard.root(), LayerCatalog.MAX_DEPTH)) {
            files = s.filter(p -> {
                String n = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
                return n.contains("lst") && LayerCatalog.isRasterName(n);
            }).filter(Files::isRegularFile).filter(guard::contains).sorted().toList();
        }
        for (Path f : files) {
            try (RasterSource src = RasterFormats.open(f)) {
                if (!(src instanceof org.permasar.io.geotiff.GeoTiffReader t) || t.bandCount() < 2) {
                    continue;
                }
                List<String> labels = LayerCatalog.bandLabels(t.bandDescriptions(), t.bandCount());
                List<LocalDate> dates = new ArrayList<>();
                for (String l : labels) {
                    dates.add(Dates.parse(l));
                }
                int[] rc = mapClipped(from, row, col, src.grid());
                int[] inside = map(from, row, col, src.grid());
                if (rc == null || inside == null) {
                    continue;
                }
                float[] v = src.read(org.permasar.io.geotiff.GeoTiffReader.BANDS, new Window(rc[0], rc[1], 1, 1));
                String unit = src.attributes().getOrDefault("UNIT", "").trim();
                double off = unit.equalsIgnoreCase("K") || unit.equalsIgnoreCase("kelvin") ? 273.15 : 0;
                double[] c = new double[v.length];
                for (int i = 0; i < v.length; i++) {
                    c[i] = v[i] - off;
                }
                out.add(new Forcing(guard.relativize(f), dates, c));
            } catch (IOException | RuntimeException e) {
                LOG.warn("skipping LST {}: {}", f, e.getMessage());
            }
        }
        return out;
    }

    /** Every {@code timeseries*.h5} under the root, sorted by path. */
    List<Path> timeseriesFiles() throws IOException {
        try (Stream<Path> s = Files.walk(guard.root(), LayerCatalog.MAX_DEPTH)) {
            return s.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith("timeseries") && n.endsWith(".h5");
            }).filter(Files::isRegularFile).filter(guard::contains).sorted().toList();
        }
    }

    private Series seriesOf(Path ts, GridGeometry from, int row, int col) throws IOException {
        try (MintPyProduct p = MintPyProduct.open(ts)) {
            if (!p.has("timeseries") || p.dates().isEmpty()) {
                return null;
            }
            int[] rc = map(from, row, col, p.grid());
            if (rc == null) {
                return null;
            }
            float[] v = p.read("timeseries", new Window(rc[0], rc[1], 1, 1));
            double[] mm = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                mm[i] = 1000.0 * v[i]; // MintPy timeseries unit: m
            }
            LocalDate ref = refDate(p.attributes().get("REF_DATE"), p.dates().get(0));
            List<Model> models = new ArrayList<>();
            for (Path vel : List.of(ts.resolveSibling("velocity.h5"), ts.resolveSibling("pecm").resolve("velocity.h5"))) {
                Model m = Files.isRegularFile(vel) && guard.contains(vel)
                        ? model(vel, from, row, col, ref, p.dates()) : null;
                if (m != null) {
                    models.add(m);
                }
            }
            return new Series(guard.relativize(ts), track(ts), rc[0], rc[1], p.dates(), mm, List.copyOf(models),
                    pecmAt(ts, rc[0], rc[1], mm.length));
        }
    }

    /** The PECM curve at the pixel in mm, null when there is none or it has no finite value. */
    private Pecm pecmAt(Path ts, int row, int col, int dates) {
        PecmCurves.Curve c;
        try {
            c = pecm.at(ts, row, col);
        } catch (IOException | RuntimeException e) {
            LOG.warn("no PECM model for {} at ({}, {}): {}", guard.relativize(ts), row, col, e.getMessage());
            return null;
        }
        if (c == null || c.metres().length != dates || c.forcing().length != dates) {
            return null;
        }
        double[] mm = new double[dates], f = new double[dates];
        boolean any = false;
        for (int k = 0; k < dates; k++) {
            mm[k] = 1000.0 * c.metres()[k]; // m → mm
            f[k] = c.forcing()[k];
            any |= Double.isFinite(mm[k]);
        }
        return any ? new Pecm(c.label(), mm, f) : null;
    }

    private Model model(Path vel, GridGeometry from, int row, int col, LocalDate seriesRef, List<LocalDate> dates)
            throws IOException {
        try (MintPyProduct p = MintPyProduct.open(vel)) {
            if (!p.has("velocity")) {
                return null;
            }
            int[] rc = map(from, row, col, p.grid());
            if (rc == null) {
                return null;
            }
            Window w = new Window(rc[0], rc[1], 1, 1);
            double v = p.read("velocity", w)[0];
            double b = term(p, "intercept", w);
            double aa = term(p, "annualAmplitude", w), ap = term(p, "annualPhase", w);
            double sa = term(p, "semiAnnualAmplitude", w), sp = term(p, "semiAnnualPhase", w);
            LocalDate ref = refDate(p.attributes().get("REF_DATE"), seriesRef);
            ModelCurve m = new ModelCurve(ref, v, b, Math.abs(aa), ap, Math.abs(sa), sp);
            if (!m.isDefined()) {
                return null;
            }
            ModelCurve.Sampled s = m.sample(dates.get(0), dates.get(dates.size() - 1), MODEL_STEP_DAYS);
            Map<String, Double> extras = new LinkedHashMap<>();
            extra(extras, p, w, "pecmVelocity", "PECM v (mm/yr)", 1000);
            extra(extras, p, w, "pecmSeasonalCoef", "PECM d (mm/√(°C·day))", 1000);
            extra(extras, p, w, "pecmKappaRatio", "PECM κf/κt", 1);
            extra(extras, p, w, "pecmResidualRms", "PECM residual RMS (mm)", 1000);
            String rel = guard.relativize(vel);
            // MintPy's default timeseries2velocity fits a line only: say so rather than "annual 0 mm"
            String what = p.has("annualAmplitude") ? "trend + annual" : "linear trend";
            return new Model(what + " (" + rel + ")", rel, ref, 1000 * v, 1000 * b, 1000 * Math.abs(aa), ap,
                    List.of(s.dates()), s.mm(), extras);
        }
    }

    private static void extra(Map<String, Double> out, RasterSource p, Window w, String dataset, String label, double k)
            throws IOException {
        if (p.has(dataset)) {
            double v = p.read(dataset, w)[0];
            if (Double.isFinite(v)) {
                out.put(label, k * v);
            }
        }
    }

    /** Folder of a file relative to the root ("." for the root itself), e.g. "asc". */
    String track(Path f) {
        String rel = guard.relativize(f);
        int slash = rel.lastIndexOf('/');
        return slash < 0 ? "." : rel.substring(0, slash);
    }

    /** A model term at the pixel, 0 when velocity.h5 has no such dataset. */
    private static double term(RasterSource p, String name, Window w) throws IOException {
        return p.has(name) ? p.read(name, w)[0] : 0.0;
    }

    private static LocalDate refDate(String attr, LocalDate fallback) {
        if (attr == null || attr.isBlank()) {
            return fallback;
        }
        try {
            return Dates.parse(attr.trim());
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }

    /**
     * Carries pixel (row, col) of grid {@code a} to grid {@code b}: through map coordinates when
     * both are geocoded (and their EPSG codes agree or one is unknown), else by index when the
     * sizes agree. Null when the point falls outside {@code b}.
     */
    static int[] map(GridGeometry a, int row, int col, GridGeometry b) {
        if (a.isGeocoded() && b.isGeocoded() && (a.epsg() == b.epsg() || a.epsg() == 0 || b.epsg() == 0)) {
            GeoTransform ta = a.transform(), tb = b.transform();
            double x = ta.x(col + 0.5, row + 0.5), y = ta.y(col + 0.5, row + 0.5);
            int c = (int) Math.floor(tb.col(x, y)), r = (int) Math.floor(tb.row(x, y));
            return r >= 0 && c >= 0 && r < b.rows() && c < b.cols() ? new int[] {r, c} : null;
        }
        if (!a.isGeocoded() && !b.isGeocoded() && a.rows() == b.rows() && a.cols() == b.cols()) {
            return new int[] {row, col};
        }
        return null;
    }
}
