package org.permasar.pipeline.alt;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.permasar.geometry.LosGeometry;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.io.lst.SoilMoistureReader;
import org.permasar.io.mintpy.MintPyProduct;
import org.permasar.network.Dates;
import org.permasar.permafrost.alt.ZhangPiecewiseModel;
import org.permasar.pipeline.raster.ProductRasters;
import org.permasar.stack.InvalidInputException;
import org.permasar.thermal.input.MoistureCube;
import org.permasar.thermal.input.MoistureIntervals;

/**
 * Raster mode of {@code permasar alt --model zhang} (Zhang et al. 2020; seed 000 eq. 2; {@link ZhangPiecewiseModel}).
 *
 * <ul>
 * <li>Subsidence per interval from a MintPy time series (m, positive towards the satellite): with K + 1 boundary
 *     dates b_0 &lt; … &lt; b_K, each one of the series' dates, {@code ΔD_i = d(b_i) − d(b_{i+1})} (positive =
 *     subsidence); a LOS series is made vertical first when the caller passes the incidence angles
 *     ({@code d_up = d_LOS / cos θ}).</li>
 * <li>Layered moisture W_ij: the mean of the soil-moisture samples dated in [b_i, b_{i+1}) of each layer
 *     ({@link MoistureIntervals}), read with {@link SoilMoistureReader} (multi-band GeoTIFF or folder, layers
 *     top to bottom) and resampled bilinearly onto the time-series grid when the grids differ.</li>
 * </ul>
 * Moisture layers must match the model's layer bottoms one to one. Stateless.
 */
final class ZhangRaster {
    private ZhangRaster() {
    }

    /** The inputs on the time-series grid. */
    record Inputs(GridGeometry grid, float[] subsidence, float[] moisture, int intervals) {
    }

    /**
     * @param incidence incidence angle per pixel (degrees) for LOS → vertical, or null when the series is vertical
     */
    static Inputs read(Path timeseries, List<String> boundarySpecs, Path moisture, double moistureScale,
                       ZhangPiecewiseModel model, java.util.function.Function<GridGeometry, float[]> incidence)
            throws IOException {
        if (boundarySpecs == null || boundarySpecs.size() < 2) {
            throw new IllegalArgumentException("--model zhang with --timeseries needs --boundaries D0,D1,...,DK (at least 2 "
                    + "dates of the time series), got " + boundarySpecs);
        }
        if (moisture == null) {
            throw new IllegalArgumentException("--model zhang with --timeseries needs --moisture (layered soil moisture rasters)");
        }
        List<LocalDate> b = new ArrayList<>();
        for (String s : boundarySpecs) {
            b.add(Dates.parse(s.trim().replace("-", "")));
        }
        int k = b.size() - 1;
        GridGeometry g;
        float[] dD;
        try (MintPyProduct ts = MintPyProduct.open(timeseries)) {
            if (!ts.has("timeseries")) {
                throw new InvalidInputException(timeseries, "timeseries", "expected a MintPy time series (3-D 'timeseries')");
            }
            g = ts.grid();
            List<LocalDate> dates = ts.dates();
            int[] idx = new int[b.size()];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = dates.indexOf(b.get(i));
                if (idx[i] < 0) {
                    throw new IllegalArgumentException("interval boundary " + b.get(i) + " is not a date of " + timeseries
                            + " (its dates run " + dates.get(0) + " … " + dates.get(dates.size() - 1) + ")");
                }
                if (i > 0 && !(idx[i] > idx[i - 1])) {
                    throw new IllegalArgumentException("interval boundaries must increase: " + b.get(i - 1) + " then " + b.get(i));
                }
            }
            float[] cube = ts.read("timeseries", Window.of(g));
            int n = g.size();
            float[] inc = incidence == null ? null : incidence.apply(g);
            dD = new float[k * n];
            for (int i = 0; i < k; i++) {
                int a = idx[i] * n, e = idx[i + 1] * n;
                for (int p = 0; p < n; p++) {
                    double d = cube[a + p] - cube[e + p];              // ΔD_i = d(b_i) − d(b_{i+1}), + = subsidence
                    if (inc != null) {
                        d = LosGeometry.losToVertical(d, inc[p]);    // vertical-only motion: d_up = d_LOS / cos θ
                    }
                    dD[i * n + p] = (float) d;
                }
            }
        }
        MoistureCube sm;
        try (SoilMoistureReader r = SoilMoistureReader.open(moisture, moistureScale)) {
            if (r.layers().size() != model.layers()) {
                throw new InvalidInputException(moisture, "has " + r.layers().size() + " layers " + r.layers() + " but the model has "
                        + model.layers() + " layer bottoms (--layers)");
            }
            sm = MoistureIntervals.mean(r.readAll(), b);
        }
        int nl = model.layers(), n = g.size();
        float[] w = new float[k * nl * n];
        GridGeometry mg = sm.grid();
        float[] layer = new float[mg.size()];
        for (int q = 0; q < k * nl; q++) {
            System.arraycopy(sm.values(), q * mg.size(), layer, 0, mg.size());
            float[] on = ProductRasters.onGrid(new ProductRasters.Raster(mg, layer.clone()), g, "--moisture");
            System.arraycopy(on, 0, w, q * n, n);
        }
        return new Inputs(g, dD, w, k);
    }

    /** The one-sigma of the subsidence repeated for each of {@code intervals} intervals, or null. */
    static float[] perInterval(float[] sigma, int intervals) {
        if (sigma == null) {
            return null;
        }
        int n = sigma.length;
        float[] s = new float[intervals * n];
        for (int i = 0; i < intervals; i++) {
            System.arraycopy(sigma, 0, s, i * n, n);
        }
        return s;
    }
}
