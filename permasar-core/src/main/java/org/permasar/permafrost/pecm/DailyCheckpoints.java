package org.permasar.permafrost.pecm;

/**
 * The degree-day sums of every cell at the end of each run of {@link #CHUNK} days, as the degree-day pass
 * of {@link PecmForcingBuilder#degreeDays} accumulated them (the same doubles). They let the walk that
 * looks for the yearly maximum of I_r(τ) = max(0, √ADDT(τ) − √r·√ADDF(τ)) skip whole runs of days: both
 * sums only grow within a permafrost year, so on the days of a run I_r ≤ √ADDT(run end) − √r·√ADDF(run
 * start), and a run whose bound does not exceed the maximum found so far cannot raise it; the walk then
 * takes the sums at the run's end from here instead of adding its days again. The sums at the run ends
 * also give, before the walk, a lower bound of each year's maximum (with expected degree-days, where
 * every day is a candidate), so that only the runs around the peak are walked.
 *
 * <p>Layout {@code [run*cells + cell]}; run j ends on day {@code min((j + 1)·CHUNK, days) − 1} of the
 * daily block. {@code thaw}, {@code freeze}: ADDT, ADDF (°C·day) since the cell's last thaw onset, NaN
 * when the cell has had an LST gap since that onset (or has no onset yet, or failed); {@code year}: the
 * permafrost year of that day relative to that of the first SAR date (as {@link PecmForcing#seasonalMax()}),
 * {@link Short#MIN_VALUE} where none. Read-only once built; thread-safe.
 *
 * @param cells  cells (columns of the daily block)
 * @param runs   runs of {@link #CHUNK} days (the last may be shorter)
 * @param thaw   ADDT at each run end
 * @param freeze ADDF at each run end
 * @param year   permafrost year at each run end, relative to the first SAR date's
 */
public record DailyCheckpoints(int cells, int runs, double[] thaw, double[] freeze, short[] year) {

    /** Days per run. */
    public static final int CHUNK = 8;

    /** Runs of a daily block of {@code days} days. */
    public static int runs(int days) {
        return (days + CHUNK - 1) / CHUNK;
    }

    /** Bytes held per cell for a daily block of {@code days} days. */
    public static long bytesPerCell(int days) {
        return 18L * runs(days);
    }
}
