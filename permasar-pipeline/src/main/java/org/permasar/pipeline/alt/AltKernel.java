package org.permasar.pipeline.alt;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.permasar.grid.Window;
import org.permasar.permafrost.alt.AltMap;
import org.permasar.permafrost.alt.Densities;
import org.permasar.permafrost.alt.DensityChangeModel;
import org.permasar.permafrost.alt.LiuProfileModel;
import org.permasar.permafrost.alt.ZhangPiecewiseModel;
import org.permasar.pipeline.block.BlockKernel;
import org.permasar.pipeline.block.GridPlanes;
import org.permasar.pipeline.block.MapJob;

/**
 * The per-block work of the alt step (SCIENCE.md §4): active-layer thickness per pixel from inputs the driver
 * has brought onto one grid (LOS amplitudes already vertical, n already calibrated at the sites). Every pixel
 * depends on that pixel alone.
 *
 * <ul>
 * <li>density ({@link DensityChangeModel}, seed 002 eq. 2): planes {@code delta}, {@code sigma} (optional),
 *     {@code N}, {@code n};</li>
 * <li>liu ({@link LiuProfileModel}, Liu et al. 2012): {@code delta}, {@code sigma} (optional) and the profile;</li>
 * <li>zhang ({@link ZhangPiecewiseModel}, Zhang et al. 2020): {@code subsidence} and {@code sigma} (K layers, one
 *     per interval) and {@code moisture} (K × L layers);</li>
 * <li>stefan ({@link StefanAlt}): its planes.</li>
 * </ul>
 * Outputs: {@code alt}, {@code altStd} (m), {@code altFlag} ({@link AltMap} codes as floats) and, for Stefan with
 * Johansen conductivities, {@code kappaThawed}, {@code kappaFrozen}.
 *
 * @param model    the model
 * @param inputs   its planes
 * @param rhoWater water density, kg/m³
 * @param rhoIce   ice density, kg/m³
 * @param profile  liu: the profile spec, else null
 * @param layers   zhang: layer bottoms (m), or null for ERA5-Land
 * @param stefan   stefan: its settings, else null
 */
public record AltKernel(AltParameters.Model model, GridPlanes inputs, double rhoWater, double rhoIce, String profile,
                        List<Double> layers, StefanAlt stefan) implements BlockKernel.InMemory {
    public AltKernel {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(inputs, "inputs");
        layers = layers == null ? null : List.copyOf(layers);
    }

    /** Names of the planes the kernel computes. */
    public List<String> outputs() {
        return model == AltParameters.Model.STEFAN && stefan.johansen()
                ? List.of("alt", "altStd", "altFlag", "kappaThawed", "kappaFrozen") : List.of("alt", "altStd", "altFlag");
    }

    @Override
    public Map<String, float[]> compute(Window w) {
        Densities rho = new Densities(rhoWater, rhoIce);
        Map<String, float[]> out = new HashMap<>();
        AltMap m;
        switch (model) {
            case DENSITY -> m = DensityChangeModel.map(inputs.window("delta", w), inputs.window("sigma", w),
                    inputs.window("N", w), inputs.window("n", w), rho);
            case LIU -> m = LiuProfileModel.map(inputs.window("delta", w), inputs.window("sigma", w),
                    AltParameters.moistureProfile(profile), rho);
            case ZHANG -> m = zhang().map(inputs.window("subsidence", w), inputs.window("sigma", w),
                    inputs.window("moisture", w), w.size(), rho);
            case STEFAN -> {
                StefanAlt.Output o = stefan.compute(inputs, w);
                m = o.map();
                if (o.kappaThawed() != null) {
                    out.put("kappaThawed", o.kappaThawed());
                    out.put("kappaFrozen", o.kappaFrozen());
                }
            }
            default -> throw new IllegalStateException(model.name());
        }
        out.put("alt", m.alt());
        out.put("altStd", m.sigma());
        out.put("altFlag", MapJob.floats(m.flag()));
        return out;
    }

    /** The Zhang et al. (2020) model of {@link #layers}. */
    ZhangPiecewiseModel zhang() {
        return layers == null ? ZhangPiecewiseModel.era5Land()
                : new ZhangPiecewiseModel(layers.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
