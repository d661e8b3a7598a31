package org.permasar.sim;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Simulated land-surface temperature: a daily series per pixel and MODIS-like 8-day composites
 * with cloud gaps. All temperatures in <b>degrees Celsius</b>.
 *
 * <p>Daily model: T(t) = T̄ − A·cos(2π(t − t_c)/365.25 d) + ε(t), with T̄ and A per pixel
 * (lapse rate −6 °C/km, {@link SceneLayout}), coldest day t_c = 20 January, and weather noise
 * ε = regional AR(1) anomaly (stationary std 1.5 °C, lag-1 correlation 0.7, the same for every
 * pixel on a day) + local white noise (std 0.7 °C). No noise when {@link SceneSpec#noise()} is false.
 *
 * <p>Composites follow MOD11A2's calendar: windows start on day-of-year 1, 9, 17, …, 361 of
 * each calendar year (the last window of a year is 5 or 6 days long); the composite is the mean
 * of the daily values in its window, dated by its first day. Clouds: per composite a fraction
 * f ~ U(0.1, 0.4) of the pixels (spatially correlated blobs of radius ≈ 3 px) is NaN.
 *
 * <p>Streaming: the constructor draws the whole random stream once (day by day, pixel by pixel,
 * then the cloud fields) but keeps only the stream's state at the start of every row of every
 * day ({@code days × rows} longs), the regional anomalies and the cloud masks (one bit per pixel
 * and composite); {@link #fillDaily} then regenerates any band of rows exactly, so the values do
 * not depend on how the scene is cut into blocks. Immutable after construction; the fill methods
 * are thread-safe (each uses its own copy of the stream).
 */
final class LandSurfaceTemperature {
    static final double AR_RHO = 0.7;
    static final double REGIONAL_STD = 1.5;
    static final double LOCAL_STD = 0.7;

    final LocalDate dailyStart;
    final int days;
    /** Day index of 1 January of each calendar year, plus {@code days} at the end. */
    final int[] yearStart;
    final List<LocalDate> compositeDates;
    private final SceneLayout layout;
    private final boolean noise;
    private final int rows;
    private final int cols;
    private final double[] seasonal;
    private final double[] regional;
    /** Stream state before the local draw of pixel (r, 0) on day d, at {@code d·rows + r}. */
    private final long[] rowStates;
    private final ReplayableRandom stream;
    /** First (inclusive) and last (exclusive) day of each composite window. */
    private final int[] windowStart;
    private final int[] windowEnd;
    /** Cloud masks, composite-major bit sets of {@code rows·cols} bits each. */
    private final long[][] cloud;

    LandSurfaceTemperature(SceneSpec spec, SceneLayout layout, LocalDate firstDay, LocalDate lastDay,
                           ReplayableRandom rng, RandomField field) {
        if (firstDay.getDayOfYear() != 1 || lastDay.getDayOfYear() != lastDay.lengthOfYear()) {
            throw new IllegalArgumentException("daily LST must span whole calendar years, got " + firstDay + " … "
                    + lastDay);
        }
        this.layout = layout;
        this.noise = spec.noise();
        this.rows = spec.rows();
        this.cols = spec.cols();
        this.stream = rng.copy();
        int n = spec.size();
        dailyStart = firstDay;
        days = (int) (lastDay.toEpochDay() - firstDay.toEpochDay() + 1);
        int firstYear = firstDay.getYear(), nYears = lastDay.getYear() - firstYear + 1;
        yearStart = new int[nYears + 1];
        for (int k = 0; k < nYears; k++) {
            yearStart[k] = (int) (LocalDate.of(firstYear + k, 1, 1).toEpochDay() - firstDay.toEpochDay());
        }
        yearStart[nYears] = days;
        long coldest = LocalDate.of(firstYear, 1, 20).toEpochDay();
        seasonal = new double[days];
        regional = new double[days];
        rowStates = new long[noise ? days * rows : 0];
        double reg = 0;
        double innovation = REGIONAL_STD * Math.sqrt(1 - AR_RHO * AR_RHO);
        for (int d = 0; d < days; d++) {
            double phase = 2 * Math.PI * (firstDay.toEpochDay() + d - coldest) / 365.25;
            seasonal[d] = -Math.cos(phase);
            if (noise) {
                reg = d == 0 ? REGIONAL_STD * rng.nextGaussian() : AR_RHO * reg + innovation * rng.nextGaussian();
                regional[d] = reg;
                for (int r = 0; r < rows; r++) {
                    rowStates[d * rows + r] = rng.state();
                    for (int c = 0; c < cols; c++) {
                        rng.nextGaussian(); // the local noise of pixel (r, c), replayed by fillDaily
                    }
                }
            }
        }
        // MOD11A2 8-day windows within each calendar year
        List<int[]> windows = new ArrayList<>();
        List<LocalDate> dates = new ArrayList<>();
        for (int k = 0; k < nYears; k++) {
            for (int w0 = yearStart[k]; w0 < yearStart[k + 1]; w0 += 8) {
                windows.add(new int[] {w0, Math.min(w0 + 8, yearStart[k + 1])});
                dates.add(firstDay.plusDays(w0));
            }
        }
        compositeDates = List.copyOf(dates);
        windowStart = new int[windows.size()];
        windowEnd = new int[windows.size()];
        for (int m = 0; m < windows.size(); m++) {
            windowStart[m] = windows.get(m)[0];
            windowEnd[m] = windows.get(m)[1];
        }
        cloud = new long[noise ? windows.size() : 0][];
        if (noise) {
            float[] field1 = new float[n];
            float[] sorted = new float[n];
            for (int m = 0; m < windows.size(); m++) {
                double fraction = 0.1 + 0.3 * rng.nextDouble();
                field.fill(rng, 3, field1, 0);
                System.arraycopy(field1, 0, sorted, 0, n);
                Arrays.sort(sorted);
                int cut = (int) Math.round((1 - fraction) * n);
                float threshold = cut >= n ? Float.POSITIVE_INFINITY : sorted[cut];
                long[] bits = new long[(n + 63) / 64];
                for (int i = 0; i < n; i++) {
                    if (field1[i] >= threshold) {
                        bits[i >>> 6] |= 1L << i;
                    }
                }
                cloud[m] = bits;
            }
        }
    }

    /** Number of 8-day composites. */
    int composites() {
        return windowStart.length;
    }

    /**
     * Daily LST of rows {@code row0 … row0+nRows−1}, day-major: {@code dest[d·bandSize + j]},
     * j = (r − row0)·cols + c, bandSize = nRows·cols.
     */
    void fillDaily(int row0, int nRows, float[] dest) {
        int band = nRows * cols;
        checkLength(dest, (long) days * band, "daily LST");
        ReplayableRandom rng = stream.copy();
        for (int d = 0; d < days; d++) {
            double s = seasonal[d], reg = regional[d];
            int out = d * band;
            for (int r = 0; r < nRows; r++) {
                int row = row0 + r;
                if (noise) {
                    rng.reset(rowStates[d * rows + row]);
                }
                for (int c = 0; c < cols; c++) {
                    int i = row * cols + c;
                    double eps = noise ? reg + LOCAL_STD * rng.nextGaussian() : 0.0;
                    dest[out + r * cols + c] = (float) (layout.lstMean[i] + layout.lstAmplitude[i] * s + eps);
                }
            }
        }
    }

    /**
     * 8-day composites of the band whose daily LST is {@code daily} ({@link #fillDaily} layout),
     * composite-major {@code dest[m·bandSize + j]}, NaN under cloud.
     */
    void fillComposites(int row0, int nRows, float[] daily, float[] dest) {
        int band = nRows * cols, first = row0 * cols;
        checkLength(dest, (long) windowStart.length * band, "LST composites");
        for (int m = 0; m < windowStart.length; m++) {
            int a = windowStart[m], b = windowEnd[m];
            int out = m * band;
            for (int j = 0; j < band; j++) {
                double s = 0;
                for (int d = a; d < b; d++) {
                    s += daily[d * band + j];
                }
                dest[out + j] = (float) (s / (b - a));
                if (noise) {
                    int i = first + j;
                    if ((cloud[m][i >>> 6] & (1L << i)) != 0) {
                        dest[out + j] = Float.NaN;
                    }
                }
            }
        }
    }

    private static void checkLength(float[] dest, long need, String what) {
        if (dest.length < need) {
            throw new IllegalArgumentException(what + " of a band needs " + need + " values, got " + dest.length);
        }
    }
}
