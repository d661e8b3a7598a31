package org.permasar.stats;

/**
 * Agreement of an estimate (e.g. InSAR) with a reference (GNSS, levelling, in-situ ALT), over the pairs
 * where both are finite (SCIENCE.md §6 "Validation"; seeds 000, 001). With e_k = est_k − ref_k:
 * <ul>
 * <li>{@code bias} = mean(e) (signed);</li>
 * <li>{@code meanError} = mean(|e|), the "average error" of seed 000 (6.4 mm over 24 series);</li>
 * <li>{@code rmse} = √mean(e²);</li>
 * <li>{@code r2} = 1 − Σe² / Σ(ref − mean(ref))², the coefficient of determination with the reference as
 *     truth (can be negative);</li>
 * <li>{@code pearson} = Pearson correlation of est and ref (its square is the R² of a fitted line).</li>
 * </ul>
 * Units are those of the inputs. NaN fields when fewer than 2 pairs (r2/pearson also for zero variance).
 */
public record Agreement(int n, double bias, double meanError, double rmse, double r2, double pearson) {

    /** Compares {@code estimate} with {@code reference}, skipping pairs with a NaN. */
    public static Agreement of(double[] estimate, double[] reference) {
        if (estimate.length != reference.length) {
            throw new IllegalArgumentException("estimate and reference lengths differ: " + estimate.length + " vs "
                    + reference.length);
        }
        int n = 0;
        double se = 0, sr = 0;
        for (int k = 0; k < estimate.length; k++) {
            if (!Double.isNaN(estimate[k]) && !Double.isNaN(reference[k])) {
                n++;
                se += estimate[k];
                sr += reference[k];
            }
        }
        if (n < 2) {
            return new Agreement(n, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double me = se / n, mr = sr / n;
        double sumE = 0, sumAbs = 0, sumSq = 0, ssRef = 0, ssEst = 0, sxy = 0;
        for (int k = 0; k < estimate.length; k++) {
            double x = estimate[k], y = reference[k];
            if (Double.isNaN(x) || Double.isNaN(y)) {
                continue;
            }
            double e = x - y;
            sumE += e;
            sumAbs += Math.abs(e);
            sumSq += e * e;
            ssRef += (y - mr) * (y - mr);
            ssEst += (x - me) * (x - me);
            sxy += (x - me) * (y - mr);
        }
        double r2 = ssRef > 0 ? 1 - sumSq / ssRef : Double.NaN;
        double r = ssRef > 0 && ssEst > 0 ? sxy / Math.sqrt(ssRef * ssEst) : Double.NaN;
        return new Agreement(n, sumE / n, sumAbs / n, Math.sqrt(sumSq / n), r2, r);
    }
}
