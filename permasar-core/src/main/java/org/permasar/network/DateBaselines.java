package org.permasar.network;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealVector;

/**
 * Per-date perpendicular baselines of a network from its per-pair values, as MintPy's {@code bperp}
 * dataset of {@code timeseries.h5} holds them: B⊥(pair i→j) = b_j − b_i solved by least squares over all
 * pairs with a finite B⊥, with the first date of every connected component tied to 0 (one extra row each).
 * Metres. Stateless and thread-safe. Not a hot path (one small QR per network).
 */
public final class DateBaselines {
    private DateBaselines() {
    }

    /**
     * Per-date perpendicular baseline (metres, first date = 0) from the per-pair values by least
     * squares over the network; dates in a disconnected subset are tied to its first date = 0.
     * All zeros when baselines are unknown (no pair has a finite B⊥).
     */
    public static double[] of(Network n) {
        int nd = n.dateCount(), np = n.pairCount();
        double[] out = new double[nd];
        int valid = 0;
        for (int k = 0; k < np; k++) {
            valid += Double.isFinite(n.bperp(k)) ? 1 : 0;
        }
        if (valid == 0) {
            return out;
        }
        // unknowns: baseline of every date; rows: one per pair, plus b(first of each component) = 0
        var comps = n.components();
        Array2DRowRealMatrix a = new Array2DRowRealMatrix(valid + comps.size(), nd);
        RealVector y = new ArrayRealVector(valid + comps.size());
        int row = 0;
        for (int k = 0; k < np; k++) {
            if (Double.isFinite(n.bperp(k))) {
                a.setEntry(row, n.secondaryIndex(k), 1);
                a.setEntry(row, n.referenceIndex(k), -1);
                y.setEntry(row++, n.bperp(k));
            }
        }
        for (int[] c : comps) {
            a.setEntry(row++, c[0], 1);
        }
        RealVector b = new QRDecomposition(a).getSolver().solve(y);
        for (int i = 0; i < nd; i++) {
            out[i] = b.getEntry(i);
        }
        return out;
    }
}
