package org.permasar.unwrap;

import java.util.Arrays;

import org.permasar.network.Network;

/**
 * The closed triangles of an interferogram network: every date triple t1 &lt; t2 &lt; t3 whose three
 * pairs (t1,t2), (t2,t3) and (t1,t3) are all in the network. Triplet q has closure phase
 * Φ_q = φ_{12} + φ_{23} − φ_{13} (Yunjun et al. 2019, eq. 8; MintPy 1.5.1
 * {@code ifgramStack.get_design_matrix4triplet}: row +1, +1, −1), so the closure matrix C
 * (triplets × pairs) has exactly those three non-zero entries per row. Triplets are listed in
 * MintPy's order: lexicographic in (t1, t2, t3).
 *
 * <p>Immutable and thread-safe.
 */
public final class Triplets {
    private final int pairCount;
    private final int[] p12;
    private final int[] p23;
    private final int[] p13;
    /** Triplets of each pair, CSR: {@code tripletsOf[start[k] .. start[k+1])}. */
    private final int[] start;
    private final int[] tripletsOf;
    private final int[] dateOrder;

    private Triplets(int pairCount, int[] p12, int[] p23, int[] p13, int[] dateOrder) {
        this.pairCount = pairCount;
        this.dateOrder = dateOrder;
        this.p12 = p12;
        this.p23 = p23;
        this.p13 = p13;
        int t = p12.length;
        start = new int[pairCount + 1];
        for (int q = 0; q < t; q++) {
            start[p12[q] + 1]++;
            start[p23[q] + 1]++;
            start[p13[q] + 1]++;
        }
        for (int k = 0; k < pairCount; k++) {
            start[k + 1] += start[k];
        }
        tripletsOf = new int[3 * t];
        int[] fill = Arrays.copyOf(start, pairCount);
        for (int q = 0; q < t; q++) {
            tripletsOf[fill[p12[q]]++] = q;
            tripletsOf[fill[p23[q]]++] = q;
            tripletsOf[fill[p13[q]]++] = q;
        }
    }

    /** All triplets of {@code network} (possibly none). */
    public static Triplets of(Network network) {
        int nd = network.dateCount();
        int m = network.pairCount();
        int[] index = new int[nd * nd]; // pair index + 1 of (reference, secondary), 0 = absent
        for (int k = 0; k < m; k++) {
            int a = network.referenceIndex(k), b = network.secondaryIndex(k);
            int lo = Math.min(a, b), hi = Math.max(a, b);
            index[lo * nd + hi] = k + 1;
        }
        int cap = 16;
        int[] a12 = new int[cap], a23 = new int[cap], a13 = new int[cap];
        int t = 0;
        for (int i = 0; i < nd; i++) {
            for (int j = i + 1; j < nd; j++) {
                int k12 = index[i * nd + j];
                if (k12 == 0) {
                    continue;
                }
                for (int l = j + 1; l < nd; l++) {
                    int k23 = index[j * nd + l], k13 = index[i * nd + l];
                    if (k23 == 0 || k13 == 0) {
                        continue;
                    }
                    if (t == cap) {
                        cap *= 2;
                        a12 = Arrays.copyOf(a12, cap);
                        a23 = Arrays.copyOf(a23, cap);
                        a13 = Arrays.copyOf(a13, cap);
                    }
                    a12[t] = k12 - 1;
                    a23[t] = k23 - 1;
                    a13[t] = k13 - 1;
                    t++;
                }
            }
        }
        int[] order = new int[m];
        int o = 0;
        for (int i = 0; i < nd; i++) {
            for (int j = i + 1; j < nd; j++) {
                if (index[i * nd + j] != 0) {
                    order[o++] = index[i * nd + j] - 1;
                }
            }
        }
        return new Triplets(m, Arrays.copyOf(a12, t), Arrays.copyOf(a23, t), Arrays.copyOf(a13, t), order);
    }

    /**
     * The pairs sorted by (first date, second date): pairs of one triplet lie close together in this
     * order, so the closure normal matrix CᵀC has a narrow envelope in it.
     */
    public int[] pairsInDateOrder() {
        return dateOrder.clone();
    }

    /** Number of triplets. */
    public int count() {
        return p12.length;
    }

    /** Number of pairs of the network. */
    public int pairCount() {
        return pairCount;
    }

    /** Pair (t1, t2) of triplet q (coefficient +1 in C). */
    public int pair12(int q) {
        return p12[q];
    }

    /** Pair (t2, t3) of triplet q (coefficient +1 in C). */
    public int pair23(int q) {
        return p23[q];
    }

    /** Pair (t1, t3) of triplet q (coefficient −1 in C). */
    public int pair13(int q) {
        return p13[q];
    }

    /** Number of triplets pair k belongs to. */
    public int tripletCountOf(int k) {
        return start[k + 1] - start[k];
    }

    /** The i-th triplet of pair k, 0 ≤ i &lt; {@link #tripletCountOf}. */
    public int tripletOf(int k, int i) {
        return tripletsOf[start[k] + i];
    }

    /** Coefficient of pair k in triplet q's closure: +1, −1 or 0. */
    public int coefficient(int q, int k) {
        return k == p12[q] || k == p23[q] ? 1 : k == p13[q] ? -1 : 0;
    }
}
