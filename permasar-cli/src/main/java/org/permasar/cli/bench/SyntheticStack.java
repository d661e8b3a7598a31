package org.permasar.cli.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.permasar.grid.GridGeometry;
import org.permasar.io.mintpy.MintPyWriter;
import org.permasar.network.Network;
import org.permasar.network.Pair;
import org.permasar.sim.SceneSpec;

/**
 * A quick synthetic interferogram stack of benchmark size (e.g. 770 pairs × 145 dates × 30 000
 * pixels): 12-day acquisitions, every date paired with its nearest neighbours (1, 2, 3, … steps)
 * until the pair count is reached; per pixel a LOS rate (σ = 2 cm/yr) and an annual term
 * (amplitude up to 1 cm), coherence γ = 0.2 + 0.7·e^(−Δt/48 d)·u, u ~ U(0.5, 1), and Gaussian
 * decorrelation noise σ² = (1 − γ²)/(2Lγ²), L = 4 (Rodriguez &amp; Martin 1992). Phase follows
 * φ = −4π/λ·Δd (SCIENCE.md). Fixed seed; about 0.1 µs per value.
 */
final class SyntheticStack {
    static final double WAVELENGTH = SceneSpec.SENTINEL1_WAVELENGTH;
    static final int LOOKS = 4;

    final Network network;
    final GridGeometry grid;
    final float[] phase;
    final float[] coherence;

    private SyntheticStack(Network network, GridGeometry grid, float[] phase, float[] coherence) {
        this.network = network;
        this.grid = grid;
        this.phase = phase;
        this.coherence = coherence;
    }

    /** The network: pairs (i, i+1), then (i, i+2), … in that order until {@code pairs} are taken. */
    static Network network(int dates, int pairs, long seed) {
        if (dates < 2 || pairs < dates - 1 || pairs > (long) dates * (dates - 1) / 2) {
            throw new IllegalArgumentException("need dates ≥ 2 and dates−1 ≤ pairs ≤ dates·(dates−1)/2, got " + dates
                    + " dates, " + pairs + " pairs");
        }
        LocalDate t0 = LocalDate.of(2017, 1, 4);
        List<Pair> list = new ArrayList<>(pairs);
        for (int step = 1; list.size() < pairs; step++) {
            for (int i = 0; i + step < dates && list.size() < pairs; i++) {
                list.add(new Pair(t0.plusDays(12L * i), t0.plusDays(12L * (i + step))));
            }
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[] bperp = new double[pairs];
        for (int k = 0; k < pairs; k++) {
            bperp[k] = 100 * (rng.nextDouble() - 0.5);
        }
        return new Network(list, bperp);
    }

    static SyntheticStack create(int dates, int pairs, int pixels, long seed) {
        Network net = network(dates, pairs, seed);
        int cols = 0;
        for (int c = Math.min(pixels, 250); c >= 20 && cols == 0; c--) {
            cols = pixels % c == 0 ? c : 0; // rows × cols = pixels exactly where a divisor allows
        }
        if (cols == 0) {
            cols = Math.min(pixels, 200);
        }
        int rows = (pixels + cols - 1) / cols;
        GridGeometry grid = GridGeometry.geocoded(rows, cols, SceneSpec.utmGrid(rows, cols), SceneSpec.UTM_46N, Double.NaN);
        int n = grid.size(), m = net.pairCount();
        float[] phase = new float[Math.multiplyExact(m, n)];
        float[] coh = new float[phase.length];
        SplittableRandom rng = new SplittableRandom(seed + 1);
        double[] rate = new double[n], amp = new double[n];
        for (int p = 0; p < n; p++) {
            rate[p] = 0.02 * gauss(rng);
            amp[p] = 0.01 * rng.nextDouble();
        }
        double toPhase = -4 * Math.PI / WAVELENGTH; // φ = −4π/λ·d
        for (int k = 0; k < m; k++) {
            double ti = net.dayOffset(net.referenceIndex(k)) / 365.25, tj = net.dayOffset(net.secondaryIndex(k)) / 365.25;
            double dt = (tj - ti) * 365.25, decay = Math.exp(-dt / 48.0);
            double ds = Math.sin(2 * Math.PI * tj) - Math.sin(2 * Math.PI * ti);
            for (int p = 0, o = k * n; p < n; p++, o++) {
                double g = 0.2 + 0.7 * decay * (0.5 + 0.5 * rng.nextDouble());
                double sigma = Math.sqrt((1 - g * g) / (2 * LOOKS * g * g));
                coh[o] = (float) g;
                phase[o] = (float) (toPhase * (rate[p] * (tj - ti) + amp[p] * ds) + sigma * gauss(rng));
            }
        }
        return new SyntheticStack(net, grid, phase, coh);
    }

    private static double gauss(SplittableRandom r) {
        // Box–Muller
        double u = 1 - r.nextDouble(), v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /** Writes the first {@code rows} rows as a MintPy ifgramStack.h5 with REF_Y/REF_X = 0, 0 and ALOOKS×RLOOKS = L. */
    void write(Path file, int rows) throws IOException {
        int cols = grid.cols(), n = grid.size(), sub = rows * cols, m = network.pairCount();
        GridGeometry g = GridGeometry.geocoded(rows, cols, SceneSpec.utmGrid(rows, cols), SceneSpec.UTM_46N, Double.NaN);
        float[] ph = phase, co = coherence;
        if (rows < grid.rows()) {
            ph = new float[m * sub];
            co = new float[m * sub];
            for (int k = 0; k < m; k++) {
                System.arraycopy(phase, k * n, ph, k * sub, sub);
                System.arraycopy(coherence, k * n, co, k * sub, sub);
            }
        }
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("WAVELENGTH", String.valueOf(WAVELENGTH));
        attrs.put("ALOOKS", String.valueOf(LOOKS));
        attrs.put("RLOOKS", "1");
        attrs.put("REF_Y", "0");
        attrs.put("REF_X", "0");
        attrs.put("PLATFORM", "Sen");
        MintPyWriter.writeIfgramStack(file, g, network, null, ph, co, null, attrs);
    }
}
