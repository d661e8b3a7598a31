package org.permasar.network;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * An interferogram network: the sorted acquisition dates and the pairs between them, each with
 * its perpendicular baseline. Immutable and thread-safe.
 *
 * <p>Pairs keep the order of the source stack (layer k of a block is pair k). Dates are those
 * used by at least one pair, sorted ascending.
 */
public final class Network {
    private final List<LocalDate> dates;
    private final List<Pair> pairs;
    private final double[] bperp;
    private final int[] refIndex;
    private final int[] secIndex;

    /**
     * @param pairs pairs in stack order, no duplicates
     * @param bperp perpendicular baseline per pair (metres), or {@code null} for unknown (NaN)
     */
    public Network(List<Pair> pairs, double[] bperp) {
        Objects.requireNonNull(pairs, "pairs");
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one pair");
        }
        if (bperp != null && bperp.length != pairs.size()) {
            throw new IllegalArgumentException("bperp has " + bperp.length + " values for " + pairs.size() + " pairs");
        }
        TreeSet<LocalDate> set = new TreeSet<>();
        Map<Pair, Integer> seen = new HashMap<>();
        for (int k = 0; k < pairs.size(); k++) {
            Pair p = Objects.requireNonNull(pairs.get(k), "pair " + k);
            Integer prev = seen.put(p, k);
            if (prev != null) {
                throw new IllegalArgumentException("pair " + p + " appears twice (layers " + prev + " and " + k + ")");
            }
            set.add(p.reference());
            set.add(p.secondary());
        }
        this.pairs = List.copyOf(pairs);
        this.dates = List.copyOf(set);
        this.bperp = bperp == null ? nanArray(pairs.size()) : bperp.clone();
        Map<LocalDate, Integer> index = new HashMap<>();
        for (int i = 0; i < dates.size(); i++) {
            index.put(dates.get(i), i);
        }
        refIndex = new int[pairs.size()];
        secIndex = new int[pairs.size()];
        for (int k = 0; k < pairs.size(); k++) {
            refIndex[k] = index.get(pairs.get(k).reference());
            secIndex[k] = index.get(pairs.get(k).secondary());
        }
    }

    private static double[] nanArray(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }

    public List<LocalDate> dates() {
        return dates;
    }

    public List<Pair> pairs() {
        return pairs;
    }

    public int dateCount() {
        return dates.size();
    }

    public int pairCount() {
        return pairs.size();
    }

    /** Perpendicular baseline of pair k in metres (NaN when unknown). */
    public double bperp(int k) {
        return bperp[k];
    }

    /** Copy of all perpendicular baselines. */
    public double[] bperps() {
        return bperp.clone();
    }

    /** Index in {@link #dates()} of pair k's reference date. */
    public int referenceIndex(int k) {
        return refIndex[k];
    }

    /** Index in {@link #dates()} of pair k's secondary date. */
    public int secondaryIndex(int k) {
        return secIndex[k];
    }

    /** Index of a date, or −1. */
    public int indexOf(LocalDate d) {
        int i = Collections.binarySearch(dates, d);
        return i >= 0 ? i : -1;
    }

    /** Days from the first date to date i. */
    public long dayOffset(int i) {
        return Dates.daysBetween(dates.get(0), dates.get(i));
    }

    /**
     * Connected subsets of dates (graph components, pairs as edges), largest first. A network
     * whose result has more than one element is disconnected: plain least squares is rank
     * deficient and needs the SVD or NSBAS formulations.
     *
     * @return for each component, its date indices in ascending order
     */
    public List<int[]> components() {
        int n = dates.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (int k = 0; k < refIndex.length; k++) {
            int a = find(parent, refIndex[k]), b = find(parent, secIndex[k]);
            if (a != b) {
                parent[Math.max(a, b)] = Math.min(a, b);
            }
        }
        Map<Integer, List<Integer>> groups = new HashMap<>();
        for (int i = 0; i < n; i++) {
            groups.computeIfAbsent(find(parent, i), r -> new ArrayList<>()).add(i);
        }
        List<int[]> out = new ArrayList<>();
        for (List<Integer> g : groups.values()) {
            out.add(g.stream().mapToInt(Integer::intValue).toArray());
        }
        out.sort((x, y) -> x.length != y.length ? Integer.compare(y.length, x.length) : Integer.compare(x[0], y[0]));
        return out;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /** True when all dates are linked by pairs. */
    public boolean isConnected() {
        return components().size() == 1;
    }

    /** A network of the pairs where {@code keep[k]} is true (dates not used by any kept pair drop out). */
    public Network subset(boolean[] keep) {
        if (keep.length != pairs.size()) {
            throw new IllegalArgumentException("keep mask has " + keep.length + " entries for " + pairs.size() + " pairs");
        }
        List<Pair> p = new ArrayList<>();
        double[] b = new double[pairs.size()];
        int n = 0;
        for (int k = 0; k < keep.length; k++) {
            if (keep[k]) {
                p.add(pairs.get(k));
                b[n++] = bperp[k];
            }
        }
        return new Network(p, Arrays.copyOf(b, n));
    }

    /** Index of a pair, or −1. */
    public int indexOf(Pair pair) {
        return pairs.indexOf(pair);
    }

    @Override
    public String toString() {
        return dates.size() + " dates (" + dates.get(0) + " … " + dates.get(dates.size() - 1) + "), "
                + pairs.size() + " pairs";
    }
}
