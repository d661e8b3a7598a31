package org.permasar.stats;

import java.util.Arrays;

/**
 * The median of the first {@code n} values of an array, sorting them in place (callers pass a copy or a
 * workspace when the order matters): the middle value, or the mean of the two middle values for even
 * {@code n}; NaN when {@code n} is 0. NaN values must be left out by the caller (they sort last).
 * One owner for the median of the project's robust filters and summaries.
 */
public final class Medians {
    private Medians() {
    }

    /** Sorts {@code v[0, n)} and returns its median. */
    public static double sortInPlace(double[] v, int n) {
        if (n == 0) {
            return Double.NaN;
        }
        Arrays.sort(v, 0, n);
        return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
    }

    /** Sorts {@code v[0, n)} and returns its median. */
    public static double sortInPlace(float[] v, int n) {
        if (n == 0) {
            return Double.NaN;
        }
        Arrays.sort(v, 0, n);
        return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
    }
}
