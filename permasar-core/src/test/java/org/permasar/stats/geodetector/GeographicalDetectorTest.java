package org.permasar.stats.geodetector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The detectors on the R {@code geodetector} vignette (CollectData, shared/data/geodetector/README.md), on hand
 * examples worked in closed form, and against SciPy 1.10 for the tests' p-values.
 */
class GeographicalDetectorTest {
    static Path shared() {
        return Path.of(System.getProperty("permasar.shared", "../shared"));
    }

    /** CollectData: y and the three factors (codes 1… → 0…). */
    static GeographicalDetector.Report collectData(SingleMemberStrata convention) throws IOException {
        List<String> lines = Files.readAllLines(shared().resolve("data/geodetector/collectdata_heshun_ntd.csv"));
        int n = lines.size() - 1;
        double[] y = new double[n];
        int[][] codes = new int[3][n];
        for (int r = 0; r < n; r++) {
            String[] f = lines.get(r + 1).split(",");
            y[r] = Double.parseDouble(f[0]);
            for (int k = 0; k < 3; k++) {
                codes[k][r] = Integer.parseInt(f[k + 1]) - 1;
            }
        }
        List<GeographicalDetector.Factor> factors = new ArrayList<>();
        String[] names = {"watershed", "soiltype", "elevation"};
        int[] classes = {9, 5, 7};
        for (int k = 0; k < 3; k++) {
            factors.add(new GeographicalDetector.Factor(names[k], codes[k], classes[k]));
        }
        return GeographicalDetector.of(y, factors, convention);
    }

    @Test
    void reproducesTheGeodetectorVignette() throws IOException {
        GeographicalDetector.Report r = collectData(SingleMemberStrata.KEEP);
        // the package vignette's printed values (7 significant digits)
        double[][] qp = {{0.6377737, 0.0001169914}, {0.3857168, 0.3632363}, {0.6067087, 0.0408041}};
        for (int k = 0; k < 3; k++) {
            assertEquals(qp[k][0], r.factor().get(k).q(), 5e-8, r.factors().get(k));
            assertEquals(qp[k][1], r.factor().get(k).p(), 1e-4 * qp[k][1], r.factors().get(k));
        }
        double[] q12 = {0.7356805, 0.7135968, 0.6635237};
        for (int k = 0; k < 3; k++) {
            assertEquals(q12[k], r.interaction().get(k).overlay().q(), 5e-8);
            assertEquals(Interaction.BI_ENHANCE, r.interaction().get(k).interaction());
        }
    }

    @Test
    void keepAndDropConventionsAgainstAnIndependentScipyComputation() throws IOException {
        // /usr/bin/python3 numpy + scipy.stats.ncf.sf, written from the README's formulas (q to 1e-9 is the criterion)
        GeographicalDetector.Report keep = collectData(SingleMemberStrata.KEEP);
        GeographicalDetector.Report drop = collectData(SingleMemberStrata.DROP);
        double[][] keepQp = {{0.6377736700704233, 0.00011699043915416787, 152.0400746598901},
                {0.38571684280942764, 0.3632362881497088, 101.37462679678531},
                {0.6067087097277272, 0.04080406785706064, 197.9165925992842}};
        double[][] dropQp = {{0.6377736700704233, 0.00012880226356173197, 152.86637941347647},
                {0.38571684280942764, 0.3721454859069503, 101.92557585546349},
                {0.6067087097277272, 0.04338224303867282, 198.9922262547151}};
        for (int k = 0; k < 3; k++) {
            assertEquals(keepQp[k][0], keep.factor().get(k).q(), 1e-12);
            assertEquals(keepQp[k][1], keep.factor().get(k).p(), 1e-9 * keepQp[k][1]);
            assertEquals(keepQp[k][2], keep.factor().get(k).lambda(), 1e-9 * keepQp[k][2]);
            assertEquals(dropQp[k][0], drop.factor().get(k).q(), 1e-12);
            assertEquals(dropQp[k][1], drop.factor().get(k).p(), 1e-9 * dropQp[k][1]);
            assertEquals(dropQp[k][2], drop.factor().get(k).lambda(), 1e-9 * dropQp[k][2]);
        }
        double[] keep12 = {0.7356805481395312, 0.7135967785347096, 0.6635236983356346};
        double[] drop12 = {0.7231835614505173, 0.7102780882741824, 0.6629798049353234};
        int[] dropL = {19, 20, 17};
        for (int k = 0; k < 3; k++) {
            assertEquals(keep12[k], keep.interaction().get(k).overlay().q(), 1e-12);
            assertEquals(drop12[k], drop.interaction().get(k).overlay().q(), 1e-12);
            assertEquals(dropL[k], drop.interaction().get(k).overlay().strata());
        }
    }

    @Test
    void closedFormTwoStrata() {
        // y = 1, 3 | 5, 7: means 2 and 6, SSW = 4, SST = 20 → q = 0.8, F = 2·0.8/0.2 = 8,
        // λ = (2² + 6² − (√2·2 + √2·6)²/4) / (20/3) = 8 / (20/3) = 1.2; p = scipy ncf.sf(8, 1, 2, 1.2)
        StratumSums s = StratumSums.of(new int[] {0, 0, 1, 1}, new double[] {1, 3, 5, 7});
        FactorDetector.Result r = FactorDetector.detect(s, SingleMemberStrata.KEEP);
        assertEquals(0.8, r.q(), 1e-15);
        assertEquals(8, r.f(), 1e-12);
        assertEquals(1.2, r.lambda(), 1e-12);
        assertEquals(0.20671424514665415, r.p(), 1e-12);
        // ecological: B = {1, 5 | 3, 7} has means 3, 5 and SSW = 16 → F = 4·3·4 / (4·3·16) = 0.25; p = f.sf(0.25, 3, 3)
        StratumSums b = StratumSums.of(new int[] {0, 1, 0, 1}, new double[] {1, 3, 5, 7});
        EcologicalDetector.Result e = EcologicalDetector.detect(s, b);
        assertEquals(0.25, e.f(), 1e-15);
        assertEquals(0.857621510067353, e.p(), 1e-12);
    }

    @Test
    void degenerateCasesAreNaN() {
        assertTrue(Double.isNaN(FactorDetector.detect(StratumSums.of(new int[] {0, 0}, new double[] {1, 2}),
                SingleMemberStrata.KEEP).p()));
        assertTrue(Double.isNaN(FactorDetector.detect(StratumSums.of(new int[] {0, 1}, new double[] {3, 3}),
                SingleMemberStrata.KEEP).q()));
    }

    @Test
    void interactionClasses() {
        checkInteraction(0.3, 0.5, 0.2, Interaction.NONLINEAR_WEAKEN);
        checkInteraction(0.3, 0.5, 0.4, Interaction.UNI_WEAKEN);
        checkInteraction(0.3, 0.5, 0.6, Interaction.BI_ENHANCE);
        checkInteraction(0.3, 0.5, 0.8, Interaction.INDEPENDENT);
        checkInteraction(0.3, 0.5, 0.9, Interaction.NONLINEAR_ENHANCE);
        checkInteraction(0.3, 0.5, 0.5, Interaction.BI_ENHANCE);
    }

    @Test
    void riskDetectorWelchMatchesScipy() throws IOException {
        RiskDetector.Result soil = collectData(SingleMemberStrata.KEEP).risk().get(1);
        assertEquals(5, soil.strata().size());
        // scipy.stats.ttest_ind(y[soil == 1], y[soil == 2], equal_var=False): t = −3.8352310764523914, p = 0.0016414022162561984
        RiskDetector.Pair p12 = soil.pairs().get(0);
        assertEquals(-3.8352310764523914, p12.t(), 1e-12);
        assertEquals(0.0016414022162561984, p12.p(), 1e-9);
        assertTrue(p12.significant());
        // soil 2 vs 3: t = 1.0853703738263711, p = 0.29164363959487904
        RiskDetector.Pair p23 = soil.pairs().get(4);
        assertEquals(1, p23.a());
        assertEquals(2, p23.b());
        assertEquals(1.0853703738263711, p23.t(), 1e-12);
        assertEquals(0.29164363959487904, p23.p(), 1e-9);
    }

    private static void checkInteraction(double q1, double q2, double q12, Interaction expected) {
        assertEquals(expected, Interaction.classify(q1, q2, q12), q1 + ", " + q2 + " → " + q12);
        assertEquals(expected, Interaction.classify(q2, q1, q12));
    }
}
