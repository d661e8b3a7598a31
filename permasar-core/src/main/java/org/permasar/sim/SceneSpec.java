package org.permasar.sim;

import java.time.LocalDate;
import java.util.Objects;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;

/**
 * What to simulate: size and georeferencing of the scene, the acquisition calendar, the radar
 * wavelength and the random seed. Immutable; {@code withX} methods return modified copies.
 *
 * <p>The default grid is UTM zone 46N (EPSG:32646) with 100 m pixels, centred near 35° N 93° E
 * on the Tibetan plateau (central meridian 93° E, so easting 500 000 m there).
 *
 * @param rows           grid rows, 8 … 4000
 * @param cols           grid columns, 8 … 4000
 * @param start          first ascending acquisition (UTC date)
 * @param years          length of the SAR record in whole years, 1 … 12
 * @param repeatDays     revisit interval in days (Sentinel-1: 12), 1 … 60
 * @param seed           seed of every random component (the same seed gives bit-identical scenes)
 * @param transform      pixel → map coordinates (metres for a UTM grid)
 * @param epsg           EPSG code of {@code transform}'s CRS
 * @param wavelength     radar wavelength in metres (Sentinel-1 C band: 0.05546576)
 * @param noise          false gives a noise-free scene: no atmosphere, no decorrelation noise, no
 *                       unwrapping errors, no day-to-day LST noise and no cloud gaps
 * @param looks          number of looks L of the distributed-scatterer phase noise model, ≥ 1
 * @param shortNeighbours each date is paired with this many following dates, 1 … 10
 * @param gaps           number of missed acquisitions (dropped at random, never the first or
 *                       last date; the same dates on both tracks), 0 … 10 % of the dates
 */
public record SceneSpec(int rows, int cols, LocalDate start, int years, int repeatDays, long seed,
                        GeoTransform transform, int epsg, double wavelength, boolean noise, int looks,
                        int shortNeighbours, int gaps) {

    /** Sentinel-1 C-band wavelength in metres (MintPy's value, c / 5.405 GHz). */
    public static final double SENTINEL1_WAVELENGTH = 0.05546576;
    /** UTM zone 46N on WGS 84. */
    public static final int UTM_46N = 32646;
    /** Pixel size of the preset grids, metres. */
    public static final double PIXEL_METRES = 100.0;

    public SceneSpec {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(transform, "transform");
        if (rows < 8 || cols < 8 || rows > 4000 || cols > 4000) {
            throw new IllegalArgumentException("scene needs 8 ≤ rows, cols ≤ 4000, got " + rows + "×" + cols);
        }
        if (years < 1 || years > 12) {
            throw new IllegalArgumentException("years must be in 1 … 12, got " + years);
        }
        if (repeatDays < 1 || repeatDays > 60) {
            throw new IllegalArgumentException("repeatDays must be in 1 … 60, got " + repeatDays);
        }
        if (!(wavelength > 0) || !Double.isFinite(wavelength)) {
            throw new IllegalArgumentException("wavelength must be a positive number of metres, got " + wavelength);
        }
        if (epsg <= 0) {
            throw new IllegalArgumentException("epsg must be > 0, got " + epsg);
        }
        if (looks < 1) {
            throw new IllegalArgumentException("looks must be ≥ 1, got " + looks);
        }
        if (shortNeighbours < 1 || shortNeighbours > 10) {
            throw new IllegalArgumentException("shortNeighbours must be in 1 … 10, got " + shortNeighbours);
        }
        int dateCount = (int) Math.floor(years * 365.25 / repeatDays) + 1;
        if (gaps < 0 || gaps > dateCount / 10) {
            throw new IllegalArgumentException("gaps must be in 0 … " + dateCount / 10 + " (10 % of " + dateCount
                    + " dates), got " + gaps);
        }
    }

    /** The demo / test scene: 40 × 50 px, 5 years of 12-day acquisitions from 2017-01-04, 3 missed. */
    public static SceneSpec small() {
        return preset(40, 50, 5, 20170104L, 3);
    }

    /** A unit-test scene: 16 × 20 px, 2 years of 12-day acquisitions from 2017-01-04, none missed. */
    public static SceneSpec tiny() {
        return preset(16, 20, 2, 42L, 0);
    }

    private static SceneSpec preset(int rows, int cols, int years, long seed, int gaps) {
        return new SceneSpec(rows, cols, LocalDate.of(2017, 1, 4), years, 12, seed, utmGrid(rows, cols), UTM_46N,
                SENTINEL1_WAVELENGTH, true, 20, 3, gaps);
    }

    /** A north-up UTM 46N grid of 100 m pixels centred on 35.0° N, 93.0° E (E 500 000, N 3 873 043 m). */
    public static GeoTransform utmGrid(int rows, int cols) {
        double centreE = 500_000.0, centreN = 3_873_043.0;
        return GeoTransform.northUp(centreE - cols * PIXEL_METRES / 2, PIXEL_METRES,
                centreN + rows * PIXEL_METRES / 2, -PIXEL_METRES);
    }

    /** The scene's grid (nodata NaN). */
    public GridGeometry grid() {
        return GridGeometry.geocoded(rows, cols, transform, epsg, Double.NaN);
    }

    /** Number of pixels. */
    public int size() {
        return rows * cols;
    }

    public SceneSpec withNoise(boolean on) {
        return new SceneSpec(rows, cols, start, years, repeatDays, seed, transform, epsg, wavelength, on, looks,
                shortNeighbours, gaps);
    }

    public SceneSpec withSeed(long s) {
        return new SceneSpec(rows, cols, start, years, repeatDays, s, transform, epsg, wavelength, noise, looks,
                shortNeighbours, gaps);
    }

    /** Same scene on a new grid size (the preset UTM grid is recentred). */
    public SceneSpec withSize(int r, int c) {
        return new SceneSpec(r, c, start, years, repeatDays, seed, utmGrid(r, c), epsg, wavelength, noise, looks,
                shortNeighbours, gaps);
    }

    public SceneSpec withYears(int y) {
        return new SceneSpec(rows, cols, start, y, repeatDays, seed, transform, epsg, wavelength, noise, looks,
                shortNeighbours, gaps);
    }

    public SceneSpec withGaps(int g) {
        return new SceneSpec(rows, cols, start, years, repeatDays, seed, transform, epsg, wavelength, noise, looks,
                shortNeighbours, g);
    }

    public SceneSpec withLooks(int l) {
        return new SceneSpec(rows, cols, start, years, repeatDays, seed, transform, epsg, wavelength, noise, l,
                shortNeighbours, gaps);
    }
}
