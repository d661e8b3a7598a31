package org.permasar.thermal.input;

import java.time.LocalDate;
import java.util.List;
import org.permasar.grid.GridGeometry;

/**
 * Land-surface temperature on a grid at a series of dates (e.g. MODIS MOD11A2 8-day composites), in
 * <b>degrees Celsius</b>, as the thermal step consumes it (HANTS gap filling, onsets, degree-days,
 * SCIENCE.md §3).
 *
 * <p>Layout: layer-major, one layer per date, {@code celsius[t·grid.size() + r·grid.cols() + c]}; the
 * same block convention as {@link org.permasar.grid.Window}. NaN = missing (cloud, fill value, outside
 * the source grid). Dates strictly increasing. The record does not copy the array: treat it as
 * read-only once built.
 *
 * @param grid    grid of the values (a sub-window's grid for a block)
 * @param dates   acquisition (composite start) dates, strictly increasing, at least one
 * @param celsius temperatures, °C, {@code dates.size() · grid.size()} values
 */
public record LstCube(GridGeometry grid, List<LocalDate> dates, float[] celsius) {

    public LstCube {
        if (grid == null || dates == null || celsius == null) {
            throw new IllegalArgumentException("grid, dates and celsius are required, got grid=" + grid
                    + " dates=" + dates + " celsius=" + (celsius == null ? "null" : celsius.length + " values"));
        }
        dates = List.copyOf(dates);
        if (dates.isEmpty()) {
            throw new IllegalArgumentException("an LST cube needs at least one date");
        }
        for (int i = 1; i < dates.size(); i++) {
            if (!dates.get(i).isAfter(dates.get(i - 1))) {
                throw new IllegalArgumentException("dates must be strictly increasing: " + dates.get(i - 1)
                        + " then " + dates.get(i) + " at index " + i);
            }
        }
        if ((long) dates.size() * grid.size() != celsius.length) {
            throw new IllegalArgumentException("celsius has " + celsius.length + " values, expected dates×pixels = "
                    + dates.size() + "×" + grid.size());
        }
    }

    /** Number of dates (layers). */
    public int layers() {
        return dates.size();
    }

    /** Value at date index {@code t}, row {@code r}, column {@code c} of this cube's grid, °C. */
    public float at(int t, int r, int c) {
        return celsius[t * grid.size() + r * grid.cols() + c];
    }

    /** Times of the dates in days since {@code origin} (e.g. for HANTS), as doubles. */
    public double[] days(LocalDate origin) {
        double[] d = new double[dates.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = dates.get(i).toEpochDay() - origin.toEpochDay();
        }
        return d;
    }
}
