package org.permasar.stats.geodetector;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The optimal-parameters geographical detector's search (OPGD; Song et al. 2020, GIScience &amp; Remote Sensing
 * 57:593): every method × class count is tried and scored by the factor detector's q of Y.
 *
 * <p>Choice rule (not "largest q", which almost always means the largest k, since refining strata never lowers
 * q): let q* be the best q over all candidates; the chosen class count is the smallest k whose best method reaches
 * (1 − tolerance)·q*, and the method is the best one at that k. With the default tolerance 0.05 a coarser
 * stratification is preferred unless a finer one explains more than 5 % more of what the best explains.
 *
 * <p>Breaks are computed from the sorted finite values; for natural breaks on more than {@link #NATURAL_SAMPLE}
 * values, from that many evenly spaced order statistics (a deterministic sample of the quantile function), while
 * q is always computed on all observations. Stateless.
 */
public final class OptimalDiscretization {
    /** Default relative tolerance of the choice rule. */
    public static final double TOLERANCE = 0.05;
    /** Largest number of values given to the exact natural-breaks solver. */
    public static final int NATURAL_SAMPLE = 20_000;

    /** One tried candidate. */
    public record Candidate(Discretization.Method method, int k, Breaks breaks, double q) {
    }

    /** All candidates in search order and the chosen one. */
    public record Result(List<Candidate> candidates, Candidate chosen, double tolerance) {
        public Result {
            candidates = List.copyOf(candidates);
        }
    }

    private OptimalDiscretization() {
    }

    /**
     * Searches {@code methods} × k = kMin…kMax for factor values x against response y (same length; pairs with a
     * NaN in either are left out), q under {@code convention}.
     */
    public static Result search(double[] x, double[] y, List<Discretization.Method> methods, int kMin, int kMax,
                                double tolerance, SingleMemberStrata convention) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y differ in length: " + x.length + " vs " + y.length);
        }
        if (kMin < 2 || kMax < kMin || methods.isEmpty()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "OPGD needs 2 ≤ kMin ≤ kMax and a method, got k %d…%d, methods %s", kMin, kMax, methods));
        }
        if (!(tolerance >= 0 && tolerance < 1)) {
            throw new IllegalArgumentException("OPGD tolerance must be in [0, 1), got " + tolerance);
        }
        double[] xs = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            xs[i] = Double.isFinite(y[i]) ? x[i] : Double.NaN;
        }
        double[] sorted = Discretization.finiteSorted(xs);
        if (sorted.length == 0) {
            throw new IllegalArgumentException("OPGD: no observation with both the factor and y finite");
        }
        double[] sample = sorted.length <= NATURAL_SAMPLE ? sorted : orderStatistics(sorted, NATURAL_SAMPLE);
        List<Candidate> all = new ArrayList<>();
        for (Discretization.Method m : methods) {
            for (int k = kMin; k <= kMax; k++) {
                Breaks b;
                try {
                    b = Discretization.breaksSorted(m == Discretization.Method.NATURAL ? sample : sorted, m, k);
                } catch (IllegalArgumentException e) {
                    continue;   // e.g. sd cannot place k classes: not a candidate
                }
                StratumSums s = new StratumSums(b.classes());
                for (int i = 0; i < x.length; i++) {
                    s.add(b.classOf(xs[i]), y[i]);
                }
                all.add(new Candidate(m, k, b, FactorDetector.detect(s, convention).q()));
            }
        }
        return new Result(all, choose(all, kMin, kMax, tolerance), tolerance);
    }

    /**
     * The choice rule on scored candidates: the smallest k in kMin…kMax whose best q reaches (1 − tolerance)·q*,
     * q* the best q of all; the best method at that k.
     */
    public static Candidate choose(List<Candidate> all, int kMin, int kMax, double tolerance) {
        double best = Double.NEGATIVE_INFINITY;
        for (Candidate c : all) {
            if (c.q() > best) {
                best = c.q();
            }
        }
        if (all.isEmpty() || best == Double.NEGATIVE_INFINITY) {
            throw new IllegalArgumentException("OPGD: no candidate gives a finite q");
        }
        for (int k = kMin; k <= kMax; k++) {
            Candidate atK = null;
            for (Candidate c : all) {
                if (c.k() == k && (atK == null || c.q() > atK.q())) {
                    atK = c;
                }
            }
            if (atK != null && atK.q() >= (1 - tolerance) * best) {
                return atK;
            }
        }
        throw new IllegalStateException("OPGD: the best candidate was not found again");
    }

    private static double[] orderStatistics(double[] sorted, int n) {
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = sorted[(int) ((long) i * (sorted.length - 1) / (n - 1))];
        }
        return s;
    }
}
