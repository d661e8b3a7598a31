package org.permasar.snow;

import java.time.MonthDay;

/**
 * Settings of backscatter melt detection ({@link MeltDetector}). Immutable; validated here.
 *
 * @param thresholdDb  wet snow where σ⁰ is more than this many dB below the winter reference, &gt; 0
 *                     (3 dB: Nagler &amp; Rott 2000, IEEE TGRS 38(2); seed 004)
 * @param winterStart  first day of the winter reference window
 * @param winterEnd    last day of the winter reference window; when it comes before {@code winterStart}
 *                     in the calendar the window crosses the new year and the reference of year y is taken
 *                     from winterStart of y − 1 to winterEnd of y
 * @param minWinter    least acquisitions in the window for a reference, ≥ 1 (else the year is NaN)
 * @param minRun       least consecutive wet acquisitions that count as melt, ≥ 1 (shorter runs are
 *                     treated as noise)
 */
public record MeltParameters(double thresholdDb, MonthDay winterStart, MonthDay winterEnd, int minWinter, int minRun) {
    /** 3 dB, winter 1 December – 28 February, ≥ 3 winter acquisitions, runs of ≥ 1. */
    public static final MeltParameters DEFAULTS = new MeltParameters(3, MonthDay.of(12, 1), MonthDay.of(2, 28), 3, 1);

    public MeltParameters {
        if (!(thresholdDb > 0 && thresholdDb < 100)) {
            throw new IllegalArgumentException("melt threshold must be in (0, 100) dB, got " + thresholdDb);
        }
        if (winterStart == null || winterEnd == null) {
            throw new IllegalArgumentException("winter window needs a start and an end, got " + winterStart + ", " + winterEnd);
        }
        if (minWinter < 1) {
            throw new IllegalArgumentException("minimum winter acquisitions must be ≥ 1, got " + minWinter);
        }
        if (minRun < 1) {
            throw new IllegalArgumentException("minimum wet run must be ≥ 1 acquisition, got " + minRun);
        }
    }

    public MeltParameters withThreshold(double db) {
        return new MeltParameters(db, winterStart, winterEnd, minWinter, minRun);
    }

    public MeltParameters withMinRun(int n) {
        return new MeltParameters(thresholdDb, winterStart, winterEnd, minWinter, n);
    }

    /** Whether the winter window crosses the new year. */
    public boolean crossesYear() {
        return winterEnd.isBefore(winterStart);
    }
}
