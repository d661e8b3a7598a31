package org.permasar.hydro;

import java.time.LocalDate;

/**
 * One recession segment and its derivative points. {@code q} holds the segment's daily discharge
 * (m³/s) from {@code start} to {@code end}; point k pairs a discharge {@code pointQ[k]} (m³/s) with
 * a recession rate {@code rate[k]} = −dQ/dt (m³/s per day, &gt; 0) on day {@code pointDay[k]} (epoch
 * day). Points whose estimated −dQ/dt is not positive (possible with ETS) are left out. Immutable.
 *
 * @param index    0-based number of the event in its series
 * @param start    first kept day
 * @param end      last kept day
 * @param q        daily discharge over [start, end], m³/s
 * @param pointQ   discharge of each derivative point, m³/s
 * @param rate     −dQ/dt of each point, m³/s per day
 * @param pointDay epoch day of each point
 */
public record RecessionEvent(int index, LocalDate start, LocalDate end, double[] q, double[] pointQ, double[] rate,
        long[] pointDay) {
    public RecessionEvent {
        if (pointQ.length != rate.length || rate.length != pointDay.length) {
            throw new IllegalArgumentException("point arrays differ in length: " + pointQ.length + ", " + rate.length + ", "
                    + pointDay.length);
        }
        q = q.clone();
        pointQ = pointQ.clone();
        rate = rate.clone();
        pointDay = pointDay.clone();
    }

    /** Number of days. */
    public int days() {
        return q.length;
    }

    /** Number of derivative points. */
    public int points() {
        return rate.length;
    }

    @Override
    public double[] q() {
        return q.clone();
    }

    @Override
    public double[] pointQ() {
        return pointQ.clone();
    }

    @Override
    public double[] rate() {
        return rate.clone();
    }

    @Override
    public long[] pointDay() {
        return pointDay.clone();
    }

    /** Calendar year of the start day (events are grouped by it). */
    public int year() {
        return start.getYear();
    }
}
