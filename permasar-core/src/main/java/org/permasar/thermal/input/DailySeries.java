package org.permasar.thermal.input;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A continuous daily series from a station or site file: {@code values[i]} is the value of day
 * {@code start + i}; NaN = missing (an empty cell, a missing-value code, or a day absent from the file).
 * Immutable by convention: the array is not copied, treat it as read-only.
 *
 * @param name   column name in the source (e.g. {@code tair_degC})
 * @param unit   unit of the values as declared or inferred (e.g. "°C"), never null
 * @param start  date of {@code values[0]}
 * @param values one value per day, at least one
 */
public record DailySeries(String name, String unit, LocalDate start, double[] values) {

    public DailySeries {
        if (name == null || unit == null || start == null || values == null || values.length == 0) {
            throw new IllegalArgumentException("a daily series needs a name, unit, start and ≥ 1 value, got name="
                    + name + " unit=" + unit + " start=" + start + " values="
                    + (values == null ? "null" : values.length));
        }
    }

    /** Number of days. */
    public int length() {
        return values.length;
    }

    /** Last day. */
    public LocalDate end() {
        return start.plusDays(values.length - 1L);
    }

    /** Value on {@code day}, NaN when missing or outside the series. */
    public double valueAt(LocalDate day) {
        long i = day.toEpochDay() - start.toEpochDay();
        return i < 0 || i >= values.length ? Double.NaN : values[(int) i];
    }

    /** Number of non-NaN values. */
    public int validCount() {
        int n = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                n++;
            }
        }
        return n;
    }

    /** Every day of the series, in order. */
    public List<LocalDate> dates() {
        List<LocalDate> d = new ArrayList<>(values.length);
        for (int i = 0; i < values.length; i++) {
            d.add(start.plusDays(i));
        }
        return d;
    }
}
