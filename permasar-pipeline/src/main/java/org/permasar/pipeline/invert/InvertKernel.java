package org.permasar.pipeline.invert;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.permasar.grid.Window;
import org.permasar.inversion.DelayCorrection;
import org.permasar.inversion.InversionInput;
import org.permasar.inversion.InversionParameters;
import org.permasar.inversion.InversionResult;
import org.permasar.inversion.PhaseConversion;
import org.permasar.inversion.TimeSeriesInversion;
import org.permasar.io.RasterFormats;
import org.permasar.network.Network;
import org.permasar.pipeline.block.BlockKernel;
import org.permasar.stack.InterferogramStack;
import org.permasar.stack.RasterSource;
import org.permasar.unwrap.ClosureCorrection;
import org.permasar.unwrap.PairClosureQuality;
import org.permasar.unwrap.PhaseClosure;
import org.permasar.unwrap.Triplets;

/**
 * The per-block work of the invert step, as any {@link org.permasar.pipeline.block.BlockRunner}
 * schedules it: each worker re-opens the stack (and the geometry and external-rate files) from
 * their paths, reads a window of the kept pairs, references the phase to the reference pixel
 * (its phase per pair computed once on the driver), applies the per-pair masks and the land mask,
 * solves every pixel ({@link TimeSeriesInversion}) and converts the series to metres relative to
 * the reference date. Every pixel's numbers depend on that pixel alone, so every block plan gives
 * the same values.
 *
 * <p>Outputs per window (names of the kernel's map): {@link #TIMESERIES} (dates × pixels, m),
 * {@link #TIMESERIES_STD} (with {@code std}), {@link #TEMPORAL_COHERENCE}, {@link #NUM_INV_IFGRAM},
 * {@link #INVERSION_FLAG} ({@link org.permasar.inversion.QualityFlag} codes) and, when the weights or
 * masks read coherence, {@link #COHERENCE_SEEN} (1 where some kept pair has coherence &gt; 0, else 0;
 * the driver refuses a stack whose coherence is empty everywhere).
 *
 * @param stack            interferogram stack path (as text: {@link Path} is not serialisable)
 * @param keep             pairs kept by the pair selection, over all pairs of the stack
 * @param params           solver settings
 * @param referencePhase   the reference pixel's unwrapped phase in every kept pair, rad
 * @param refDateIndex     index of the reference date among the kept network's dates
 * @param maskConnComp     mask pairs per pixel where connectComponent is 0
 * @param minCoherence     mask pairs per pixel below this coherence (0 = off)
 * @param needsCoherence   whether coherence is read (weights or {@code minCoherence})
 * @param waterMaskFile    geometry file whose {@code waterMask} (0 = water) removes pixels, or null
 * @param externalRateFile NSBAS external rate file, or null
 * @param externalRateName dataset of the external rate (m/yr)
 * @param wavelength       radar wavelength, m
 * @param std              also output {@link #TIMESERIES_STD}
 * @param closureCorrection correct unwrapping errors by phase closure ({@link ClosureCorrection}) before the
 *                         inversion and output {@link #UNWRAP_CYCLES}
 * @param bridgeCycles     per kept pair, the cycles to add to the pixels of each connectComponent label (indexed by the
 *                         label; bridging of connected components, computed by the driver on whole planes), or null
 * @param pairQuality      where the workers leave each window's per-pair closure quality for the driver, or null
 */
public record InvertKernel(String stack, boolean[] keep, InversionParameters params, float[] referencePhase,
                           int refDateIndex, boolean maskConnComp, float minCoherence, boolean needsCoherence,
                           String waterMaskFile, String externalRateFile, String externalRateName, double wavelength,
                           boolean std, boolean closureCorrection, int[][] bridgeCycles,
                           ClosureQualityCollector pairQuality) implements BlockKernel {
    /** Time series, metres, dates × pixels. */
    public static final String TIMESERIES = "timeseries";
    /** Standard deviation of the series, metres, dates × pixels. */
    public static final String TIMESERIES_STD = "timeseriesStd";
    /** Temporal coherence, [0, 1]. */
    public static final String TEMPORAL_COHERENCE = "temporalCoherence";
    /** Pairs used per pixel. */
    public static final String NUM_INV_IFGRAM = "numInvIfgram";
    /** Quality flag per pixel. */
    public static final String INVERSION_FLAG = "inversionFlag";
    /**
     * Triplets whose closure phase has a non-zero integer ambiguity, per pixel, before any correction
     * (MintPy's numTriNonzeroIntAmbiguity; NaN where no triplet is complete); only when the network has triplets.
     */
    public static final String NUM_TRI_NONZERO = "numTriNonzeroIntAmbiguity";
    /** The same count after the corrections (bridging and/or phase closure). */
    public static final String NUM_TRI_NONZERO_AFTER = "numTriNonzeroIntAmbiguityAfterCorrection";
    /** Integer cycles U added to each kept pair (φ ← φ + 2π·U), kept pairs × pixels; with any correction. */
    public static final String UNWRAP_CYCLES = "unwrapCycles";
    /** 1 where some kept pair has coherence &gt; 0 (only when coherence is read). */
    public static final String COHERENCE_SEEN = "coherenceSeen";

    public InvertKernel {
        Objects.requireNonNull(stack, "stack");
        Objects.requireNonNull(params, "params");
        keep = keep.clone();
        referencePhase = referencePhase.clone();
        if (bridgeCycles != null) {
            bridgeCycles = bridgeCycles.clone();
            for (int j = 0; j < bridgeCycles.length; j++) {
                bridgeCycles[j] = bridgeCycles[j].clone();
            }
        }
    }

    /** Whether the kernel changes the phase before the inversion (and outputs {@link #UNWRAP_CYCLES}). */
    boolean corrects() {
        return closureCorrection || bridgeCycles != null;
    }

    /** Indices of the kept pairs among all pairs. */
    int[] keptLayers() {
        int n = 0;
        for (boolean k : keep) {
            n += k ? 1 : 0;
        }
        int[] kept = new int[n];
        for (int k = 0, j = 0; k < keep.length; k++) {
            if (keep[k]) {
                kept[j++] = k;
            }
        }
        return kept;
    }

    @Override
    public Worker open() throws IOException {
        InterferogramStack s = RasterFormats.openStack(Path.of(stack));
        RasterSource water = null;
        RasterSource rate = null;
        try {
            water = waterMaskFile == null ? null : RasterFormats.open(Path.of(waterMaskFile));
            rate = externalRateFile == null ? null : RasterFormats.open(Path.of(externalRateFile));
            return new InvertWorker(s, water, rate);
        } catch (IOException | RuntimeException e) {
            for (RasterSource r : new RasterSource[] {rate, water, s}) {
                if (r != null) {
                    r.close();
                }
            }
            throw e;
        }
    }

    /** One worker's readers and solver workspace; confined to one thread. */
    private final class InvertWorker implements Worker {
        private final InterferogramStack stackReader;
        private final RasterSource water;
        private final RasterSource rate;
        private final int[] keptLayers = keptLayers();
        private final int dates;
        private final TimeSeriesInversion solver;
        private final Triplets triplets;
        private final ClosureCorrection closure;

        InvertWorker(InterferogramStack stackReader, RasterSource water, RasterSource rate) {
            this.stackReader = stackReader;
            this.water = water;
            this.rate = rate;
            Network network = stackReader.network().subset(keep);
            this.dates = network.dateCount();
            this.solver = TimeSeriesInversion.create(network, params);
            Triplets t = Triplets.of(network);
            this.triplets = t.count() > 0 ? t : null;
            this.closure = closureCorrection && triplets != null ? new ClosureCorrection(triplets) : null;
        }

        @Override
        public Map<String, float[]> compute(Window w) throws IOException {
            int n = w.size();
            float[] phase = readKept(InterferogramStack.UNWRAP_PHASE, w);
            float[] coh = needsCoherence ? readKept(InterferogramStack.COHERENCE, w) : null;
            float[] mask = maskConnComp ? readKept(InterferogramStack.CONNECT_COMPONENT, w) : null;
            Map<String, float[]> out = new HashMap<>();
            int layers = keptLayers.length;
            if (coh != null) {
                float[] seen = new float[n];
                for (int k = 0; k < layers; k++) {
                    for (int p = 0, i = k * n; p < n; p++, i++) {
                        if (coh[i] > 0) {
                            seen[p] = 1f;
                        }
                    }
                }
                out.put(COHERENCE_SEEN, seen);
            }
            for (int k = 0; k < layers; k++) {
                float ref = referencePhase[k];
                for (int p = 0, i = k * n; p < n; p++, i++) {
                    phase[i] -= ref; // phase relative to the reference pixel (SCIENCE.md §1, corrections)
                }
            }
            if (minCoherence > 0) {
                if (mask == null) {
                    mask = new float[phase.length];
                    Arrays.fill(mask, 1f);
                }
                for (int i = 0; i < mask.length; i++) {
                    if (!(coh[i] >= minCoherence)) {
                        mask[i] = 0f;
                    }
                }
            }
            if (water != null) {
                float[] wm = water.read("waterMask", w);
                for (int p = 0; p < n; p++) {
                    if (!InversionRun.isLand(wm[p])) {
                        for (int k = 0; k < layers; k++) {
                            phase[k * n + p] = Float.NaN;
                        }
                    }
                }
            }
            int[] cycles = corrects() ? new int[phase.length] : null;
            if (triplets != null) {
                // closure diagnostics on the referenced phase, before any correction, as MintPy (Yunjun et al. 2019)
                // per pixel (numTriNonzeroIntAmbiguity) and per pair (closureQuality, for the driver) in one pass
                float[] nonzero = new float[n];
                PairClosureQuality q = new PairClosureQuality(triplets);
                q.add(phase, n, nonzero);
                out.put(NUM_TRI_NONZERO, nonzero);
                if (pairQuality != null) {
                    pairQuality.offer(w, q);
                }
            }
            if (bridgeCycles != null) {
                float[] cc = readKept(InterferogramStack.CONNECT_COMPONENT, w);
                for (int k = 0; k < layers; k++) {
                    int[] table = bridgeCycles[k];
                    for (int p = 0, i = k * n; p < n; p++, i++) {
                        float l = cc[i];
                        int u = l >= 1 && l < table.length ? table[(int) l] : 0;
                        if (u != 0) {
                            phase[i] += (float) (2 * Math.PI * u); // bridged component: φ ← φ + 2π·n
                            cycles[i] += u;
                        }
                    }
                }
            }
            if (closureCorrection && triplets != null) {
                int[] closureCycles = new int[phase.length];
                closure.correct(phase, n, 0, n, closureCycles);
                for (int i = 0; i < cycles.length; i++) {
                    cycles[i] += closureCycles[i];
                }
            }
            if (cycles != null) {
                float[] cf = new float[cycles.length];
                for (int i = 0; i < cf.length; i++) {
                    cf[i] = Float.isNaN(phase[i]) ? Float.NaN : cycles[i];
                }
                out.put(UNWRAP_CYCLES, cf);
                if (triplets != null) {
                    float[] after = new float[n];
                    PhaseClosure.countNonzeroIntegerAmbiguity(phase, n, triplets, after);
                    out.put(NUM_TRI_NONZERO_AFTER, after);
                }
            }
            float[] extRate = null;
            if (rate != null) {
                extRate = rate.read(externalRateName, w);
                double f = InversionRun.radiansPerMetre(wavelength);
                for (int i = 0; i < extRate.length; i++) {
                    extRate[i] = (float) (extRate[i] * f); // φ = −4π/λ·d: m/yr → rad/yr
                }
            }
            InversionResult res = new InversionResult(dates, n);
            solver.invert(new InversionInput(phase, coh, mask, extRate, n), 0, n, res);
            float[] ts = res.phase();
            PhaseConversion.toMetres(ts, wavelength);
            if (refDateIndex != 0) {
                DelayCorrection.referenceToDate(ts, n, refDateIndex);
            }
            out.put(TIMESERIES, ts);
            if (std) {
                float[] sd = res.std();
                if (sd == null) {
                    throw new IllegalStateException("the solver gave no standard deviation for " + w);
                }
                double scale = PhaseConversion.phaseToRange(wavelength);
                for (int i = 0; i < sd.length; i++) {
                    sd[i] = (float) Math.abs(sd[i] * scale);
                }
                out.put(TIMESERIES_STD, sd);
            }
            float[] num = new float[n];
            float[] flag = new float[n];
            short[] used = res.pairsUsed();
            byte[] f = res.flag();
            for (int p = 0; p < n; p++) {
                num[p] = used[p];
                flag[p] = f[p];
            }
            out.put(TEMPORAL_COHERENCE, res.temporalCoherence());
            out.put(NUM_INV_IFGRAM, num);
            out.put(INVERSION_FLAG, flag);
            return out;
        }

        /** Reads a 3-D dataset for a window and keeps only the selected pairs. */
        private float[] readKept(String dataset, Window w) throws IOException {
            float[] all = stackReader.read(dataset, w);
            if (keptLayers.length == keep.length) {
                return all;
            }
            int n = w.size();
            float[] kept = new float[keptLayers.length * n];
            for (int j = 0; j < keptLayers.length; j++) {
                System.arraycopy(all, keptLayers[j] * n, kept, j * n, n);
            }
            return kept;
        }

        @Override
        public void close() throws IOException {
            try {
                stackReader.close();
            } finally {
                try {
                    if (water != null) {
                        water.close();
                    }
                } finally {
                    if (rate != null) {
                        rate.close();
                    }
                }
            }
        }
    }
}
