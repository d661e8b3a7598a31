package org.permasar.pipeline.alt;

import java.io.IOException;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Locale;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.permafrost.alt.AltMap;
import org.permasar.pipeline.block.GridPlanes;
import org.permasar.pipeline.raster.NumberSpecs;
import org.permasar.pipeline.raster.ProductRasters;
import org.permasar.thermal.JohansenConductivity;
import org.permasar.thermal.StefanModel;

/**
 * {@code permasar alt --model stefan} (SCIENCE.md §3; Nelson et al. 1997; Johansen 1977): the Stefan active-layer
 * thickness from ADDT (°C·day; a number or a raster such as {@code thermal}'s {@code addtMean.tif}) and either
 * <ul>
 * <li>{@code --edaphic E}: {@code Z = E·√ADDT} (E in m/√(°C·day)), or</li>
 * <li>{@code --theta θ} with {@code --kappa κ_t} or the Johansen inputs {@code --bulk-density ρ_b} (kg/m³),
 *     {@code --quartz q}, {@code --saturation S_r}, {@code --texture coarse|fine}:
 *     {@code Z = √(2·κ_t·ADDT·86400 / (L_f·ρ_w·θ))}.</li>
 * </ul>
 * Every input is a number or a raster. Flags per pixel: {@link AltMap#NO_DATA} for a NaN input,
 * {@link AltMap#INVALID_INPUT} for ADDT &lt; 0, E &lt; 0, κ ≤ 0, θ outside (0, 1] or Johansen inputs out of range.
 * The uncertainty is not modelled (altStd NaN). Stateless.
 *
 * @param addt       ADDT spec
 * @param edaphic    E spec or null
 * @param kappa      κ_t spec or null
 * @param theta      θ spec or null
 * @param bulk       ρ_b spec or null
 * @param quartz     quartz fraction spec or null
 * @param saturation S_r spec or null
 * @param texture    Johansen texture (coarse when null)
 * @param rhoWater   ρ_w, kg/m³
 */
record StefanAlt(String addt, String edaphic, String kappa, String theta, String bulk, String quartz,
                 String saturation, JohansenConductivity.Texture texture, double rhoWater) implements Serializable {

    StefanAlt {
        if (addt == null) {
            throw new IllegalArgumentException("--model stefan needs --addt (accumulated degree-days of thaw, degC*day)");
        }
        boolean johansen = bulk != null || quartz != null || saturation != null;
        if (edaphic != null) {
            if (kappa != null || theta != null || johansen) {
                throw new IllegalArgumentException("--model stefan: give either --edaphic, or --theta with --kappa or the "
                        + "Johansen inputs, not both");
            }
        } else {
            if (theta == null) {
                throw new IllegalArgumentException("--model stefan needs --edaphic E, or --theta with --kappa or "
                        + "--bulk-density/--quartz/--saturation");
            }
            if (kappa != null && johansen) {
                throw new IllegalArgumentException("--model stefan: give --kappa or the Johansen inputs, not both");
            }
            if (kappa == null && (bulk == null || quartz == null || saturation == null)) {
                throw new IllegalArgumentException("--model stefan: Johansen needs --bulk-density, --quartz and --saturation"
                        + " (got bulk-density=" + bulk + ", quartz=" + quartz + ", saturation=" + saturation + ")");
            }
        }
        if (!(rhoWater > 0)) {
            throw new IllegalArgumentException("--rho-water must be > 0, got " + rhoWater);
        }
        NumberSpecs.require(addt, "--addt", NumberSpecs::nonNegative, ">= 0 °C·day");
        NumberSpecs.require(edaphic, "--edaphic", NumberSpecs::nonNegative, ">= 0 m/√(°C·day)");
        NumberSpecs.require(kappa, "--kappa (thawed conductivity)", NumberSpecs::positive, "> 0 W/(m·K)");
        NumberSpecs.require(theta, "--theta (volumetric water content)", NumberSpecs::positiveFraction,
                "in (0, 1] m³/m³");
        NumberSpecs.require(bulk, "--bulk-density", x -> x > 0 && x < 2650, "in (0, 2650) kg/m³");
        NumberSpecs.require(quartz, "--quartz", NumberSpecs::fraction, "in [0, 1]");
        NumberSpecs.require(saturation, "--saturation", NumberSpecs::fraction, "in [0, 1]");
        texture = texture == null ? JohansenConductivity.Texture.COARSE : texture;
    }

    /** Result: the map, plus κ_t/κ_f maps when Johansen was used (else null). */
    record Output(AltMap map, float[] kappaThawed, float[] kappaFrozen) {
    }

    /** True when E is given (calibrated form). */
    boolean calibrated() {
        return edaphic != null;
    }

    /** True when κ_t comes from Johansen. */
    boolean johansen() {
        return edaphic == null && kappa == null;
    }

    /** The specs that could be rasters, in the order that picks the reference grid. */
    String[] specs() {
        return new String[] {addt, edaphic, kappa, theta, bulk, quartz, saturation};
    }

    /** The inputs on {@code g} (a 1-pixel pseudo-grid in point mode), as the kernel takes them. */
    GridPlanes planes(GridGeometry g) throws IOException {
        GridPlanes p = new GridPlanes(g).put("addt", ProductRasters.numberOrRaster(addt, g, "--addt"));
        if (calibrated()) {
            return p.put("edaphic", ProductRasters.numberOrRaster(edaphic, g, "--edaphic"));
        }
        p.put("theta", ProductRasters.numberOrRaster(theta, g, "--theta"));
        if (kappa != null) {
            return p.put("kappa", ProductRasters.numberOrRaster(kappa, g, "--kappa"));
        }
        return p.put("bulkDensity", ProductRasters.numberOrRaster(bulk, g, "--bulk-density"))
                .put("quartz", ProductRasters.numberOrRaster(quartz, g, "--quartz"))
                .put("saturation", ProductRasters.numberOrRaster(saturation, g, "--saturation"));
    }

    /** Computes the pixels of {@code w}. */
    Output compute(GridPlanes in, Window w) {
        int n = w.size();
        float[] a = in.window("addt", w);
        float[] alt = new float[n], sigma = new float[n];
        byte[] flag = new byte[n];
        Arrays.fill(sigma, Float.NaN);
        float[] kt = null, kf = null;
        if (calibrated()) {
            float[] e = in.window("edaphic", w);
            for (int k = 0; k < n; k++) {
                flag[k] = Float.isNaN(a[k] + e[k]) ? AltMap.NO_DATA : a[k] < 0 || e[k] < 0 ? AltMap.INVALID_INPUT : AltMap.OK;
                alt[k] = flag[k] == AltMap.OK ? (float) StefanModel.thawDepth(e[k], a[k]) : Float.NaN;   // Z = E·√ADDT
            }
            return new Output(new AltMap(alt, sigma, flag), null, null);
        }
        float[] th = in.window("theta", w);
        float[] k = in.window("kappa", w);
        float[] rb = null, q = null, s = null;
        if (k == null) {
            rb = in.window("bulkDensity", w);
            q = in.window("quartz", w);
            s = in.window("saturation", w);
            float[][] j = StefanMaps.johansen(rb, q, s, texture);     // Johansen (1977), seed 001 eq. 1
            kt = j[0];
            kf = j[1];
            k = kt;
        }
        for (int p = 0; p < n; p++) {
            boolean nan = Float.isNaN(a[p] + th[p]) || (rb == null ? Float.isNaN(k[p]) : Float.isNaN(rb[p] + q[p] + s[p]));
            boolean valid = a[p] >= 0 && th[p] > 0 && th[p] <= 1 && k[p] > 0;
            flag[p] = nan ? AltMap.NO_DATA : valid ? AltMap.OK : AltMap.INVALID_INPUT;
            // Stefan: Z = √(2·κ_t·ADDT·86400 / (L_f·ρ_w·θ))
            alt[p] = flag[p] == AltMap.OK ? (float) StefanModel.thawDepth(k[p], a[p], th[p], rhoWater) : Float.NaN;
        }
        return new Output(new AltMap(alt, sigma, flag), kt, kf);
    }

    /** Point-mode text: the ALT line and, for Johansen, the conductivities. */
    static String pointLine(Output o) {
        String base = String.format(Locale.ROOT, "ALT H = %.4f m", o.map().alt()[0]);
        if (o.kappaThawed() != null) {
            base += String.format(Locale.ROOT, " (Johansen: kappa_t = %.4f, kappa_f = %.4f W/(m K))", o.kappaThawed()[0],
                    o.kappaFrozen()[0]);
        }
        return base;
    }

    /** A description of the model for the GeoTIFF metadata. */
    String description() {
        return calibrated() ? "calibrated Stefan Z = E*sqrt(ADDT)"
                : "Stefan Z = sqrt(2 kt ADDT 86400/(Lf rho_w theta))" + (johansen() ? ", kt from Johansen (1977), "
                + texture.name().toLowerCase(Locale.ROOT) : "");
    }
}
