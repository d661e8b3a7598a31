package org.permasar.pipeline.geometry;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.permasar.geometry.AscDescDecomposition;
import org.permasar.geometry.AscDescUncertainty;
import org.permasar.geometry.DirectionClassifier;
import org.permasar.geometry.DirectionThresholds;
import org.permasar.geometry.EastUp;
import org.permasar.grid.Window;
import org.permasar.pipeline.block.BlockKernel;
import org.permasar.pipeline.block.GridPlanes;
import org.permasar.pipeline.block.MapJob;

/**
 * The per-block work of the geometry step (SCIENCE.md §5; seed 002 Table 1; MintPy
 * {@code asc_desc2horz_vert}): on the ascending grid, per pixel, the secular direction class, the east/up
 * decomposition of the two LOS rates, and, where both tracks carry a seasonal signal, the seasonal class and
 * the seasonal east/up peak-to-trough amplitudes; with both {@code velocityStd}, their propagation through
 * the 2×2 solve ({@link AscDescUncertainty}, tracks independent). The classes include
 * {@link DirectionClassifier#STABLE} (4) where the σ are given: rates within k·σ of zero on both tracks with
 * {@code velocityStd}, seasonal amplitudes within k·σ with {@code seasonalAmplitudeStd}; without them no pixel is
 * stable (see {@link DirectionClassifier} for the NaN policy). Every pixel depends on that pixel alone.
 *
 * <p>Inputs ({@link GridPlanes}, on the ascending grid): {@code ascVelocity, ascIncidence, ascAzimuth,
 * descVelocity, descIncidence, descAzimuth}, optionally {@code ascAmplitude, ascTiming, descAmplitude,
 * descTiming} (m, day of year of the maximum), {@code ascVelocityStd, descVelocityStd} (m/yr) and
 * {@code ascAmplitudeStd, descAmplitudeStd} (m, one-sigma of the peak-to-trough amplitude). Outputs: the
 * names of {@link #outputs()}; class codes and the east/up flag as floats.
 *
 * @param inputs     the tracks on the common grid
 * @param thresholds classification thresholds
 */
public record GeometryKernel(GridPlanes inputs, DirectionThresholds thresholds) implements BlockKernel.InMemory {
    /** Direction classes: 1 vertical, 2 east-west, 3 undetermined, 4 stable, 0 no data. */
    public static final String SECULAR = "secularDirection";
    public static final String SEASONAL = "seasonalDirection";
    /** {@link EastUp} flag of the rate decomposition (kept in memory). */
    public static final String FLAG = "eastUpFlag";

    public GeometryKernel {
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(thresholds, "thresholds");
    }

    /** Whether both tracks carry a seasonal amplitude and timing. */
    public boolean seasonal() {
        return inputs.has("ascAmplitude") && inputs.has("descAmplitude");
    }

    /** Whether both tracks carry velocityStd. */
    public boolean withStd() {
        return inputs.has("ascVelocityStd") && inputs.has("descVelocityStd");
    }

    /** Whether both tracks carry the one-sigma of their seasonal amplitude (needed for the seasonal stable class). */
    public boolean withAmplitudeStd() {
        return seasonal() && inputs.has("ascAmplitudeStd") && inputs.has("descAmplitudeStd");
    }

    /** Names of the planes the kernel computes, in the order they are written. */
    public List<String> outputs() {
        List<String> o = new java.util.ArrayList<>(List.of(SECULAR, "east", "up", FLAG));
        if (seasonal()) {
            o.addAll(List.of(SEASONAL, "seasonalEastAmplitude", "seasonalUpAmplitude"));
        }
        if (withStd()) {
            o.addAll(List.of("eastStd", "upStd"));
        }
        return o;
    }

    @Override
    public Map<String, float[]> compute(Window w) {
        Map<String, float[]> out = new HashMap<>();
        float[] av = inputs.window("ascVelocity", w), ai = inputs.window("ascIncidence", w);
        float[] aa = inputs.window("ascAzimuth", w), dv = inputs.window("descVelocity", w);
        float[] di = inputs.window("descIncidence", w), da = inputs.window("descAzimuth", w);
        float[] as = withStd() ? inputs.window("ascVelocityStd", w) : null;
        float[] ds = withStd() ? inputs.window("descVelocityStd", w) : null;
        out.put(SECULAR, MapJob.floats(DirectionClassifier.secular(av, as, dv, ds, thresholds)));
        EastUp eu = AscDescDecomposition.decompose(av, ai, aa, dv, di, da);
        out.put("east", eu.east());
        out.put("up", eu.up());
        out.put(FLAG, MapJob.floats(eu.flag()));
        if (seasonal()) {
            float[] am = inputs.window("ascAmplitude", w), at = inputs.window("ascTiming", w);
            float[] dm = inputs.window("descAmplitude", w), dt = inputs.window("descTiming", w);
            float[] ams = withAmplitudeStd() ? inputs.window("ascAmplitudeStd", w) : null;
            float[] dms = withAmplitudeStd() ? inputs.window("descAmplitudeStd", w) : null;
            out.put(SEASONAL, MapJob.floats(DirectionClassifier.seasonal(am, ams, at, dm, dms, dt, thresholds)));
            int n = w.size();
            float[] ampE = new float[n], ampU = new float[n];
            double[] o = new double[4];
            for (int k = 0; k < n; k++) {
                byte f = AscDescDecomposition.decomposeSeasonal(am[k], at[k], ai[k], aa[k], dm[k], dt[k], di[k], da[k], o);
                ampE[k] = f == EastUp.OK ? (float) o[0] : Float.NaN;
                ampU[k] = f == EastUp.OK ? (float) o[2] : Float.NaN;
            }
            out.put("seasonalEastAmplitude", ampE);
            out.put("seasonalUpAmplitude", ampU);
        }
        if (withStd()) {
            // linear error propagation of the 2×2 solve, tracks independent (AscDescUncertainty)
            float[][] std = AscDescUncertainty.propagate(as, ai, aa, ds, di, da);
            out.put("eastStd", std[0]);
            out.put("upStd", std[1]);
        }
        return out;
    }
}
