package org.permasar.pipeline.alt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.permasar.grid.GridGeometry;
import org.permasar.io.AtomicFiles;
import org.permasar.io.crs.LatLonLocator;
import org.permasar.io.table.SiteTable;
import org.permasar.thermal.JohansenConductivity;
import org.permasar.thermal.StefanModel;

/**
 * Stefan active-layer maps shared by {@code permasar thermal} and {@code permasar alt --model stefan}
 * (SCIENCE.md §3; Nelson et al. 1997; seeds 000, 001, 004):
 * <ul>
 * <li>physical {@code Z = √(2·κ_t·ADDT·86400 / (L_f·ρ_w·θ))} per pixel ({@link StefanModel#thawDepth(double, double,
 *     double, double)}), κ_t either given or from Johansen (1977) ({@link #johansen});</li>
 * <li>calibrated {@code Z = E·√ADDT} with E fitted to borehole ALTs by least squares through the origin
 *     ({@link StefanModel#fitEdaphicFactor}), reporting E and the RMSE of the fit at the boreholes.</li>
 * </ul>
 * NaN policy: a pixel with NaN or out-of-range inputs (κ ≤ 0, θ outside (0, 1], ADDT &lt; 0) gets NaN, never an
 * exception. Stateless.
 */
public final class StefanMaps {
    private StefanMaps() {
    }

    /** Physical Stefan depth per pixel, m; ADDT in °C·day, κ_t in W/(m·K), θ in m³/m³. */
    public static float[] physical(float[] addt, float[] kappaThawed, float[] theta, double rhoWater) {
        float[] z = new float[addt.length];
        for (int k = 0; k < z.length; k++) {
            double a = addt[k], kt = kappaThawed[k], th = theta[k];
            z[k] = kt > 0 && th > 0 && th <= 1 && a >= 0
                    ? (float) StefanModel.thawDepth(kt, a, th, rhoWater)   // Z = √(2κ_t·ADDT·86400/(L_f ρ_w θ))
                    : Float.NaN;
        }
        return z;
    }

    /** Calibrated Stefan depth {@code E·√ADDT} per pixel, m; E a map or constant (m/√(°C·day)). */
    public static float[] calibrated(float[] addt, float[] edaphic) {
        float[] z = new float[addt.length];
        for (int k = 0; k < z.length; k++) {
            z[k] = addt[k] >= 0 && edaphic[k] >= 0 ? (float) StefanModel.thawDepth(edaphic[k], addt[k]) : Float.NaN;
        }
        return z;
    }

    /**
     * Johansen (1977) conductivities per pixel, W/(m·K): {@code [0]} thawed κ_t, {@code [1]} frozen κ_f.
     * Pixels with a NaN or out-of-range input (ρ_b outside (0, 2650) kg/m³, quartz or S_r outside [0, 1]) get NaN.
     */
    public static float[][] johansen(float[] bulkDensity, float[] quartz, float[] saturation,
                                     JohansenConductivity.Texture texture) {
        JohansenConductivity j = JohansenConductivity.STANDARD;
        int n = bulkDensity.length;
        float[][] out = new float[2][n];
        for (int k = 0; k < n; k++) {
            double rb = bulkDensity[k], q = quartz[k], s = saturation[k];
            if (!(rb > 0 && rb < 2650) || !(q >= 0 && q <= 1) || !(s >= 0 && s <= 1)) {
                out[0][k] = Float.NaN;
                out[1][k] = Float.NaN;
                continue;
            }
            out[0][k] = (float) j.conductivity(rb, q, s, false, texture);   // Johansen (1977), seed 001 eq. 1
            out[1][k] = (float) j.conductivity(rb, q, s, true, texture);
        }
        return out;
    }

    /** One borehole as used by the calibration. */
    public record SiteFit(SiteTable.Site site, int row, int col, double addt, double modelled) {
    }

    /**
     * Fit of E at the boreholes.
     *
     * @param edaphic E, m/√(°C·day) (NaN when no site is usable)
     * @param rmse    RMS of {@code alt_i − E·√ADDT_i} over the used sites, m
     * @param used    sites inside the grid with a finite ADDT
     */
    public record Calibration(double edaphic, double rmse, int used, List<SiteFit> sites) {
    }

    /**
     * Fits E to borehole ALTs (m) with the ADDT of the pixel containing each site (lon/lat sites placed on the grid's
     * CRS by {@link LatLonLocator}, x/y sites taken as map coordinates of that CRS). Sites outside the grid or on a
     * NaN ADDT are listed with row/col −1 or NaN ADDT and not used.
     */
    public static Calibration calibrate(List<SiteTable.Site> sites, float[] addt, GridGeometry grid) {
        int n = sites.size();
        double[] alt = new double[n], a = new double[n];
        int[] rc = new int[2 * n];
        LatLonLocator locator = LatLonLocator.on(grid);
        for (int i = 0; i < n; i++) {
            SiteTable.Site s = sites.get(i);
            int[] px = s.pixel(locator);
            int r = px[0], c = px[1];
            boolean inside = locator.contains(px);
            rc[2 * i] = inside ? r : -1;
            rc[2 * i + 1] = inside ? c : -1;
            alt[i] = s.value();
            a[i] = inside ? addt[r * grid.cols() + c] : Double.NaN;
        }
        double e = StefanModel.fitEdaphicFactor(alt, a);
        double se = 0;
        int used = 0;
        List<SiteFit> fits = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double m = Double.isNaN(a[i]) || Double.isNaN(e) ? Double.NaN : StefanModel.thawDepth(e, a[i]);
            if (!Double.isNaN(m) && !Double.isNaN(alt[i])) {
                se += (alt[i] - m) * (alt[i] - m);
                used++;
            }
            fits.add(new SiteFit(sites.get(i), rc[2 * i], rc[2 * i + 1], a[i], m));
        }
        return new Calibration(e, used > 0 ? Math.sqrt(se / used) : Double.NaN, used, fits);
    }

    /** Writes {@code id,lon,lat,alt_m,row,col,addt_degC_day,stefan_alt_m,residual_m}. */
    public static void writeSites(Path csv, Calibration cal) throws IOException {
        StringBuilder b = new StringBuilder("id,lon,lat,alt_m,row,col,addt_degC_day,stefan_alt_m,residual_m\n");
        for (SiteFit f : cal.sites()) {
            b.append(f.site().id()).append(',').append(f.site().lon()).append(',').append(f.site().lat()).append(',')
                    .append(f.site().value()).append(',').append(f.row()).append(',').append(f.col()).append(',')
                    .append(num(f.addt())).append(',').append(num(f.modelled())).append(',')
                    .append(num(f.site().value() - f.modelled())).append('\n');
        }
        AtomicFiles.write(csv, tmp -> Files.writeString(tmp, b.toString(), StandardCharsets.UTF_8));
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }
}
