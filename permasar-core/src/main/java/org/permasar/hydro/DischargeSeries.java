package org.permasar.hydro;

import java.time.LocalDate;
import java.util.Arrays;

/**
 * A daily discharge series without holes in its calendar: day {@code i} is {@code start + i days}.
 * Discharge in m³/s; a missing day is NaN. {@code flagged[i]} marks a day whose value the source
 * qualifies (ice-affected, estimated, …); what a flag means is the reader's business, the recession
 * extraction can only keep or drop flagged days. Immutable: the arrays are copied in and out.
 *
 * @param start   first day (UTC calendar day of the source's clock)
 * @param q       mean daily discharge, m³/s, NaN where missing
 * @param flagged per day, true when the source flags the value; same length as {@code q}
 */
public record DischargeSeries(LocalDate start, double[] q, boolean[] flagged) {
    public DischargeSeries {
        if (start == null) {
            throw new IllegalArgumentException("start date is null");
        }
        if (q.length == 0 || q.length != flagged.length) {
            throw new IllegalArgumentException("need one flag per day and at least one day: " + q.length + " values, "
                    + flagged.length + " flags");
        }
        q = q.clone();
        flagged = flagged.clone();
    }

    /** A series without flags. */
    public static DischargeSeries unflagged(LocalDate start, double[] q) {
        return new DischargeSeries(start, q, new boolean[q.length]);
    }

    /** Number of calendar days. */
    public int size() {
        return q.length;
    }

    /** Day {@code i}. */
    public LocalDate date(int i) {
        return start.plusDays(i);
    }

    /** Discharge of day {@code i}, m³/s (NaN when missing). */
    public double q(int i) {
        return q[i];
    }

    /** Whether day {@code i} is flagged. */
    public boolean flagged(int i) {
        return flagged[i];
    }

    @Override
    public double[] q() {
        return q.clone();
    }

    @Override
    public boolean[] flagged() {
        return flagged.clone();
    }

    /** Days with a finite value. */
    public int validDays() {
        int n = 0;
        for (double v : q) {
            n += Double.isFinite(v) ? 1 : 0;
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DischargeSeries d && start.equals(d.start) && Arrays.equals(q, d.q)
                && Arrays.equals(flagged, d.flagged);
    }

    @Override
    public int hashCode() {
        return start.hashCode() * 31 + Arrays.hashCode(q);
    }

    @Override
    public String toString() {
        return "DischargeSeries[" + start + " … " + date(q.length - 1) + ", " + validDays() + " valid days]";
    }
}
