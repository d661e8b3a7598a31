package org.permasar.permafrost.alt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;
import org.permasar.stats.Medians;
import org.permasar.stats.ThinPlateSpline;

/**
 * Calibration of the frozen unfrozen-water content n of the density-change model at in-situ ALT sites,
 * then its interpolation over the grid (seed 002 §2.3: "constrained n at those sites … Spline
 * interpolation to generate a map of n after removing anomalies").
 *
 * <ol>
 * <li>Each site is matched to the grid pixel containing it; sites outside the grid or on a NaN δ / N
 *     pixel are rejected ({@link Status#OUTSIDE_GRID}, {@link Status#NO_DATA}).</li>
 * <li>n = (H·N·Δρ − δ·ρ_i)/(Δρ(H + δ)) ({@link DensityChangeModel#frozenWater}); n outside [0, N) is an
 *     anomaly ({@link Status#OUT_OF_RANGE}).</li>
 * <li>Robust outliers: |n − median| &gt; k · 1.4826 · MAD over the in-range sites ({@link Status#OUTLIER};
 *     Hampel's identifier, k = 3.5 by default). Skipped when MAD = 0.</li>
 * <li>n is interpolated with a thin-plate smoothing spline ({@link ThinPlateSpline}) through the accepted
 *     sites, in map coordinates; for geographic grids x = lon·cos(mean site latitude), so distances are
 *     locally isotropic. Interpolated values below 0 are clipped to 0 (n is a water content).</li>
 * </ol>
 * Fewer than {@code minSites} accepted (or collinear) sites: the map is all NaN and {@link Calibration#reason()}
 * says why. Stateless.
 */
public final class FrozenWaterCalibration {
    /** A site of measured ALT at map coordinates of the grid's CRS (lon/lat degrees for EPSG:4326). */
    public record Site(String id, double x, double y, double alt) {
        public Site {
            if (Double.isNaN(x) || Double.isNaN(y)) {
                throw new IllegalArgumentException("site " + id + " has NaN coordinates");
            }
        }
    }

    /** What happened to a site. */
    public enum Status { ACCEPTED, OUTSIDE_GRID, NO_DATA, INVALID_ALT, OUT_OF_RANGE, OUTLIER }

    /** Per-site outcome: pixel, sampled δ (m) and N, derived n, status. */
    public record SiteResult(Site site, int row, int col, double delta, double thawedWater, double frozenWater,
                             Status status) {
    }

    /**
     * @param madThreshold k of the MAD outlier test (&gt; 0, default 3.5)
     * @param smoothing    thin-plate λ ≥ 0 (default 0: interpolate)
     * @param minSites     fewest accepted sites to build a map (≥ 3, default 3)
     */
    public record Parameters(double madThreshold, double smoothing, int minSites) {
        public static final Parameters DEFAULT = new Parameters(3.5, 0, 3);

        public Parameters {
            if (!(madThreshold > 0) || !(smoothing >= 0) || minSites < 3) {
                throw new IllegalArgumentException("need madThreshold > 0, smoothing >= 0, minSites >= 3; got "
                        + madThreshold + ", " + smoothing + ", " + minSites);
            }
        }
    }

    /** The outcome of a calibration. */
    public record Calibration(List<SiteResult> sites, float[] frozenWater, String reason) {
        public long accepted() {
            return sites.stream().filter(s -> s.status() == Status.ACCEPTED).count();
        }
    }

    private FrozenWaterCalibration() {
    }

    /**
     * @param delta       δ per pixel (peak-to-trough vertical seasonal amplitude), m
     * @param thawedWater N per pixel, m³/m³
     * @param grid        geocoded grid of both rasters
     */
    public static Calibration calibrate(List<Site> sites, float[] delta, float[] thawedWater, GridGeometry grid,
                                        Densities rho, Parameters p) {
        if (!grid.isGeocoded()) {
            throw new IllegalArgumentException("calibration needs a geocoded grid, got " + grid);
        }
        if (delta.length != grid.size() || thawedWater.length != grid.size()) {
            throw new IllegalArgumentException("rasters of " + delta.length + " and " + thawedWater.length
                    + " values do not match the grid's " + grid.size());
        }
        GeoTransform t = grid.transform();
        List<SiteResult> out = new ArrayList<>();
        for (Site s : sites) {
            int c = (int) Math.floor(t.col(s.x(), s.y())), r = (int) Math.floor(t.row(s.x(), s.y()));
            if (r < 0 || c < 0 || r >= grid.rows() || c >= grid.cols()) {
                out.add(new SiteResult(s, r, c, Double.NaN, Double.NaN, Double.NaN, Status.OUTSIDE_GRID));
                continue;
            }
            double d = delta[r * grid.cols() + c], big = thawedWater[r * grid.cols() + c];
            if (Double.isNaN(d) || Double.isNaN(big) || d < 0) {
                out.add(new SiteResult(s, r, c, d, big, Double.NaN, Status.NO_DATA));
                continue;
            }
            if (!(s.alt() > 0)) {
                out.add(new SiteResult(s, r, c, d, big, Double.NaN, Status.INVALID_ALT));
                continue;
            }
            double n = DensityChangeModel.frozenWater(s.alt(), d, big, rho);
            Status st = n >= 0 && n < big ? Status.ACCEPTED : Status.OUT_OF_RANGE;
            out.add(new SiteResult(s, r, c, d, big, n, st));
        }
        rejectOutliers(out, p.madThreshold());
        float[] map = new float[grid.size()];
        Arrays.fill(map, Float.NaN);
        List<SiteResult> ok = out.stream().filter(s -> s.status() == Status.ACCEPTED).toList();
        if (ok.size() < p.minSites()) {
            return new Calibration(List.copyOf(out), map, "only " + ok.size() + " of " + sites.size()
                    + " sites accepted, need " + p.minSites());
        }
        double cosLat = grid.isGeographic() ? Math.cos(Math.toRadians(ok.stream().mapToDouble(s -> s.site().y()).average().orElse(0))) : 1;
        double[] x = new double[ok.size()], y = new double[ok.size()], z = new double[ok.size()];
        for (int k = 0; k < ok.size(); k++) {
            x[k] = ok.get(k).site().x() * cosLat;
            y[k] = ok.get(k).site().y();
            z[k] = ok.get(k).frozenWater();
        }
        ThinPlateSpline tps;
        try {
            tps = ThinPlateSpline.fit(x, y, z, p.smoothing());
        } catch (IllegalArgumentException e) {
            return new Calibration(List.copyOf(out), map, e.getMessage());
        }
        for (int r = 0; r < grid.rows(); r++) {
            for (int c = 0; c < grid.cols(); c++) {
                double v = tps.value(t.x(c + 0.5, r + 0.5) * cosLat, t.y(c + 0.5, r + 0.5));
                map[r * grid.cols() + c] = (float) Math.max(v, 0);
            }
        }
        return new Calibration(List.copyOf(out), map, null);
    }

    /** Marks ACCEPTED sites with |n − median| > k·1.4826·MAD as OUTLIER (Hampel identifier). */
    private static void rejectOutliers(List<SiteResult> sites, double k) {
        double[] n = sites.stream().filter(s -> s.status() == Status.ACCEPTED).mapToDouble(SiteResult::frozenWater).toArray();
        if (n.length < 3) {
            return;
        }
        double med = median(n);
        double[] dev = new double[n.length];
        for (int i = 0; i < n.length; i++) {
            dev[i] = Math.abs(n[i] - med);
        }
        double mad = 1.4826 * median(dev); // consistent with the std for normal data
        if (mad == 0) {
            return;
        }
        for (int i = 0; i < sites.size(); i++) {
            SiteResult s = sites.get(i);
            if (s.status() == Status.ACCEPTED && Math.abs(s.frozenWater() - med) > k * mad) {
                sites.set(i, new SiteResult(s.site(), s.row(), s.col(), s.delta(), s.thawedWater(), s.frozenWater(),
                        Status.OUTLIER));
            }
        }
    }

    static double median(double[] v) {
        return Medians.sortInPlace(v.clone(), v.length);
    }
}
