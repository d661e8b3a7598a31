package org.permasar.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
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
 *
 * <p>Streaming: the constructor builds the network, the geometry maps, each date's atmosphere on
 * the whole grid (one date at a time, spilled to a {@link LayerStore}), picks the unwrapping
 * errors, and records the random stream's state at the start of every row of every pair; then
 * {@link #fillBlock} makes any band of rows exactly as a whole-scene pass would. Not thread-safe
 * to construct; {@link #fillBlock} may run concurrently (each call replays its own stream copy).
 * {@link #close()} deletes the spilled atmosphere.
 */
final class TrackSimulator implements AutoCloseable {
    static final double RHO_LONG = 0.45;
    static final double TAU_DAYS = 36.0;
    static final double TURBULENCE_M = 0.004;
    static final double STRATIFIED_STD = 2e-5;

    final String name;
    final double heading;
    final List<LocalDate> dates;
    final Network network;
    final float[] incidence;
    final float[] azimuth;
    final float[] losVelocity;
    final int[] errPairs;
    final int[] errCycles;
    final Window errWin;
    private final SceneSpec spec;
    private final SceneLayout layout;
    private final float[] uUnit;
    private final LayerStore atmosphere;
    private final double[] season;
    private final int[] cyclesOfPair;
    /** Stream state before the noise of pixel (r, 0) in pair k, at {@code k·rows + r}. */
    private final long[] rowStates;
    private final ReplayableRandom stream;

    /**
     * Prepares a track; draws from {@code rng} in the order of the simulator's whole-scene pass
     * (network, atmosphere per date, unwrapping errors, noise per pair and pixel).
     *
     * @param spillBytes atmosphere cubes larger than this go to a temporary file instead of the heap
     */
    TrackSimulator(SceneSpec spec, SceneLayout layout, RandomField field, ReplayableRandom rng, String name,
                   double heading, List<LocalDate> dates, long spillBytes) throws IOException {
        this.spec = spec;
        this.layout = layout;
        this.name = name;
        this.heading = heading;
        this.dates = List.copyOf(dates);
        boolean asc = heading > -90 && heading < 90;
        int rows = spec.rows(), cols = spec.cols(), n = rows * cols, nd = dates.size();
        network = AcquisitionPlan.network(dates, spec.shortNeighbours(), rng);
        incidence = new float[n];
        azimuth = new float[n];
        float[] eUnit = new float[n];
        uUnit = new float[n];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int i = r * cols + c;
                incidence[i] = (float) incidence(asc, c, cols);
                double f = c / (double) (cols - 1);
                azimuth[i] = (float) (LosGeometry.azimuthFromHeading(heading) + (f - 0.5));
                eUnit[i] = (float) LosGeometry.unitEast(incidence[i], azimuth[i]);
                uUnit[i] = (float) LosGeometry.unitUp(incidence[i]);
            }
        }
        losVelocity = new float[n];
        for (int i = 0; i < n; i++) {
            losVelocity[i] = eUnit[i] * layout.eastVelocity[i] + uUnit[i] * layout.pecmV[i];
        }
        // atmosphere per date: slant delay in metres, one whole-grid field at a time
        atmosphere = spec.noise() ? LayerStore.create(nd, n, spillBytes) : null;
        if (spec.noise()) {
            float[] atmo = new float[n];
            double hMean = 0;
            for (int i = 0; i < n; i++) {
                hMean += layout.height[i];
            }
            hMean /= n;
            int radius = Math.max(1, cols / 8);
            for (int t = 0; t < nd; t++) {
                field.fill(rng, radius, atmo, 0);
                double k = STRATIFIED_STD * rng.nextGaussian();
                for (int i = 0; i < n; i++) {
                    double zenith = TURBULENCE_M * atmo[i] + k * (layout.height[i] - hMean);
                    atmo[i] = (float) (zenith / uUnit[i]);
                }
                atmosphere.write(t, atmo);
            }
        }
        season = new double[nd];
        long coldest = LocalDate.of(dates.get(0).getYear(), 1, 20).toEpochDay();
        for (int t = 0; t < nd; t++) {
            double cs = Math.cos(2 * Math.PI * (dates.get(t).toEpochDay() - coldest) / 365.25);
            season[t] = 1 - 0.2 * Math.max(0, cs) - 0.1 * Math.max(0, -cs);
        }
        // unwrapping errors
        int m = network.pairCount();
        errWin = new Window((int) Math.floor(0.10 * rows), (int) Math.floor(0.35 * cols),
                Math.max(1, (int) Math.ceil(0.35 * rows) - (int) Math.floor(0.10 * rows)),
                Math.max(1, (int) Math.ceil(0.50 * cols) - (int) Math.floor(0.35 * cols)));
        int[] ep = new int[0];
        int[] ec = new int[0];
        cyclesOfPair = new int[m];
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
            ep = new int[count];
            ec = new int[count];
            for (int k = 0, e = 0; k < m; k++) {
                if (chosen[k]) {
                    ep[e] = k;
                    ec[e++] = cyclesOfPair[k];
                }
            }
        }
        errPairs = ep;
        errCycles = ec;
        // decorrelation noise: record where each row of each pair starts in the stream
        stream = rng.copy();
        rowStates = new long[spec.noise() ? m * rows : 0];
        if (spec.noise()) {
            int lakeCode = Region.LAKE.code();
            for (int k = 0; k < m; k++) {
                for (int r = 0; r < rows; r++) {
                    rowStates[k * rows + r] = rng.state();
                    for (int c = 0, i = r * cols; c < cols; c++, i++) {
                        if (layout.region[i] == lakeCode) {
                            rng.nextDouble();
                            rng.nextDouble();
                        } else {
                            rng.nextGaussian();
                        }
                    }
                }
            }
        }
    }

    /** Incidence angle (degrees) of column c for a track: 30° near range … 46° far range. */
    static double incidence(boolean ascending, int c, int cols) {
        double f = c / (double) (cols - 1);
        return ascending ? 30 + 16 * f : 46 - 16 * f;
    }

    /** Seasonal peak-to-trough LOS amplitude, cos θ × the vertical one, m. */
    float[] losAmplitude(float[] vertAmplitude) {
        float[] out = new float[vertAmplitude.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = uUnit[i] * vertAmplitude[i];
        }
        return out;
    }

    /**
     * Fills {@code dest} with the band of rows {@code row0 … row0+nRows−1} (whole rows) given the
     * band's vertical truth {@code pecm} (dates × band pixels).
     */
    void fillBlock(int row0, int nRows, PecmSeries pecm, TrackBlock dest) {
        int rows = spec.rows(), cols = spec.cols(), nd = dates.size(), band = nRows * cols, first = row0 * cols;
        float[] up = pecm.up, east = dest.east, los = dest.los, atmo = dest.atmosphere;
        // truth: east and LOS displacement (north motion is zero)
        long day0 = dates.get(0).toEpochDay();
        for (int t = 0; t < nd; t++) {
            double years = (dates.get(t).toEpochDay() - day0) / 365.25;
            for (int j = 0; j < band; j++) {
                int i = first + j, k = t * band + j;
                east[k] = (float) (layout.eastVelocity[i] * years);
                los[k] = (float) LosGeometry.enuToLos(east[k], 0, up[k], incidence[i], azimuth[i]);
            }
        }
        if (atmosphere != null) {
            for (int t = 0; t < nd; t++) {
                atmosphere.read(t, first, band, atmo, t * band);
            }
        } else {
            java.util.Arrays.fill(atmo, 0, nd * band, 0f);
        }
        int m = network.pairCount();
        float[] phase = dest.unwrapPhase, coh = dest.coherence, conn = dest.connectComponent;
        double toPhase = 4 * Math.PI / spec.wavelength();
        double looks = spec.looks();
        int lakeCode = Region.LAKE.code();
        ReplayableRandom rng = stream.copy();
        for (int k = 0; k < m; k++) {
            int a = network.referenceIndex(k), b = network.secondaryIndex(k);
            double dt = dates.get(b).toEpochDay() - dates.get(a).toEpochDay();
            double temporal = (RHO_LONG + (1 - RHO_LONG) * Math.exp(-dt / TAU_DAYS)) * season[a] * season[b];
            int base = k * band;
            for (int r = row0; r < row0 + nRows; r++) {
                if (spec.noise()) {
                    rng.reset(rowStates[k * rows + r]);
                }
                for (int c = 0; c < cols; c++) {
                    int i = r * cols + c, j = i - first, o = base + j;
                    if (layout.region[i] == lakeCode) {
                        coh[o] = (float) (spec.noise() ? 0.05 + 0.1 * rng.nextDouble() : 0.1);
                        phase[o] = (float) (spec.noise() ? Math.PI * (2 * rng.nextDouble() - 1) : 0.0);
                        conn[o] = 0f;
                        continue;
                    }
                    double g = layout.coherence0[i] * temporal;
                    coh[o] = (float) g;
                    // φ = −4π/λ·Δd_LOS (SCIENCE.md sign convention) + 4π/λ·Δ(slant delay)
                    double p = -toPhase * (los[b * band + j] - los[a * band + j])
                            + toPhase * (atmo[b * band + j] - atmo[a * band + j]);
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
    }

    @Override
    public void close() {
        if (atmosphere != null) {
            try {
                atmosphere.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
