package org.permasar.sim;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.permasar.geometry.LosGeometry;
import org.permasar.grid.Window;
import org.permasar.network.Network;

/**
 * Builds one {@link SimulatedTrack} from the vertical truth: geometry, LOS projection,
 * atmosphere, coherence, decorrelation noise and unwrapping errors. Mutable (owns its random
 * stream and workspace); one instance per track, not thread-safe.
 *
 * <p>Models (all documented choices of the simulator, not of a paper unless cited):
 * <ul>
 *   <li>Geometry: right-looking; incidence varies linearly across the swath, 30° at near range
 *       to 46° at far range (ascending: near range west, descending: near range east); LOS
 *       azimuth α = 90° − heading ± 0.5° across the swath ({@link LosGeometry}).</li>
 *   <li>Phase of pair (i, j): φ = −4π/λ·(d_LOS(t_j) − d_LOS(t_i)) + 4π/λ·(a(t_j) − a(t_i)) + n,
 *       a the slant delay (SCIENCE.md sign convention).</li>
 *   <li>Atmosphere per date: zenith delay = 4 mm × unit Gaussian field of correlation length
 *       ≈ cols/8 px (turbulent) + k_t·(h − h̄), k_t ~ N(0, (2·10⁻⁵)²) (stratified, m per m);
 *       slant = zenith / cos θ.</li>
 *   <li>Coherence: γ = γ₀·(ρ∞ + (1−ρ∞)·e^(−Δt/τ))·s(t_i)·s(t_j), ρ∞ = 0.45, τ = 36 d, with the
 *       season factor s(t) = 1 − 0.2·max(0, c) − 0.1·max(0, −c), c = cos(2π(t − 20 Jan)/365.25):
 *       snow lowers winter coherence by up to 20 %, summer thaw and vegetation by up to 10 %. Lake:
 *       γ ≈ 0.1 (U(0.05, 0.15) with noise).</li>
 *   <li>Decorrelation noise n ~ N(0, σ²), σ² = (1 − γ²)/(2Lγ²): Cramér–Rao bound of the phase of a
 *       distributed scatterer with L looks (Rodriguez &amp; Martin 1992; the inverse of MintPy's
 *       {@code var} weight). Lake phase: U(−π, π) (0 without noise).</li>
 *   <li>Unwrapping errors (with noise only): max(2, round(2 % of the pairs)) random pairs get
 *       ±2π on the non-lake pixels of a fixed window (rows 10–35 %, cols 35–50 % of the grid),
 *       labelled connectComponent 2 there.</li>
 * </ul>
 */
final class TrackSimulator {
    static final double RHO_LONG = 0.45;
    static final double TAU_DAYS = 36.0;
    static final double TURBULENCE_M = 0.004;
    static final double STRATIFIED_STD = 2e-5;

    private final SceneSpec spec;
    private final SceneLayout layout;
    private final RandomField field;
    private final SplittableRandom rng;

    TrackSimulator(SceneSpec spec, SceneLayout layout, RandomField field, SplittableRandom rng) {
        this.spec = spec;
        this.layout = layout;
        this.field = field;
        this.rng = rng;
    }

    /** Incidence angle (degrees) of column c for a track: 30° near range … 46° far range. */
    static double incidence(boolean ascending, int c, int cols) {
        double f = c / (double) (cols - 1);
        return ascending ? 30 + 16 * f : 46 - 16 * f;
    }

    SimulatedTrack simulate(String name, double heading, List<LocalDate> dates, PecmSeries pecm, float[] vertAmplitude) {
        float[] up = pecm.up;
        boolean asc = heading > -90 && heading < 90;
        int rows = spec.rows(), cols = spec.cols(), n = rows * cols, nd = dates.size();
        Network net = AcquisitionPlan.network(dates, spec.shortNeighbours(), rng);
        float[] inc = new float[n];
        float[] az = new float[n];
        float[] eUnit = new float[n];
        float[] uUnit = new float[n];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int i = r * cols + c;
                inc[i] = (float) incidence(asc, c, cols);
                double f = c / (double) (cols - 1);
                az[i] = (float) (LosGeometry.azimuthFromHeading(heading) + (f - 0.5));
                eUnit[i] = (float) LosGeometry.unitEast(inc[i], az[i]);
                uUnit[i] = (float) LosGeometry.unitUp(inc[i]);
            }
        }
        // truth: east and LOS displacement, LOS velocity and amplitude (north motion is zero)
        float[] east = new float[nd * n];
        float[] los = new float[nd * n];
        long day0 = dates.get(0).toEpochDay();
        for (int t = 0; t < nd; t++) {
            double years = (dates.get(t).toEpochDay() - day0) / 365.25;
            for (int i = 0; i < n; i++) {
                int k = t * n + i;
                east[k] = (float) (layout.eastVelocity[i] * years);
                los[k] = (float) LosGeometry.enuToLos(east[k], 0, up[k], inc[i], az[i]);
            }
        }
        float[] losVel = new float[n];
        float[] losAmp = new float[n];
        for (int i = 0; i < n; i++) {
            losVel[i] = eUnit[i] * layout.eastVelocity[i] + uUnit[i] * layout.pecmV[i];
            losAmp[i] = uUnit[i] * vertAmplitude[i];
        }
        // atmosphere per date: slant delay in metres
        float[] atmo = new float[nd * n];
        if (spec.noise()) {
            double hMean = 0;
            for (int i = 0; i < n; i++) {
                hMean += layout.height[i];
            }
            hMean /= n;
            int radius = Math.max(1, cols / 8);
            for (int t = 0; t < nd; t++) {
                field.fill(rng, radius, atmo, t * n);
                double k = STRATIFIED_STD * rng.nextGaussian();
                for (int i = 0; i < n; i++) {
                    double zenith = TURBULENCE_M * atmo[t * n + i] + k * (layout.height[i] - hMean);
                    atmo[t * n + i] = (float) (zenith / uUnit[i]);
                }
            }
        }
        double[] season = new double[nd];
        long coldest = LocalDate.of(dates.get(0).getYear(), 1, 20).toEpochDay();
        for (int t = 0; t < nd; t++) {
            double cs = Math.cos(2 * Math.PI * (dates.get(t).toEpochDay() - coldest) / 365.25);
            season[t] = 1 - 0.2 * Math.max(0, cs) - 0.1 * Math.max(0, -cs);
        }
        // unwrapping errors
        int m = net.pairCount();
        Window errWin = new Window((int) Math.floor(0.10 * rows), (int) Math.floor(0.35 * cols),
                Math.max(1, (int) Math.ceil(0.35 * rows) - (int) Math.floor(0.10 * rows)),
                Math.max(1, (int) Math.ceil(0.50 * cols) - (int) Math.floor(0.35 * cols)));
        int[] errPairs = new int[0];
        int[] errCycles = new int[0];
        int[] cyclesOfPair = new int[m];
        if (spec.noise()) {
            int count = Math.min(m, Math.max(2, (int) Math.round(0.02 * m)));
            boolean[] chosen = new boolean[m];
            int got = 0;
            while (got < count) {
                int k = rng.nextInt(m);
                if (!chosen[k]) {
                    chosen[k] = true;
                    cyclesOfPair[k] = rng.nextBoolean() ? 1 : -1;
                    got++;
                }
            }
            errPairs = new int[count];
            errCycles = new int[count];
            for (int k = 0, e = 0; k < m; k++) {
                if (chosen[k]) {
                    errPairs[e] = k;
                    errCycles[e++] = cyclesOfPair[k];
                }
            }
        }
        float[] phase = new float[m * n];
        float[] coh = new float[m * n];
        float[] conn = new float[m * n];
        double toPhase = 4 * Math.PI / spec.wavelength();
        double looks = spec.looks();
        int lakeCode = Region.LAKE.code();
        for (int k = 0; k < m; k++) {
            int a = net.referenceIndex(k), b = net.secondaryIndex(k);
            double dt = dates.get(b).toEpochDay() - dates.get(a).toEpochDay();
            double temporal = (RHO_LONG + (1 - RHO_LONG) * Math.exp(-dt / TAU_DAYS)) * season[a] * season[b];
            int base = k * n;
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    int i = r * cols + c, o = base + i;
                    if (layout.region[i] == lakeCode) {
                        coh[o] = (float) (spec.noise() ? 0.05 + 0.1 * rng.nextDouble() : 0.1);
                        phase[o] = (float) (spec.noise() ? Math.PI * (2 * rng.nextDouble() - 1) : 0.0);
                        conn[o] = 0f;
                        continue;
                    }
                    double g = layout.coherence0[i] * temporal;
                    coh[o] = (float) g;
                    // φ = −4π/λ·Δd_LOS (SCIENCE.md sign convention) + 4π/λ·Δ(slant delay)
                    double p = -toPhase * (los[b * n + i] - los[a * n + i])
                            + toPhase * (atmo[b * n + i] - atmo[a * n + i]);
                    conn[o] = 1f;
                    if (spec.noise()) {
                        // Cramér–Rao bound for L looks (Rodriguez & Martin 1992): σ² = (1−γ²)/(2Lγ²)
                        p += Math.sqrt((1 - g * g) / (2 * looks * g * g)) * rng.nextGaussian();
                        if (cyclesOfPair[k] != 0 && errWin.contains(r, c)) {
                            p += 2 * Math.PI * cyclesOfPair[k];
                            conn[o] = 2f;
                        }
                    }
                    phase[o] = (float) p;
                }
            }
        }
        float[] height = Arrays.copyOf(layout.height, n);
        return new SimulatedTrack(name, heading, spec.grid(), net, spec.wavelength(), phase, coh, conn, inc, az,
                height, los, pecm, east, atmo, losVel, losAmp, errPairs, errCycles, errWin);
    }
}
