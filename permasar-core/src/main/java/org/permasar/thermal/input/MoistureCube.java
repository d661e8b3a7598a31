package org.permasar.thermal.input;

import java.time.LocalDate;
import java.util.List;
import org.permasar.grid.GridGeometry;

/**
 * Layered volumetric soil moisture (m³/m³) at a series of dates, for the Zhang et al. (2020)
 * piecewise ALT model (SCIENCE.md §4), on a grid or at one site.
 *
 * <p>Layout: {@code values[(t·L + layer)·pixels + p]}, t the date (interval) index, L =
 * {@code layers.size()}, p = r·cols + c of {@code grid} (p = 0 for a site). So the K × L matrix
 * {@code W[i·L + j]} that {@code ZhangPiecewiseModel.alt} takes for one pixel is
 * {@link #pixelMatrix(int, double[])}. NaN = missing. The array is not copied: treat it as read-only.
 *
 * @param grid   the grid, or null for a single site
 * @param dates  dates (or interval starts), strictly increasing
 * @param layers layer labels, top to bottom (e.g. "layer1" or "swvl1")
 * @param pixels pixels per layer: {@code grid.size()}, or 1 for a site
 * @param values moisture, m³/m³
 */
public record MoistureCube(GridGeometry grid, List<LocalDate> dates, List<String> layers, int pixels, float[] values) {

    public MoistureCube {
        dates = List.copyOf(dates);
        layers = List.copyOf(layers);
        if (dates.isEmpty() || layers.isEmpty()) {
            throw new IllegalArgumentException("need ≥ 1 date and ≥ 1 layer, got " + dates.size() + " dates, "
                    + layers.size() + " layers");
        }
        for (int i = 1; i < dates.size(); i++) {
            if (!dates.get(i).isAfter(dates.get(i - 1))) {
                throw new IllegalArgumentException("dates must be strictly increasing: " + dates.get(i - 1)
                        + " then " + dates.get(i));
            }
        }
        int expectPixels = grid == null ? 1 : grid.size();
        if (pixels != expectPixels) {
            throw new IllegalArgumentException("pixels = " + pixels + " but the grid has " + expectPixels);
        }
        if ((long) dates.size() * layers.size() * pixels != values.length) {
            throw new IllegalArgumentException("values has " + values.length + ", expected dates×layers×pixels = "
                    + dates.size() + "×" + layers.size() + "×" + pixels);
        }
    }

    /** Moisture of date {@code t}, layer {@code layer}, pixel {@code p}, m³/m³. */
    public float at(int t, int layer, int p) {
        return values[(t * layers.size() + layer) * pixels + p];
    }

    /** Copies pixel {@code p}'s K × L matrix into {@code dest[t·L + layer]} (length ≥ K·L); returns dest. */
    public double[] pixelMatrix(int p, double[] dest) {
        int nl = layers.size();
        for (int t = 0; t < dates.size(); t++) {
            for (int j = 0; j < nl; j++) {
                dest[t * nl + j] = values[(t * nl + j) * pixels + p];
            }
        }
        return dest;
    }
}
