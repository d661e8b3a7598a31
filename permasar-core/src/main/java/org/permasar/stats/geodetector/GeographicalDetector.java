package org.permasar.stats.geodetector;

import java.util.ArrayList;
import java.util.List;

/**
 * All four detectors of the geographical detector (Wang et al. 2010, IJGIS 24:107; Wang, Zhang &amp; Fu 2016) for
 * one response and several stratified factors: factor (q, F, p), interaction (q of every pair's overlay and its
 * {@link Interaction} class), risk (stratum means, Welch tests) and ecological (F test of every pair).
 *
 * <p>Works on {@link StratumSums} only, so the same code serves an in-memory table ({@link #of}) and a raster
 * streamed block by block (sums accumulated per block and merged, then {@link #fromSums}). Factors are dense
 * integer codes 0…L−1 (negative = missing); the overlay of factors i and j uses the code c_i·L_j + c_j.
 * Stateless.
 */
public final class GeographicalDetector {
    /** One stratified factor of a table: its name, per-observation codes (−1 missing) and L. */
    public record Factor(String name, int[] codes, int classes) {
        public Factor {
            if (classes < 1) {
                throw new IllegalArgumentException("factor " + name + " needs at least one class, got " + classes);
            }
        }
    }

    /** A pair's interaction: q of each factor, of the overlay, and the class. */
    public record InteractionResult(String factor1, String factor2, double q1, double q2,
                                    FactorDetector.Result overlay, Interaction interaction) {
    }

    /** A pair's ecological test. */
    public record EcologicalResult(String factor1, String factor2, EcologicalDetector.Result test) {
    }

    /** Everything, in factor order and pair order (i &lt; j). */
    public record Report(List<String> factors, List<FactorDetector.Result> factor, List<InteractionResult> interaction,
                         List<RiskDetector.Result> risk, List<EcologicalResult> ecological,
                         SingleMemberStrata convention) {
        public Report {
            factors = List.copyOf(factors);
            factor = List.copyOf(factor);
            interaction = List.copyOf(interaction);
            risk = List.copyOf(risk);
            ecological = List.copyOf(ecological);
        }
    }

    private GeographicalDetector() {
    }

    /**
     * The detectors on a table: y (NaN = missing) and the factors' codes, one per row. A row missing in any
     * factor or in y is left out of every detector, so all q refer to the same observations.
     */
    public static Report of(double[] y, List<Factor> factors, SingleMemberStrata convention) {
        int k = factors.size();
        boolean[] use = new boolean[y.length];
        for (int r = 0; r < y.length; r++) {
            boolean ok = Double.isFinite(y[r]);
            for (Factor f : factors) {
                if (f.codes().length != y.length) {
                    throw new IllegalArgumentException("factor " + f.name() + " has " + f.codes().length
                            + " values, y has " + y.length);
                }
                ok &= f.codes()[r] >= 0;
            }
            use[r] = ok;
        }
        StratumSums[] single = new StratumSums[k];
        StratumSums[][] pairs = new StratumSums[k][k];
        for (int i = 0; i < k; i++) {
            single[i] = new StratumSums(factors.get(i).classes());
            for (int j = i + 1; j < k; j++) {
                pairs[i][j] = new StratumSums(factors.get(i).classes() * factors.get(j).classes());
            }
        }
        for (int r = 0; r < y.length; r++) {
            if (!use[r]) {
                continue;
            }
            for (int i = 0; i < k; i++) {
                int ci = factors.get(i).codes()[r];
                single[i].add(ci, y[r]);
                for (int j = i + 1; j < k; j++) {
                    Factor fj = factors.get(j);
                    pairs[i][j].add(ci * fj.classes() + fj.codes()[r], y[r]);
                }
            }
        }
        List<String> names = new ArrayList<>();
        for (Factor f : factors) {
            names.add(f.name());
        }
        return fromSums(names, single, pairs, convention);
    }

    /**
     * The detectors from accumulated sums: {@code single[i]} of factor i, {@code pairs[i][j]} (i &lt; j) of the
     * overlay of factors i and j (null when the interaction is not wanted).
     */
    public static Report fromSums(List<String> names, StratumSums[] single, StratumSums[][] pairs,
                                  SingleMemberStrata convention) {
        int k = names.size();
        List<FactorDetector.Result> factor = new ArrayList<>();
        List<RiskDetector.Result> risk = new ArrayList<>();
        StratumSums[] used = new StratumSums[k];
        for (int i = 0; i < k; i++) {
            factor.add(FactorDetector.detect(single[i], convention));
            used[i] = convention == SingleMemberStrata.DROP ? single[i].withoutSingleMembers() : single[i];
            risk.add(RiskDetector.detect(used[i]));
        }
        List<InteractionResult> inter = new ArrayList<>();
        List<EcologicalResult> eco = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++) {
                if (pairs != null && pairs[i][j] != null) {
                    FactorDetector.Result o = FactorDetector.detect(pairs[i][j], convention);
                    double q1 = factor.get(i).q(), q2 = factor.get(j).q();
                    inter.add(new InteractionResult(names.get(i), names.get(j), q1, q2, o,
                            Interaction.classify(q1, q2, o.q())));
                }
                eco.add(new EcologicalResult(names.get(i), names.get(j), EcologicalDetector.detect(used[i], used[j])));
            }
        }
        return new Report(names, factor, inter, risk, eco, convention);
    }
}
