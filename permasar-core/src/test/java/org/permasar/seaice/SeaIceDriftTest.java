package org.permasar.seaice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Sea-ice drift against {@link FloeScene}: nine textured floes, each moved by a known rigid translation
 * (common drift + ±8 px) and rotation, independent speckle in each image. Truth for a vector starting on a
 * floe: that floe's motion at the start point; a vector starting in open water is scored against the
 * nearest floe (edge corners are carried by the floe edge).
 */
class SeaIceDriftTest {

    /** Errors (px) of the kept vectors: {interior, all}; prints a summary. */
    private static double[][] errors(FloeScene s, DriftVectors d, String label) {
        double[] interior = new double[d.size()], all = new double[d.size()];
        int ni = 0, na = 0;
        for (int q = 0; q < d.size(); q++) {
            if (d.flag()[q] != DriftVectors.KEPT) {
                continue;
            }
            int f = s.floeAt(d.row()[q], d.col()[q], 16);
            int g = f >= 0 ? f : s.nearestFloe(d.row()[q], d.col()[q]);
            double[] t = s.truth(g, d.row()[q], d.col()[q]);
            double e = Math.hypot(d.dr()[q] - t[0], d.dc()[q] - t[1]);
            all[na++] = e;
            if (f >= 0) {
                interior[ni++] = e;
            }
        }
        int goodLost = 0;
        for (int q = 0; q < d.size(); q++) {
            if (d.flag()[q] == DriftVectors.REGIONAL_OUTLIER) {
                double[] t = s.truth(s.nearestFloe(d.row()[q], d.col()[q]), d.row()[q], d.col()[q]);
                goodLost += Math.hypot(d.dr()[q] - t[0], d.dc()[q] - t[1]) < 1 ? 1 : 0;
            }
        }
        double[] i2 = Arrays.copyOf(interior, ni), a2 = Arrays.copyOf(all, na);
        Arrays.sort(i2);
        Arrays.sort(a2);
        System.out.printf("%s: %d matches, %d kept (%d interior), %d no pattern match, %d too fast, %d regional outliers (%d of them within 1 px of the truth); "
                + "interior error median %.3f px, 90%% %.3f px, max %.3f; all kept: median %.3f, max %.3f, > 2 px: %d%n", label,
                d.size(), d.kept(), ni, d.count(DriftVectors.NO_PATTERN_MATCH), d.count(DriftVectors.TOO_FAST),
                d.count(DriftVectors.REGIONAL_OUTLIER), goodLost, q(i2, 0.5), q(i2, 0.9), q(i2, 1), q(a2, 0.5), q(a2, 1),
                Arrays.stream(a2).filter(e -> e > 2).count());
        return new double[][] {i2, a2};
    }

    private static double q(double[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
    }

    @Test
    void rigidFloesWithRotationAndSpeckle() {
        long seed = 20261207L;
        FloeScene s = new FloeScene(seed, 10, -15, 6, 8);
        long t0 = System.nanoTime();
        DriftVectors d = SeaIceDrift.track(s.reference, s.secondary, FloeScene.SIZE, FloeScene.SIZE, DriftParameters.DEFAULTS);
        double sec = (System.nanoTime() - t0) / 1e9;
        double[][] e = errors(s, d, "8-look speckle, rotations ≤ 6°, seed " + seed + String.format(", %.2f s", sec));
        errors(s, SeaIceDrift.track(s.reference, s.secondary, FloeScene.SIZE, FloeScene.SIZE,
                DriftParameters.DEFAULTS.withOriented(false)), "same, descriptors not oriented");
        assertTrue(e[0].length >= 80, "interior vectors kept: " + e[0].length);
        assertTrue(q(e[0], 0.5) < 0.5, "interior median error " + q(e[0], 0.5) + " px");
        assertTrue(q(e[0], 0.9) < 1.0, "interior 90th percentile " + q(e[0], 0.9) + " px");
        long bad = Arrays.stream(e[1]).filter(x -> x > 2).count();
        assertTrue(bad <= 0.02 * e[1].length, bad + " of " + e[1].length + " kept vectors are more than 2 px off");
    }

    @Test
    void rotationsUpToTwelveDegrees() {
        FloeScene s = new FloeScene(11L, -6, 12, 12, 8);
        DriftVectors d = SeaIceDrift.track(s.reference, s.secondary, FloeScene.SIZE, FloeScene.SIZE, DriftParameters.DEFAULTS);
        double[][] e = errors(s, d, "rotations ≤ 12°, oriented");
        errors(s, SeaIceDrift.track(s.reference, s.secondary, FloeScene.SIZE, FloeScene.SIZE,
                DriftParameters.DEFAULTS.withOriented(false)), "rotations ≤ 12°, not oriented");
        assertTrue(e[0].length >= 60, "interior vectors kept: " + e[0].length);
        assertTrue(q(e[0], 0.5) < 0.5, "median interior error " + q(e[0], 0.5) + " px");
        long bad = Arrays.stream(e[1]).filter(x -> x > 3).count();
        assertTrue(bad <= 0.05 * e[1].length, bad + " of " + e[1].length + " kept vectors are more than 3 px off");
    }

    @Test
    void noDataBlockGivesNoVectors() {
        FloeScene s = new FloeScene(3L, 4, 6, 3, 8);
        float[] a = s.reference.clone();
        for (int r = 150; r < 330; r++) {
            for (int c = 150; c < 330; c++) {
                a[r * FloeScene.SIZE + c] = Float.NaN; // the middle floe and around it: no data
            }
        }
        DriftVectors d = SeaIceDrift.track(a, s.secondary, FloeScene.SIZE, FloeScene.SIZE, DriftParameters.DEFAULTS);
        int m = DriftParameters.DEFAULTS.margin();
        for (int q = 0; q < d.size(); q++) {
            boolean near = d.row()[q] > 150 - m && d.row()[q] < 330 + m && d.col()[q] > 150 - m && d.col()[q] < 330 + m;
            assertTrue(!near, "vector at (" + d.row()[q] + ", " + d.col()[q] + ") starts within " + m + " px of the NaN block");
        }
        assertTrue(d.kept() >= 100, "the rest of the scene still tracks: " + d.kept());
    }

    @Test
    void regionalFilterRemovesGrossOutliers() {
        // a smooth rotation field u = −0.01·y, v = 0.01·x + 3 on 400 scattered points, 0.2 px noise, 20 gross outliers
        Random rnd = new Random(5L);
        int n = 400;
        double[] y = new double[n], x = new double[n], u = new double[n], v = new double[n];
        int[] flag = new int[n];
        boolean[] bad = new boolean[n];
        for (int k = 0; k < n; k++) {
            y[k] = 500 * rnd.nextDouble();
            x[k] = 500 * rnd.nextDouble();
            u[k] = -0.01 * y[k] + 0.2 * rnd.nextGaussian();
            v[k] = 0.01 * x[k] + 3 + 0.2 * rnd.nextGaussian();
            if (k % 20 == 0) {
                bad[k] = true;
                u[k] += (rnd.nextBoolean() ? 1 : -1) * (8 + 10 * rnd.nextDouble());
            }
        }
        int marked = RegionalVectorFilter.apply(y, x, u, v, flag, 60, 3, 0.5);
        int caught = 0, lost = 0;
        for (int k = 0; k < n; k++) {
            boolean m = flag[k] == DriftVectors.REGIONAL_OUTLIER;
            caught += bad[k] && m ? 1 : 0;
            lost += !bad[k] && m ? 1 : 0;
        }
        System.out.println("regional filter: " + caught + " of 20 outliers caught, " + lost + " of 380 good vectors lost");
        assertEquals(20, caught, "all gross outliers flagged");
        assertTrue(lost <= 8, lost + " good vectors flagged (≤ 2 %)");
        assertEquals(caught + lost, marked);
    }
}
