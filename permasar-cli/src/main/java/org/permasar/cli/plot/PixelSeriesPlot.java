package org.permasar.cli.plot;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.permasar.grid.Window;
import org.permasar.io.mintpy.MintPyProduct;
import org.permasar.network.Dates;
import org.permasar.stack.InvalidInputException;
import org.permasar.viewer.ModelCurve;

/**
 * The displacement time series of one pixel from one or more MintPy {@code timeseries.h5} files
 * (points, mm), each with the trend + annual model of its {@code velocity.h5} (line, mm) rebuilt
 * with {@link ModelCurve} (MintPy {@code timeseries2velocity} convention). Stateless.
 */
public final class PixelSeriesPlot {
    /** Spacing of the sampled model curve, days. */
    private static final int MODEL_STEP_DAYS = 4;

    private PixelSeriesPlot() {
    }

    /**
     * One series to draw: its label, time-series file, the velocity file with its trend model (or null)
     * and the PECM model at a pixel (or null).
     */
    public record Source(String label, Path timeseries, Path velocity, PecmCurve pecm) {
        public Source(String label, Path timeseries, Path velocity) {
            this(label, timeseries, velocity, null);
        }
    }

    /** The PECM model of a pixel at every date of the series (LOS metres), or null where there is none. */
    @FunctionalInterface
    public interface PecmCurve {
        float[] at(int row, int col) throws IOException;
    }

    /**
     * Renders the series of every source at (row, col).
     *
     * @throws InvalidInputException when a file lacks the datasets or the pixel is outside its grid
     */
    public static BufferedImage render(String title, List<Source> sources, int row, int col, int width, int height)
            throws IOException {
        return render(title, sources, row, col, width, height, new java.util.ArrayList<>());
    }

    /**
     * As {@link #render(String, List, int, int, int, int)}, adding to {@code notes} one line for every
     * model that was asked for but cannot be drawn (no trend model in the file, or NaN at the pixel).
     */
    public static BufferedImage render(String title, List<Source> sources, int row, int col, int width, int height,
                                       List<String> notes) throws IOException {
        TimeSeriesPlot plot = new TimeSeriesPlot(title, "LOS displacement (mm)");
        for (Source s : sources) {
            List<LocalDate> dates;
            double[] mm;
            try (MintPyProduct p = MintPyProduct.open(s.timeseries())) {
                if (!p.has("timeseries") || p.dates().isEmpty()) {
                    throw new InvalidInputException(s.timeseries(), "timeseries", "expected a MintPy time series (3-D, dated)");
                }
                check(p, s.timeseries(), row, col);
                float[] v = p.read("timeseries", new Window(row, col, 1, 1));
                dates = p.dates();
                mm = new double[v.length];
                for (int i = 0; i < v.length; i++) {
                    mm[i] = 1000.0 * v[i]; // MintPy timeseries unit: m
                }
            }
            plot.points(s.label(), dates, mm);
            float[] pm = s.pecm() == null ? null : s.pecm().at(row, col);
            if (pm != null && pm.length == dates.size()) {
                double[] pmm = new double[pm.length];
                boolean any = false;
                for (int i = 0; i < pm.length; i++) {
                    pmm[i] = 1000.0 * pm[i];
                    any |= Float.isFinite(pm[i]);
                }
                if (any) {
                    plot.curve(s.label() + " PECM model c + v·L + d·I (at the SAR dates)", dates, pmm);
                } else {
                    notes.add(s.label() + ": no PECM fit at pixel (" + row + ", " + col + ")");
                }
            }
            if (s.velocity() != null && Files.isRegularFile(s.velocity())) {
                ModelCurve m = model(s.velocity(), row, col, dates.get(0));
                if (m == null) {
                    notes.add(s.velocity() + ": no trend model to draw (no 'velocity' dataset; a PECM-only product?)");
                } else if (!m.isDefined()) {
                    notes.add(s.velocity() + ": the model is not defined at pixel (" + row + ", " + col
                            + ") (NaN: not fitted there); drawn without it");
                }
                if (m != null && m.isDefined()) {
                    ModelCurve.Sampled c = m.sample(dates.get(0), dates.get(dates.size() - 1), MODEL_STEP_DAYS);
                    // one vocabulary (README): |A| is the annual semi-amplitude (MintPy's annualAmplitude),
                    // 2|A| the peak-to-trough seasonal amplitude (our seasonalAmplitude)
                    plot.curve(s.label() + " model: " + String.format(java.util.Locale.ROOT,
                            "%.1f mm/yr, annual peak-to-trough %.1f mm (semi-amplitude %.1f mm)", 1000 * m.velocity(),
                            2000 * m.annualAmplitude(), 1000 * m.annualAmplitude()), List.of(c.dates()), c.mm());
                }
            }
        }
        return plot.render(width, height);
    }

    private static void check(MintPyProduct p, Path file, int row, int col) throws InvalidInputException {
        if (row < 0 || col < 0 || row >= p.grid().rows() || col >= p.grid().cols()) {
            throw new InvalidInputException(file, "pixel (" + row + ", " + col + ") is outside the "
                    + p.grid().rows() + " × " + p.grid().cols() + " grid");
        }
    }

    /** The trend + annual model at the pixel, or null when the file has no velocity. */
    static ModelCurve model(Path velocity, int row, int col, LocalDate fallbackRef) throws IOException {
        try (MintPyProduct p = MintPyProduct.open(velocity)) {
            if (!p.has("velocity")) {
                return null;
            }
            check(p, velocity, row, col);
            Window w = new Window(row, col, 1, 1);
            double v = p.read("velocity", w)[0];
            double b = term(p, "intercept", w);
            double aa = term(p, "annualAmplitude", w), ap = term(p, "annualPhase", w);
            double sa = term(p, "semiAnnualAmplitude", w), sp = term(p, "semiAnnualPhase", w);
            String ref = p.attributes().get("REF_DATE");
            LocalDate r = fallbackRef;
            if (ref != null && !ref.isBlank()) {
                try {
                    r = Dates.parse(ref.trim());
                } catch (IllegalArgumentException e) {
                    r = fallbackRef;
                }
            }
            return new ModelCurve(r, v, b, Math.abs(aa), ap, Math.abs(sa), sp);
        }
    }

    private static double term(MintPyProduct p, String name, Window w) throws IOException {
        return p.has(name) ? p.read(name, w)[0] : 0.0;
    }
}
