package org.permasar.pipeline.hazard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.locationtech.jts.geom.Geometry;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;
import org.permasar.hazard.LakeDensity;
import org.permasar.hazard.UtmZone;
import org.permasar.io.AtomicFiles;
import org.permasar.io.vector.VectorFiles;
import org.permasar.io.vector.VectorLayer;
import org.permasar.io.vector.VectorReprojection;
import org.permasar.pipeline.raster.ProductRasters;
import org.permasar.stack.InvalidInputException;
import org.permasar.stats.SpatialCorrelation;

/**
 * The lake-density step (SCIENCE.md §6; seed 004): thermokarst-lake density per square cell against the linear
 * subsidence rate and the seasonal amplitude in the same cells, with correlations whose significance accounts for
 * spatial autocorrelation ({@link SpatialCorrelation}: Clifford et al. 1989's modified t-test with Dutilleul's
 * 1993 effective sample size), and binned statistics.
 *
 * <p>Cells are squares of {@code cell} m in the deformation grid's CRS when it is projected, else in the WGS 84 /
 * UTM zone of the grid's centre (pixel centres and lakes reprojected with Proj4J), aligned on multiples of the cell
 * size. Subsidence rate = −velocity, mm/yr (positive = subsiding, so a positive correlation is seed 004's "more
 * lakes, faster subsidence"); amplitude mm. Cells with fewer pixels than {@code minCoverage} × the median count of
 * the non-empty cells (partly covered cells at the edges) are left out. Writes {@code lake_density_cells.csv},
 * {@code lake_density_correlation.csv}, {@code lake_density_bins.csv} into {@code out}, each atomically.
 *
 * <p>Moving windows ({@code window} set): squares of {@code window} m centred on multiples of {@code step} (default
 * window / 2) within the pixel centres' extent ({@link LakeDensity#windows}), all of them written to
 * {@code lake_density_windows.csv} and, as maps on the lattice of their centres, {@code lake_area_share_window.tif} and
 * {@code lakes_per_km2_window.tif}. Windows that overlap are autocorrelated by construction, at distances under the
 * window. So the statistics (correlations and bins) use the covered windows on a stride of the smallest multiple of
 * the step ≥ window / 2 (the {@code used} column): nearer windows share more than half their area and add little
 * (for a white-noise field the correlation of windows k steps apart is Π (1 − |k|·step/w) over both axes, so the
 * effective number of windows per window area, (w/step)² / (Σ_k (1 − |k|·step/w)²)², is 4 / 2.25 = 1.78 every w/2
 * and 16 / 7.56 = 2.12 every w/4: 19 % more for four times the windows and sixteen times the O(n²) cost); and the
 * modified t-test's distance classes are made
 * no wider than the window ({@link SpatialCorrelation#classesNoWiderThan}), so that the overlap's correlation is not
 * averaged away in a first class of many windows' width. Stateless.
 */
public final class LakeDensityStep {
    private LakeDensityStep() {
    }

    /** One correlation row; {@code classes}: the distance classes of its modified t-test. */
    public record Correlation(String density, String deformation, String method, SpatialCorrelation.Test test,
                              int classes) {
    }

    /** What the step found; {@code used} flags the cells in the statistics. */
    public record Result(int epsg, LakeDensity.Cells cells, boolean[] used, double[] subsidence, double[] lakesPerKm2,
                         List<Correlation> correlations) {
    }

    /** Runs the step and writes its outputs. */
    public static Result run(LakeDensityParameters p) throws IOException {
        Path f = p.deformation();
        boolean h5 = f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".h5");
        ProductRasters.Raster vel = ProductRasters.read(f, h5 ? "velocity" : null);
        GridGeometry g = vel.grid();
        if (!g.isGeocoded() || g.epsg() == 0) {
            throw new InvalidInputException(f, "the deformation must be geocoded with an EPSG code (found " + g + ")");
        }
        ProductRasters.Raster amp = p.amplitude() != null ? ProductRasters.readSpec(p.amplitude())
                : h5 ? ProductRasters.readOptional(f, "seasonalAmplitude") : null;
        float[] ampOnGrid = amp == null ? null : ProductRasters.onGrid(amp, g, "amplitude");
        int n = g.size();
        double[] x = new double[n];
        double[] y = new double[n];
        double[] rate = new double[n];
        double[] am = ampOnGrid == null ? null : new double[n];
        GeoTransform t = g.transform();
        for (int row = 0, i = 0; row < g.rows(); row++) {
            for (int col = 0; col < g.cols(); col++, i++) {
                x[i] = t.x(col + 0.5, row + 0.5);
                y[i] = t.y(col + 0.5, row + 0.5);
                rate[i] = vel.data()[i] * 1000.0;         // m/yr → mm/yr
                if (am != null) {
                    am[i] = ampOnGrid[i] * 1000.0;        // m → mm
                }
            }
        }
        int epsg = g.epsg();
        if (g.isGeographic()) {
            epsg = UtmZone.epsg(t.x(g.cols() / 2.0, g.rows() / 2.0), t.y(g.cols() / 2.0, g.rows() / 2.0));
            VectorReprojection.transform(x, y, g.epsg(), epsg);
        }
        VectorLayer lakes = VectorFiles.read(p.lakes());
        if (lakes.epsg() == 0) {
            throw new InvalidInputException(p.lakes(), "its CRS is unknown (no .prj, or one whose EPSG code could not be "
                    + "identified)");
        }
        List<Geometry> lg = VectorReprojection.toEpsg(lakes, epsg).geometries();
        double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                minX = Math.min(minX, x[i]);
                maxX = Math.max(maxX, x[i]);
                minY = Math.min(minY, y[i]);
                maxY = Math.max(maxY, y[i]);
            }
        }
        LakeDensity.Cells cells;
        boolean[] onStride;
        if (!p.moving()) {
            double c = p.cell();
            double x0 = Math.floor(minX / c) * c;
            double y0 = Math.ceil(maxY / c) * c;
            if (y0 == maxY) {
                y0 += c;                                // a pixel centre on the top edge belongs to the row below it
            }
            long cols = (long) Math.floor((maxX - x0) / c) + 1;
            long rows = (long) Math.floor((y0 - minY) / c) + 1;
            if (rows * cols > LakeDensityParameters.MAX_CELLS) {
                throw new IllegalArgumentException("--cell " + c + " m makes " + rows + " × " + cols + " cells; at most "
                        + LakeDensityParameters.MAX_CELLS + " (the test is O(n²)): choose a larger cell");
            }
            cells = LakeDensity.grid(x0, y0, c, (int) rows, (int) cols, lg, x, y, rate, am, 1);
            onStride = new boolean[cells.pixels().length];
            Arrays.fill(onStride, true);
        } else {
            // window centres on multiples of the step within the pixel centres' extent
            double w = p.window(), st = p.windowStep();
            double cx0 = Math.ceil(minX / st) * st, cy0 = Math.floor(maxY / st) * st;
            long cols = (long) Math.floor((maxX - cx0) / st + 1e-9) + 1;
            long rows = (long) Math.floor((cy0 - minY) / st + 1e-9) + 1;
            if (rows < 1 || cols < 1 || rows * cols > LakeDensityParameters.MAX_WINDOWS) {
                throw new IllegalArgumentException("--window " + w + " m every --step " + st + " m makes " + rows + " × "
                        + cols + " windows; at most " + LakeDensityParameters.MAX_WINDOWS + ": choose a larger step");
            }
            int stride = (int) Math.max(1, Math.ceil(w / 2 / st - 1e-9));
            long statistics = ((rows - 1) / stride + 1) * ((cols - 1) / stride + 1);
            if (statistics > LakeDensityParameters.MAX_CELLS) {
                throw new IllegalArgumentException("--window " + w + " m makes " + statistics + " windows on the "
                        + "statistics' stride of " + stride * st + " m; at most " + LakeDensityParameters.MAX_CELLS
                        + " (the test is O(n²)): choose a larger window");
            }
            cells = LakeDensity.windows(cx0 - w / 2, cy0 + w / 2, w, st, (int) rows, (int) cols, lg, x, y, rate, am, 1);
            onStride = new boolean[cells.pixels().length];
            for (int k = 0; k < onStride.length; k++) {
                onStride[k] = (k / cells.cols()) % stride == 0 && (k % cells.cols()) % stride == 0;
            }
        }
        double c = p.moving() ? p.window() : p.cell();
        int[] pix = cells.pixels();
        int[] nonzero = Arrays.stream(pix).filter(k -> k > 0).sorted().toArray();
        double full = nonzero.length == 0 ? 0 : nonzero[nonzero.length / 2];
        int nc = pix.length;
        boolean[] used = new boolean[nc];
        double[] subs = new double[nc];
        double[] perKm2 = new double[nc];
        double[] fracPct = new double[nc];
        double[] useCount = new double[nc];
        double[] useFrac = new double[nc];
        double[] useAmp = new double[nc];
        for (int k = 0; k < nc; k++) {
            used[k] = onStride[k] && pix[k] > 0 && pix[k] >= p.minCoverage() * full && Double.isFinite(cells.rate()[k]);
            subs[k] = used[k] ? -cells.rate()[k] + 0.0 : Double.NaN;
            perKm2[k] = cells.count()[k] / (c * c * 1e-6);
            fracPct[k] = 100 * cells.areaFraction()[k];
            useCount[k] = used[k] ? perKm2[k] : Double.NaN;
            useFrac[k] = used[k] ? cells.areaFraction()[k] : Double.NaN;
            useAmp[k] = used[k] ? cells.amplitude()[k] : Double.NaN;
        }
        double[] usedX = new double[nc];
        double[] usedY = new double[nc];
        for (int k = 0; k < nc; k++) {
            usedX[k] = used[k] ? cells.x()[k] : Double.NaN;
            usedY[k] = used[k] ? cells.y()[k] : Double.NaN;
        }
        int classes = p.moving() ? SpatialCorrelation.classesNoWiderThan(usedX, usedY, p.classes(), p.window())
                : p.classes();
        List<Correlation> corr = new ArrayList<>();
        for (String dens : new String[] {"lakes_per_km2", "lake_area_fraction"}) {
            double[] dv = dens.equals("lakes_per_km2") ? useCount : useFrac;
            for (String def : am == null ? new String[] {"subsidence_rate_mm_yr"}
                    : new String[] {"subsidence_rate_mm_yr", "seasonal_amplitude_mm"}) {
                double[] yv = def.startsWith("subsidence") ? subs : useAmp;
                corr.add(new Correlation(dens, def, "pearson",
                        SpatialCorrelation.pearson(dv, yv, cells.x(), cells.y(), classes), classes));
                corr.add(new Correlation(dens, def, "spearman",
                        SpatialCorrelation.spearman(dv, yv, cells.x(), cells.y(), classes), classes));
            }
        }
        Files.createDirectories(p.out());
        if (p.moving()) {
            writeCells(p.out().resolve("lake_density_windows.csv"), cells, used, perKm2, subs);
            GridGeometry lattice = GridGeometry.geocoded(cells.rows(), cells.cols(), GeoTransform.northUp(
                    cells.x()[0] - p.windowStep() / 2, p.windowStep(), cells.y()[0] + p.windowStep() / 2,
                    -p.windowStep()), epsg, Double.NaN);
            float[] share = new float[nc];
            float[] count = new float[nc];
            for (int k = 0; k < nc; k++) {
                share[k] = (float) cells.areaFraction()[k];
                count[k] = (float) perKm2[k];
            }
            ProductRasters.writeFloat(p.out().resolve("lake_area_share_window.tif"), lattice, share,
                    "lake area share in the " + num(p.window()) + " m window", "1");
            ProductRasters.writeFloat(p.out().resolve("lakes_per_km2_window.tif"), lattice, count,
                    "lakes per km2 in the " + num(p.window()) + " m window", "km-2");
        } else {
            writeCells(p.out().resolve("lake_density_cells.csv"), cells, used, perKm2, subs);
        }
        writeCorrelations(p.out().resolve("lake_density_correlation.csv"), corr);
        writeBins(p.out().resolve("lake_density_bins.csv"), p.binEdges(), fracPct, used, subs, useAmp, am != null);
        return new Result(epsg, cells, used, subs, perKm2, corr);
    }

    private static void writeCells(Path file, LakeDensity.Cells c, boolean[] used, double[] perKm2, double[] subs)
            throws IOException {
        StringBuilder b = new StringBuilder("row,col,x,y,lakes,lakes_per_km2,lake_area_fraction,pixels,used,"
                + "subsidence_rate_mm_yr,seasonal_amplitude_mm\n");
        for (int k = 0; k < used.length; k++) {
            b.append(String.format(Locale.ROOT, "%d,%d,%.3f,%.3f,%d,%.6f,%.6f,%d,%s,%.4f,%.4f%n", k / c.cols(), k % c.cols(),
                    c.x()[k], c.y()[k], (int) c.count()[k], perKm2[k], c.areaFraction()[k], c.pixels()[k], used[k],
                    subs[k], c.amplitude()[k]));
        }
        AtomicFiles.write(file, tmp -> Files.writeString(tmp, b, StandardCharsets.UTF_8));
    }

    private static void writeCorrelations(Path file, List<Correlation> corr) throws IOException {
        StringBuilder b = new StringBuilder("density,deformation,method,cells,r,naive_p,effective_n,p,distance_classes\n");
        for (Correlation c : corr) {
            SpatialCorrelation.Test t = c.test();
            b.append(String.format(Locale.ROOT, "%s,%s,%s,%d,%.6f,%.6g,%.3f,%.6g,%d%n", c.density(), c.deformation(),
                    c.method(), t.n(), t.r(), t.naiveP(), t.nEff(), t.p(), c.classes()));
        }
        AtomicFiles.write(file, tmp -> Files.writeString(tmp, b, StandardCharsets.UTF_8));
    }

    private static void writeBins(Path file, double[] edges, double[] fracPct, boolean[] used, double[] subs,
                                  double[] amp, boolean withAmp) throws IOException {
        double[] by = new double[fracPct.length];
        for (int k = 0; k < by.length; k++) {
            by[k] = used[k] ? fracPct[k] : Double.NaN;
        }
        double[][] s = LakeDensity.binned(by, subs, edges);
        double[][] a = LakeDensity.binned(by, amp, edges);
        StringBuilder b = new StringBuilder("lake_area_pct_from,lake_area_pct_to,cells,subsidence_mean,subsidence_q25,"
                + "subsidence_median,subsidence_q75" + (withAmp ? ",amplitude_mean,amplitude_q25,amplitude_median,"
                + "amplitude_q75" : "") + "\n");
        for (int j = 0; j < s.length; j++) {
            b.append(String.format(Locale.ROOT, "%s,%s,%d,%.4f,%.4f,%.4f,%.4f", num(edges[j]), num(edges[j + 1]),
                    (int) s[j][0], s[j][1], s[j][2], s[j][3], s[j][4]));
            if (withAmp) {
                b.append(String.format(Locale.ROOT, ",%.4f,%.4f,%.4f,%.4f", a[j][1], a[j][2], a[j][3], a[j][4]));
            }
            b.append('\n');
        }
        AtomicFiles.write(file, tmp -> Files.writeString(tmp, b, StandardCharsets.UTF_8));
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
