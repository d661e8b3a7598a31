package org.permasar.network;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Set;

/**
 * Choice of interferograms for an SBAS inversion (SCIENCE.md §1, network selection). Each
 * method returns a keep-mask over the network's pairs (pair k kept when {@code mask[k]}); combine
 * masks with {@link #and} and apply with {@link Network#subset(boolean[])}. Stateless, thread-safe.
 */
public final class PairSelection {
    private PairSelection() {
    }

    /** Pairs with temporal baseline ≤ maxDays (days). */
    public static boolean[] maxTemporalBaseline(Network net, long maxDays) {
        if (maxDays < 1) {
            throw new IllegalArgumentException("maxDays must be >= 1, got " + maxDays);
        }
        boolean[] keep = new boolean[net.pairCount()];
        for (int k = 0; k < keep.length; k++) {
            keep[k] = net.pairs().get(k).days() <= maxDays;
        }
        return keep;
    }

    /** Pairs with |B⊥| ≤ maxMetres; pairs of unknown (NaN) baseline are kept. */
    public static boolean[] maxPerpendicularBaseline(Network net, double maxMetres) {
        if (!(maxMetres >= 0)) {
            throw new IllegalArgumentException("maxMetres must be >= 0, got " + maxMetres);
        }
        boolean[] keep = new boolean[net.pairCount()];
        for (int k = 0; k < keep.length; k++) {
            double b = net.bperp(k);
            keep[k] = Double.isNaN(b) || Math.abs(b) <= maxMetres;
        }
        return keep;
    }

    /**
     * Seed 001's rule: temporal baseline ≤ 40 days, or 350–380 days, or 725–735 days (inter-annual
     * summer-to-summer pairs survive winter decorrelation). Bounds inclusive.
     */
    public static boolean[] seasonalRule(Network net) {
        boolean[] keep = new boolean[net.pairCount()];
        for (int k = 0; k < keep.length; k++) {
            long d = net.pairs().get(k).days();
            keep[k] = d <= 40 || (d >= 350 && d <= 380) || (d >= 725 && d <= 735);
        }
        return keep;
    }

    /** Drops every pair that uses one of the given dates. */
    public static boolean[] dropDates(Network net, Collection<LocalDate> dates) {
        Set<LocalDate> drop = Set.copyOf(dates);
        boolean[] keep = new boolean[net.pairCount()];
        for (int k = 0; k < keep.length; k++) {
            Pair p = net.pairs().get(k);
            keep[k] = !drop.contains(p.reference()) && !drop.contains(p.secondary());
        }
        return keep;
    }

    /** Drops the given pairs. */
    public static boolean[] dropPairs(Network net, Collection<Pair> pairs) {
        Set<Pair> drop = Set.copyOf(pairs);
        boolean[] keep = new boolean[net.pairCount()];
        for (int k = 0; k < keep.length; k++) {
            keep[k] = !drop.contains(net.pairs().get(k));
        }
        return keep;
    }

    /** Element-wise AND of keep-masks of equal length. */
    public static boolean[] and(boolean[]... masks) {
        if (masks.length == 0) {
            throw new IllegalArgumentException("need at least one mask");
        }
        boolean[] out = masks[0].clone();
        for (boolean[] m : masks) {
            if (m.length != out.length) {
                throw new IllegalArgumentException("mask lengths differ: " + m.length + " vs " + out.length);
            }
            for (int k = 0; k < out.length; k++) {
                out[k] &= m[k];
            }
        }
        return out;
    }

    /**
     * Per-pixel pair masking in place, MintPy's {@code --mask-dset coherence --mask-thres t}:
     * phase becomes NaN where coherence &lt; threshold or is NaN. Layer-major blocks of equal length.
     *
     * @return number of values masked
     */
    public static long maskByCoherence(float[] phase, float[] coherence, float threshold) {
        checkSame(phase, coherence);
        long n = 0;
        for (int i = 0; i < phase.length; i++) {
            float c = coherence[i];
            if (!(c >= threshold) && !Float.isNaN(phase[i])) {
                phase[i] = Float.NaN;
                n++;
            }
        }
        return n;
    }

    /**
     * Per-pixel pair masking in place, MintPy's {@code --mask-dset connectComponent}: phase becomes
     * NaN where the component label is 0 (not unwrapped) or NaN.
     *
     * @return number of values masked
     */
    public static long maskByComponent(float[] phase, float[] component) {
        checkSame(phase, component);
        long n = 0;
        for (int i = 0; i < phase.length; i++) {
            float c = component[i];
            if ((c == 0f || Float.isNaN(c)) && !Float.isNaN(phase[i])) {
                phase[i] = Float.NaN;
                n++;
            }
        }
        return n;
    }

    private static void checkSame(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("block lengths differ: phase " + a.length + " vs mask " + b.length);
        }
    }
}
