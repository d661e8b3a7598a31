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
import org.permasar.grid.Window;
import org.permasar.hdf5.Hdf5BlockSink;
import org.permasar.io.mintpy.MintPyWriter;
import org.permasar.io.sink.DatasetSpec;
import org.permasar.network.Dates;
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
 *
 * <p>Every row draws from its own random stream (seeded by the stack's seed and the row), so a
 * row has the same values whichever rows are written with it: the stack is written band by band
 * ({@link #write}) in memory of one band, at any size (10⁶ px × 770 pairs is a 6.2 GB file), and
 * the first rows of the full stack equal a subset written alone. Immutable.
 */
final class SyntheticStack {
    static final double WAVELENGTH = SceneSpec.SENTINEL1_WAVELENGTH;
    static final int LOOKS = 4;
    /** Target bytes of one chunk (pairs × band rows × all columns) of each cube. */
    private static final long CHUNK_BYTES = 4L << 20;

    final Network network;
    final GridGeometry grid;
    final long seed;

    private SyntheticStack(Network network, GridGeometry grid, long seed) {
        this.network = network;
        this.grid = grid;
        this.seed = seed;
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

    /**
     * The stack's shape: {@code pixels} laid out as rows × cols with 20 ≤ cols ≤ 250 dividing
     * {@code pixels} where possible (else 200 columns and the last row filled up).
     */
    static SyntheticStack create(int dates, int pairs, int pixels, long seed) {
        if (pixels < 1) {
            throw new IllegalArgumentException("need pixels ≥ 1, got " + pixels);
        }
        Network net = network(dates, pairs, seed);
        int cols = 0;
        for (int c = Math.min(pixels, 250); c >= 20 && cols == 0; c--) {
            cols = pixels % c == 0 ? c : 0; // rows × cols = pixels exactly where a divisor allows
        }
        if (cols == 0) {
            cols = Math.min(pixels, 200);
        }
        int rows = (pixels + cols - 1) / cols;
        return new SyntheticStack(net, grid(rows, cols), seed);
    }

    private static GridGeometry grid(int rows, int cols) {
        return GridGeometry.geocoded(rows, cols, SceneSpec.utmGrid(rows, cols), SceneSpec.UTM_46N, Double.NaN);
    }

    /**
     * Phase and coherence of rows {@code r0 … r0+rows−1}, pair-major: {@code phase[k·n + p]} for pair
     * k and the band's pixel p (row-major), n = rows·cols. Arrays of at least pairs·n values.
     */
    void band(int r0, int rows, float[] phase, float[] coherence) {
        int cols = grid.cols(), n = rows * cols, m = network.pairCount();
        double toPhase = -4 * Math.PI / WAVELENGTH; // φ = −4π/λ·d
        double[] rate = new double[cols], amp = new double[cols];
        for (int r = 0; r < rows; r++) {
            SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + r0 + r + 1);
            for (int c = 0; c < cols; c++) {
                rate[c] = 0.02 * gauss(rng);
                amp[c] = 0.01 * rng.nextDouble();
            }
            for (int k = 0; k < m; k++) {
                double ti = network.dayOffset(network.referenceIndex(k)) / 365.25;
                double tj = network.dayOffset(network.secondaryIndex(k)) / 365.25;
                double dt = (tj - ti) * 365.25, decay = Math.exp(-dt / 48.0);
                double ds = Math.sin(2 * Math.PI * tj) - Math.sin(2 * Math.PI * ti);
                for (int c = 0, o = k * n + r * cols; c < cols; c++, o++) {
                    double g = 0.2 + 0.7 * decay * (0.5 + 0.5 * rng.nextDouble());
                    double sigma = Math.sqrt((1 - g * g) / (2 * LOOKS * g * g));
                    coherence[o] = (float) g;
                    phase[o] = (float) (toPhase * (rate[c] * (tj - ti) + amp[c] * ds) + sigma * gauss(rng));
                }
            }
        }
    }

    private static double gauss(SplittableRandom r) {
        // Box–Muller
        double u = 1 - r.nextDouble(), v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /**
     * Writes the first {@code rows} rows as a MintPy ifgramStack.h5 (libhdf5, chunks of all pairs ×
     * a band of rows × all columns, uncompressed, as MintPy's loader makes them) with REF_Y/REF_X =
     * 0, 0, ALOOKS×RLOOKS = L and no connectComponent; band by band, atomically.
     */
    void write(Path file, int rows) throws IOException {
        if (rows < 1 || rows > grid.rows()) {
            throw new IllegalArgumentException("rows must be 1 … " + grid.rows() + ", got " + rows);
        }
        int cols = grid.cols(), m = network.pairCount();
        GridGeometry g = grid(rows, cols);
        int band = (int) Math.max(1, Math.min(rows, CHUNK_BYTES / (4L * m * cols)));
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("WAVELENGTH", String.valueOf(WAVELENGTH));
        attrs.put("ALOOKS", String.valueOf(LOOKS));
        attrs.put("RLOOKS", "1");
        attrs.put("REF_Y", "0");
        attrs.put("REF_X", "0");
        attrs.put("PLATFORM", "Sen");
        String[][] dates = new String[m][2];
        float[] bperp = new float[m];
        boolean[] keep = new boolean[m];
        for (int k = 0; k < m; k++) {
            dates[k][0] = Dates.compact(network.pairs().get(k).reference());
            dates[k][1] = Dates.compact(network.pairs().get(k).secondary());
            bperp[k] = (float) network.bperp(k);
            keep[k] = true;
        }
        try (Hdf5BlockSink sink = Hdf5BlockSink.open(file, g, MintPyWriter.ifgramStackAttributes(g, network, attrs))) {
            sink.writeStrings("date", dates, 8);
            sink.writeVector("bperp", bperp);
            sink.writeBooleans("dropIfgram", keep);
            sink.create(DatasetSpec.cube("unwrapPhase", m, rows, cols).withChunks(m, band, cols));
            sink.create(DatasetSpec.cube("coherence", m, rows, cols).withChunks(m, band, cols));
            float[] ph = new float[m * band * cols], co = new float[ph.length];
            for (int r0 = 0; r0 < rows; r0 += band) {
                int h = Math.min(band, rows - r0);
                Window w = new Window(r0, 0, h, cols);
                band(r0, h, ph, co);
                sink.writeBlock("unwrapPhase", w, ph, 0);
                sink.writeBlock("coherence", w, co, 0);
            }
            sink.commit();
        }
    }
}
