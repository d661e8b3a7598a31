package org.permasar.viewer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
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

    public PixelSeries(PathGuard guard) {
        this.guard = guard;
    }

    /** Model terms at the pixel (m, m/year, radians) and the sampled curve (mm). */
    public record Model(String velocityFile, LocalDate refDate, double velocityMmPerYear, double interceptMm,
                        double annualAmplitudeMm, double annualPhaseRad, List<LocalDate> dates, double[] mm) {
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
     * @param model MintPy's fitted model from the neighbouring velocity.h5, or null
     */
    public record Series(String file, String track, int row, int col, List<LocalDate> dates, double[] mm,
                         Model model) {
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
            Path vel = ts.resolveSibling("velocity.h5");
            Model model = Files.isRegularFile(vel) && guard.contains(vel)
                    ? model(vel, from, row, col, ref, p.dates()) : null;
            String rel = guard.relativize(ts);
            int slash = rel.lastIndexOf('/');
            return new Series(rel, slash < 0 ? "." : rel.substring(0, slash), rc[0], rc[1], p.dates(), mm, model);
        }
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
            return new Model(guard.relativize(vel), ref, 1000 * v, 1000 * b, 1000 * Math.abs(aa), ap,
                    List.of(s.dates()), s.mm());
        }
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
