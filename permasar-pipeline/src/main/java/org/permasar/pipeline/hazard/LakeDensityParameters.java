package org.permasar.pipeline.hazard;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * Settings of the lake-density step ({@link LakeDensityStep}, SCIENCE.md §6, seed 004): what
 * {@code permasar lake-density} parses from its options. Validated on construction ({@link IllegalArgumentException}
 * naming the option); immutable.
 *
 * @param lakes       lake polygons (GeoJSON or Shapefile, any CRS; e.g. {@code permasar lakes}' lakes.geojson)
 * @param deformation velocity (MintPy velocity.h5 → its {@code velocity}, or a GeoTIFF; m/yr), geocoded
 * @param amplitude   seasonal amplitude raster {@code FILE[:DATASET]} (m), or null: the deformation file's
 *                    {@code seasonalAmplitude} when it has one
 * @param cell        cell size, m
 * @param minCoverage least share of a full cell's pixels (the median count) for a cell to be used, 0…1
 * @param classes     distance classes of the modified t-test, ≥ 1
 * @param binEdges    lake-area-fraction bin edges of the binned statistics, %, increasing
 * @param out         output folder
 * @param window      side of the square moving window, m ({@code --window}); NaN: cells of {@code cell} m instead
 * @param step        distance between the moving windows' centres, m, ≤ window ({@code --step}); NaN: window / 2
 */
public record LakeDensityParameters(Path lakes, Path deformation, String amplitude, double cell, double minCoverage,
                                    int classes, double[] binEdges, Path out, double window, double step) {
    /** Most cells (or windows in the statistics) the O(n²) test is run on. */
    public static final int MAX_CELLS = 10_000;
    /** Default cell size, m. */
    public static final double CELL = 1000;
    /** Default least share of a full cell's pixels. */
    public static final double MIN_COVERAGE = 0.5;
    /** Default distance classes of the modified t-test. */
    public static final int CLASSES = 13;
    /** Default lake-area-share bin edges, %. */
    public static final String BINS = "0,1,5,10,20,40,100";
    /** Most moving windows in the map. */
    public static final int MAX_WINDOWS = 1_000_000;

    public LakeDensityParameters {
        Objects.requireNonNull(lakes, "--lakes");
        Objects.requireNonNull(deformation, "--deformation");
        Objects.requireNonNull(out, "--out");
        if (!(cell > 0) || Double.isInfinite(cell)) {
            throw new IllegalArgumentException("--cell must be finite and > 0 m, got " + cell);
        }
        if (!(minCoverage >= 0 && minCoverage <= 1)) {
            throw new IllegalArgumentException("--min-coverage must be within 0 … 1, got " + minCoverage);
        }
        if (classes < 1 || classes > 1000) {
            throw new IllegalArgumentException("--classes must be within 1 … 1000, got " + classes);
        }
        if (!Double.isNaN(window) && !(window > 0 && window < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("--window must be finite and > 0 m, got " + window);
        }
        if (!Double.isNaN(step) && Double.isNaN(window)) {
            throw new IllegalArgumentException("--step " + step + " needs --window");
        }
        if (!Double.isNaN(step) && !(step > 0 && step <= window)) {
            throw new IllegalArgumentException("--step must be > 0 m and at most --window (" + window + " m), got "
                    + step);
        }
        binEdges = binEdges.clone();
        if (binEdges.length < 2) {
            throw new IllegalArgumentException("--bins needs at least two edges, got " + Arrays.toString(binEdges));
        }
        for (int i = 0; i < binEdges.length; i++) {
            if (!(binEdges[i] >= 0 && binEdges[i] <= 100) || (i > 0 && !(binEdges[i] > binEdges[i - 1]))) {
                throw new IllegalArgumentException("--bins must be increasing percentages within 0 … 100, got "
                        + Arrays.toString(binEdges));
            }
        }
    }

    /** Cells of {@code cell} m, no moving window. */
    public LakeDensityParameters(Path lakes, Path deformation, String amplitude, double cell, double minCoverage,
                                 int classes, double[] binEdges, Path out) {
        this(lakes, deformation, amplitude, cell, minCoverage, classes, binEdges, out, Double.NaN, Double.NaN);
    }

    /** True for moving windows ({@code --window}), false for cells. */
    public boolean moving() {
        return !Double.isNaN(window);
    }

    /** The moving windows' step: {@code step}, or window / 2 when not given. */
    public double windowStep() {
        return Double.isNaN(step) ? window / 2 : step;
    }

    @Override
    public double[] binEdges() {
        return binEdges.clone();
    }

    @Override
    public String toString() {
        return "LakeDensityParameters[lakes=" + lakes + ", deformation=" + deformation + ", amplitude=" + amplitude
                + ", cell=" + cell + ", minCoverage=" + minCoverage + ", classes=" + classes + ", binEdges="
                + Arrays.toString(binEdges) + ", out=" + out + ", window=" + window + ", step=" + step + "]";
    }

    /** Parses "0,1,5,10" (percent). */
    public static double[] parseBins(String text) {
        String[] f = text.split(",");
        double[] out = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            try {
                out[i] = Double.parseDouble(f[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--bins: '" + f[i].trim() + "' is not a number");
            }
        }
        return out;
    }
}
