package org.permasar.sim;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.permasar.network.Network;
import org.permasar.network.Pair;

/**
 * Acquisition calendar and interferogram network of a simulated track.
 *
 * <p>Network rule (after seed 001's selection, SCIENCE.md §1): every date i is paired with its
 * next {@code shortNeighbours} dates (short pairs), and with the one later date j whose
 * temporal baseline lies in [{@value #ANNUAL_MIN}, {@value #ANNUAL_MAX}] days and is closest to
 * 365 days (ties → the shorter), when such a date exists and the pair is not already a short
 * pair (annual pairs). Pairs are sorted by (reference, secondary).
 *
 * <p>Perpendicular baselines: per date a random walk with steps N(0, 40 m), reflected into
 * [−150, 150] m, starting from N(0, 50 m) clipped to the same range; pair B⊥ = b(secondary) − b(reference).
 */
public final class AcquisitionPlan {
    public static final int ANNUAL_MIN = 350;
    public static final int ANNUAL_MAX = 380;
    static final double BPERP_LIMIT = 150.0;

    private AcquisitionPlan() {
    }

    /** Dates first, first + repeat, … up to first + years·365.25 days inclusive. */
    public static List<LocalDate> dates(LocalDate first, int years, int repeatDays) {
        int count = (int) Math.floor(years * 365.25 / repeatDays) + 1;
        List<LocalDate> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(first.plusDays((long) i * repeatDays));
        }
        return out;
    }

    /** {@code gaps} distinct random indices in [1, count − 2] (never the first or last date), ascending. */
    static int[] gapIndices(int count, int gaps, RandomGenerator rng) {
        boolean[] drop = new boolean[count];
        int got = 0;
        while (got < gaps) {
            int k = 1 + rng.nextInt(count - 2);
            if (!drop[k]) {
                drop[k] = true;
                got++;
            }
        }
        int[] out = new int[gaps];
        for (int k = 0, e = 0; k < count; k++) {
            if (drop[k]) {
                out[e++] = k;
            }
        }
        return out;
    }

    /** {@code dates} without the entries at the ascending indices {@code drop}. */
    static List<LocalDate> without(List<LocalDate> dates, int[] drop) {
        List<LocalDate> out = new ArrayList<>(dates.size() - drop.length);
        for (int k = 0, e = 0; k < dates.size(); k++) {
            if (e < drop.length && drop[e] == k) {
                e++;
            } else {
                out.add(dates.get(k));
            }
        }
        return out;
    }

    /** The short + annual pairs of {@code dates} (sorted ascending), in (reference, secondary) order. */
    public static List<Pair> pairs(List<LocalDate> dates, int shortNeighbours) {
        List<Pair> out = new ArrayList<>();
        int n = dates.size();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j <= Math.min(n - 1, i + shortNeighbours); j++) {
                out.add(new Pair(dates.get(i), dates.get(j)));
            }
            int best = -1;
            long bestMiss = Long.MAX_VALUE;
            for (int j = i + shortNeighbours + 1; j < n; j++) {
                long dt = dates.get(j).toEpochDay() - dates.get(i).toEpochDay();
                if (dt > ANNUAL_MAX) {
                    break;
                }
                if (dt >= ANNUAL_MIN && Math.abs(dt - 365) < bestMiss) {
                    bestMiss = Math.abs(dt - 365);
                    best = j;
                }
            }
            if (best >= 0) {
                out.add(new Pair(dates.get(i), dates.get(best)));
            }
        }
        out.sort(null);
        return out;
    }

    /** Network of {@code dates} with random-walk baselines drawn from {@code rng}. */
    static Network network(List<LocalDate> dates, int shortNeighbours, RandomGenerator rng) {
        double[] b = new double[dates.size()];
        b[0] = reflect(50 * rng.nextGaussian());
        for (int i = 1; i < b.length; i++) {
            b[i] = reflect(b[i - 1] + 40 * rng.nextGaussian());
        }
        List<Pair> pairs = pairs(dates, shortNeighbours);
        double[] bperp = new double[pairs.size()];
        for (int k = 0; k < bperp.length; k++) {
            int ref = dates.indexOf(pairs.get(k).reference()), sec = dates.indexOf(pairs.get(k).secondary());
            bperp[k] = b[sec] - b[ref];
        }
        return new Network(pairs, bperp);
    }

    private static double reflect(double x) {
        double lim = BPERP_LIMIT;
        while (x > lim || x < -lim) {
            x = x > lim ? 2 * lim - x : -2 * lim - x;
        }
        return x;
    }
}
