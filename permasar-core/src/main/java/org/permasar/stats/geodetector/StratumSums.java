package org.permasar.stats.geodetector;

import java.util.Arrays;

/**
 * Mergeable per-stratum sums of a response Y: for each stratum h = 0…L−1 the count n_h, the sum Σy and the
 * centred sum of squares M2_h = Σ(y − ȳ_h)². Everything the geographical detector needs (q, its F test, stratum
 * means and variances) follows from these three numbers, so a raster is read once, block by block, each block
 * accumulated into its own instance and the instances merged (in any order, on any executor).
 *
 * <p>Adding a value uses Welford's update; {@link #merge} uses the pairwise formula of Chan, Golub &amp; LeVeque
 * (1979, eq. 2.1): M2 = M2_a + M2_b + δ² n_a n_b / (n_a + n_b), δ = ȳ_b − ȳ_a. Both are exact in exact arithmetic
 * and avoid the cancellation of raw Σy² when |ȳ| ≫ σ (metres of deformation around a non-zero mean).
 *
 * <p>NaN policy: a NaN or infinite y, or a negative stratum code, is skipped (a masked pixel). Strata grow on
 * demand. Mutable and not thread-safe: one instance per thread or block, merged afterwards.
 */
public final class StratumSums {
    private long[] count;
    private double[] sum;
    private double[] m2;
    private int strata;

    /** Empty sums with room for {@code capacity} strata (more are added on demand). */
    public StratumSums(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be ≥ 0, got " + capacity);
        }
        count = new long[Math.max(1, capacity)];
        sum = new double[count.length];
        m2 = new double[count.length];
    }

    /** Empty sums. */
    public StratumSums() {
        this(16);
    }

    /** Sums of {@code y[i]} in stratum {@code codes[i]} for all i (the arrays have equal length). */
    public static StratumSums of(int[] codes, double[] y) {
        if (codes.length != y.length) {
            throw new IllegalArgumentException("codes and y differ in length: " + codes.length + " vs " + y.length);
        }
        StratumSums s = new StratumSums();
        s.add(codes, y, 0, y.length);
        return s;
    }

    /** Adds one value; NaN/infinite y or a negative code is skipped. */
    public void add(int stratum, double y) {
        if (stratum < 0 || !Double.isFinite(y)) {
            return;
        }
        ensure(stratum + 1);
        long n = ++count[stratum];
        double meanOld = n == 1 ? 0 : sum[stratum] / (n - 1);
        sum[stratum] += y;
        double meanNew = sum[stratum] / n;
        // Welford: M2 += (y − mean_old)(y − mean_new)
        m2[stratum] += n == 1 ? 0 : (y - meanOld) * (y - meanNew);
    }

    /** Adds {@code y[off … off+len)} with strata {@code codes[off … off+len)}. */
    public void add(int[] codes, double[] y, int off, int len) {
        for (int i = off; i < off + len; i++) {
            add(codes[i], y[i]);
        }
    }

    /** Adds another instance's sums into this one (Chan et al. 1979); {@code other} is unchanged. */
    public StratumSums merge(StratumSums other) {
        ensure(other.strata);
        for (int h = 0; h < other.strata; h++) {
            long nb = other.count[h];
            if (nb == 0) {
                continue;
            }
            long na = count[h];
            if (na == 0) {
                count[h] = nb;
                sum[h] = other.sum[h];
                m2[h] = other.m2[h];
                continue;
            }
            double delta = other.sum[h] / nb - sum[h] / na;
            long n = na + nb;
            m2[h] += other.m2[h] + delta * delta * ((double) na * nb / n);
            sum[h] += other.sum[h];
            count[h] = n;
        }
        return this;
    }

    /** A copy. */
    public StratumSums copy() {
        StratumSums c = new StratumSums(strata);
        c.merge(this);
        return c;
    }

    private void ensure(int needed) {
        if (needed > count.length) {
            int cap = Math.max(needed, count.length * 2);
            count = Arrays.copyOf(count, cap);
            sum = Arrays.copyOf(sum, cap);
            m2 = Arrays.copyOf(m2, cap);
        }
        strata = Math.max(strata, needed);
    }

    /** Number of stratum codes seen so far (highest code + 1); some may be empty. */
    public int strata() {
        return strata;
    }

    /** Count of stratum h (0 for a code never seen). */
    public long count(int h) {
        return h < strata ? count[h] : 0;
    }

    /** Σy of stratum h. */
    public double sum(int h) {
        return h < strata ? sum[h] : 0;
    }

    /** Σ(y − ȳ_h)² of stratum h. */
    public double centredSumOfSquares(int h) {
        return h < strata ? m2[h] : 0;
    }

    /** Mean of stratum h, NaN when empty. */
    public double mean(int h) {
        long n = count(h);
        return n == 0 ? Double.NaN : sum[h] / n;
    }

    /** Sample variance (n − 1) of stratum h, NaN with fewer than two members. */
    public double sampleVariance(int h) {
        long n = count(h);
        return n < 2 ? Double.NaN : m2[h] / (n - 1);
    }

    /** Total count over all strata. */
    public long total() {
        long n = 0;
        for (int h = 0; h < strata; h++) {
            n += count[h];
        }
        return n;
    }

    /** Number of non-empty strata. */
    public int nonEmpty() {
        int l = 0;
        for (int h = 0; h < strata; h++) {
            l += count[h] > 0 ? 1 : 0;
        }
        return l;
    }

    /**
     * The sums without the strata that have exactly one member (the R package {@code GD}'s convention, see
     * {@link SingleMemberStrata#DROP}); codes are kept, dropped strata become empty.
     */
    public StratumSums withoutSingleMembers() {
        StratumSums c = copy();
        for (int h = 0; h < c.strata; h++) {
            if (c.count[h] == 1) {
                c.count[h] = 0;
                c.sum[h] = 0;
                c.m2[h] = 0;
            }
        }
        return c;
    }
}
