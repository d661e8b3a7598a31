package org.permasar.timefn;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Which dates of a series a time-function fit uses, as MintPy 1.5.1 {@code timeseries2velocity}
 * chooses them ({@code --start-date}, {@code --end-date}, {@code --exclude-date};
 * {@code utils/ptime.get_exclude_date_list}): a date is dropped when it is one of {@code exclude}, before
 * {@code start} or after {@code end} (both bounds inclusive). Excluded dates that are not in the series
 * are ignored. Immutable and thread-safe.
 *
 * @param start   first date kept, or null for no lower bound
 * @param end     last date kept, or null for no upper bound
 * @param exclude dates dropped
 */
public record DateSelection(LocalDate start, LocalDate end, List<LocalDate> exclude) implements java.io.Serializable {
    /** Every date. */
    public static final DateSelection ALL = new DateSelection(null, null, List.of());

    public DateSelection {
        exclude = exclude == null ? List.of() : List.copyOf(exclude);
        if (start != null && end != null && end.isBefore(start)) {
            throw new IllegalArgumentException("end date " + end + " is before start date " + start);
        }
    }

    /** Whether {@code d} is kept. */
    public boolean keeps(LocalDate d) {
        Objects.requireNonNull(d, "date");
        return !exclude.contains(d) && (start == null || !d.isBefore(start)) && (end == null || !d.isAfter(end));
    }

    /** Whether every date is kept, whatever the series. */
    public boolean isAll() {
        return start == null && end == null && exclude.isEmpty();
    }

    /** Indices of the kept dates of {@code dates}, ascending. */
    public int[] indices(List<LocalDate> dates) {
        int[] idx = new int[dates.size()];
        int k = 0;
        for (int i = 0; i < dates.size(); i++) {
            if (keeps(dates.get(i))) {
                idx[k++] = i;
            }
        }
        return java.util.Arrays.copyOf(idx, k);
    }
}
