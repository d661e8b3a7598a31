package org.permasar.permafrost.pecm;

import java.util.Arrays;

/**
 * The yearly maximum of the PECM seasonal regressor I_r(τ) = max(0, √ADDT(τ) − √r·√ADDF(τ)) for any
 * ratio r, without another pass over the days. For one cell and permafrost year the days give points
 * (b, a) = (√ADDF(τ), √ADDT(τ)); max over τ of a − s·b (s = √r ≥ 0) is a linear function's maximum over
 * that point set, so it is attained on a vertex of the set's upper convex hull in the (b, a) plane. Both
 * sums only grow within a year, so the points arrive sorted by b and the hull is built on line with a
 * stack (Andrew's monotone chain, amortised O(1) per day); what is kept per year is a few vertices. The
 * maximum for a ratio is then a scan of them — the same number as evaluating I on every day of the year
 * (the vertex that maximises is one of the days, computed with the same arithmetic).
 *
 * <p>Built by {@link PecmForcingBuilder#degreeDays} during its one pass over the days. Years are relative
 * to the permafrost year of the first SAR date, as in {@link PecmForcing#seasonalMax()}. A year whose
 * onset the daily series does not hold has no hull (NaN); days after an LST gap in a year are not
 * points (their sums are incomplete). Read-only once built; thread-safe.
 *
 * @param cells  cells (columns of the daily block)
 * @param years  years relative to the first SAR date's
 * @param start  per {@code [year*cells + cell]}, the first vertex in {@code points}, −1 for no hull
 * @param count  per {@code [year*cells + cell]}, the number of vertices
 * @param points vertices as pairs (b, a) = (√ADDF, √ADDT)
 */
public record SeasonalPeaks(int cells, int years, int[] start, int[] count, double[] points) {

    /**
     * max(0, max over the days of the year of √ADDT − s·√ADDF), or NaN when the cell has no such year.
     *
     * @param s √(κ_f/κ_t) of that year
     */
    public double max(int cell, int year, double s) {
        int k = year * cells + cell;
        int from = start[k];
        if (from < 0) {
            return Double.NaN;
        }
        double best = 0;                                // I is clipped at 0 (its value on the onset day)
        for (int j = from, end = from + count[k]; j < end; j++) {
            double v = points[2 * j + 1] - s * points[2 * j];
            if (v > best) {
                best = v;
            }
        }
        return best;
    }

    /**
     * Builds the hulls of a block while its days are walked in order (one {@code Builder} per pass). The
     * cells are walked in tiles of {@code tile} consecutive cells, each tile over all its days before the
     * next one starts (a tile's last years closed): the stacks are those of one tile. Not thread-safe.
     */
    static final class Builder {
        /** Most days of one permafrost year (a year runs from one onset to the next: 365 or 366 days). */
        private static final int CAPACITY = 367;
        private final int cells;
        private final int maxYears;
        private final int tile;
        private final double[] stack;                   // per cell of a tile, CAPACITY pairs (b, a)
        private final int[] size;
        private final int[] absStart;
        private final int[] absCount;
        private double[] store = new double[1024];
        private int stored;

        Builder(int cells, int maxYears, int tile) {
            this.cells = cells;
            this.maxYears = maxYears;
            this.tile = tile;
            stack = new double[2 * CAPACITY * tile];
            size = new int[tile];
            absStart = new int[maxYears * cells];
            absCount = new int[maxYears * cells];
            Arrays.fill(absStart, -1);
        }

        /**
         * Bytes a builder holds per cell beyond its tile's stacks (for block-memory estimates): the index of
         * each year and its vertices, ~12 per year on noisy daily series (measured in SeasonalPeaksTest;
         * 16 allowed), for 12 years.
         */
        static long bytesPerCell() {
            return 12L * (8 + 16 * 16);
        }

        /** Closes the current year {@code year} (absolute: onsets seen − 1) of a cell, if any. */
        void close(int cell, int year) {
            int slot = cell % tile;
            if (year < 0 || year >= maxYears) {
                size[slot] = 0;
                return;
            }
            int n = size[slot];
            if (stored + n > store.length / 2) {
                store = Arrays.copyOf(store, Math.max(store.length * 2, 2 * (stored + n)));
            }
            System.arraycopy(stack, 2 * CAPACITY * slot, store, 2 * stored, 2 * n);
            absStart[year * cells + cell] = stored;
            absCount[year * cells + cell] = n;
            stored += n;
            size[slot] = 0;
        }

        /** Adds the day (b, a) = (√ADDF, √ADDT) of a cell's current year; b and a never decrease within a year. */
        void add(int cell, double b, double a) {
            int slot = cell % tile;
            int base = 2 * CAPACITY * slot;
            int n = size[slot];
            // the new point dominates a top with the same b (a only grows); drop vertices on or below the
            // segment from the one before them to the new point (upper hull, x = b ascending)
            while (n > 0) {
                double bt = stack[base + 2 * (n - 1)], at = stack[base + 2 * (n - 1) + 1];
                if (bt >= b && at <= a) {
                    n--;
                    continue;
                }
                if (n >= 2) {
                    double bo = stack[base + 2 * (n - 2)], ao = stack[base + 2 * (n - 2) + 1];
                    if ((bt - bo) * (a - ao) - (at - ao) * (b - bo) >= 0) {
                        n--;
                        continue;
                    }
                }
                break;
            }
            if (n == CAPACITY) {
                throw new IllegalStateException("more than " + CAPACITY + " days in one permafrost year");
            }
            stack[base + 2 * n] = b;
            stack[base + 2 * n + 1] = a;
            size[slot] = n + 1;
        }

        /**
         * The hulls by year relative to each cell's reference year ({@code yearRef[cell]}, absolute; &lt; 0
         * or a failed cell: none), after the last year of every cell was closed.
         */
        SeasonalPeaks build(int years, int[] yearRef, byte[] status) {
            int[] st = new int[years * cells];
            int[] ct = new int[years * cells];
            Arrays.fill(st, -1);
            for (int c = 0; c < cells; c++) {
                if (status[c] != PecmStatus.OK || yearRef[c] < 0) {
                    continue;
                }
                for (int y = 0; y < years; y++) {
                    int ya = yearRef[c] + y;
                    if (ya < maxYears) {
                        st[y * cells + c] = absStart[ya * cells + c];
                        ct[y * cells + c] = absCount[ya * cells + c];
                    }
                }
            }
            return new SeasonalPeaks(cells, years, st, ct, Arrays.copyOf(store, 2 * stored));
        }
    }
}
