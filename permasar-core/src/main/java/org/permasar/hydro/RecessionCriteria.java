package org.permasar.hydro;

import java.time.LocalDate;
import java.time.MonthDay;

/**
 * What counts as a recession and how its derivative is taken (Brutsaert &amp; Nieber 1977; the
 * choices compared by Jachens et al. 2020 and TOSSH, Gnann et al. 2021).
 *
 * <p>A falling limb starts at a peak day p (discharge on p+1 lower than on p) and continues while
 * every day's discharge is strictly lower than the day before's, finite and positive; a missing
 * day, a rise or an equal value ends it. The peak day and the {@code dropAfterPeak} days after it are
 * dropped (quickflow just after a peak is not drainage of storage); what remains is a segment when it
 * has at least {@code minDays} days. With {@code excludeFlagged}, a flagged day ends a limb as a
 * missing day does; with a season, so does a day outside it.
 *
 * @param minDays        least days of a kept segment (after dropping), ≥ 3
 * @param dropAfterPeak  days after the peak day that are dropped, ≥ 0
 * @param seasonStart    first day of the season kept (inclusive), or null for all year
 * @param seasonEnd      last day of the season kept (inclusive; may be before {@code seasonStart}: the
 *                       season then runs over the new year), null exactly when {@code seasonStart} is
 * @param excludeFlagged whether flagged days end a limb
 * @param derivative     how −dQ/dt is estimated
 */
public record RecessionCriteria(int minDays, int dropAfterPeak, MonthDay seasonStart, MonthDay seasonEnd,
        boolean excludeFlagged, DerivativeMethod derivative) {

    /** Defaults: 5 days after dropping the peak day and 1 day after it, all year, flags kept, backward difference. */
    public static final RecessionCriteria DEFAULTS = new RecessionCriteria(5, 1, null, null, false, DerivativeMethod.BACKWARD);

    public RecessionCriteria {
        if (minDays < 3) {
            throw new IllegalArgumentException("minDays must be ≥ 3 (two derivative points need three days), got " + minDays);
        }
        if (dropAfterPeak < 0) {
            throw new IllegalArgumentException("dropAfterPeak must be ≥ 0, got " + dropAfterPeak);
        }
        if ((seasonStart == null) != (seasonEnd == null)) {
            throw new IllegalArgumentException("give both ends of the season or neither: " + seasonStart + ", " + seasonEnd);
        }
        if (derivative == null) {
            throw new IllegalArgumentException("derivative method is null");
        }
    }

    public RecessionCriteria withMinDays(int n) {
        return new RecessionCriteria(n, dropAfterPeak, seasonStart, seasonEnd, excludeFlagged, derivative);
    }

    public RecessionCriteria withDropAfterPeak(int n) {
        return new RecessionCriteria(minDays, n, seasonStart, seasonEnd, excludeFlagged, derivative);
    }

    public RecessionCriteria withSeason(MonthDay from, MonthDay to) {
        return new RecessionCriteria(minDays, dropAfterPeak, from, to, excludeFlagged, derivative);
    }

    public RecessionCriteria withExcludeFlagged(boolean b) {
        return new RecessionCriteria(minDays, dropAfterPeak, seasonStart, seasonEnd, b, derivative);
    }

    public RecessionCriteria withDerivative(DerivativeMethod m) {
        return new RecessionCriteria(minDays, dropAfterPeak, seasonStart, seasonEnd, excludeFlagged, m);
    }

    /** Whether {@code d} lies in the season (always true without one). */
    public boolean inSeason(LocalDate d) {
        if (seasonStart == null) {
            return true;
        }
        MonthDay md = MonthDay.from(d);
        if (!seasonEnd.isBefore(seasonStart)) {
            return !md.isBefore(seasonStart) && !md.isAfter(seasonEnd);
        }
        return !md.isBefore(seasonStart) || !md.isAfter(seasonEnd);
    }
}
